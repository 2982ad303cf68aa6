// The logging surface modules use, and its one binding to the runner: every line goes through
// scrub(), and logging never throws (it must not be what breaks the step).
import * as core from '@actions/core';
import { scrub } from './secrets.js';

export interface Logger {
  info(message: string): void;
  warning(message: string): void;
  debug(message: string): void;
}

export const silentLogger: Logger = { info() {}, warning() {}, debug() {} };

function safely(write: (message: string) => void): (message: string) => void {
  return (message) => {
    try {
      write(scrub(message));
    } catch {
      // nothing to report to
    }
  };
}

/** The runner's log, secrets scrubbed. */
export const actionLog: Logger & { notice(message: string): void } = {
  info: safely((m) => core.info(m)),
  warning: safely((m) => core.warning(m)),
  debug: safely((m) => core.debug(m)),
  notice: safely((m) => core.notice(m)),
};

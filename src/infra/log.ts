// The logging surface modules use, and its one binding to the runner. Every line goes through
// scrub() (secrets) and inert() (workflow commands), and logging never throws (it must not be what
// breaks the step).
//
// The runner executes any stdout line that starts with `::` (after the spacing it trims) and any
// line holding the legacy `##[` prefix. Messages interpolate text from API answers, the event
// payload and inputs; flattening every line break here, once, means none of that text can ever
// start a line of its own, whoever wrote the call site.
import * as core from '@actions/core';
import { scrub } from './secrets.js';

export interface Logger {
  info(message: string): void;
  warning(message: string): void;
  debug(message: string): void;
  notice(message: string): void;
}

export const silentLogger: Logger = { info() {}, warning() {}, debug() {}, notice() {} };

/** Every line break a runner, a terminal or a log viewer may honour. */
// eslint-disable-next-line no-control-regex -- these control characters are the point
const LINE_BREAKS = /\r\n|[\n\r\u000b\u000c\u001c-\u001e\u0085\u2028\u2029]/g;
/** What the runner trims before looking for `::` (C#'s TrimStart: any white space). */
const COMMAND_START = /^[\s\p{Z}\u180e\ufeff]*::/u;

/**
 * One line that the runner cannot read as a command: line breaks become " ⏎ ", a leading `::`
 * gets a visible prefix, and `##[` is split by a zero-width space so no text can smuggle one in.
 */
export function inert(message: string): string {
  const flat = message.replace(LINE_BREAKS, ' ⏎ ').replace(/##\[/g, '#\u200b#[');
  return COMMAND_START.test(flat) ? `› ${flat}` : flat;
}

function safely(write: (message: string) => void, shape: (message: string) => string) {
  return (message: string): void => {
    try {
      write(shape(scrub(message)));
    } catch {
      // nothing to report to
    }
  };
}

/**
 * Annotations and debug lines are single commands: @actions/core encodes CR and LF in their data,
 * so they may span lines for the reader; only the legacy `##[` needs breaking there.
 */
const commandData = (message: string) => message.replace(/##\[/g, '#\u200b#[');

/** The runner's log: secrets scrubbed; plain lines flattened and inert. */
export const actionLog: Logger = {
  info: safely((m) => core.info(m), inert),
  warning: safely((m) => core.warning(m), commandData),
  debug: safely((m) => core.debug(m), commandData),
  notice: safely((m) => core.notice(m), commandData),
};

/** Fails the step with an error annotation (exit code 1), through the same scrubbing. */
export function failStep(message: string): void {
  process.exitCode = 1;
  try {
    core.setFailed(commandData(scrub(message)));
  } catch {
    // the exit code is already set
  }
}

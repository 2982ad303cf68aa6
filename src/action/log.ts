// The logging port bound to the runner: every line goes through scrub() (secrets) and inert()
// (workflow commands), and logging never throws (it must not be what breaks the step). The only
// logger that speaks to @actions/core.
import * as core from '@actions/core';
import { commandData, inert, type Logger } from '../infra/log.js';
import { scrub } from '../infra/secrets.js';
import { policyAnnotation } from '../report/render-policy.js';
import type { PolicyReport } from '../report/policy-model.js';

function safely(write: (message: string) => void, shape: (message: string) => string) {
  return (message: string): void => {
    try {
      write(shape(scrub(message)));
    } catch {
      // nothing to report to
    }
  };
}

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

/**
 * At most one warning annotation for the policy file as a whole (issue 18), at its first flagged
 * line; never throws.
 */
export function annotatePolicyFile(policy: PolicyReport): void {
  const note = policyAnnotation(policy);
  if (!note) return;
  try {
    core.warning(commandData(scrub(note.message)), { file: note.file, startLine: note.line });
  } catch {
    // nothing to report to
  }
}

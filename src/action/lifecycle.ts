// The process around a run: last-resort handlers, the watchdog, and the guard that makes the
// verdict final once written. Whatever is thrown, wherever, and whenever the process stops, the
// run ends with `result=error` and a failed step unless a verdict was written first.
import * as core from '@actions/core';
import { describeError } from '../infra/errors.js';
import { actionLog, failStep } from './log.js';
import { failedRunReport } from '../report/model.js';
import { outputValues } from '../report/outputs.js';
import { scrub } from '../infra/secrets.js';

let verdictWritten = false;
let failing = false;

/** Slack past timeout-seconds + wait-for-scan before the watchdog calls the run stuck. */
export const WATCHDOG_GRACE_MS = 60_000;

/** Installs the handlers that turn any escape (rejection, exception, early exit) into an error. */
export function installLastResortHandlers(): void {
  // A closed stdout or stderr (EPIPE) must not turn every later log line into an uncaught
  // exception: the verdict still goes to GITHUB_OUTPUT and the exit code.
  process.stdout.on('error', () => {});
  process.stderr.on('error', () => {});
  process.on('unhandledRejection', failUnexpected);
  process.on('uncaughtException', failUnexpected);
  // The event loop ran dry before a verdict (a request that never settles holds no handle): that
  // is an error, never a silent exit 0.
  process.on('beforeExit', () => {
    if (!verdictWritten) failUnexpected(new Error('the run stopped before reaching a verdict'));
  });
}

/**
 * Writes the outputs once, `result` among them, as the run's final word. Returns false when a
 * verdict was already written (by a crash report, which a late normal verdict must not undo).
 */
export function writeVerdict(values: Record<string, string>): boolean {
  if (verdictWritten) return false;
  verdictWritten = true;
  for (const [name, value] of Object.entries(values)) core.setOutput(name, scrub(value));
  return true;
}

/**
 * If something never settles (a request a library lost, say) while other handles keep the
 * process alive, fail the step instead of running until the job's own timeout. Unref'd, so it
 * never keeps an otherwise finished process alive.
 */
export function armWatchdog(ms: number): void {
  setTimeout(() => {
    failUnexpected(new Error(`the run did not finish within ${Math.round(ms / 1000)} s`));
    process.exit(1);
  }, ms).unref();
}

/** Last line of defence: whatever was thrown, the run ends as error and the step fails. */
export function failUnexpected(err: unknown): void {
  // The exit code first: whatever happens while reporting, the step fails.
  process.exitCode = 1;
  // A failure while reporting a failure (a closed stdout, say) must not loop: report once.
  if (failing) return;
  failing = true;
  const message = `Unexpected error: ${describeError(err)}`;
  // The stack (mapped through dist's source map by whoever debugs it) only at debug level.
  if (err instanceof Error && err.stack)
    actionLog.debug(`Stack of the unexpected error: ${err.stack}`);
  try {
    // Written even over a verdict already written: a run that crashed after it is not a pass.
    verdictWritten = true;
    const values = outputValues(failedRunReport(scrub(message)));
    for (const [name, value] of Object.entries(values)) core.setOutput(name, value);
  } catch {
    // outputs are best effort here; the failure below is what matters
  }
  failStep(message);
}

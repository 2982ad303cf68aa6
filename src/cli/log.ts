// The logging port bound to standard error for the command line. Standard output carries only
// the verdict (text) or the one JSON document, so every progress line, warning and notice goes
// here; each passes through scrub() (secrets) and inert() (one line, never a workflow command:
// the CLI may itself run inside a GitHub runner, and CI logs of other systems must not be
// spoofed by text from an API answer). Writing never throws: logging must not break a run.
//
// It also remembers when it last wrote, so the front end's heartbeat can say "still waiting"
// whenever the engine has been silent for a while: a long wait for a scan is never silent.
import { inert, type Logger } from '../infra/log.js';
import { scrub } from '../infra/secrets.js';

export interface StderrLogger extends Logger {
  /** Date.now() of the last line written. */
  lastWrite(): number;
}

export function stderrLogger(
  write: (text: string) => void = (t) => void process.stderr.write(t),
  now: () => number = Date.now,
): StderrLogger {
  let last = now();
  const line = (prefix: string) => (message: string) => {
    try {
      write(`${inert(`${prefix}${scrub(message)}`)}\n`);
      last = now();
    } catch {
      // nothing to report to
    }
  };
  return {
    info: line(''),
    warning: line('warning: '),
    notice: line('notice: '),
    // Debug lines are for the runner's step debug mode; the command line has none.
    debug: () => {},
    lastWrite: () => last,
  };
}

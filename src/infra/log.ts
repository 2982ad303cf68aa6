// The logging port every module writes to (bound to the runner in action/log.ts, to standard
// error in the CLI), and inert(): the one rule that keeps a log line from being read as a
// workflow command. Every binding scrubs secrets and applies inert() to plain lines.
//
// The runner executes any stdout line that starts with `::` (after the spacing it trims) and any
// line holding the legacy `##[` prefix. Messages interpolate text from API answers, the event
// payload and inputs; flattening every line break here, once, means none of that text can ever
// start a line of its own, whoever wrote the call site.

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

/**
 * Annotations and debug lines are single commands: @actions/core encodes CR and LF in their data,
 * so they may span lines for the reader; only the legacy `##[` needs breaking there.
 */
export const commandData = (message: string) => message.replace(/##\[/g, '#\u200b#[');

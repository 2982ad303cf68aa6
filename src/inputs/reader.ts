// Reads action inputs the way the runner passes them, INPUT_<NAME> trimmed (the rule of
// @actions/core's getInput, which this deliberately re-implements: it reads an injected
// environment, so tests need no process globals, and it collects every problem instead of
// throwing at the first, so bad input is reported all at once before any request).
// Every parsing rule (booleans, whole numbers, choices, lists) exists here once.
import { show } from '../infra/text.js';

/** Comma- or newline-separated entries, trimmed, empty ones dropped. */
export function splitList(raw: string): string[] {
  return raw
    .split(/[,\n]/)
    .map((s) => s.trim())
    .filter((s) => s !== '');
}

export class InputReader {
  /** Every problem found so far, each naming its input and what it accepts. */
  readonly problems: string[] = [];

  /**
   * `label` names a setting in messages: the input name by default (the action); the command
   * line passes its own (`--name`, or `--name (from SAS_IMAGE_GATE_NAME)`). A message that starts
   * with a setting's name and a colon is relabelled in problem(), so every rule speaks the front
   * end's language without knowing it.
   */
  constructor(
    readonly env: NodeJS.ProcessEnv,
    readonly label: (name: string) => string = (name) => name,
  ) {}

  /** The input as given ('' when absent): INPUT_<NAME upper-cased>, trimmed. */
  raw(name: string): string {
    return (this.env[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`] ?? '').trim();
  }

  problem(message: string): void {
    const lead = /^([a-z][a-z0-9-]*):/.exec(message);
    const name = lead?.[1];
    this.problems.push(
      name === undefined ? message : `${this.label(name)}${message.slice(name.length)}`,
    );
  }

  /** One of `accepted` (any case); empty means `fallback`. */
  choice<T extends string>(name: string, accepted: readonly T[], fallback: T): T {
    const raw = this.raw(name);
    if (raw === '') return fallback;
    const hit = accepted.find((a) => a === raw.toLowerCase());
    if (hit) return hit;
    this.problem(`${name}: ${show(raw)} is not accepted; use one of: ${accepted.join(', ')}`);
    return fallback;
  }

  /** The YAML 1.2 core booleans, as core.getBooleanInput accepts them. */
  bool(name: string, fallback: boolean): boolean {
    const raw = this.raw(name);
    if (raw === '') return fallback;
    if (['true', 'True', 'TRUE'].includes(raw)) return true;
    if (['false', 'False', 'FALSE'].includes(raw)) return false;
    this.problem(`${name}: ${show(raw)} is not a boolean; use true or false`);
    return fallback;
  }

  /** A whole number from `min` to `max`; `note` is added to the problem (why the range). */
  integer(name: string, fallback: number, min: number, max: number, note = ''): number {
    const raw = this.raw(name);
    if (raw === '') return fallback;
    const n = /^\d+$/.test(raw) ? Number(raw) : NaN;
    if (Number.isSafeInteger(n) && n >= min && n <= max) return n;
    this.problem(
      `${name}: ${show(raw)} is not accepted; use a whole number from ${min} to ${max}${note}`,
    );
    return fallback;
  }

  /**
   * A number above 0 (decimals allowed) in `unit`s, at most `max`; with `off`, the word off (any
   * case) gives null. Empty means `fallback`.
   */
  positive(
    name: string,
    fallback: number | null,
    opts: { unit: string; max?: number; off?: boolean },
  ): number | null {
    const raw = this.raw(name);
    if (raw === '') return fallback;
    if (opts.off && raw.toLowerCase() === 'off') return null;
    const n = /^\d+(\.\d+)?$/.test(raw) ? Number(raw) : NaN;
    if (n > 0 && (opts.max === undefined || n <= opts.max)) return n;
    const range = opts.max === undefined ? 'above 0' : `above 0 and at most ${opts.max}`;
    this.problem(
      `${name}: ${show(raw)} is not accepted; use a number of ${opts.unit} ${range}${opts.off ? ', or off' : ''}`,
    );
    return fallback;
  }

  /** Text matching `pattern`; empty means `fallback`. `rule` says what is accepted. */
  text(name: string, fallback: string, pattern: RegExp, rule: string): string {
    const raw = this.raw(name);
    const value = raw === '' ? fallback : raw;
    if (!pattern.test(value)) this.problem(`${name}: ${show(raw)} ${rule}`);
    return value;
  }

  /** Comma- or newline-separated entries. */
  list(name: string): string[] {
    return splitList(this.raw(name));
  }
}

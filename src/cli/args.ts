// The command line and the environment → the same named values the action reads from its
// inputs, each with where it came from (`--name`, SAS_IMAGE_GATE_NAME, another variable, or the
// default) so a problem can name what to change. Pure: argv and an environment in, values and
// problems out; files (--images-file) are read by the caller, never here.
//
// Fail closed: everything the parser cannot place is bad input, all of it reported at once: an
// option the CLI does not have (a typo such as --max-cve-vuln must never be ignored), a GitHub-only
// input, a SAS_IMAGE_GATE_* variable that names no option, an option given twice. Secrets are
// never taken from the command line, and no value that may be a secret is ever repeated in a
// message: a refused or unknown option is named without its value, and a stray argument by its
// position only.
import { nearest } from '../infra/text.js';
import {
  ENV_PREFIX,
  FILE_OPTIONS,
  FORMATS,
  NOT_OPTIONS,
  OPTION_BY_NAME,
  OPTIONS,
  RESERVED_VARIABLES,
  SECRET_OPTIONS,
  variableName,
  type OptionSpec,
} from './options.js';

/** Where a value came from. */
export type Origin =
  | { kind: 'flag' }
  /** SAS_IMAGE_GATE_<NAME>, or the variable an option defaults to (ALIBABA_CLOUD_ROLE_ARN, …). */
  | { kind: 'variable'; variable: string }
  | { kind: 'default' };

export interface OptionValue {
  value: string;
  origin: Origin;
}

export interface ParsedArgs {
  /**
   * Every option that has a value, by its name (the action input names, plus the CLI's own):
   * the flag, else SAS_IMAGE_GATE_<NAME>, else the variable it defaults to, else the default.
   * An option with none of these is absent. At most one of `images` (the lines, from
   * SAS_IMAGE_GATE_IMAGES) and `images-file` (a path) is present.
   */
  values: Record<string, OptionValue>;
  help: boolean;
  version: boolean;
  /** Bad input, in the order found; each names the option (and the variable it came from). */
  problems: string[];
}

/** How a message names an option: `--name`, with the variable when the value came from one. */
export function optionLabel(name: string, origin?: Origin): string {
  const spec = OPTION_BY_NAME.get(name);
  const flag = spec && !spec.flag ? variableName(name) : `--${name}`;
  if (origin?.kind === 'variable' && origin.variable !== flag)
    return `${flag} (from ${origin.variable})`;
  return flag;
}

/** The values as INPUT_<NAME> variables, the form the action's input reader takes. */
export function toInputEnv(values: Record<string, OptionValue>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, { value }] of Object.entries(values)) {
    if (OPTION_BY_NAME.get(name)?.fromAction) out[`INPUT_${name.toUpperCase()}`] = value;
  }
  return out;
}

// eslint-disable-next-line no-control-regex -- control characters are exactly what is refused
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;
const MAX_PATH = 4096;

/** An option name as a message may show it: printable and short (it is never a value). */
function shownName(name: string): string {
  // eslint-disable-next-line no-control-regex -- control characters are what is replaced
  const clean = name.replace(/[\u0000-\u001f\u007f-\u009f]/g, '?');
  return clean.length > 40 ? `${clean.slice(0, 37)}...` : clean;
}

function secretProblem(shown: string, variable: string): string {
  return `${shown}: secrets are never taken from the command line or SAS_IMAGE_GATE_* variables (process lists and CI logs show them); set ${variable} instead (the value given was not used and is not shown)`;
}

/** The names a typo is compared with: every flag, and the refused ones (to explain them). */
const FLAG_NAMES = [
  ...OPTIONS.filter((o) => o.flag).map((o) => o.name),
  ...SECRET_OPTIONS.keys(),
  ...NOT_OPTIONS.keys(),
  'images',
];

/** Why `--<name>` is refused, or undefined when it is not a refused name. */
function refusal(name: string, shown: string): string | undefined {
  const secret = SECRET_OPTIONS.get(name);
  if (secret) return secretProblem(shown, secret);
  const why = NOT_OPTIONS.get(name);
  if (why) return `${shown} is not an option of the command line: ${why}`;
  if (name === 'images')
    return `${shown} is not an option: give the image lines in a file with --images-file <path>, or in the variable SAS_IMAGE_GATE_IMAGES`;
  return undefined;
}

function unknownFlag(name: string): string {
  const shown = `--${shownName(name)}`;
  const guess = nearest(name, FLAG_NAMES);
  const refused = guess === undefined ? undefined : refusal(guess, `--${guess}`);
  if (guess !== undefined && refused !== undefined)
    return `${shown} is not an option (the value given, if any, is not shown); it looks like ${refused}`;
  const hint = guess === undefined ? '' : `did you mean --${guess}? `;
  return `${shown} is not an option (the value given, if any, is not shown); ${hint}sas-image-gate --help lists every option`;
}

/** Reads the flags: values by name (set only when not empty), help, version, problems. */
function readFlags(argv: readonly string[], problems: string[]) {
  const flags = new Map<string, string>();
  const seen = new Set<string>();
  let help = false;
  let version = false;
  for (let i = 0; i < argv.length; i++) {
    const token = argv[i] ?? '';
    const position = i + 1;
    // A value that follows an option: a refused or unknown option's is skipped unseen.
    const takeNext = (): string | undefined => {
      const next = argv[i + 1];
      if (next === undefined || next.startsWith('--')) return undefined;
      i++;
      return next;
    };
    if (token === '-h') {
      help = true;
      continue;
    }
    if (token === '--') {
      const rest = argv.length - position;
      if (rest > 0)
        problems.push(
          `arguments after -- (${rest}, not shown) are not accepted: sas-image-gate takes options only`,
        );
      break;
    }
    if (!token.startsWith('--')) {
      const shown = /^-[A-Za-z]$/.test(token) ? `${token} ` : '';
      problems.push(
        `argument ${position} ${shown}is not an option${shown ? '' : ' (not shown)'}: sas-image-gate takes options only, spelled --name value or --name=value`,
      );
      continue;
    }
    const eq = token.indexOf('=');
    const name = eq < 0 ? token.slice(2) : token.slice(2, eq);
    const inline = eq < 0 ? undefined : token.slice(eq + 1);
    const spec = OPTION_BY_NAME.get(name);
    if (!spec || !spec.flag) {
      const refused = refusal(name, `--${name}`);
      problems.push(refused ?? unknownFlag(name));
      if (inline === undefined) takeNext();
      continue;
    }
    if (spec.kind === 'switch') {
      if (inline !== undefined) problems.push(`--${name} takes no value`);
      if (name === 'help') help = true;
      else version = true;
      continue;
    }
    const value = inline ?? takeNext();
    if (seen.has(name)) {
      problems.push(`--${name} is given more than once; give it once`);
      continue;
    }
    seen.add(name);
    if (value === undefined) {
      const form = spec.kind === 'boolean' ? 'true or false' : (spec.value ?? '<value>');
      problems.push(`--${name} needs a value: --${name} ${form} (or --${name}=…)`);
      continue;
    }
    // An empty value counts as unset, as an empty action input and an empty variable do.
    if (value.trim() !== '') flags.set(name, value);
  }
  return { flags, help, version };
}

/** SAS_IMAGE_GATE_* variables that name no option: bad input, never silently ignored. */
function checkVariables(env: Readonly<Record<string, string | undefined>>, problems: string[]) {
  const known = new Set(
    OPTIONS.filter((o) => o.kind !== 'switch').map((o) => variableName(o.name)),
  );
  const byVariable = new Map([...FLAG_NAMES].map((n) => [variableName(n), n]));
  for (const variable of Object.keys(env).sort()) {
    if (!variable.startsWith(ENV_PREFIX) || known.has(variable) || RESERVED_VARIABLES.has(variable))
      continue;
    if ((env[variable] ?? '').trim() === '') continue;
    const shown = shownName(variable);
    const name = byVariable.get(variable);
    const refused = name === undefined || name === 'images' ? undefined : refusal(name, shown);
    if (refused) {
      problems.push(refused);
      continue;
    }
    const guess = nearest(variable, [...known]);
    const hint = guess ? `did you mean ${guess}? ` : '';
    problems.push(
      `${shown} is not a variable sas-image-gate reads; ${hint}sas-image-gate --help lists every option (each also read as SAS_IMAGE_GATE_<NAME>)`,
    );
  }
}

function checkOwnValues(values: Record<string, OptionValue>, problems: string[]) {
  const format = values['format'];
  if (format) {
    const lower = format.value.trim().toLowerCase();
    if ((FORMATS as readonly string[]).includes(lower)) format.value = lower;
    else
      problems.push(
        `${optionLabel('format', format.origin)}: ${JSON.stringify(format.value.slice(0, 40))} is not accepted; use text or json`,
      );
  }
  const paths = new Map<string, string>();
  for (const name of [...FILE_OPTIONS, 'images-file']) {
    const entry = values[name];
    if (!entry) continue;
    const label = optionLabel(name, entry.origin);
    const raw = entry.value.trim();
    if (CONTROL.test(raw) || raw.length > MAX_PATH) {
      problems.push(
        `${label} is not a file path (control characters, or longer than ${MAX_PATH} characters); give a path such as report.xml`,
      );
      continue;
    }
    const key = normalise(raw);
    const other = paths.get(key);
    if (other !== undefined)
      problems.push(`${label} names the same file as ${other}; give each file its own path`);
    else paths.set(key, label);
  }
}

/** A path compared with another: `./a//b/../c` and `a/c` are the same file. */
function normalise(p: string): string {
  const absolute = p.startsWith('/');
  const parts: string[] = [];
  for (const part of p.replace(/\\/g, '/').split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..' && parts.length > 0 && parts[parts.length - 1] !== '..') parts.pop();
    else parts.push(part);
  }
  return `${absolute ? '/' : ''}${parts.join('/')}`;
}

/**
 * Flags over SAS_IMAGE_GATE_<NAME> over the variable an option defaults to over the default; an
 * empty value counts as unset at every step (so it can never loosen a limit).
 */
export function parseArgs(
  argv: readonly string[],
  env: Readonly<Record<string, string | undefined>>,
): ParsedArgs {
  const problems: string[] = [];
  const { flags, help, version } = readFlags(argv, problems);
  checkVariables(env, problems);
  const fromEnv = (variable: string): OptionValue | undefined => {
    const value = env[variable];
    return value === undefined || value.trim() === ''
      ? undefined
      : { value, origin: { kind: 'variable', variable } };
  };

  const values: Record<string, OptionValue> = {};
  const resolve = (o: OptionSpec): OptionValue | undefined => {
    const flag = flags.get(o.name);
    if (flag !== undefined) return { value: flag, origin: { kind: 'flag' } };
    const own = fromEnv(variableName(o.name));
    if (own) return own;
    const fallback = o.defaultVariable ? fromEnv(o.defaultVariable) : undefined;
    if (fallback) return fallback;
    return o.default === '' ? undefined : { value: o.default, origin: { kind: 'default' } };
  };
  for (const o of OPTIONS) {
    if (o.kind === 'switch') continue;
    const v = resolve(o);
    if (v) values[o.name] = v;
  }

  // The image lines come from one place. The two variables together say two different things,
  // which is bad input whatever the flags say; --images-file beats SAS_IMAGE_GATE_IMAGES.
  if (fromEnv(variableName('images')) && fromEnv(variableName('images-file')))
    problems.push(
      'SAS_IMAGE_GATE_IMAGES and SAS_IMAGE_GATE_IMAGES_FILE are both set; set one (the lines themselves, or the path of a file holding them)',
    );
  if (values['images'] && values['images-file']) delete values['images'];
  checkOwnValues(values, problems);
  return { values, help, version, problems };
}

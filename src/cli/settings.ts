// From the command line's values (flags over SAS_IMAGE_GATE_* over defaults, args.ts) to the
// named settings the action's reader takes (INPUT_*), so both front ends validate, default and
// gate with exactly the same rules (inputs/config.ts). What only the command line has is done
// here: the images file, the credentials from the ALIBABA_CLOUD_* variables, the ID token of
// keyless runs, the default RoleSessionName, and how a problem names a setting (`--name`, with
// the variable when the value came from one; never a workflow input).
//
// Credentials come from exactly these variables and nowhere else (no other variable family, no
// credentials file, no instance metadata): ALIBABA_CLOUD_ACCESS_KEY_ID (or --access-key-id),
// ALIBABA_CLOUD_ACCESS_KEY_SECRET, ALIBABA_CLOUD_SECURITY_TOKEN; keyless with
// ALIBABA_CLOUD_ROLE_ARN and ALIBABA_CLOUD_OIDC_PROVIDER_ARN (or the flags) and the ID token
// from ALIBABA_CLOUD_OIDC_TOKEN_FILE or SAS_IMAGE_GATE_OIDC_TOKEN. Every secret is registered
// for scrubbing the moment it is read, before anything can fail; the parse of the action's
// reader is handed only a consistent set, so each credential problem is said once, here, in the
// command line's words.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describeError } from '../infra/errors.js';
import { registerSecret } from '../infra/secrets.js';
import { FIRST_POLL_ENV } from '../inputs/config.js';
import { headerUnsafe } from '../inputs/credentials.js';
import { optionLabel, toInputEnv, type OptionValue, type ParsedArgs } from './args.js';
import { OPTION_BY_NAME } from './options.js';

export const KEY_ID_VARIABLE = 'ALIBABA_CLOUD_ACCESS_KEY_ID';
export const SECRET_VARIABLE = 'ALIBABA_CLOUD_ACCESS_KEY_SECRET';
export const TOKEN_VARIABLE = 'ALIBABA_CLOUD_SECURITY_TOKEN';
export const TOKEN_FILE_VARIABLE = 'ALIBABA_CLOUD_OIDC_TOKEN_FILE';
export const OIDC_TOKEN_VARIABLE = 'SAS_IMAGE_GATE_OIDC_TOKEN';

/** The variables whose values are secrets; registered before anything else is read. */
export const SECRET_VARIABLES = [SECRET_VARIABLE, TOKEN_VARIABLE, OIDC_TOKEN_VARIABLE] as const;

export interface CliSettings {
  /** INPUT_* for the action's reader (parseConfig), and nothing else of the environment. */
  inputEnv: NodeJS.ProcessEnv;
  /** How a problem names a setting. */
  label: (name: string) => string;
  problems: string[];
  /** Things to say once (never values). */
  notices: string[];
  /** The ID token of a keyless run (already registered as a secret). */
  oidcToken?: string;
}

type Env = Readonly<Record<string, string | undefined>>;

const trimmed = (env: Env, name: string) => (env[name] ?? '').trim();

/** Registers every secret the environment holds; called first of all. */
export function registerEnvSecrets(env: Env): void {
  for (const name of SECRET_VARIABLES) registerSecret(env[name]);
}

/**
 * RoleSessionName when none is given: sas-image-gate- and the CI job id (GitLab CI_JOB_ID,
 * GitHub GITHUB_RUN_ID, Jenkins and Flow BUILD_NUMBER or BUILD_ID), else the UTC time, in STS's
 * alphabet [A-Za-z0-9.@_-] and at most 64 characters.
 */
export function defaultRoleSessionName(env: Env, now: Date = new Date()): string {
  const id = ['CI_JOB_ID', 'GITHUB_RUN_ID', 'BUILD_NUMBER', 'BUILD_ID']
    .map((name) => trimmed(env, name).replace(/[^A-Za-z0-9.@_-]+/g, '-'))
    .find((v) => v !== '');
  const time = now
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d+Z$/, 'Z');
  return `sas-image-gate-${id ?? time}`.slice(0, 64);
}

export function readSettings(parsed: ParsedArgs, env: Env, cwd: string): CliSettings {
  const values = parsed.values;
  const problems: string[] = [];
  const notices: string[] = [];
  const label = (name: string): string => {
    if (name === 'access-key-secret') return SECRET_VARIABLE;
    if (name === 'security-token') return TOKEN_VARIABLE;
    if (name === 'images' && values['images-file']) return optionLabel('images-file');
    if (OPTION_BY_NAME.has(name)) return optionLabel(name, values[name]?.origin);
    return name;
  };
  const inputEnv: NodeJS.ProcessEnv = toInputEnv(values);
  const poll = env[FIRST_POLL_ENV];
  if (poll !== undefined) inputEnv[FIRST_POLL_ENV] = poll;

  const imagesFile = values['images-file'];
  if (imagesFile) {
    const file = path.resolve(cwd, imagesFile.value.trim());
    try {
      inputEnv['INPUT_IMAGES'] = readFileSync(file, 'utf8');
    } catch (err) {
      problems.push(
        `${optionLabel('images-file', imagesFile.origin)}: cannot read ${JSON.stringify(imagesFile.value.trim())}: ${describeError(err)}`,
      );
    }
  }

  const oidcToken = readCredentials(values, env, cwd, inputEnv, problems, notices);
  return { inputEnv, label, problems, notices, ...(oidcToken ? { oidcToken } : {}) };
}

const HOW =
  `set ${KEY_ID_VARIABLE} and ${SECRET_VARIABLE} (plus ${TOKEN_VARIABLE} for STS keys), ` +
  `or go keyless with --role-arn and --oidc-provider-arn (or ALIBABA_CLOUD_ROLE_ARN and ALIBABA_CLOUD_OIDC_PROVIDER_ARN) ` +
  `and the ID token in the file named by ${TOKEN_FILE_VARIABLE} or in ${OIDC_TOKEN_VARIABLE}`;

/** Chooses keys or keyless, fills inputEnv; returns the ID token of a keyless run. */
function readCredentials(
  values: Record<string, OptionValue>,
  env: Env,
  cwd: string,
  inputEnv: NodeJS.ProcessEnv,
  problems: string[],
  notices: string[],
): string | undefined {
  const keyId = values['access-key-id'];
  const secret = trimmed(env, SECRET_VARIABLE);
  const token = trimmed(env, TOKEN_VARIABLE);
  const role = values['role-arn'];
  const provider = values['oidc-provider-arn'];
  // The reader sees credentials only once they are consistent.
  delete inputEnv['INPUT_ACCESS-KEY-ID'];
  delete inputEnv['INPUT_ROLE-ARN'];
  delete inputEnv['INPUT_OIDC-PROVIDER-ARN'];
  const keyLabel = keyId ? optionLabel('access-key-id', keyId.origin) : '--access-key-id';

  if (role || provider) {
    if (!role || !provider) {
      const given = role
        ? optionLabel('role-arn', role.origin)
        : optionLabel('oidc-provider-arn', provider?.origin);
      problems.push(
        `--role-arn and --oidc-provider-arn: give both for keyless authentication (OIDC), or neither (got only ${given})`,
      );
      return undefined;
    }
    // An access key chosen on purpose (a flag, SAS_IMAGE_GATE_ACCESS_KEY_ID) beside keyless
    // settings is a contradiction; keys merely present in the environment are ignored.
    if (keyId && keyId.origin.kind === 'variable' && keyId.origin.variable === KEY_ID_VARIABLE) {
      notices.push(
        `The access key in ${KEY_ID_VARIABLE} / ${SECRET_VARIABLE} is ignored: --role-arn and --oidc-provider-arn select keyless authentication (OIDC → STS AssumeRoleWithOIDC).`,
      );
    } else if (keyId) {
      problems.push(
        `${keyLabel} and --role-arn / --oidc-provider-arn are both given; use one way at a time (remove ${keyLabel} for keyless authentication)`,
      );
      return undefined;
    }
    inputEnv['INPUT_ROLE-ARN'] = role.value;
    inputEnv['INPUT_OIDC-PROVIDER-ARN'] = provider.value;
    inputEnv['INPUT_ROLE-SESSION-NAME'] =
      values['role-session-name']?.value ?? defaultRoleSessionName(env);
    return readOidcToken(env, cwd, problems);
  }

  if (!keyId && !secret && !token) {
    problems.push(`credentials: none found; ${HOW}`);
    return undefined;
  }
  if (!keyId || !secret) {
    const missing = keyId ? SECRET_VARIABLE : `${KEY_ID_VARIABLE} (or --access-key-id)`;
    const given = keyId ? keyLabel : secret ? SECRET_VARIABLE : TOKEN_VARIABLE;
    problems.push(
      `credentials: ${given} is set but ${missing} is not; set both ${KEY_ID_VARIABLE} and ${SECRET_VARIABLE}, or neither`,
    );
    return undefined;
  }
  const unsafe = headerUnsafe([
    [keyLabel, keyId.value.trim()],
    [SECRET_VARIABLE, secret],
    [TOKEN_VARIABLE, token],
  ]);
  if (unsafe.length > 0) {
    problems.push(...unsafe);
    return undefined;
  }
  inputEnv['INPUT_ACCESS-KEY-ID'] = keyId.value.trim();
  inputEnv['INPUT_ACCESS-KEY-SECRET'] = secret;
  if (token) inputEnv['INPUT_SECURITY-TOKEN'] = token;
  return undefined;
}

/** The ID token from its file or variable; registered as a secret as soon as it is read. */
function readOidcToken(env: Env, cwd: string, problems: string[]): string | undefined {
  const file = trimmed(env, TOKEN_FILE_VARIABLE);
  const direct = trimmed(env, OIDC_TOKEN_VARIABLE);
  if (file && direct) {
    problems.push(
      `${TOKEN_FILE_VARIABLE} and ${OIDC_TOKEN_VARIABLE} are both set; set one (the file holding the ID token, or the token itself)`,
    );
    return undefined;
  }
  if (direct) return direct;
  if (!file) {
    problems.push(
      `keyless authentication needs the ID token: set ${TOKEN_FILE_VARIABLE} to a file holding it, or ${OIDC_TOKEN_VARIABLE} to the token (GitLab CI: id_tokens: with SAS_IMAGE_GATE_OIDC_TOKEN)`,
    );
    return undefined;
  }
  let jwt: string;
  try {
    const raw = readFileSync(path.resolve(cwd, file), 'utf8');
    registerSecret(raw);
    jwt = raw.trim();
  } catch (err) {
    problems.push(
      `${TOKEN_FILE_VARIABLE}: cannot read ${JSON.stringify(file)}: ${describeError(err)}`,
    );
    return undefined;
  }
  registerSecret(jwt);
  if (jwt === '') {
    problems.push(
      `${TOKEN_FILE_VARIABLE}: ${JSON.stringify(file)} is empty; it must hold the ID token`,
    );
    return undefined;
  }
  return jwt;
}

const HYPHENATED = [...OPTION_BY_NAME.keys()].filter((n) => n.includes('-'));
const NAME_IN_TEXT = new RegExp(`(?<![\\w-])(${HYPHENATED.join('|')})(?![\\w=-])`, 'g');

/**
 * A problem from the action's reader in the command line's words: settings named as `--name`,
 * and no workflow syntax (an image digest comes from a variable here, not a step output).
 */
export function cliWording(problem: string): string {
  return problem
    .replace(
      /the step output it was given, such as \$\{\{[^}]*\}\}, was not set/g,
      'the variable it was given (such as the digest from an earlier build step) was empty',
    )
    .replace(/\$\{\{[^}]*\}\}/g, 'an expression')
    .replace(NAME_IN_TEXT, '--$1');
}

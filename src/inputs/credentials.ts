// Where the signing key comes from: keyless GitHub OIDC (role-arn + oidc-provider-arn), else
// action inputs, then the environment variable families other tools set
// (configure-aliyun-credentials-action exports all three).
import { readEndpointInput, type Endpoint } from '../alibaba/endpoints.js';
import type { SigningKey } from '../alibaba/signer.js';
import { show } from '../infra/text.js';
import type { InputReader } from './reader.js';

export const ENV_FAMILIES = [
  {
    name: 'ALIBABA_CLOUD_*',
    id: 'ALIBABA_CLOUD_ACCESS_KEY_ID',
    secret: 'ALIBABA_CLOUD_ACCESS_KEY_SECRET',
    token: 'ALIBABA_CLOUD_SECURITY_TOKEN',
  },
  {
    name: 'ALICLOUD_*',
    id: 'ALICLOUD_ACCESS_KEY',
    secret: 'ALICLOUD_SECRET_KEY',
    token: 'ALICLOUD_SECURITY_TOKEN',
  },
  {
    name: 'ALIBABACLOUD_*',
    id: 'ALIBABACLOUD_ACCESS_KEY_ID',
    secret: 'ALIBABACLOUD_ACCESS_KEY_SECRET',
    token: 'ALIBABACLOUD_SECURITY_TOKEN',
  },
] as const;

export interface StaticCredentials extends SigningKey {
  kind: 'keys';
  /** Where they were read from, for the log (never the values). */
  source: string;
}

/** Keyless: a GitHub ID token exchanged for STS credentials (AssumeRoleWithOIDC) at run time. */
export interface OidcCredentials {
  kind: 'oidc';
  /** For the log (never a secret). */
  source: string;
  roleArn: string;
  oidcProviderArn: string;
  audience: string;
  roleSessionName: string;
  durationSeconds: number;
  stsEndpoint: Endpoint;
  /** Things to tell the user once (e.g. environment keys that are ignored). */
  notices: string[];
}

export type Credentials = StaticCredentials | OidcCredentials;

/**
 * Key id, secret and token travel in HTTP headers: anything but visible ASCII (a pasted newline,
 * a look-alike letter) is refused up front. The value itself is never shown.
 */
export function headerUnsafe(values: ReadonlyArray<readonly [string, string]>): string[] {
  return values
    .filter(([, v]) => v !== '' && !/^[\x21-\x7e]+$/.test(v))
    .map(
      ([name]) =>
        `credentials: ${name} contains characters an access key never has (spaces, line breaks or non-ASCII); copy it again`,
    );
}

export const HOW_TO_PROVIDE_CREDENTIALS =
  'provide credentials with the inputs access-key-id and access-key-secret (plus security-token for STS keys), ' +
  'or set ALIBABA_CLOUD_ACCESS_KEY_ID / ALIBABA_CLOUD_ACCESS_KEY_SECRET in the environment ' +
  '(for example with aliyun/configure-aliyun-credentials-action), ' +
  'or go keyless with role-arn and oidc-provider-arn (GitHub OIDC, needs permissions: id-token: write)';

export const DEFAULT_AUDIENCE = 'sts.aliyuncs.com';
export const DEFAULT_STS_ENDPOINT = 'sts.aliyuncs.com';
export const DEFAULT_DURATION_SECONDS = 900;
export const MIN_DURATION_SECONDS = 900;
export const MAX_DURATION_SECONDS = 43_200;
const SESSION_NAME = /^[A-Za-z0-9.@_-]{2,64}$/;
const ROLE_ARN = /^acs:ram::\d+:role\/[^\s:]{1,256}$/i;
const PROVIDER_ARN = /^acs:ram::\d+:oidc-provider\/[^\s:/]{1,256}$/i;
// eslint-disable-next-line no-control-regex -- control characters are exactly what is refused
const AUDIENCE = /^[^\s\u0000-\u001f\u007f]{1,256}$/;

/**
 * The default RoleSessionName: "gh-<owner>.<repo>-<run id>", reduced to STS's alphabet
 * [A-Za-z0-9.@_-] and 2 to 64 characters (the repository part is shortened, the run id kept).
 */
export function defaultSessionName(env: NodeJS.ProcessEnv): string {
  const clean = (s: string) => s.replace(/[^A-Za-z0-9.@_-]+/g, '-');
  const repo = clean((env['GITHUB_REPOSITORY'] ?? '').trim().replace(/\//g, '.'));
  const runId = clean((env['GITHUB_RUN_ID'] ?? '').trim()).slice(0, 30);
  const tail = runId ? `-${runId}` : '';
  const head = `gh-${repo || 'sas-image-gate'}`.slice(0, 64 - tail.length).replace(/[-.]+$/, '');
  const name = `${head}${tail}`;
  return SESSION_NAME.test(name) ? name : 'sas-image-gate';
}

/** oidc-audience, role-session-name, role-duration-seconds and sts-endpoint, validated. */
function readKeylessSettings(input: InputReader): {
  audience: string;
  roleSessionName: string;
  durationSeconds: number;
  sts: Endpoint | undefined;
} {
  const audience = input.text(
    'oidc-audience',
    DEFAULT_AUDIENCE,
    AUDIENCE,
    `must be 1 to 256 characters without spaces or control characters (default ${DEFAULT_AUDIENCE})`,
  );
  const roleSessionName = input.text(
    'role-session-name',
    defaultSessionName(input.env),
    SESSION_NAME,
    'is not accepted; use 2 to 64 of the characters A-Z a-z 0-9 . @ _ -',
  );
  const durationSeconds = input.integer(
    'role-duration-seconds',
    DEFAULT_DURATION_SECONDS,
    MIN_DURATION_SECONDS,
    MAX_DURATION_SECONDS,
    " (above 3600 the role's maximum session duration must be raised in RAM)",
  );
  const sts = readEndpointInput('sts-endpoint', input.raw('sts-endpoint') || DEFAULT_STS_ENDPOINT);
  if (typeof sts === 'string') input.problem(sts);
  return {
    audience,
    roleSessionName,
    durationSeconds,
    sts: typeof sts === 'string' ? undefined : sts,
  };
}

/**
 * Chooses how the run authenticates. Both role-arn and oidc-provider-arn → keyless OIDC (and
 * access keys given as inputs too are a bad input; keys in the environment are ignored with a
 * notice). Otherwise access keys from inputs or the environment. Secrets are handed to `mask`
 * the moment they are read, before any validation can fail. `hint` (the front end's) ends the
 * message when no credentials are found at all.
 */
export function readCredentials(
  input: InputReader,
  mask: (secret: string) => void,
  hint = '',
): Credentials | undefined {
  const env = input.env;
  // The keyless settings are checked even when unused: bad input of every kind is reported.
  const keyless = readKeylessSettings(input);
  const roleArn = input.raw('role-arn');
  const providerArn = input.raw('oidc-provider-arn');
  if (!roleArn && !providerArn) return readStaticCredentials(input, mask, hint);

  const before = input.problems.length;
  const keyInputs = ['access-key-id', 'access-key-secret', 'security-token'].filter(
    (name) => input.raw(name) !== '',
  );
  // Masked even though they are refused: they are secrets all the same.
  for (const name of ['access-key-secret', 'security-token']) {
    const value = input.raw(name);
    if (value) mask(value);
  }
  if (!roleArn || !providerArn) {
    input.problem(
      `role-arn and oidc-provider-arn: give both for keyless authentication (GitHub OIDC), or neither (got only ${roleArn ? 'role-arn' : 'oidc-provider-arn'})`,
    );
  }
  if (keyInputs.length > 0) {
    input.problem(
      `credentials: ${keyInputs.join(', ')} and role-arn / oidc-provider-arn are both given; use one way at a time (remove the access key inputs for keyless authentication)`,
    );
  }
  if (roleArn && !ROLE_ARN.test(roleArn)) {
    input.problem(
      `role-arn: ${show(roleArn)} is not a RAM role ARN; use acs:ram::<account id>:role/<role name> (RAM console → Roles → the role → ARN)`,
    );
  }
  if (providerArn && !PROVIDER_ARN.test(providerArn)) {
    input.problem(
      `oidc-provider-arn: ${show(providerArn)} is not an OIDC provider ARN; use acs:ram::<account id>:oidc-provider/<provider name> (RAM console → SSO → OIDC → the provider → ARN)`,
    );
  }

  const { audience, roleSessionName, durationSeconds, sts } = keyless;

  const notices: string[] = [];
  const envFamilies = ENV_FAMILIES.filter(
    (f) => (env[f.id] ?? '').trim() !== '' || (env[f.secret] ?? '').trim() !== '',
  );
  for (const f of envFamilies) {
    for (const name of [f.secret, f.token]) {
      const value = (env[name] ?? '').trim();
      if (value) mask(value);
    }
  }
  if (envFamilies.length > 0) {
    notices.push(
      `Access keys in the environment (${envFamilies.map((f) => f.name).join(', ')}) are ignored: role-arn and oidc-provider-arn select keyless authentication (GitHub OIDC → STS AssumeRoleWithOIDC).`,
    );
  }

  if (input.problems.length > before || !sts) return undefined;
  return {
    kind: 'oidc',
    source: `GitHub OIDC → STS AssumeRoleWithOIDC (role ${roleArn}, session ${roleSessionName})`,
    roleArn,
    oidcProviderArn: providerArn,
    audience,
    roleSessionName,
    durationSeconds,
    stsEndpoint: sts,
    notices,
  };
}

/**
 * Reads access keys from inputs or the environment. Secrets are handed to `mask` the moment
 * they are read, before any validation can fail.
 */
export function readStaticCredentials(
  input: InputReader,
  mask: (secret: string) => void,
  hint = '',
): StaticCredentials | undefined {
  const env = input.env;
  const id = input.raw('access-key-id');
  const secret = input.raw('access-key-secret');
  const token = input.raw('security-token');
  for (const s of [secret, token]) if (s) mask(s);
  if (id || secret || token) {
    if (!id || !secret) {
      input.problem(
        `access-key-id and access-key-secret: give both or neither (got only ${id ? 'access-key-id' : secret ? 'access-key-secret' : 'security-token'})`,
      );
      return undefined;
    }
    const unsafe = headerUnsafe([
      ['access-key-id', id],
      ['access-key-secret', secret],
      ['security-token', token],
    ]);
    if (unsafe.length > 0) {
      for (const problem of unsafe) input.problem(problem);
      return undefined;
    }
    return {
      kind: 'keys',
      source: 'inputs',
      accessKeyId: id,
      accessKeySecret: secret,
      securityToken: token || undefined,
    };
  }
  for (const family of ENV_FAMILIES) {
    const envId = (env[family.id] ?? '').trim();
    const envSecret = (env[family.secret] ?? '').trim();
    const envToken = (env[family.token] ?? '').trim();
    for (const s of [envSecret, envToken]) if (s) mask(s);
    if (envId && !envSecret) {
      // Half a key pair is a misconfiguration; falling through to another family could sign
      // as a different account without anyone noticing.
      input.problem(
        `credentials: ${family.id} is set but ${family.secret} is not; set both, or neither`,
      );
      return undefined;
    }
    if (envId && envSecret) {
      const unsafe = headerUnsafe([
        [family.id, envId],
        [family.secret, envSecret],
        [family.token, envToken],
      ]);
      if (unsafe.length > 0) {
        for (const problem of unsafe) input.problem(problem);
        return undefined;
      }
      return {
        kind: 'keys',
        source: `environment (${family.name})`,
        accessKeyId: envId,
        accessKeySecret: envSecret,
        securityToken: envToken || undefined,
      };
    }
  }
  input.problem(`credentials: none found; ${HOW_TO_PROVIDE_CREDENTIALS}.${hint}`);
  return undefined;
}

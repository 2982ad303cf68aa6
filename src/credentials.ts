// Where the signing key comes from: action inputs first, then the environment variable
// families other tools set (configure-aliyun-credentials-action exports all three).
import type { SigningKey } from './alibaba/signer.js';

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

export const HOW_TO_PROVIDE_CREDENTIALS =
  'provide credentials with the inputs access-key-id and access-key-secret (plus security-token for STS keys), ' +
  'or set ALIBABA_CLOUD_ACCESS_KEY_ID / ALIBABA_CLOUD_ACCESS_KEY_SECRET in the environment ' +
  '(for example with aliyun/configure-aliyun-credentials-action)';

/**
 * Reads access keys from inputs or the environment. Secrets are handed to `mask` the moment
 * they are read, before any validation can fail.
 */
export function readStaticCredentials(
  input: (name: string) => string,
  env: NodeJS.ProcessEnv,
  mask: (secret: string) => void,
  problems: string[],
): StaticCredentials | undefined {
  const id = input('access-key-id');
  const secret = input('access-key-secret');
  const token = input('security-token');
  for (const s of [secret, token]) if (s) mask(s);
  if (id || secret || token) {
    if (!id || !secret) {
      problems.push(
        `access-key-id and access-key-secret: give both or neither (got only ${id ? 'access-key-id' : secret ? 'access-key-secret' : 'security-token'})`,
      );
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
      problems.push(
        `credentials: ${family.id} is set but ${family.secret} is not; set both, or neither`,
      );
      return undefined;
    }
    if (envId && envSecret) {
      return {
        kind: 'keys',
        source: `environment (${family.name})`,
        accessKeyId: envId,
        accessKeySecret: envSecret,
        securityToken: envToken || undefined,
      };
    }
  }
  problems.push(`credentials: none found; ${HOW_TO_PROVIDE_CREDENTIALS}`);
  return undefined;
}

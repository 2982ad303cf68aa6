// Keyless authentication, done once per run: the GitHub ID token (github/id-token.ts) is
// exchanged with STS AssumeRoleWithOIDC (alibaba/sts.ts) for short-lived credentials that sign
// every Security Center request. Loaded only by runs that authenticate this way.
import type { SigningKey } from '../alibaba/signer.js';
import { assumeRoleWithOidc } from '../alibaba/sts.js';
import { describeClaims, fetchIdToken, type KeylessOptions } from '../github/id-token.js';
import type { OidcCredentials } from '../inputs/credentials.js';

/**
 * The whole keyless exchange, done once per run: GitHub ID token → STS AssumeRoleWithOIDC →
 * a signing key. Throws (and so ends the run as error) whenever no credentials are obtained.
 */
export async function keylessSigningKey(
  creds: OidcCredentials,
  opts: KeylessOptions,
): Promise<SigningKey> {
  const jwt = await fetchIdToken({ ...opts, audience: creds.audience });
  const key = await assumeRoleWithOidc(
    {
      endpoint: creds.stsEndpoint,
      roleArn: creds.roleArn,
      oidcProviderArn: creds.oidcProviderArn,
      oidcToken: jwt,
      roleSessionName: creds.roleSessionName,
      durationSeconds: creds.durationSeconds,
      audience: creds.audience,
      subject: describeClaims(jwt).sub,
    },
    opts,
  );
  opts.log.info(
    `Assumed ${creds.roleArn} as session ${creds.roleSessionName}; the STS credentials expire at ${key.expiration.toISOString()}${key.requestId ? ` (RequestId ${key.requestId})` : ''}`,
  );
  if (key.expiration.getTime() < Date.now() + opts.deadline.remaining()) {
    opts.log.warning(
      `The STS credentials expire before timeout-seconds runs out: raise role-duration-seconds (now ${creds.durationSeconds}) or lower timeout-seconds if calls start failing with an expired token.`,
    );
  }
  return {
    accessKeyId: key.accessKeyId,
    accessKeySecret: key.accessKeySecret,
    securityToken: key.securityToken,
  };
}

// Keyless authentication, done once per run: an OIDC token from the front end's source (the
// GitHub ID token in the action, a token file or variable in the CLI) is exchanged with STS
// AssumeRoleWithOIDC (alibaba/sts.ts) for short-lived credentials that sign every Security
// Center request. Loaded only by runs that authenticate this way.
import type { SigningKey } from '../alibaba/signer.js';
import { assumeRoleWithOidc } from '../alibaba/sts.js';
import type { Deadline } from '../infra/deadline.js';
import type { Transport } from '../infra/http.js';
import { describeClaims } from '../infra/jwt.js';
import type { Logger } from '../infra/log.js';
import type { OidcCredentials } from '../inputs/credentials.js';

/** What the STS exchange runs with. */
export interface KeylessOptions {
  transport: Transport;
  deadline: Deadline;
  log: Logger;
  /** Called with each secret (STS secret and token) before any other use. */
  mask: (secret: string) => void;
  userAgent?: string;
}

/** The OIDC token for an audience; throws a GateError when none can be had. */
export type IdTokenSource = (audience: string) => Promise<string>;

/**
 * The whole keyless exchange, done once per run: OIDC token → STS AssumeRoleWithOIDC →
 * a signing key. Throws (and so ends the run as error) whenever no credentials are obtained.
 */
export async function keylessSigningKey(
  creds: OidcCredentials,
  opts: KeylessOptions,
  idToken: IdTokenSource,
): Promise<SigningKey> {
  const jwt = await idToken(creds.audience);
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

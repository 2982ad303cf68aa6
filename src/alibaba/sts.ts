// STS AssumeRoleWithOIDC: exchanges a GitHub ID token for short-lived credentials. The call is
// unsigned (the token is the proof), sent the way Alibaba's credentials SDK sends it: Action,
// Version, Format and Timestamp in the query, the rest as a form body. The secret and token it
// returns are registered as secrets the moment the answer is read.
import type { Deadline } from '../infra/deadline.js';
import { GateError } from '../infra/errors.js';
import type { Transport } from '../infra/http.js';
import type { Logger } from '../infra/log.js';
import { NO_CREDENTIALS_ADVICE, retryAfterMs, retrying, type RetryPolicy } from '../infra/retry.js';
import {
  answerError,
  isRetryable,
  isThrottling,
  parseAnswer,
  summarizeAnswer,
  type ParsedAnswer,
} from './api-errors.js';
import { tlsAdvice, type Endpoint } from './endpoints.js';
import { acsDate, percentEncode, type SigningKey } from './signer.js';

export const STS_VERSION = '2015-04-01';
const ACTION = 'AssumeRoleWithOIDC';

export interface AssumeRoleWithOidcRequest {
  endpoint: Endpoint;
  roleArn: string;
  oidcProviderArn: string;
  oidcToken: string;
  roleSessionName: string;
  durationSeconds: number;
  /** The audience the token was requested for, to explain a mismatch. */
  audience: string;
  /** The token's subject claim, to explain a trust policy that does not match. */
  subject?: string;
}

export interface StsOptions {
  transport: Transport;
  deadline: Deadline;
  log: Logger;
  mask: (secret: string) => void;
  userAgent?: string;
  policy?: RetryPolicy;
  now?: () => Date;
}

export interface StsKey extends SigningKey {
  securityToken: string;
  expiration: Date;
  requestId?: string;
}

export function stsQuery(now: Date): string {
  return [
    ['Action', ACTION],
    ['Version', STS_VERSION],
    ['Format', 'JSON'],
    ['Timestamp', acsDate(now)],
  ]
    .map(([k, v]) => `${k}=${percentEncode(v ?? '')}`)
    .join('&');
}

export function stsForm(req: AssumeRoleWithOidcRequest): string {
  return [
    ['RoleArn', req.roleArn],
    ['OIDCProviderArn', req.oidcProviderArn],
    ['OIDCToken', req.oidcToken],
    ['RoleSessionName', req.roleSessionName],
    ['DurationSeconds', String(req.durationSeconds)],
  ]
    .map(([k, v]) => `${k}=${percentEncode(v ?? '')}`)
    .join('&');
}

export async function assumeRoleWithOidc(
  req: AssumeRoleWithOidcRequest,
  opts: StsOptions,
): Promise<StsKey> {
  const what = `STS ${ACTION} at ${req.endpoint.host}`;
  const body = stsForm(req);
  const headers: Record<string, string> = {
    'content-type': 'application/x-www-form-urlencoded',
    accept: 'application/json',
  };
  if (opts.userAgent) headers['user-agent'] = opts.userAgent;

  return retrying<StsKey>(
    {
      what,
      host: req.endpoint.host,
      deadline: opts.deadline,
      log: opts.log,
      policy: opts.policy,
      ...NO_CREDENTIALS_ADVICE,
      tlsAdvice: `${tlsAdvice(req.endpoint, 'sts-endpoint')} No credentials were obtained.`,
    },
    async (timeoutMs) => {
      const url = `${req.endpoint.origin}/?${stsQuery(opts.now?.() ?? new Date())}`;
      opts.log.debug(
        `${ACTION} to ${req.endpoint.host} (form body not shown: it holds the ID token)`,
      );
      const res = await opts.transport.send({ method: 'POST', url, headers, body, timeoutMs });
      const answer = parseAnswer(res.body, res.headers);
      // A 2xx answer whose body reports an error (any JSON type) is an error answer.
      if (res.status >= 200 && res.status < 300 && !answer.failedInBody) {
        return answer.json
          ? { value: readCredentials(answer, opts.mask, what) }
          : {
              done: new GateError(
                `${what} answered HTTP ${res.status} with a body that is not a JSON object (content-type ${res.headers['content-type'] ?? 'none'}). No credentials were obtained.`,
                answer.requestId,
              ),
            };
      }
      if (isRetryable(res.status, answer.code)) {
        return {
          retry: `${answer.code ?? `HTTP ${res.status}`}${answer.requestId ? ` (RequestId ${answer.requestId})` : ''}`,
          final: stsError(what, res.status, answer, req, true),
          minDelayMs: retryAfterMs(res.headers),
        };
      }
      return { done: stsError(what, res.status, answer, req, false) };
    },
  );
}

/** The credentials of a success answer; the secret parts are masked before anything is checked. */
function readCredentials(
  answer: ParsedAnswer,
  mask: (secret: string) => void,
  what: string,
): StsKey {
  const raw = answer.json?.['Credentials'];
  const c = (raw && typeof raw === 'object' ? raw : {}) as Record<string, unknown>;
  // Credentials go into signed headers: only visible ASCII is usable (a padded or multi-line
  // token would be trimmed on the wire and slip past masking).
  const field = (name: string) => {
    const v = c[name];
    if (typeof v === 'string' && v !== '' && v !== v.trim()) mask(v.trim());
    return typeof v === 'string' && /^[\x21-\x7e]+$/.test(v) ? v : undefined;
  };
  const accessKeySecret = field('AccessKeySecret');
  const securityToken = field('SecurityToken');
  if (accessKeySecret) mask(accessKeySecret);
  if (securityToken) mask(securityToken);
  const accessKeyId = field('AccessKeyId');
  const expirationText = field('Expiration');
  const expiration = expirationText ? new Date(expirationText) : undefined;
  const missing = [
    ['AccessKeyId', accessKeyId],
    ['AccessKeySecret', accessKeySecret],
    ['SecurityToken', securityToken],
    ['Expiration', expiration && !Number.isNaN(expiration.getTime()) ? 'ok' : undefined],
  ]
    .filter(([, v]) => v === undefined)
    .map(([name]) => `Credentials.${name}`);
  if (missing.length > 0 || !accessKeyId || !accessKeySecret || !securityToken || !expiration) {
    throw new GateError(
      `${what} answered success without usable credentials (${missing.join(', ')} missing or invalid). No credentials were obtained.`,
      answer.requestId,
    );
  }
  return { accessKeyId, accessKeySecret, securityToken, expiration, requestId: answer.requestId };
}

/** What the user should do about an STS refusal. */
export function stsAdvice(
  code: string | undefined,
  message: string | undefined,
  status: number,
  req: Pick<
    AssumeRoleWithOidcRequest,
    'audience' | 'oidcProviderArn' | 'roleArn' | 'subject' | 'durationSeconds'
  >,
): string {
  const c = code ?? '';
  const m = message ?? '';
  const issuer =
    'issuer URL https://token.actions.githubusercontent.com (GitHub Enterprise Server: https://<your GHES host>/_services/token)';
  if (c === 'AuthenticationFail.OIDCToken.AudienceNotMatch') {
    return (
      `The GitHub ID token was requested for the audience ${JSON.stringify(req.audience)} (input oidc-audience), ` +
      `and that audience is not a Client ID of the OIDC provider ${req.oidcProviderArn}. Either add ${JSON.stringify(req.audience)} ` +
      'to the Client IDs of that provider (RAM console → SSO → OIDC → the provider → Client IDs), or set oidc-audience ' +
      "to one of its Client IDs; the role's trust policy condition on oidc:aud must allow the same value."
    );
  }
  if (c === 'AuthenticationFail.OIDCToken.Expired') {
    return (
      'The GitHub ID token had expired when STS checked it. ID tokens live only minutes, so this usually means the ' +
      "runner's clock is off (synchronise it with NTP) or the request was held up; re-run the job."
    );
  }
  if (c === 'AuthenticationFail.NoPermission' || /no such oidc provider/i.test(m)) {
    return (
      `STS knows no OIDC provider ${req.oidcProviderArn}. Check oidc-provider-arn: copy the ARN from RAM console → SSO → OIDC; ` +
      `the provider must exist in the same Alibaba Cloud account as the role ${req.roleArn}, with the ${issuer}.`
    );
  }
  if (c.startsWith('AuthenticationFail')) {
    return (
      `STS did not accept the GitHub ID token. Check the OIDC provider ${req.oidcProviderArn}: its ${issuer}, ` +
      'its fingerprint (RAM fetches it when the issuer URL is entered) and its Client IDs (must include the audience ' +
      `${JSON.stringify(req.audience)}).`
    );
  }
  if (/DurationSeconds|MaxSessionDuration|session duration/i.test(`${c} ${m}`)) {
    return (
      `role-duration-seconds is ${req.durationSeconds}, more than the role allows: lower it, or raise the maximum session ` +
      `duration of ${req.roleArn} in RAM (values above 3600 always need that).`
    );
  }
  if (
    c === 'NoPermission' ||
    c.startsWith('EntityNotExist.Role') ||
    c.startsWith('InvalidParameter.RoleArn') ||
    c.startsWith('Forbidden') ||
    status === 403
  ) {
    return (
      `The role ${req.roleArn} could not be assumed with this token. Check that the role exists, and that its trust ` +
      `policy allows the OIDC provider ${req.oidcProviderArn} with conditions that match this run: oidc:aud ` +
      `${JSON.stringify(req.audience)}${req.subject ? ` and oidc:sub ${JSON.stringify(req.subject)} (e.g. "repo:<owner>/<repo>:*")` : ''}.`
    );
  }
  if (isThrottling(c) || status === 429) {
    return 'STS kept throttling the request until the deadline: re-run the job, or raise timeout-seconds.';
  }
  if (status >= 500) {
    return 'STS kept failing until the deadline; this is usually temporary: re-run the job, or raise timeout-seconds.';
  }
  return 'See the STS AssumeRoleWithOIDC error reference for this code.';
}

function stsError(
  what: string,
  status: number,
  answer: ParsedAnswer,
  req: AssumeRoleWithOidcRequest,
  retriesExhausted: boolean,
): GateError {
  const summary = summarizeAnswer(status, answer, retriesExhausted);
  return answerError(
    `Keyless authentication failed, no credentials were obtained: ${what} answered ${summary} ${stsAdvice(answer.code, answer.message, status, req)}`,
    answer,
  );
}

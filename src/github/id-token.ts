// The GitHub ID token (JWT) for keyless authentication, fetched from the runner's token service
// through the action's own Transport (not @actions/core's getIDToken: this one keeps to the step
// deadline, the shared retry loop and the proxy settings). The JWT is registered as a secret the
// moment it is read; it is never logged, written or put in an error message.
import type { Deadline } from '../infra/deadline.js';
import { forkRestricted, pullRequestEvent } from './event.js';
import { GateError } from '../infra/errors.js';
import type { Transport } from '../infra/http.js';
import type { Logger } from '../infra/log.js';
import { NO_CREDENTIALS_ADVICE, retrying } from '../infra/retry.js';
import { describeClaims } from '../infra/jwt.js';
import { truncate } from '../infra/text.js';

/** What the ID-token request runs with. */
export interface IdTokenOptions {
  env: NodeJS.ProcessEnv;
  transport: Transport;
  deadline: Deadline;
  log: Logger;
  /** Called with each secret (request token, JWT) before any other use. */
  mask: (secret: string) => void;
  userAgent?: string;
  audience: string;
}

const PERMISSION_SNIPPET = 'permissions:\n  id-token: write\n  contents: read';

/** Why no ID token can be requested, or undefined when the runner offers one. */
export function idTokenUnavailable(env: NodeJS.ProcessEnv): string | undefined {
  const url = (env['ACTIONS_ID_TOKEN_REQUEST_URL'] ?? '').trim();
  const token = (env['ACTIONS_ID_TOKEN_REQUEST_TOKEN'] ?? '').trim();
  if (url && token) return undefined;
  const pr = pullRequestEvent(env);
  if (!url && forkRestricted(pr)) {
    return (
      'Keyless authentication (GitHub OIDC) is not available on pull requests from forks: GitHub gives ' +
      'such workflow runs no ID token, whatever the permissions say. Skip this step for fork pull requests ' +
      '(for example `if: github.event.pull_request.head.repo.full_name == github.repository`), or set on-error: warn so they report an error without failing; do not hand repository secrets to fork code.'
    );
  }
  const forkHint =
    pr !== undefined && pr.fromFork === undefined && pr.event !== 'pull_request_target'
      ? ' If this run is for a pull request from a fork, OIDC is not available there at all: GitHub gives fork pull requests no ID token.'
      : '';
  if (!url) {
    return (
      'No GitHub ID token is available (ACTIONS_ID_TOKEN_REQUEST_URL is not set): the job needs ' +
      `\`permissions: id-token: write\` for keyless authentication. Add to the job (or workflow):\n${PERMISSION_SNIPPET}\n` +
      '(Once a permissions block is present, every permission it does not list is none: keep contents: read if the job checks out code.)' +
      forkHint
    );
  }
  return (
    'ACTIONS_ID_TOKEN_REQUEST_URL is set but ACTIONS_ID_TOKEN_REQUEST_TOKEN is not: the runner did not provide ' +
    `the token needed to ask for a GitHub ID token. Check that the job has \`permissions: id-token: write\`.${forkHint}`
  );
}

/** The request URL with the audience added, as @actions/core forms it. */
export function idTokenUrl(requestUrl: string, audience: string): string {
  const sep = requestUrl.includes('?') ? '&' : '?';
  return `${requestUrl}${sep}audience=${encodeURIComponent(audience)}`;
}

export async function fetchIdToken(opts: IdTokenOptions): Promise<string> {
  const unavailable = idTokenUnavailable(opts.env);
  if (unavailable) throw new GateError(unavailable);
  const requestUrl = (opts.env['ACTIONS_ID_TOKEN_REQUEST_URL'] ?? '').trim();
  const bearer = (opts.env['ACTIONS_ID_TOKEN_REQUEST_TOKEN'] ?? '').trim();
  // The runner's request token is a credential as well.
  opts.mask(bearer);
  let url: URL;
  try {
    url = new URL(idTokenUrl(requestUrl, opts.audience));
  } catch {
    throw new GateError('ACTIONS_ID_TOKEN_REQUEST_URL is not a URL; the runner set it wrongly.');
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new GateError(
      'ACTIONS_ID_TOKEN_REQUEST_URL is not an http(s) URL; the runner set it wrongly.',
    );
  }
  const headers: Record<string, string> = {
    authorization: `Bearer ${bearer}`,
    accept: 'application/json',
  };
  if (opts.userAgent) headers['user-agent'] = opts.userAgent;

  const what = 'Requesting the GitHub ID token';
  const jwt = await retrying<string>(
    { what, deadline: opts.deadline, log: opts.log, host: url.host, ...NO_CREDENTIALS_ADVICE },
    async (timeoutMs) => {
      const res = await opts.transport.send({ method: 'GET', url: url.href, headers, timeoutMs });
      if (res.status >= 200 && res.status < 300) {
        let value: unknown;
        try {
          value = (JSON.parse(res.body) as { value?: unknown }).value;
        } catch {
          value = undefined;
        }
        // Masked before it is even checked: a malformed answer may still carry a real token.
        if (typeof value === 'string' && value !== '') opts.mask(value);
        if (typeof value !== 'string' || value.split('.').length !== 3) {
          return {
            done: new GateError(
              `${what} answered HTTP ${res.status} without a token (expected {"value": "<JWT>"}); no credentials were obtained.`,
            ),
          };
        }
        return { value };
      }
      const detail = `HTTP ${res.status}: ${truncate(res.body, 200) || 'no body'}`;
      if (res.status >= 500 || res.status === 429) return { retry: detail };
      const advice =
        res.status === 401 || res.status === 403
          ? ' The runner refused the ID token request: check that the job has `permissions: id-token: write`.'
          : '';
      return { done: new GateError(`${what} failed (${detail}).${advice}`) };
    },
  );
  const claims = describeClaims(jwt);
  opts.log.info(
    `GitHub ID token obtained for audience ${JSON.stringify(opts.audience)}${claims.sub ? `, subject ${JSON.stringify(claims.sub)}` : ''}${claims.iss ? `, issuer ${claims.iss}` : ''}`,
  );
  return jwt;
}

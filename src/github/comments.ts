// The GitHub side of the pull request comment: every Octokit call (find, create, update, who am
// I), pagination on the same host, retries within the step deadline, and what each failure
// means for the user. Nothing here can change the verdict: the caller turns every failure into
// one log line.
//
// Which comment is ours: its body starts with the hidden marker AND
//   - for an installation token (GITHUB_TOKEN and GitHub App tokens: `ghs_…`, or the older
//     `v1.…`), it was written by a bot account (`user.type == "Bot"`). `GET /user` answers 403
//     for those tokens, so it is never called;
//   - for any other token (personal tokens `ghp_…` / `github_pat_…`, OAuth and user-to-server
//     tokens), it was written by the login `GET /user` names for the token. If that call fails,
//     the bot rule above applies (a new comment may then be created rather than an edit).
// A person's comment that quotes the marker is therefore never edited.
import type { Deadline } from '../infra/deadline.js';
import type { PullRequestRef } from './event.js';
import { describeError } from '../infra/errors.js';
import type { Logger } from '../infra/log.js';
import { retrying, type RetryPolicy } from '../infra/retry.js';

export const CLIENT_LOADED_DEBUG = 'Loading the GitHub client (@actions/github) to comment';
/** GitHub calls: the shared retry loop, with GitHub's own pace (retry-after wins when given). */
const GITHUB_RETRY: RetryPolicy = {
  baseDelayMs: 500,
  maxDelayMs: 8_000,
  maxAttempts: 4,
  attemptTimeoutMs: 30_000,
};

type Octokit = ReturnType<(typeof import('@actions/github'))['getOctokit']>;

/** GITHUB_TOKEN and GitHub App installation tokens; `GET /user` answers 403 for them. */
export function looksLikeInstallationToken(token: string): boolean {
  return /^(ghs_|v1\.)/.test(token);
}

export type Identity = { kind: 'bot' } | { kind: 'user'; login: string };

export interface IssueComment {
  id: number;
  body?: string | null;
  html_url: string;
  user?: { login?: string; type?: string } | null;
}

export function isOurs(comment: IssueComment, marker: string, identity: Identity): boolean {
  const body = typeof comment.body === 'string' ? comment.body.trimStart() : '';
  if (!body.startsWith(marker)) return false;
  if (identity.kind === 'bot') return comment.user?.type === 'Bot';
  return comment.user?.login === identity.login;
}

interface ErrorFacts {
  status?: number;
  headers: Record<string, string | undefined>;
  message: string;
}

function factsOf(err: unknown): ErrorFacts {
  const e = err as { status?: unknown; response?: { headers?: unknown } } | null;
  const status = typeof e?.status === 'number' ? e.status : undefined;
  const raw = e?.response?.headers;
  const headers: Record<string, string | undefined> = {};
  if (raw && typeof raw === 'object')
    for (const [k, v] of Object.entries(raw as Record<string, unknown>))
      headers[k.toLowerCase()] =
        typeof v === 'string' || typeof v === 'number' ? String(v) : undefined;
  return { status, headers, message: describeError(err) };
}

/** Whether to try again, and after how long (ms) when GitHub said so. */
export function retryAdvice(
  err: unknown,
  nowMs: number = Date.now(),
): { retry: boolean; waitMs?: number; rateLimited: boolean } {
  const { status, headers, message } = factsOf(err);
  const retryAfter = Number(headers['retry-after']);
  const afterMs = Number.isFinite(retryAfter) && retryAfter >= 0 ? retryAfter * 1000 : undefined;
  const rateLimited =
    (status === 403 || status === 429) &&
    (afterMs !== undefined ||
      headers['x-ratelimit-remaining'] === '0' ||
      /rate limit/i.test(message));
  if (rateLimited) {
    const reset = Number(headers['x-ratelimit-reset']);
    const resetMs =
      headers['x-ratelimit-remaining'] === '0' && Number.isFinite(reset)
        ? Math.max(0, reset * 1000 - nowMs)
        : undefined;
    // A secondary rate limit without retry-after: GitHub asks for at least a minute.
    const waitMs = afterMs ?? resetMs ?? 60_000;
    return { retry: true, waitMs, rateLimited };
  }
  if (status === undefined || status >= 500) return { retry: true, rateLimited: false };
  return { retry: false, rateLimited: false };
}

const FORK_RECIPE =
  'For pull requests from forks (no secrets, read-only token), use the workflow_run pattern: the pull_request workflow builds and uploads what is to be gated, with the pull request number, as an artifact; a workflow triggered by workflow_run, which has the secrets and a write token, runs the gate and posts its `report` output as the comment (README section "Pull request comments").';

/** The one log line for a comment that was not written: why, and what to do. */
export function explainFailure(
  err: unknown,
  pr: Pick<PullRequestRef, 'fromFork'>,
): { level: 'notice' | 'warning'; text: string } {
  const { status, message } = factsOf(err);
  const tail = 'The verdict and the exit code are unaffected; the job summary has the report.';
  const lead = 'Pull request comment not written:';
  const detail = message.replace(/\s+-\s+https?:\/\/\S+$/, '').slice(0, 300);
  if (status === 403 && /not accessible by integration/i.test(message)) {
    const why = pr.fromFork
      ? 'this pull request comes from a fork, and GitHub gives such runs a read-only token.'
      : 'the token may not write pull request comments. Give the job `permissions: pull-requests: write` (and keep the default github-token), or pass a token that may. If this pull request comes from a fork, the token is read-only whatever the workflow asks.';
    return {
      level: 'notice',
      text: `${lead} GitHub answered 403 "${detail}": ${why} ${FORK_RECIPE} ${tail}`,
    };
  }
  if (status === 403 || status === 429) {
    return {
      level: 'notice',
      text: `${lead} GitHub answered ${status} "${detail}" (rate limit or permission), and retrying would not fit in timeout-seconds. ${tail}`,
    };
  }
  if (status === 404) {
    return {
      level: 'notice',
      text: `${lead} GitHub answered 404 "${detail}": the token cannot see this repository or pull request (for a personal token: its repository access), or GITHUB_API_URL does not point at this repository\u2019s GitHub. ${tail}`,
    };
  }
  if (status === 401) {
    return {
      level: 'notice',
      text: `${lead} GitHub answered 401 "${detail}": github-token is not a valid token. ${tail}`,
    };
  }
  return {
    level: 'warning',
    text: `${lead} ${status !== undefined ? `GitHub answered ${status} "${detail}"` : detail}${status === undefined || status >= 500 ? ' (retried within timeout-seconds)' : ''}. ${tail}`,
  };
}

/** Longest walk through the comment list: 100 pages of 100 comments. */
const MAX_PAGES = 100;

/**
 * The first comment that `ours` accepts, walking every page by the Link header's `next`.
 * (Octokit's paginate helpers drop the abort signal, so the walk is done here; a `next` link
 * to another origin is refused so the token never goes anywhere but GITHUB_API_URL.)
 */
export async function findOurComment(
  octokit: Pick<Octokit, 'request'>,
  pr: Pick<PullRequestRef, 'owner' | 'repo' | 'number'>,
  baseUrl: string,
  signal: AbortSignal,
  ours: (c: IssueComment) => boolean,
): Promise<IssueComment | undefined> {
  const origin = new URL(baseUrl).origin;
  let res: { data: unknown; headers: { link?: string } } = await octokit.request(
    'GET /repos/{owner}/{repo}/issues/{issue_number}/comments',
    {
      owner: pr.owner,
      repo: pr.repo,
      issue_number: pr.number,
      per_page: 100,
      request: { signal },
    },
  );
  for (let page = 1; ; page++) {
    const items = Array.isArray(res.data) ? (res.data as IssueComment[]) : [];
    const hit = items.find(ours);
    if (hit) return hit;
    const next = nextLink(String(res.headers.link ?? ''));
    if (!next) return undefined;
    if (new URL(next).origin !== origin)
      throw new Error(`the comment list's next page is on another host (${new URL(next).host})`);
    if (page >= MAX_PAGES)
      throw new Error(`the pull request has more than ${MAX_PAGES * 100} comments`);
    res = await octokit.request({ method: 'GET', url: next, request: { signal } });
  }
}

/** The `rel="next"` URL of a Link header, if any. */
export function nextLink(link: string): string | undefined {
  for (const part of link.split(',')) {
    const m = /^\s*<([^>]+)>\s*;(.*)$/.exec(part);
    if (m && /\brel="?next"?/.test(m[2] ?? '')) {
      try {
        const u = new URL(m[1] ?? '');
        if (u.protocol === 'https:' || u.protocol === 'http:') return u.toString();
      } catch {
        return undefined;
      }
    }
  }
  return undefined;
}

async function whoAmI(
  octokit: Octokit,
  token: string,
  deadline: Deadline,
  log: Logger,
): Promise<Identity> {
  if (looksLikeInstallationToken(token)) return { kind: 'bot' };
  try {
    const login = await withRetries(deadline, log, async (signal) => {
      const res = await octokit.rest.users.getAuthenticated({ request: { signal } });
      return res.data.login;
    });
    log.debug(`Pull request comment: the token belongs to ${login}.`);
    return { kind: 'user', login };
  } catch (err) {
    log.debug(
      `Pull request comment: GET /user failed (${describeError(err)}); only comments by bot accounts are edited.`,
    );
    return { kind: 'bot' };
  }
}

/**
 * Runs `attempt` until it succeeds, a non-transient error, the attempts run out, or the
 * deadline. Each attempt of the comment sync lists again before writing, so a create whose
 * answer was lost (5xx after the write) is found and updated rather than duplicated.
 */
async function withRetries<T>(
  deadline: Deadline,
  log: Logger,
  attempt: (signal: AbortSignal) => Promise<T>,
): Promise<T> {
  return retrying<T>(
    { what: 'GitHub request', host: 'the GitHub API', deadline, log, policy: GITHUB_RETRY },
    async (timeoutMs) => {
      const signal = AbortSignal.timeout(timeoutMs);
      try {
        return { value: await attempt(signal) };
      } catch (err) {
        // Octokit reports its own abort as "HTTP 500": say what happened instead.
        if (signal.aborted) {
          const timeout = new Error(
            `GitHub did not answer within ${Math.max(1, Math.round(timeoutMs / 1000))} s`,
          );
          return { retry: timeout.message, final: timeout };
        }
        const advice = retryAdvice(err);
        const failure = err instanceof Error ? err : new Error(describeError(err));
        if (!advice.retry) return { done: failure };
        return { retry: describeError(err), final: failure, minDelayMs: advice.waitMs };
      }
    },
  );
}

export interface CommentSync {
  token: string;
  /** GITHUB_API_URL without a trailing slash. */
  baseUrl: string;
  userAgent: string;
  pr: PullRequestRef;
  marker: string;
  /** false: only an existing comment may be updated (on-failure after a pass). */
  mayCreate: boolean;
  /** The body to write, given the body of the comment it replaces (if any). */
  body: (previous: string | undefined) => string;
  deadline: Deadline;
  log: Logger;
}

/**
 * Creates or updates the comment whose body starts with `marker`. Returns its URL, or '' when
 * none was written; never throws: a failure is one notice or warning saying why and what to do.
 */
export async function syncComment(sync: CommentSync): Promise<string> {
  const { log, pr, deadline } = sync;
  try {
    log.debug(CLIENT_LOADED_DEBUG);
    const { getOctokit } = await import('@actions/github');
    const octokit: Octokit = getOctokit(sync.token, {
      baseUrl: sync.baseUrl,
      userAgent: sync.userAgent,
      log: {
        debug: () => {},
        info: () => {},
        warn: (m: string) => log.debug(`GitHub client: ${m}`),
        error: (m: string) => log.debug(`GitHub client: ${m}`),
      },
    });
    const identity = await whoAmI(octokit, sync.token, deadline, log);
    return await withRetries(deadline, log, async (signal) => {
      const found = await findOurComment(octokit, pr, sync.baseUrl, signal, (c) =>
        isOurs(c, sync.marker, identity),
      );
      if (!found && !sync.mayCreate) {
        log.debug('Pull request comment: the gate passed and no earlier comment exists.');
        return '';
      }
      const body = sync.body(found ? (found.body ?? '') : undefined);
      const res = found
        ? await octokit.rest.issues.updateComment({
            owner: pr.owner,
            repo: pr.repo,
            comment_id: found.id,
            body,
            request: { signal },
          })
        : await octokit.rest.issues.createComment({
            owner: pr.owner,
            repo: pr.repo,
            issue_number: pr.number,
            body,
            request: { signal },
          });
      log.info(`${found ? 'Updated' : 'Created'} the pull request comment: ${res.data.html_url}`);
      return res.data.html_url;
    });
  } catch (err) {
    const { level, text } = explainFailure(err, pr);
    log[level](text);
    return '';
  }
}

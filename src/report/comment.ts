// The pull request comment: one sticky comment per key, kept up to date with the same Markdown
// the job summary shows. Nothing here can change the verdict or the exit code: every problem
// ends as one notice (or warning) in the log, and the step goes on.
//
// Which comment is ours: its body starts with the hidden marker `<!-- sas-image-gate:<hash> -->`
// (the SHA-256 of the key, so no untrusted text is ever embedded raw) AND
//   - for an installation token (GITHUB_TOKEN and GitHub App tokens: `ghs_…`, or the older
//     `v1.…`), it was written by a bot account (`user.type == "Bot"`). `GET /user` answers 403
//     for those tokens, so it is never called;
//   - for any other token (personal tokens `ghp_…` / `github_pat_…`, OAuth and user-to-server
//     tokens), it was written by the login `GET /user` names for the token. If that call fails,
//     the bot rule above applies (a new comment may then be created rather than an edit).
// A person's comment that quotes the marker is therefore never edited.
import { createHash } from 'node:crypto';
import type { ImageSelector } from '../alibaba/sas.js';
import { Deadline } from '../deadline.js';
import { describeError } from '../errors.js';
import { forkRestricted, PULL_REQUEST_EVENTS, pullRequestEvent } from '../github/event.js';
import type { Result } from '../gate.js';
import type { Config } from '../inputs.js';
import { actionLog } from '../log.js';
import { retrying, type RetryPolicy } from '../retry.js';
import { scrub } from '../secrets.js';
import { escapeShort } from './escape.js';
import type { Report } from './model.js';
import { renderMarkdown } from './render.js';

/** Render cap: well under GitHub's 65,536-character body limit, leaving room for the markers. */
export const COMMENT_MAX_CHARS = 60_000;
export const GITHUB_BODY_LIMIT = 65_536;
export const CLIENT_LOADED_DEBUG = 'Loading the GitHub client (@actions/github) to comment';
const MARKER_NAME = 'sas-image-gate';
const STATE_RE = /<!-- sas-image-gate-result:(pass|fail|error) -->/;
/** GitHub calls: the shared retry loop, with GitHub's own pace (retry-after wins when given). */
const GITHUB_RETRY: RetryPolicy = {
  baseDelayMs: 500,
  maxDelayMs: 8_000,
  maxAttempts: 4,
  attemptTimeoutMs: 30_000,
};
const USER_AGENT = 'sas-image-gate';

// ---------------------------------------------------------------------------------------------
// Pure helpers

/**
 * What tells this gate's comment apart: workflow name, job id, and either comment-key or the
 * images' repository selectors (repo-instance-id, repo-id, repo-region-id; else image-uuid /
 * cluster-id). Never the digest or the tag: they change on every push, and a new push must
 * update the comment, not add one.
 */
export function commentKeyMaterial(
  config: { images: ReadonlyArray<{ selector: ImageSelector }>; comment?: { key: string } },
  env: NodeJS.ProcessEnv,
): string {
  const custom = config.comment?.key ?? '';
  const scope: Record<string, unknown> = {
    v: 1,
    workflow: env['GITHUB_WORKFLOW'] ?? '',
    job: env['GITHUB_JOB'] ?? '',
  };
  if (custom !== '') {
    scope['key'] = custom;
  } else {
    const repos = new Set<string>();
    for (const { selector } of config.images) {
      const repo = [
        ['repo-instance-id', selector.repoInstanceId],
        ['repo-id', selector.repoId],
        ['repo-region-id', selector.repoRegionId],
      ] as const;
      const fallback = [
        ['image-uuid', selector.uuid],
        ['cluster-id', selector.clusterId],
      ] as const;
      const chosen = repo.some(([, v]) => v !== undefined) ? repo : fallback;
      const parts = chosen.filter(([, v]) => v !== undefined).map(([k, v]) => `${k}=${v}`);
      if (parts.length > 0) repos.add(parts.join(' '));
    }
    scope['repositories'] = [...repos].sort();
  }
  return JSON.stringify(scope);
}

export function keyHash(material: string): string {
  return createHash('sha256').update(material, 'utf8').digest('hex');
}

export function markerFor(hash: string): string {
  if (!/^[0-9a-f]{64}$/.test(hash)) throw new Error('marker: not a SHA-256 hex digest');
  return `<!-- ${MARKER_NAME}:${hash} -->`;
}

function stateLine(result: Result): string {
  return `<!-- ${MARKER_NAME}-result:${result} -->`;
}

/** The result an earlier comment of ours recorded, if any. */
export function previousResult(body: string): Result | undefined {
  const m = STATE_RE.exec(body);
  return m ? (m[1] as Result) : undefined;
}

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

export interface PullRequestRef {
  owner: string;
  repo: string;
  number: number;
  /** The token is read-only because the pull request comes from a fork (not pull_request_target). */
  fromFork: boolean;
}

/** The pull request to comment on, or why there is none (a sentence for the log). */
export function pullRequestFromEvent(env: NodeJS.ProcessEnv): PullRequestRef | string {
  const pr = pullRequestEvent(env);
  if (!pr) return `not a pull request event (${env['GITHUB_EVENT_NAME'] || 'none'})`;
  if (pr.problem !== undefined) return pr.problem;
  if (pr.number === undefined) return 'the event payload has no pull request number';
  if (!pr.repository) return 'GITHUB_REPOSITORY is not owner/repo';
  return { ...pr.repository, number: pr.number, fromFork: forkRestricted(pr) };
}

/** Run link, workflow, job and time: safe Markdown (URL parts validated, text escaped). */
export function runFooter(env: NodeJS.ProcessEnv, now: Date, customKey = ''): string[] {
  const server = (env['GITHUB_SERVER_URL'] ?? 'https://github.com').replace(/\/+$/, '');
  const repository = env['GITHUB_REPOSITORY'] ?? '';
  const runId = env['GITHUB_RUN_ID'] ?? '';
  const attempt = env['GITHUB_RUN_ATTEMPT'] ?? '';
  const okServer = /^https?:\/\/[A-Za-z0-9.-]+(:\d+)?(\/[A-Za-z0-9._~/-]*)?$/.test(server);
  const okRepo = /^[A-Za-z0-9_.-]+\/[A-Za-z0-9_.-]+$/.test(repository);
  const okRun = /^\d{1,20}$/.test(runId);
  const attemptText = /^\d{1,6}$/.test(attempt) ? `, attempt ${attempt}` : '';
  const run =
    okServer && okRepo && okRun
      ? `[run ${runId}${attemptText}](${server}/${repository}/actions/runs/${runId})`
      : `run ${okRun ? runId : '(unknown)'}${attemptText}`;
  const parts = [`Written by ${run}`];
  const workflow = env['GITHUB_WORKFLOW'] ?? '';
  const job = env['GITHUB_JOB'] ?? '';
  if (workflow !== '') parts.push(`workflow <code>${escapeShort(workflow, 100)}</code>`);
  if (job !== '') parts.push(`job <code>${escapeShort(job, 100)}</code>`);
  if (customKey !== '') parts.push(`comment key <code>${escapeShort(customKey, 100)}</code>`);
  const time = now
    .toISOString()
    .replace('T', ' ')
    .replace(/\.\d+Z$/, ' UTC');
  parts.push(`updated ${time}`);
  return ['---', `<sub>${parts.join(' · ')}</sub>`];
}

/** Shown when a pass replaces a comment that reported fail or error. */
export function resolvedPreamble(previous: Result): string {
  return `**The earlier failure is resolved.** The previous run of this gate on this pull request reported ${previous === 'fail' ? 'fail' : 'error'}; this run passes.`;
}

export function buildCommentBody(
  report: Report,
  opts: Pick<Config, 'failBuild' | 'onError'>,
  marker: string,
  previous: Result | undefined,
  footer: string[],
): string {
  const preamble =
    report.result === 'pass' && (previous === 'fail' || previous === 'error')
      ? [resolvedPreamble(previous)]
      : [];
  const markdown = renderMarkdown(report, {
    failBuild: opts.failBuild,
    onError: opts.onError,
    maxChars: COMMENT_MAX_CHARS,
    preamble,
    footer,
  });
  const body = scrub(`${marker}\n${stateLine(report.result)}\n${markdown}`);
  // scrub() could only lengthen a text by replacing a one- or two-character secret; stay safe.
  return body.length < GITHUB_BODY_LIMIT ? body : body.slice(0, GITHUB_BODY_LIMIT - 1);
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
    for (const [k, v] of Object.entries(raw)) headers[k.toLowerCase()] = v == null ? v : String(v);
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

// ---------------------------------------------------------------------------------------------
// The step

type Octokit = ReturnType<(typeof import('@actions/github'))['getOctokit']>;

/** What the comment step reads of the configuration (a bad-input run has only part of it). */
export type CommentConfig = Pick<Config, 'comment' | 'timeoutMs' | 'failBuild' | 'onError'> & {
  images: ReadonlyArray<{ selector: ImageSelector }>;
};

/** Whether this run will talk to GitHub at all: a PR event with commenting on. */
export function mayComment(config: Pick<Config, 'comment'>, env: NodeJS.ProcessEnv): boolean {
  const mode = config.comment?.mode ?? 'never';
  return mode !== 'never' && PULL_REQUEST_EVENTS.has(env['GITHUB_EVENT_NAME'] ?? '');
}

/**
 * Creates or updates this gate's comment on the pull request of the event. Returns the
 * comment's URL, or '' when none was written. Never throws. `budgetMs` is the comment's share of the step deadline (main reserves a slice of
 * timeout-seconds for it, so a run that timed out against Security Center can still say so).
 */
export async function postPullRequestComment(
  report: Report,
  config: CommentConfig,
  env: NodeJS.ProcessEnv = process.env,
  budgetMs: number = config.timeoutMs,
): Promise<string> {
  try {
    return await commentStep(report, config, env, new Deadline(Math.max(0, budgetMs)));
  } catch (err) {
    say('warning', `Pull request comment not written: unexpected error: ${describeError(err)}.`);
    return '';
  }
}

function say(level: 'notice' | 'warning' | 'info' | 'debug', text: string): void {
  actionLog[level](text);
}

async function commentStep(
  report: Report,
  config: CommentConfig,
  env: NodeJS.ProcessEnv,
  deadline: Deadline,
) {
  const settings = config.comment;
  const event = env['GITHUB_EVENT_NAME'] ?? '';
  if (!settings || settings.mode === 'never') {
    say('debug', 'Pull request comment: comment-on-pr is never.');
    return '';
  }
  if (!PULL_REQUEST_EVENTS.has(event)) {
    say('debug', `Pull request comment: not a pull request event (${event || 'none'}).`);
    return '';
  }
  // on-failure with a pass only updates an earlier comment (to say the failure is resolved).
  const mayCreate = settings.mode === 'always' || report.result !== 'pass';
  const pr = pullRequestFromEvent(env);
  if (typeof pr === 'string') {
    say('notice', `Pull request comment not written: ${pr}.`);
    return '';
  }
  if (settings.token === '') {
    say(
      'notice',
      'Pull request comment not written: github-token is empty. Leave it at its default (${{ github.token }}) or pass a token that may write pull request comments; set comment-on-pr: never to turn comments off.',
    );
    return '';
  }
  const baseUrl = (env['GITHUB_API_URL'] || 'https://api.github.com').replace(/\/+$/, '');
  if (!/^https?:\/\/\S+$/.test(baseUrl)) {
    say('notice', 'Pull request comment not written: GITHUB_API_URL is not an http(s) URL.');
    return '';
  }

  const marker = markerFor(keyHash(commentKeyMaterial(config, env)));
  const footer = runFooter(env, new Date(), settings.key);

  say('debug', CLIENT_LOADED_DEBUG);
  const { getOctokit } = await import('@actions/github');
  const octokit: Octokit = getOctokit(settings.token, {
    baseUrl,
    userAgent: USER_AGENT,
    log: {
      debug: () => {},
      info: () => {},
      warn: (m: string) => say('debug', `GitHub client: ${m}`),
      error: (m: string) => say('debug', `GitHub client: ${m}`),
    },
  });

  try {
    const identity = await whoAmI(octokit, settings.token, deadline);
    const url = await withRetries(deadline, async (signal) => {
      const found = await findOurComment(octokit, pr, baseUrl, signal, (c) =>
        isOurs(c, marker, identity),
      );
      if (!found && !mayCreate) {
        say('debug', 'Pull request comment: the gate passed and no earlier comment exists.');
        return '';
      }
      const body = buildCommentBody(
        report,
        config,
        marker,
        found ? previousResult(found.body ?? '') : undefined,
        footer,
      );
      if (found) {
        const res = await octokit.rest.issues.updateComment({
          owner: pr.owner,
          repo: pr.repo,
          comment_id: found.id,
          body,
          request: { signal },
        });
        say('info', `Updated the pull request comment: ${res.data.html_url}`);
        return res.data.html_url;
      }
      const res = await octokit.rest.issues.createComment({
        owner: pr.owner,
        repo: pr.repo,
        issue_number: pr.number,
        body,
        request: { signal },
      });
      say('info', `Created the pull request comment: ${res.data.html_url}`);
      return res.data.html_url;
    });
    return url;
  } catch (err) {
    const { level, text } = explainFailure(err, pr);
    say(level, text);
    return '';
  }
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

async function whoAmI(octokit: Octokit, token: string, deadline: Deadline): Promise<Identity> {
  if (looksLikeInstallationToken(token)) return { kind: 'bot' };
  try {
    const login = await withRetries(deadline, async (signal) => {
      const res = await octokit.rest.users.getAuthenticated({ request: { signal } });
      return res.data.login;
    });
    say('debug', `Pull request comment: the token belongs to ${login}.`);
    return { kind: 'user', login };
  } catch (err) {
    say(
      'debug',
      `Pull request comment: GET /user failed (${describeError(err)}); only comments by bot accounts are edited.`,
    );
    return { kind: 'bot' };
  }
}

/**
 * Runs `attempt` until it succeeds, a non-transient error, MAX_ATTEMPTS, or the deadline. Each
 * attempt of the comment sync lists again before writing, so a create whose answer was lost
 * (5xx after the write) is found and updated rather than duplicated.
 */
async function withRetries<T>(
  deadline: Deadline,
  attempt: (signal: AbortSignal) => Promise<T>,
): Promise<T> {
  return retrying<T>(
    {
      what: 'GitHub request',
      host: 'the GitHub API',
      deadline,
      log: actionLog,
      policy: GITHUB_RETRY,
    },
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
        if (!advice.retry)
          return { done: err instanceof Error ? err : new Error(describeError(err)) };
        return {
          retry: describeError(err),
          final: err instanceof Error ? err : new Error(describeError(err)),
          minDelayMs: advice.waitMs,
        };
      }
    },
  );
}

// What the workflow event says about the run: whether it is for a pull request, which one, and
// whether that pull request comes from a fork. The only reader of the event payload: credentials,
// keyless authentication and the pull request comment all ask here, so they cannot disagree.
import { readFileSync } from 'node:fs';
import { describeError } from '../infra/errors.js';

/** Events whose payload carries `pull_request`: the runs a comment can go to. */
export const PULL_REQUEST_EVENTS: ReadonlySet<string> = new Set([
  'pull_request',
  'pull_request_target',
  'pull_request_review',
  'pull_request_review_comment',
]);

export interface PullRequestEvent {
  /** GITHUB_EVENT_NAME, one of PULL_REQUEST_EVENTS. */
  event: string;
  /** The pull request number; undefined when the payload has none. */
  number?: number;
  /** The repository the workflow runs in (where a comment goes); undefined when not owner/repo. */
  repository?: { owner: string; repo: string };
  /**
   * The one fork rule: the head repository differs from the base repository (or was deleted).
   * Undefined when the payload does not say.
   */
  fromFork?: boolean;
  /** Why the payload could not be read, when it could not. */
  problem?: string;
}

const NAME = /^[A-Za-z0-9_.-]{1,100}$/;

/** The pull request this run is for, or undefined when the event is not a pull request event. */
export function pullRequestEvent(env: NodeJS.ProcessEnv): PullRequestEvent | undefined {
  const event = env['GITHUB_EVENT_NAME'] ?? '';
  if (!PULL_REQUEST_EVENTS.has(event)) return undefined;
  const out: PullRequestEvent = { event };
  const path = env['GITHUB_EVENT_PATH'] ?? '';
  if (path === '') return { ...out, problem: 'GITHUB_EVENT_PATH is not set' };
  let payload: unknown;
  try {
    payload = JSON.parse(readFileSync(path, 'utf8')) as unknown;
  } catch (err) {
    return { ...out, problem: `the event payload could not be read (${describeError(err)})` };
  }
  const p = (payload ?? {}) as {
    number?: unknown;
    pull_request?: {
      number?: unknown;
      head?: { repo?: { full_name?: unknown } | null };
      base?: { repo?: { full_name?: unknown } | null };
    };
    repository?: { full_name?: unknown };
  };
  const payloadRepo = p.repository?.full_name;
  const full = env['GITHUB_REPOSITORY'] || (typeof payloadRepo === 'string' ? payloadRepo : '');
  const [owner = '', repo = '', ...rest] = full.split('/');
  if (rest.length === 0 && NAME.test(owner) && NAME.test(repo)) out.repository = { owner, repo };
  const number = p.pull_request?.number ?? p.number;
  if (typeof number === 'number' && Number.isSafeInteger(number) && number > 0) out.number = number;
  out.fromFork = differs(p.pull_request?.head?.repo, p.pull_request?.base?.repo?.full_name ?? full);
  return out;
}

function differs(
  head: { full_name?: unknown } | null | undefined,
  base: unknown,
): boolean | undefined {
  // A deleted fork shows as head.repo null: still not the base repository.
  if (head === null) return true;
  const name = head?.full_name;
  if (typeof name !== 'string' || typeof base !== 'string' || base === '') return undefined;
  return name.toLowerCase() !== base.toLowerCase();
}

/**
 * A fork's pull request on an event that runs with the fork's limits: no secrets, no ID token,
 * a read-only GITHUB_TOKEN. pull_request_target runs in the base repository's context instead.
 */
export function forkRestricted(pr: PullRequestEvent | undefined): boolean {
  return pr?.fromFork === true && pr.event !== 'pull_request_target';
}

/** The pull request a comment goes to. */
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

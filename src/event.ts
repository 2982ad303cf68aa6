// What the workflow event tells about where the run comes from.
import { readFileSync } from 'node:fs';
import { describeError } from './errors.js';

const PR_EVENTS = new Set(['pull_request', 'pull_request_review', 'pull_request_review_comment']);

/** The event payload at GITHUB_EVENT_PATH, or why it could not be read. */
export function readEventPayload(
  env: NodeJS.ProcessEnv,
): { payload: unknown } | { problem: string } {
  const path = env['GITHUB_EVENT_PATH'] ?? '';
  if (path === '') return { problem: 'GITHUB_EVENT_PATH is not set' };
  try {
    return { payload: JSON.parse(readFileSync(path, 'utf8')) as unknown };
  } catch (err) {
    return { problem: `the event payload could not be read (${describeError(err)})` };
  }
}

/** What the runner tells about a pull request event: whether it comes from a fork. */
export function forkPullRequest(env: NodeJS.ProcessEnv): 'fork' | 'same-repo' | 'unknown' | 'no' {
  if (!PR_EVENTS.has(env['GITHUB_EVENT_NAME'] ?? '')) return 'no';
  const repository = (env['GITHUB_REPOSITORY'] ?? '').toLowerCase();
  const read = readEventPayload(env);
  if (!repository || !('payload' in read)) return 'unknown';
  const payload = (read.payload ?? {}) as {
    pull_request?: { head?: { repo?: { full_name?: unknown } | null } };
  };
  const head = payload.pull_request?.head;
  if (!head) return 'unknown';
  // A deleted fork shows as head.repo null: still not this repository.
  const full = head.repo?.full_name;
  if (typeof full !== 'string') return 'fork';
  return full.toLowerCase() === repository ? 'same-repo' : 'fork';
}

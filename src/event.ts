// What the workflow event tells about where the run comes from.
import { readFileSync } from 'node:fs';

const PR_EVENTS = new Set(['pull_request', 'pull_request_review', 'pull_request_review_comment']);

/** What the runner tells about a pull request event: whether it comes from a fork. */
export function forkPullRequest(env: NodeJS.ProcessEnv): 'fork' | 'same-repo' | 'unknown' | 'no' {
  if (!PR_EVENTS.has(env['GITHUB_EVENT_NAME'] ?? '')) return 'no';
  const eventPath = env['GITHUB_EVENT_PATH'] ?? '';
  const repository = (env['GITHUB_REPOSITORY'] ?? '').toLowerCase();
  if (!eventPath || !repository) return 'unknown';
  try {
    const payload = JSON.parse(readFileSync(eventPath, 'utf8')) as {
      pull_request?: { head?: { repo?: { full_name?: unknown } | null } };
    };
    const head = payload.pull_request?.head;
    if (!head) return 'unknown';
    // A deleted fork shows as head.repo null: still not this repository.
    const full = head.repo?.full_name;
    if (typeof full !== 'string') return 'fork';
    return full.toLowerCase() === repository ? 'same-repo' : 'fork';
  } catch {
    return 'unknown';
  }
}

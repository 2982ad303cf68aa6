// The one fork rule and the one list of pull request events (src/github/event.ts).
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { forkRestricted, pullRequestEvent } from '../../../src/github/event.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'event-unit-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function envFor(event: string, payload: unknown, repository = 'octo-org/octo-repo') {
  const file = path.join(dir, 'event.json');
  writeFileSync(file, JSON.stringify(payload));
  return { GITHUB_EVENT_NAME: event, GITHUB_EVENT_PATH: file, GITHUB_REPOSITORY: repository };
}

const pr = (head: unknown, base?: string) => ({
  number: 3,
  pull_request: {
    number: 3,
    head: { repo: head },
    ...(base ? { base: { repo: { full_name: base } } } : {}),
  },
});

test.each([
  ['another repository', { full_name: 'someone/octo-repo' }, undefined, true],
  ['the same repository, other case', { full_name: 'Octo-Org/octo-repo' }, undefined, false],
  ['a deleted head repository', null, undefined, true],
  [
    'the same repository inside a forked one (head.repo.fork is true)',
    { full_name: 'octo-org/octo-repo', fork: true },
    'octo-org/octo-repo',
    false,
  ],
  ['a head without a name', {}, undefined, undefined],
])('a head in %s: fromFork %s', (_, head, base, fromFork) => {
  expect(pullRequestEvent(envFor('pull_request', pr(head, base)))?.fromFork).toBe(fromFork);
});

test.each([
  ['pull_request', true],
  ['pull_request_review', true],
  ['pull_request_review_comment', true],
  ['pull_request_target', false],
])('a fork pull request on %s runs restricted: %s', (event, restricted) => {
  const read = pullRequestEvent(envFor(event, pr({ full_name: 'someone/octo-repo' })));
  expect(read?.number).toBe(3);
  expect(forkRestricted(read)).toBe(restricted);
});

test('other events are not pull request events', () => {
  expect(pullRequestEvent({ GITHUB_EVENT_NAME: 'push' })).toBeUndefined();
  expect(pullRequestEvent({})).toBeUndefined();
});

test('an unreadable payload says why, and tells nothing about forks', () => {
  const read = pullRequestEvent({ GITHUB_EVENT_NAME: 'pull_request' });
  expect(read?.problem).toMatch(/GITHUB_EVENT_PATH/);
  expect(read?.fromFork).toBeUndefined();
  expect(forkRestricted(read)).toBe(false);
});

// End to end: the built dist/index.js, as the runner executes it, against the Security Center
// simulator and a loopback fake of the GitHub REST API (GITHUB_API_URL points at it).
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import {
  BOT,
  FakeGitHub,
  FORK_TOKEN,
  INSTALLATION_TOKEN,
  PAT,
  PAT_USER,
  type FakeComment,
} from '../helpers/fake-github.js';
import { ROOT, runAction, simInputs, type ActionRun } from '../helpers/run-action.js';
import { useSimulator } from '../helpers/use-simulator.js';

const ctx = useSimulator();

const PASSING = 'c'.repeat(64);
const FAILING = 'd'.repeat(64);
const TAGGED = 'e'.repeat(64);
const OWNER = 'acme';
const REPO = 'shop';
const PR = 42;
const MARKER = /^<!-- sas-image-gate:[0-9a-f]{64} -->\n/;
const LOAD_LINE = 'Loading the GitHub client (@actions/github)';

let gh: FakeGitHub;

beforeEach(async () => {
  gh = await FakeGitHub.start();
  ctx.sim.addImage({ digest: PASSING, repoId: 'crr-1', counts: {} });
  ctx.sim.addImage({ digest: FAILING, repoId: 'crr-1', counts: { ImageMaliciousFileCount: 1 } });
  ctx.sim.addImage({ digest: PASSING, repoId: 'crr-2', counts: {} });
  ctx.sim.addImage({ digest: TAGGED, repoId: 'crr-1', tag: 'v2-abc123', counts: {} });
});

afterEach(async () => {
  await gh.close();
});

function prEvent(opts: { fork?: boolean; name?: string } = {}) {
  const head = opts.fork ? 'mallory/shop' : `${OWNER}/${REPO}`;
  return {
    name: opts.name ?? 'pull_request',
    payload: {
      action: 'synchronize',
      number: PR,
      pull_request: {
        number: PR,
        head: { ref: 'feature', repo: { full_name: head, fork: Boolean(opts.fork) } },
        base: { ref: 'main', repo: { full_name: `${OWNER}/${REPO}`, fork: false } },
      },
      repository: { full_name: `${OWNER}/${REPO}` },
    },
  };
}

interface GateOptions {
  event?: { name: string; payload: unknown };
  env?: Record<string, string>;
}

function gate(inputs: Record<string, string>, opts: GateOptions = {}): Promise<ActionRun> {
  return runAction({
    inputs: simInputs(ctx.sim.url, { 'github-token': INSTALLATION_TOKEN, ...inputs }),
    event: opts.event ?? prEvent(),
    env: {
      GITHUB_API_URL: gh.url,
      GITHUB_SERVER_URL: 'https://github.example',
      GITHUB_REPOSITORY: `${OWNER}/${REPO}`,
      GITHUB_RUN_ID: '777',
      GITHUB_RUN_ATTEMPT: '1',
      GITHUB_WORKFLOW: 'CI',
      GITHUB_JOB: 'gate',
      ...opts.env,
    },
  });
}

const failing = { 'image-digest': FAILING, 'repo-id': 'crr-1' };
const passing = { 'image-digest': PASSING, 'repo-id': 'crr-1' };

function prComments(): FakeComment[] {
  return gh.commentsOn(OWNER, REPO, PR);
}

function only<T>(items: T[]): T {
  expect(items).toHaveLength(1);
  return items[0] as T;
}

/** Lines the action logged as notices or warnings about the comment. */
function commentProblems(r: ActionRun): string[] {
  return r.stdout.split('\n').filter((l) => /^::(notice|warning)::Pull request comment/.test(l));
}

test('creates the comment on the first run and updates it in place on re-runs', async () => {
  const first = await gate(failing);
  expect(first.exitCode).toBe(1);
  expect(first.outputs['result']).toBe('fail');
  const created = only(prComments());
  expect(created.user).toEqual(BOT);
  expect(created.body).toMatch(MARKER);
  expect(created.body).toContain('<!-- sas-image-gate-result:fail -->');
  // The same report as the job summary: its headline and table are in the comment.
  expect(created.body).toContain(first.summary.split('\n')[0]);
  expect(created.body).toContain('| Malicious files | 1 | — | 0 | ❌ over limit |');
  expect(created.body).toContain(
    '[run 777, attempt 1](https://github.example/acme/shop/actions/runs/777)',
  );
  expect(created.body).toMatch(/updated \d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC/);
  expect(first.outputs['comment-url']).toBe(gh.htmlUrl(created));
  expect(gh.writes().map((w) => `${w.method} ${w.path}`)).toEqual([
    `POST /repos/${OWNER}/${REPO}/issues/${PR}/comments`,
  ]);
  expect(gh.requests.every((r) => r.authorization === `token ${INSTALLATION_TOKEN}`)).toBe(true);
  expect(gh.requests.some((r) => r.path === '/user')).toBe(false);
  expect(commentProblems(first)).toEqual([]);

  const second = await gate(failing, { env: { GITHUB_RUN_ID: '778', GITHUB_RUN_ATTEMPT: '2' } });
  expect(second.exitCode).toBe(1);
  const updated = only(prComments());
  expect(updated.id).toBe(created.id);
  expect(updated.body).toContain('[run 778, attempt 2]');
  expect(updated.body).not.toContain('run 777');
  expect(second.outputs['comment-url']).toBe(first.outputs['comment-url']);
  expect(gh.writes().map((w) => `${w.method} ${w.path}`)).toEqual([
    `POST /repos/${OWNER}/${REPO}/issues/${PR}/comments`,
    `PATCH /repos/${OWNER}/${REPO}/issues/comments/${created.id}`,
  ]);
});

test('always: a pass after a failure updates the comment and says the failure is resolved', async () => {
  await gate(failing);
  const before = only(prComments());
  expect(before.body).not.toMatch(/resolved/i);
  const r = await gate(passing);
  expect(r.exitCode).toBe(0);
  const after = only(prComments());
  expect(after.id).toBe(before.id);
  expect(after.body).toMatch(/^### ✅ .*passed/m);
  expect(after.body).toContain('The earlier failure is resolved.');
  // A further pass is an ordinary pass: nothing left to resolve.
  await gate(passing);
  expect(only(prComments()).body).not.toContain('The earlier failure is resolved.');
});

test('two keys give two comments; neither digest nor tag starts a new one', async () => {
  const linux = await gate({ ...failing, 'comment-key': 'linux/amd64' });
  const arm = await gate({ ...failing, 'comment-key': 'linux/arm64' });
  expect(prComments()).toHaveLength(2);
  expect(linux.outputs['comment-url']).not.toBe(arm.outputs['comment-url']);
  // Another digest and a tag for the same key: same comment.
  const retag = await gate({
    'image-digest': TAGGED,
    'repo-id': 'crr-1',
    'image-tag': 'v2-abc123',
    'comment-key': 'linux/amd64',
  });
  expect(retag.outputs['result']).toBe('pass');
  const comments = prComments();
  expect(comments).toHaveLength(2);
  expect(comments[0]?.body).toContain('comment key <code>linux/amd64</code>');
  expect(comments[0]?.body).toContain('The earlier failure is resolved.');
  expect(comments[1]?.body).toContain('comment key <code>linux/arm64</code>');
  expect(comments[1]?.body).toContain('<!-- sas-image-gate-result:fail -->');
  const markers = comments.map((c) => c.body.split('\n')[0]);
  expect(new Set(markers).size).toBe(2);
});

test('the default key follows workflow, job and repository selectors', async () => {
  await gate(passing); // repo-id crr-1
  await gate({ 'image-digest': PASSING, 'repo-id': 'crr-2' });
  expect(prComments()).toHaveLength(2);
  await gate({ 'image-digest': PASSING, 'repo-id': 'crr-2' }, { env: { GITHUB_JOB: 'gate-2' } });
  expect(prComments()).toHaveLength(3);
  await gate({ 'image-digest': FAILING, 'repo-id': 'crr-2' }, { env: { GITHUB_JOB: 'gate-2' } });
  expect(prComments()).toHaveLength(3);
});

test('finds its comment on a later page (Link pagination, per_page 100)', async () => {
  for (let i = 0; i < 130; i++) gh.addComment(OWNER, REPO, PR, `LGTM ${i}`);
  await gate(failing);
  const ours = prComments().filter((c) => c.user.type === 'Bot');
  expect(ours).toHaveLength(1);
  const id = ours[0]?.id;
  gh.requests.length = 0;

  const r = await gate(failing, { env: { GITHUB_RUN_ID: '900' } });
  expect(r.outputs['comment-url']).toContain(`issuecomment-${id}`);
  expect(prComments()).toHaveLength(131);
  const lists = gh.requests.filter((q) => q.method === 'GET');
  expect(lists.map((q) => q.query['page'] ?? '1')).toEqual(['1', '2']);
  expect(lists.every((q) => q.query['per_page'] === '100')).toBe(true);
  expect(gh.writes().map((w) => `${w.method} ${w.path}`)).toEqual([
    `PATCH /repos/${OWNER}/${REPO}/issues/comments/${id}`,
  ]);
  expect(prComments().find((c) => c.id === id)?.body).toContain('[run 900, attempt 1]');
});

test("a person's comment carrying the marker is never edited", async () => {
  await gate(failing);
  const original = only(prComments());
  // Someone pastes the bot's comment (marker and all); the bot's own comment is gone.
  gh.comments.splice(gh.comments.indexOf(original), 1);
  const human = gh.addComment(OWNER, REPO, PR, original.body, { login: 'octocat', type: 'User' });
  const humanBody = human.body;
  gh.requests.length = 0;

  await gate(failing, { env: { GITHUB_RUN_ID: '901' } });
  expect(human.body).toBe(humanBody);
  expect(gh.writes().map((w) => w.method)).toEqual(['POST']);
  const bots = prComments().filter((c) => c.user.type === 'Bot');
  expect(bots).toHaveLength(1);
  expect(bots[0]?.body).toContain('run 901');
});

test('a personal token: identity from GET /user, only its own comments are edited', async () => {
  // A marked comment by a bot (an earlier GITHUB_TOKEN run) is not this token's: left alone.
  await gate(failing);
  const botComment = only(prComments());
  const botBody = botComment.body;
  gh.requests.length = 0;

  const r1 = await runAsPat(failing, '951');
  expect(gh.requests.filter((q) => q.path === '/user')).toHaveLength(1);
  const mine = prComments().filter((c) => c.user.login === PAT_USER.login);
  expect(mine).toHaveLength(1);
  const r2 = await runAsPat(failing, '952');
  expect(prComments().filter((c) => c.user.login === PAT_USER.login)).toHaveLength(1);
  expect(mine[0]?.body).toContain('run 952');
  expect(r2.outputs['comment-url']).toBe(r1.outputs['comment-url']);
  expect(botComment.body).toBe(botBody);
  expect(prComments()).toHaveLength(2);
  // The token never leaks.
  for (const r of [r1, r2]) {
    const text = r.stdout
      .split('\n')
      .filter((l) => !l.startsWith('::add-mask::'))
      .join('\n');
    for (const t of [text, r.stderr, r.summary, JSON.stringify(r.outputs)])
      expect(t).not.toContain(PAT);
    expect(r.stdout).toContain(`::add-mask::${PAT}`);
  }
  for (const c of gh.comments) expect(c.body).not.toContain(PAT);
});

function runAsPat(inputs: Record<string, string>, runId: string): Promise<ActionRun> {
  return gate({ ...inputs, 'github-token': PAT }, { env: { GITHUB_RUN_ID: runId } });
}

test('a fork token (403): one notice with the workflow_run recipe; verdict and exit code unchanged', async () => {
  for (const [inputs, result, exitCode] of [
    [failing, 'fail', 1],
    [passing, 'pass', 0],
  ] as const) {
    const r = await gate(
      { ...inputs, 'github-token': FORK_TOKEN },
      { event: prEvent({ fork: true }) },
    );
    expect(r.exitCode).toBe(exitCode);
    expect(r.outputs['result']).toBe(result);
    expect(r.outputs['comment-url']).toBe('');
    const problems = commentProblems(r);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/^::notice::/);
    expect(problems[0]).toContain('Resource not accessible by integration');
    expect(problems[0]).toMatch(/fork/);
    expect(problems[0]).toMatch(/workflow_run/);
    expect(r.summary).toContain('Security Center image gate');
  }
  expect(prComments()).toHaveLength(0);
  // Nothing was retried: a 403 is not transient.
  expect(gh.requests.filter((q) => q.method === 'POST')).toHaveLength(2);
});

test('pull_request_target with a token lacking pull-requests: write names the permission', async () => {
  const r = await gate(
    { ...passing, 'github-token': FORK_TOKEN },
    { event: prEvent({ name: 'pull_request_target' }) },
  );
  expect(r.exitCode).toBe(0);
  const [line] = commentProblems(r);
  expect(line).toContain('pull-requests: write');
});

test('a 5xx is retried; a create whose answer was lost is not duplicated', async () => {
  gh.fault({ method: 'GET', path: /\/comments$/, status: 502 });
  gh.fault({ method: 'POST', status: 500 });
  const r = await gate(failing);
  expect(r.exitCode).toBe(1);
  const c = only(prComments());
  expect(r.outputs['comment-url']).toBe(gh.htmlUrl(c));
  expect(gh.requests.filter((q) => q.status >= 500)).toHaveLength(2);
  expect(commentProblems(r)).toEqual([]);

  // The next create succeeds on GitHub but its answer is a 502: the retry lists again and
  // updates what was created.
  gh.comments.length = 0;
  gh.fault({ method: 'POST', status: 502, afterApply: true });
  const r2 = await gate(failing, { env: { GITHUB_RUN_ID: '990' } });
  const after = only(prComments());
  expect(after.body).toContain('run 990');
  expect(r2.outputs['comment-url']).toBe(gh.htmlUrl(after));
});

test('a secondary rate limit with retry-after is waited out and retried', async () => {
  gh.fault({
    method: 'POST',
    status: 403,
    headers: { 'retry-after': '1' },
    body: { message: 'You have exceeded a secondary rate limit.' },
  });
  const r = await gate(passing);
  expect(r.exitCode).toBe(0);
  only(prComments());
  expect(gh.requests.filter((q) => q.method === 'POST')).toHaveLength(2);
  expect(r.ms).toBeLessThan(25_000);
});

test('a 404 ends as one notice; the verdict stands', async () => {
  gh.fault({ path: /\/comments$/, status: 404, body: { message: 'Not Found' }, times: Infinity });
  const r = await gate(failing);
  expect(r.exitCode).toBe(1);
  expect(r.outputs['result']).toBe('fail');
  const problems = commentProblems(r);
  expect(problems).toHaveLength(1);
  expect(problems[0]).toMatch(/^::notice::.*404/);
});

test('a GitHub that never answers is bounded by timeout-seconds', async () => {
  gh.fault({ hang: true, times: Infinity });
  const r = await gate({ ...passing, 'timeout-seconds': '3' });
  expect(r.exitCode).toBe(0);
  expect(r.outputs['result']).toBe('pass');
  expect(r.outputs['comment-url']).toBe('');
  expect(commentProblems(r)).toHaveLength(1);
  // One deadline for the whole step: the comment's slice is inside timeout-seconds.
  expect(r.ms).toBeLessThan(3_000 + 2_500);
});

test('on-failure: nothing written for a pass; created on fail or error; resolved on the next pass', async () => {
  const quiet = await gate({ ...passing, 'comment-on-pr': 'on-failure' });
  expect(quiet.exitCode).toBe(0);
  expect(quiet.outputs['comment-url']).toBe('');
  expect(gh.writes()).toHaveLength(0);
  // It only looked for an earlier comment to resolve.
  expect(gh.requests.every((q) => q.method === 'GET')).toBe(true);

  const failed = await gate({ ...failing, 'comment-on-pr': 'on-failure' });
  expect(failed.exitCode).toBe(1);
  const c = only(prComments());
  expect(c.body).toContain('<!-- sas-image-gate-result:fail -->');

  const fixed = await gate({ ...passing, 'comment-on-pr': 'on-failure' });
  expect(fixed.exitCode).toBe(0);
  expect(only(prComments()).id).toBe(c.id);
  expect(c.body).toContain('The earlier failure is resolved.');
  expect(c.body).toMatch(/^### ✅ /m);
  expect(fixed.outputs['comment-url']).toBe(gh.htmlUrl(c));

  // An error (counts not established) is a failure for on-failure, too.
  ctx.sim.fault({ kind: 'error', status: 500, code: 'ServiceUnavailable' }, { times: Infinity });
  const broken = await gate({ ...passing, 'comment-on-pr': 'on-failure', 'timeout-seconds': '5' });
  expect(broken.outputs['result']).toBe('error');
  expect(broken.exitCode).toBe(1);
  expect(c.body).toMatch(/^### ⚠️ /m);
  expect(c.body).toContain('<!-- sas-image-gate-result:error -->');
});

test('never, or a push: no GitHub request and the GitHub client is not loaded', async () => {
  const push = await gate(failing, {
    event: { name: 'push', payload: { ref: 'refs/heads/main' } },
    env: { RUNNER_DEBUG: '1' },
  });
  expect(push.exitCode).toBe(1);
  expect(push.outputs['comment-url']).toBe('');
  expect(push.stdout).toContain('::debug::');
  expect(push.stdout).not.toContain(LOAD_LINE);

  const never = await gate(
    { ...failing, 'comment-on-pr': 'never' },
    { env: { RUNNER_DEBUG: '1' } },
  );
  expect(never.exitCode).toBe(1);
  expect(never.stdout).not.toContain(LOAD_LINE);
  expect(gh.requests).toHaveLength(0);

  // Control: the same step on a pull request loads it (so the assertions above can fail).
  const pr = await gate(failing, { env: { RUNNER_DEBUG: '1' } });
  expect(pr.stdout).toContain(LOAD_LINE);
  expect(gh.requests.length).toBeGreaterThan(0);
});

test('dist/ keeps Octokit in a separate chunk, out of the entry file', () => {
  const dist = path.join(ROOT, 'dist');
  const entry = readFileSync(path.join(dist, 'index.js'), 'utf8');
  expect(entry).not.toContain('octokit-core.js');
  const chunks = readdirSync(dist).filter((f) => /^\d+\.index\.js$/.test(f));
  expect(
    chunks.some((f) => readFileSync(path.join(dist, f), 'utf8').includes('octokit-core.js')),
  ).toBe(true);
});

test('an empty github-token: one notice, no request, verdict unchanged', async () => {
  const r = await gate({ ...passing, 'github-token': '' });
  expect(r.exitCode).toBe(0);
  expect(commentProblems(r)).toEqual([expect.stringContaining('github-token is empty')]);
  expect(gh.requests).toHaveLength(0);
});

test('hostile text from inputs and the environment is escaped in the comment', async () => {
  const tag = '<img/src=x/onerror=alert(1)>|`pwn`@octocat';
  ctx.sim.addImage({ digest: 'f'.repeat(64), repoId: 'crr-1', tag, counts: {} });
  const r = await gate(
    { 'repo-id': 'crr-1', 'image-tag': tag, 'comment-key': '</code><b>@team</b>' },
    { env: { GITHUB_WORKFLOW: 'CI <script>alert(1)</script> @everyone', GITHUB_JOB: 'job|x' } },
  );
  expect(r.outputs['result']).toBe('pass');
  const { body } = only(prComments());
  expect(body).not.toContain('<img');
  expect(body).not.toContain('<script');
  expect(body).not.toContain('<b>');
  expect(body).not.toMatch(/@(octocat|team|everyone)/);
  expect(body).toContain('&lt;img/src=x/onerror=alert(1)&gt;&#124;&#96;pwn&#96;&#64;\u200boctocat');
  for (const line of body.split('\n').filter((l) => l.startsWith('| '))) {
    expect(line.split('|').length - 1).toBe(6);
  }
  // The marker holds a hash only.
  expect(body.split('\n')[0]).toMatch(/^<!-- sas-image-gate:[0-9a-f]{64} -->$/);
});

test("issue 3's own example tag, spaces and all, is gated and escaped, not refused", async () => {
  const tag = '<img src=x onerror=alert(1)>';
  ctx.sim.addImage({ digest: 'a'.repeat(64), repoId: 'crr-1', tag, counts: {} });
  const r = await gate({ 'repo-id': 'crr-1', 'image-tag': tag });
  expect(r.outputs['result']).toBe('pass');
  const { body } = only(prComments());
  expect(body).not.toContain('<img');
  expect(body).toContain('&lt;img src=x onerror=alert(1)&gt;');
  expect(r.summary).toContain('&lt;img src=x onerror=alert(1)&gt;');
});

test('bad input on a pull request replaces the earlier pass comment with the error', async () => {
  const first = await gate(passing);
  const before = only(prComments());
  expect(first.outputs['result']).toBe('pass');
  const securityCenterCalls = ctx.sim.requests.length;
  const bad = await gate({ ...passing, 'max-cve-vulns': 'lots' });
  expect(bad.exitCode).toBe(1);
  expect(bad.outputs['result']).toBe('error');
  const after = only(prComments());
  expect(after.id).toBe(before.id);
  expect(after.body).toContain('max-cve-vulns');
  expect(bad.outputs['comment-url']).toBe(first.outputs['comment-url']);
  // Bad input: no Security Center request at all.
  expect(ctx.sim.requests).toHaveLength(securityCenterCalls);
});

test('the body stays under 65,536 characters with many images', async () => {
  const lines: string[] = [];
  for (let i = 0; i < 300; i++) {
    const tag = `t${i}-${'x'.repeat(240)}`;
    ctx.sim.addImage({
      digest: i.toString(16).padStart(64, '0'),
      repoId: 'crr-9',
      tag,
      counts: { ImageCveVulCount: 2 },
    });
    lines.push(`repo-id=crr-9 image-tag=${tag}`);
  }
  const r = await gate({ images: lines.join('\n'), 'max-concurrency': '20' });
  expect(r.outputs['result']).toBe('fail');
  expect(r.exitCode).toBe(1);
  const { body } = only(prComments());
  expect(body.length).toBeLessThan(65_536);
  expect(body).toMatch(MARKER);
  expect(body).toContain('[run 777, attempt 1]');
  expect(r.summary.length).toBeGreaterThan(body.length);
}, 60_000);

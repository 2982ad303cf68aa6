// Pure helpers of the pull request comment: key and marker, ownership rule, event parsing,
// footer, body, retry advice, failure explanations, Link parsing, settings.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { ImageSelector } from '../../../src/core/selector.js';
import {
  explainFailure,
  findOurComment,
  isOurs,
  looksLikeInstallationToken,
  nextLink,
  retryAdvice,
  type IssueComment,
} from '../../../src/github/comments.js';
import { pullRequestFromEvent } from '../../../src/github/event.js';
import { readCommentSettings } from '../../../src/inputs/comment-settings.js';
import { InputReader } from '../../../src/inputs/reader.js';
import {
  buildCommentBody,
  commentKeyMaterial,
  GITHUB_BODY_LIMIT,
  keyHash,
  markerFor,
  previousResult,
  runFooter,
} from '../../../src/report/comment.js';
import { inputsEnv } from '../../helpers/inputs-env.js';
import { failedRunReport, type Report } from '../../../src/report/model.js';
import { registerSecret } from '../../../src/infra/secrets.js';

const ENV = { GITHUB_WORKFLOW: 'CI', GITHUB_JOB: 'gate' };

function images(...selectors: ImageSelector[]) {
  return { images: selectors.map((selector) => ({ selector })) };
}

function keyOf(config: ReturnType<typeof images> & { comment?: { key: string } }, env = ENV) {
  return keyHash(commentKeyMaterial(config, env));
}

describe('comment key', () => {
  test('digest and tag never change the key; repository selectors do', () => {
    const base = keyOf(images({ repoId: 'r1', digest: 'a'.repeat(64), tag: 'v1' }));
    expect(keyOf(images({ repoId: 'r1', digest: 'b'.repeat(64), tag: 'v2' }))).toBe(base);
    expect(keyOf(images({ repoId: 'r1' }))).toBe(base);
    expect(keyOf(images({ repoId: 'r2', digest: 'a'.repeat(64) }))).not.toBe(base);
    expect(keyOf(images({ repoId: 'r1', repoInstanceId: 'cri-1' }))).not.toBe(base);
    expect(keyOf(images({ repoId: 'r1', repoRegionId: 'cn-hangzhou' }))).not.toBe(base);
  });

  test('workflow and job are part of the key', () => {
    const base = keyOf(images({ repoId: 'r1' }));
    expect(keyOf(images({ repoId: 'r1' }), { ...ENV, GITHUB_JOB: 'other' })).not.toBe(base);
    expect(keyOf(images({ repoId: 'r1' }), { ...ENV, GITHUB_WORKFLOW: 'Release' })).not.toBe(base);
  });

  test('image-uuid / cluster-id only when no repository selector is given', () => {
    expect(keyOf(images({ uuid: 'u1' }))).not.toBe(keyOf(images({ uuid: 'u2' })));
    expect(keyOf(images({ clusterId: 'c1' }))).not.toBe(keyOf(images({ clusterId: 'c2' })));
    expect(keyOf(images({ repoId: 'r1', uuid: 'u1' }))).toBe(
      keyOf(images({ repoId: 'r1', uuid: 'u2' })),
    );
  });

  test('several images: one key for the step, whatever their order', () => {
    const a = keyOf(images({ repoId: 'r1' }, { repoId: 'r2' }, { repoId: 'r1', tag: 'x' }));
    expect(keyOf(images({ repoId: 'r2' }, { repoId: 'r1' }))).toBe(a);
  });

  test('comment-key replaces the selectors, and keys differ from each other', () => {
    const linux = keyOf({ ...images({ repoId: 'r1' }), comment: { key: 'linux' } });
    const arm = keyOf({ ...images({ repoId: 'r1' }), comment: { key: 'arm64' } });
    expect(linux).not.toBe(arm);
    expect(keyOf({ ...images({ repoId: 'r9' }), comment: { key: 'linux' } })).toBe(linux);
    expect(keyOf({ ...images({ repoId: 'r1' }), comment: { key: '' } })).toBe(
      keyOf(images({ repoId: 'r1' })),
    );
  });

  test('the marker carries only the hash', () => {
    const hash = keyHash('{"key":"<script>"}');
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
    expect(markerFor(hash)).toBe(`<!-- sas-image-gate:${hash} -->`);
    expect(() => markerFor('--> <img>')).toThrow();
  });
});

describe('ownership', () => {
  const marker = markerFor(keyHash('k'));
  const comment = (body: string, user: IssueComment['user']): IssueComment => ({
    id: 1,
    html_url: 'u',
    body,
    user,
  });

  test('installation token: marker at the start and a bot author', () => {
    const bot = { login: 'github-actions[bot]', type: 'Bot' };
    expect(isOurs(comment(`${marker}\nx`, bot), marker, { kind: 'bot' })).toBe(true);
    expect(
      isOurs(comment(`${marker}\nx`, { login: 'octocat', type: 'User' }), marker, { kind: 'bot' }),
    ).toBe(false);
    expect(isOurs(comment(`> ${marker}\nquoted`, bot), marker, { kind: 'bot' })).toBe(false);
    expect(isOurs(comment(markerFor(keyHash('other')), bot), marker, { kind: 'bot' })).toBe(false);
    expect(isOurs({ id: 1, html_url: 'u', body: null, user: bot }, marker, { kind: 'bot' })).toBe(
      false,
    );
  });

  test('personal token: only the login GET /user named', () => {
    const me = { kind: 'user', login: 'me' } as const;
    expect(isOurs(comment(marker, { login: 'me', type: 'User' }), marker, me)).toBe(true);
    expect(isOurs(comment(marker, { login: 'you', type: 'User' }), marker, me)).toBe(false);
    expect(isOurs(comment(marker, { login: 'github-actions[bot]', type: 'Bot' }), marker, me)).toBe(
      false,
    );
  });

  test('which tokens are installation tokens', () => {
    expect(looksLikeInstallationToken('ghs_abc')).toBe(true);
    expect(looksLikeInstallationToken('v1.0123456789abcdef')).toBe(true);
    expect(looksLikeInstallationToken('ghp_abc')).toBe(false);
    expect(looksLikeInstallationToken('github_pat_abc')).toBe(false);
    expect(looksLikeInstallationToken('gho_abc')).toBe(false);
  });

  test('previous result from our state line', () => {
    expect(previousResult('x\n<!-- sas-image-gate-result:fail -->\n')).toBe('fail');
    expect(previousResult('<!-- sas-image-gate-result:error -->')).toBe('error');
    expect(previousResult('<!-- sas-image-gate-result:maybe -->')).toBeUndefined();
    expect(previousResult('no state')).toBeUndefined();
  });
});

describe('event', () => {
  const PR = { GITHUB_EVENT_NAME: 'pull_request' };
  const dir = mkdtempSync(path.join(tmpdir(), 'comment-unit-'));
  const write = (name: string, payload: unknown) => {
    const file = path.join(dir, name);
    writeFileSync(file, typeof payload === 'string' ? payload : JSON.stringify(payload));
    return file;
  };

  test('a same-repository pull request', () => {
    const file = write('pr.json', {
      number: 5,
      pull_request: {
        number: 5,
        head: { repo: { full_name: 'o/r', fork: false } },
        base: { repo: { full_name: 'o/r' } },
      },
    });
    expect(
      pullRequestFromEvent({ ...PR, GITHUB_EVENT_PATH: file, GITHUB_REPOSITORY: 'o/r' }),
    ).toEqual({
      owner: 'o',
      repo: 'r',
      number: 5,
      fromFork: false,
    });
  });

  test('a fork pull request, also when the head repository was deleted', () => {
    const fork = write('fork.json', {
      pull_request: {
        number: 6,
        head: { repo: { full_name: 'm/r', fork: true } },
        base: { repo: { full_name: 'o/r' } },
      },
    });
    const gone = write('gone.json', { pull_request: { number: 7, head: { repo: null } } });
    const env = { ...PR, GITHUB_REPOSITORY: 'o/r' };
    expect(pullRequestFromEvent({ ...env, GITHUB_EVENT_PATH: fork })).toMatchObject({
      fromFork: true,
    });
    expect(pullRequestFromEvent({ ...env, GITHUB_EVENT_PATH: gone })).toMatchObject({
      fromFork: true,
      number: 7,
    });
  });

  test('why there is no pull request', () => {
    expect(pullRequestFromEvent({})).toMatch(/not a pull request event/);
    expect(pullRequestFromEvent(PR)).toMatch(/GITHUB_EVENT_PATH/);
    expect(pullRequestFromEvent({ ...PR, GITHUB_EVENT_PATH: write('bad.json', '{') })).toMatch(
      /could not be read/,
    );
    expect(
      pullRequestFromEvent({
        ...PR,
        GITHUB_EVENT_PATH: write('none.json', { ref: 'x' }),
        GITHUB_REPOSITORY: 'o/r',
      }),
    ).toMatch(/no pull request number/);
    expect(
      pullRequestFromEvent({
        ...PR,
        GITHUB_EVENT_PATH: write('n.json', { number: 1 }),
        GITHUB_REPOSITORY: 'o/r/../x',
      }),
    ).toMatch(/owner\/repo/);
  });
});

describe('footer and body', () => {
  const now = new Date('2026-05-01T12:34:56.789Z');
  const env = {
    GITHUB_SERVER_URL: 'https://ghe.example.com/',
    GITHUB_REPOSITORY: 'o/r',
    GITHUB_RUN_ID: '123',
    GITHUB_RUN_ATTEMPT: '2',
    GITHUB_WORKFLOW: 'CI <b>@team</b>',
    GITHUB_JOB: 'gate',
  };

  test('links the run, names the attempt and the time, escapes the rest', () => {
    const [rule, line] = runFooter(env, now, 'lin|ux');
    expect(rule).toBe('---');
    expect(line).toContain('[run 123, attempt 2](https://ghe.example.com/o/r/actions/runs/123)');
    expect(line).toContain('updated 2026-05-01 12:34:56 UTC');
    expect(line).toContain('CI &lt;b&gt;&#64;\u200bteam&lt;/b&gt;');
    expect(line).toContain('comment key <code>lin&#124;ux</code>');
    expect(line).not.toContain('<b>');
  });

  test('a suspicious server URL or run id gives no link', () => {
    const [, line] = runFooter({ ...env, GITHUB_SERVER_URL: 'javascript:alert(1)//' }, now);
    expect(line).not.toContain('](');
    const [, line2] = runFooter({ ...env, GITHUB_RUN_ID: '1) [x](http://evil' }, now);
    expect(line2).not.toContain('evil');
    expect(line2).toContain('run (unknown)');
  });

  const pass: Report = { ...failedRunReport('x'), result: 'pass', error: undefined };
  const opts = { failBuild: true, onError: 'fail' } as const;
  const marker = markerFor(keyHash('k'));

  test('marker first, state second, the report, the footer', () => {
    const body = buildCommentBody(failedRunReport('boom'), opts, marker, undefined, ['FOOT']);
    const lines = body.split('\n');
    expect(lines[0]).toBe(marker);
    expect(lines[1]).toBe('<!-- sas-image-gate-result:error -->');
    expect(lines[2]).toMatch(/^### ⚠️ /);
    expect(body).toContain('FOOT');
  });

  test('the resolved note only for a pass after fail or error', () => {
    expect(buildCommentBody(pass, opts, marker, 'fail', [])).toContain(
      'The earlier failure is resolved.',
    );
    expect(buildCommentBody(pass, opts, marker, 'error', [])).toContain(
      'The earlier failure is resolved.',
    );
    expect(buildCommentBody(pass, opts, marker, 'pass', [])).not.toContain('resolved');
    expect(buildCommentBody(pass, opts, marker, undefined, [])).not.toContain('resolved');
    const fail = failedRunReport('x');
    expect(buildCommentBody(fail, opts, marker, 'fail', [])).not.toContain('resolved');
  });

  test('registered secrets are scrubbed, and a huge error still fits', () => {
    registerSecret('unit-secret-value');
    const body = buildCommentBody(
      failedRunReport(`leak unit-secret-value ${'x'.repeat(200_000)}`),
      opts,
      marker,
      undefined,
      [],
    );
    expect(body).not.toContain('unit-secret-value');
    expect(Buffer.byteLength(body)).toBeLessThan(GITHUB_BODY_LIMIT);
  });

  test('CJK text: the body stays within 65,536 bytes of UTF-8, not only characters', () => {
    const problems = Array.from({ length: 100 }, (_, i) => `${i}: ${'漏洞'.repeat(500)}`);
    const body = buildCommentBody(failedRunReport('bad', problems), opts, marker, undefined, []);
    expect(body.length).toBeGreaterThan(10_000);
    expect(Buffer.byteLength(body, 'utf8')).toBeLessThan(GITHUB_BODY_LIMIT);
    expect(body).not.toContain('\ufffd');
  });
});

describe('retry advice', () => {
  const err = (status: number | undefined, headers: Record<string, string> = {}, message = 'x') =>
    Object.assign(new Error(message), { status, response: { headers } });

  test('5xx and network failures are retried with backoff', () => {
    expect(retryAdvice(err(502))).toEqual({ retry: true, rateLimited: false });
    expect(retryAdvice(new Error('ECONNRESET'))).toEqual({ retry: true, rateLimited: false });
  });

  test('rate limits wait as GitHub says', () => {
    expect(retryAdvice(err(403, { 'retry-after': '7' }))).toMatchObject({
      retry: true,
      waitMs: 7000,
    });
    expect(retryAdvice(err(429, { 'retry-after': '0' }))).toMatchObject({ waitMs: 0 });
    expect(
      retryAdvice(
        err(403, { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': '1010' }),
        1_000_000,
      ),
    ).toMatchObject({ retry: true, waitMs: 10_000 });
    expect(retryAdvice(err(403, {}, 'You have exceeded a secondary rate limit'))).toMatchObject({
      retry: true,
      waitMs: 60_000,
    });
  });

  test('permission and validation errors are not retried', () => {
    for (const status of [401, 403, 404, 422])
      expect(retryAdvice(err(status, {}, 'Resource not accessible by integration')).retry).toBe(
        false,
      );
  });
});

describe('explanations', () => {
  const err = (status: number | undefined, message: string) =>
    Object.assign(new Error(message), { status });
  const forbidden = 'Resource not accessible by integration - https://docs.github.com/rest';

  test('fork 403: a notice with the workflow_run recipe', () => {
    const { level, text } = explainFailure(err(403, forbidden), { fromFork: true });
    expect(level).toBe('notice');
    expect(text).toMatch(/fork/);
    expect(text).toMatch(/workflow_run/);
    expect(text).toMatch(/verdict and the exit code are unaffected/);
    expect(text).not.toContain('https://docs.github.com');
  });

  test('same-repository 403 names the permission', () => {
    expect(explainFailure(err(403, forbidden), { fromFork: false }).text).toContain(
      'pull-requests: write',
    );
  });

  test('404, 401, 5xx', () => {
    expect(explainFailure(err(404, 'Not Found'), { fromFork: false })).toMatchObject({
      level: 'notice',
    });
    expect(explainFailure(err(401, 'Bad credentials'), { fromFork: false }).text).toMatch(
      /github-token/,
    );
    expect(explainFailure(err(503, 'Unavailable'), { fromFork: false })).toMatchObject({
      level: 'warning',
    });
  });
});

describe('pagination', () => {
  test('nextLink picks rel="next" only', () => {
    expect(
      nextLink('<https://api.x/c?page=3>; rel="next", <https://api.x/c?page=9>; rel="last"'),
    ).toBe('https://api.x/c?page=3');
    expect(
      nextLink('<https://api.x/c?page=1>; rel="first", <https://api.x/c?page=2>; rel="prev"'),
    ).toBeUndefined();
    expect(nextLink('')).toBeUndefined();
    expect(nextLink('<javascript:alert(1)>; rel="next"')).toBeUndefined();
  });

  function pages(...answers: Array<{ data: IssueComment[]; link?: string }>): {
    request: (...args: unknown[]) => Promise<unknown>;
    calls: unknown[][];
  } {
    const calls: unknown[][] = [];
    return {
      calls,
      request: async (...args: unknown[]) => {
        calls.push(args);
        const a = answers.shift();
        if (!a) throw new Error('no more pages');
        return { data: a.data, headers: a.link ? { link: a.link } : {} };
      },
    };
  }
  const pr = { owner: 'o', repo: 'r', number: 1 };
  const signal = new AbortController().signal;
  const c = (id: number): IssueComment => ({ id, html_url: `u${id}`, body: `b${id}` });

  test('walks the pages until a comment matches', async () => {
    const fake = pages(
      { data: [c(1), c(2)], link: '<https://api.x/next?page=2>; rel="next"' },
      { data: [c(3)], link: '<https://api.x/next?page=3>; rel="next"' },
      { data: [c(4)] },
    );
    const found = await findOurComment(
      fake as never,
      pr,
      'https://api.x',
      signal,
      (x) => x.id === 3,
    );
    expect(found?.id).toBe(3);
    expect(fake.calls).toHaveLength(2);
    expect(fake.calls[1]?.[0]).toEqual({
      method: 'GET',
      url: 'https://api.x/next?page=2',
      request: { signal },
    });
  });

  test('refuses a next page on another host (the token stays with GITHUB_API_URL)', async () => {
    const fake = pages({ data: [c(1)], link: '<https://evil.example/c?page=2>; rel="next"' });
    await expect(
      findOurComment(fake as never, pr, 'https://api.x', signal, () => false),
    ).rejects.toThrow(/another host/);
    expect(fake.calls).toHaveLength(1);
  });
});

describe('settings', () => {
  const read = (inputs: Record<string, string>) => {
    const masked: string[] = [];
    const input = new InputReader(inputsEnv(inputs));
    const settings = readCommentSettings(input, (s) => masked.push(s));
    return { settings, problems: input.problems, masked };
  };

  test('defaults', () => {
    expect(read({}).settings).toEqual({ mode: 'always', token: '', key: '' });
  });

  test('modes, any case; a token is masked', () => {
    const r = read({
      'comment-on-pr': 'On-Failure',
      'github-token': 'ghp_x',
      'comment-key': 'linux',
    });
    expect(r.settings).toEqual({ mode: 'on-failure', token: 'ghp_x', key: 'linux' });
    expect(r.masked).toEqual(['ghp_x']);
    expect(r.problems).toEqual([]);
    expect(read({ 'comment-on-pr': 'never' }).settings?.mode).toBe('never');
  });

  test('bad values are input problems naming the input', () => {
    expect(read({ 'comment-on-pr': 'sometimes' }).problems).toEqual([
      expect.stringMatching(
        /^comment-on-pr: "sometimes" is not accepted; use one of: always, on-failure, never$/,
      ),
    ]);
    expect(read({ 'comment-key': 'k'.repeat(2000) }).problems).toEqual([
      expect.stringMatching(/^comment-key: at most 1024/),
    ]);
  });
});

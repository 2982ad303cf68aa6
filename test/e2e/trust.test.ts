// Fail-open paths, forged workflow commands and common mistakes (issue 9), on the built action.
// Each test was written before its fix and seen failing.
import { gzipSync } from 'node:zlib';
import { FakeGitHub, FORK_TOKEN, INSTALLATION_TOKEN } from '../helpers/fake-github.js';
import { IdTokenServer } from '../helpers/id-token-server.js';
import { reportOf, runAction, simInputs, type ActionRun } from '../helpers/run-action.js';
import { PROVIDER_ARN, ROLE_ARN, StsSimulator } from '../simulator/sts-simulator.js';
import { useSimulator } from '../helpers/use-simulator.js';

const ctx = useSimulator();

const DIGEST = '1'.repeat(64);
const ZEROS = {
  ImageBaselineCount: 0,
  ImageMaliciousFileCount: 0,
  ImageScaVulCount: 0,
  ImageCveVulCount: 0,
};
const FAST = { SAS_IMAGE_GATE_FIRST_POLL_MS: '100' };

const run = (inputs: Record<string, string>, env: Record<string, string> = FAST) =>
  runAction({ inputs: simInputs(ctx.sim.url, inputs), env });

/** Lines the runner would execute as a forged command (it splits on CR and LF, trims spaces). */
function forgedCommands(stdout: string): string[] {
  return stdout
    .split(/\r\n|\r|\n/)
    .filter(
      (line) =>
        /^\s*::(error::forged|add-mask::x|stop-commands::pwn)/.test(line) ||
        line.includes('##[error]forged'),
    );
}

const FORGERIES = [
  '\n::error::forged',
  '\r\n::add-mask::x',
  '\u2028::error::forged',
  '\n  ::stop-commands::pwn',
  '\n##[error]forged',
];

describe('a 2xx answer with an error marker of any JSON type is an error', () => {
  test.each<[string, Record<string, unknown>]>([
    ['numeric Code 403', { Code: 403, Message: 'Forbidden' }],
    ['numeric Code 500', { Code: 500, Message: 'ServerError' }],
    ['boolean Code', { Code: true }],
    ['object Code', { Code: { reason: 'denied' } }],
    ['Success false as text', { Success: 'false' }],
    ['Success FALSE', { Success: 'FALSE' }],
    ['ErrorCode', { ErrorCode: 'Forbidden.RAM' }],
    ['numeric errorCode', { errorCode: 17 }],
  ])('%s on the count query', async (_, marker) => {
    ctx.sim.addImage({ digest: DIGEST, counts: {} });
    ctx.sim.fault(
      {
        kind: 'raw',
        status: 200,
        body: JSON.stringify({ RequestId: 'R-1', ...marker, Data: ZEROS }),
        headers: { 'content-type': 'application/json' },
      },
      // Every count answer: one sent with the proof is asked again after it.
      { action: 'DescribeImageSecurityScanCount', times: Infinity },
    );
    const r = await run({ 'image-digest': DIGEST });
    expect(r.outputs['result']).toBe('error');
    expect(r.exitCode).toBe(1);
    expect(reportOf(r).images[0]?.error).toMatch(/DescribeImageSecurityScanCount failed/);
  });

  test.each<[string, unknown]>([
    ['the success code as a number', 200],
    ['"200"', '200'],
    ['"OK"', 'OK'],
    ['"Success"', 'Success'],
    ['null', null],
  ])('Code %s is a success', async (_, code) => {
    ctx.sim.addImage({ digest: DIGEST, counts: {} });
    ctx.sim.fault(
      {
        kind: 'raw',
        status: 200,
        body: JSON.stringify({ RequestId: 'R-1', Code: code, Success: true, Data: ZEROS }),
        headers: { 'content-type': 'application/json' },
      },
      { action: 'DescribeImageSecurityScanCount' },
    );
    const r = await run({ 'image-digest': DIGEST });
    expect(r.outputs['result']).toBe('pass');
  });

  test('a numeric Code on the scan listing too: no proof, no pass', async () => {
    ctx.sim.addImage({ digest: DIGEST, counts: {} });
    ctx.sim.fault(
      {
        kind: 'raw',
        status: 200,
        body: JSON.stringify({
          Code: 403,
          ImageInstanceList: [{ Digest: DIGEST, ScaStatus: 'SUCCESS', LastScanTime: Date.now() }],
          PageInfo: { TotalCount: 1 },
        }),
        headers: { 'content-type': 'application/json' },
      },
      { action: 'DescribeImageInstances' },
    );
    const r = await run({ 'image-digest': DIGEST });
    expect(r.outputs['result']).toBe('error');
    expect(reportOf(r).images[0]?.error).toMatch(/DescribeImageInstances failed: 403 \(HTTP 200\)/);
    // The count query may go out with the proof, but its answer is not used.
    expect(ctx.sim.requestsFor('DescribeImageSecurityScanCount').length).toBeLessThanOrEqual(1);
    expect(r.outputs['gated-digests']).toBe('');
  });
});

test.each<[string, Record<string, unknown>]>([
  ['absent', {}],
  ['0', { LastScanTime: 0 }],
])('ScaStatus SUCCESS with LastScanTime %s is not proof of a scan', async (_, time) => {
  ctx.sim.addImage({ digest: DIGEST, counts: {} });
  ctx.sim.handlers.set('DescribeImageInstances', () => ({
    body: {
      ImageInstanceList: [{ Digest: DIGEST, ScaStatus: 'SUCCESS', ...time }],
      PageInfo: { TotalCount: 1 },
    },
  }));
  ctx.sim.handlers.set('DescribeImageLatestScanTask', () => ({ body: { Task: [] } }));
  const r = await run({ 'image-digest': DIGEST });
  expect(r.outputs['result']).toBe('error');
  expect(r.outputs['scan-status']).toBe('not-scanned');
  expect(ctx.sim.requestsFor('DescribeImageLatestScanTask')).toHaveLength(1);
});

test('ScaStatus SUCCESS without LastScanTime: a finished latest scan task still proves it', async () => {
  ctx.sim.addImage({ digest: DIGEST, counts: {} });
  ctx.sim.handlers.set('DescribeImageInstances', () => ({
    body: {
      ImageInstanceList: [{ Digest: DIGEST, ScaStatus: 'SUCCESS' }],
      PageInfo: { TotalCount: 1 },
    },
  }));
  ctx.sim.handlers.set('DescribeImageLatestScanTask', () => ({
    body: {
      Task: [{ Target: DIGEST, Status: 'SUCCESS', FinishTime: Date.now() - 60_000, Finish: 1 }],
    },
  }));
  const r = await run({ 'image-digest': DIGEST });
  expect(r.outputs['result']).toBe('pass');
  expect(r.outputs['scan-status']).toBe('scanned');
});

describe('remote and input text never starts a line of the runner log', () => {
  test.each(FORGERIES)('Security Center answer fields (%j)', async (forgery) => {
    ctx.sim.addImage({ digest: DIGEST, counts: {} });
    // Retried first (throttled), then refused: both the retry log and the error carry it.
    ctx.sim.fault(
      {
        kind: 'error',
        status: 503,
        code: `Throttling${forgery}`,
        message: `slow down${forgery}`,
        extra: { RequestId: `R-1${forgery}` },
      },
      { action: 'DescribeImageSecurityScanCount' },
    );
    ctx.sim.fault(
      {
        kind: 'error',
        status: 403,
        code: `NoPermission${forgery}`,
        message: `denied${forgery}`,
        extra: { RequestId: `R-2${forgery}` },
      },
      { action: 'DescribeImageSecurityScanCount' },
    );
    const r = await run(
      { 'image-digest': DIGEST, 'require-scan': 'false' },
      {
        ...FAST,
        RUNNER_DEBUG: '1',
      },
    );
    expect(r.outputs['result']).toBe('error');
    expect(r.stdout).toMatch(/retrying in/);
    expect(forgedCommands(r.stdout)).toEqual([]);
  });

  test('an input that reaches the log', async () => {
    const uuid = '::warning::tagged';
    ctx.sim.addImage({
      digest: DIGEST,
      uuid,
      counts: {},
      scanStates: [{ ScaStatus: 'START' }, { ScaStatus: 'SUCCESS', LastScanTime: 'now' }],
    });
    const r = await run({ 'image-uuid': uuid });
    expect(r.outputs['result']).toBe('pass');
    expect(r.stdout).toMatch(/scan in progress/);
    expect(r.stdout.split(/\r\n|\r|\n/).filter((l) => /^\s*::warning::tagged/.test(l))).toEqual([]);
  });

  test.each(FORGERIES)('STS and the ID-token service (%j)', async (forgery) => {
    const idTokens = await IdTokenServer.start();
    const sts = await StsSimulator.start({ sas: ctx.sim, idTokens });
    try {
      ctx.sim.keys.clear();
      ctx.sim.addImage({ digest: DIGEST, counts: {} });
      idTokens.faults.push({ status: 500, body: `token service down${forgery}` });
      sts.fail({
        kind: 'raw',
        status: 503,
        body: JSON.stringify({
          Code: `ServiceUnavailable${forgery}`,
          Message: `busy${forgery}`,
          RequestId: `S-1${forgery}`,
        }),
      });
      sts.fail({
        kind: 'raw',
        status: 401,
        body: JSON.stringify({
          Code: `AuthenticationFail.OIDCToken.Invalid${forgery}`,
          Message: `no${forgery}`,
          RequestId: `S-2${forgery}`,
        }),
      });
      const r = await runAction({
        inputs: {
          endpoint: ctx.sim.url,
          'sts-endpoint': sts.url,
          'role-arn': ROLE_ARN,
          'oidc-provider-arn': PROVIDER_ARN,
          'image-digest': DIGEST,
        },
        env: { ...idTokens.env(), GITHUB_REPOSITORY: 'o/r', GITHUB_RUN_ID: '1', RUNNER_DEBUG: '1' },
      });
      expect(r.outputs['result']).toBe('error');
      expect(r.stdout).toMatch(/Requesting the GitHub ID token: attempt 1 failed/);
      expect(r.stdout).toMatch(/STS AssumeRoleWithOIDC .*attempt 1 failed/);
      expect(forgedCommands(r.stdout)).toEqual([]);
    } finally {
      await Promise.all([idTokens.close(), sts.close()]);
    }
  });

  test.each(FORGERIES)('the GitHub API (%j)', async (forgery) => {
    const gh = await FakeGitHub.start();
    try {
      ctx.sim.addImage({ digest: DIGEST, repoId: 'crr-1', counts: {} });
      gh.fault({ status: 502, body: { message: `Server Error${forgery}` } });
      gh.fault({ status: 422, body: { message: `Validation Failed${forgery}` }, times: 9 });
      const r = await runAction({
        inputs: simInputs(ctx.sim.url, {
          'image-digest': DIGEST,
          'repo-id': 'crr-1',
          'github-token': INSTALLATION_TOKEN,
        }),
        event: {
          name: 'pull_request',
          payload: {
            number: 7,
            pull_request: {
              number: 7,
              head: { repo: { full_name: 'acme/shop' } },
              base: { repo: { full_name: 'acme/shop' } },
            },
          },
        },
        env: { GITHUB_API_URL: gh.url, GITHUB_REPOSITORY: 'acme/shop', RUNNER_DEBUG: '1' },
      });
      expect(r.outputs['result']).toBe('pass');
      expect(r.stdout).toMatch(/GitHub request: attempt 1 failed/);
      expect(forgedCommands(r.stdout)).toEqual([]);
    } finally {
      await gh.close();
    }
  });
});

describe('every image must be named', () => {
  test.each<[string, Record<string, string>]>([
    ['an empty image-digest with repo-id', { 'image-digest': '', 'repo-id': 'crr-1' }],
    ['repo-id alone', { 'repo-id': 'crr-1' }],
    ['image-tag alone', { 'image-tag': 'latest' }],
    ['cluster-id alone', { 'cluster-id': 'c-1' }],
    ['an images line with repo-id only', { images: 'repo-id=crr-1' }],
  ])('%s is bad input, before any request', async (_, inputs) => {
    ctx.sim.addImage({ digest: DIGEST, repoId: 'crr-1', tag: 'latest', counts: {} });
    const r = await run(inputs);
    expect(r.exitCode).toBe(1);
    expect(r.outputs['result']).toBe('error');
    expect(ctx.sim.requests).toHaveLength(0);
    const message = reportOf(r).error ?? '';
    expect(message).toMatch(/image-digest/);
    expect(message).toMatch(/image-uuid/);
    expect(message).toMatch(/image-tag.*repo-id/);
    expect(message).toContain('${{ steps.<id>.outputs.digest }}');
  });

  test.each<[string, Record<string, string>]>([
    ['image-tag with repo-id', { 'image-tag': 'latest', 'repo-id': 'crr-1' }],
    ['image-uuid', { 'image-uuid': 'uuid-11111111' }],
    [
      'an images line with a tag and a step-level repo-id',
      { 'repo-id': 'crr-1', images: 'image-tag=latest' },
    ],
  ])('%s names an image', async (_, inputs) => {
    ctx.sim.addImage({ digest: DIGEST, repoId: 'crr-1', tag: 'latest', counts: {} });
    const r = await run(inputs);
    expect(r.outputs['result']).toBe('pass');
  });
});

test('an endpoint without a scheme answering plain http: not retried, http:// suggested', async () => {
  ctx.sim.addImage({ digest: DIGEST, counts: {} });
  const hostPort = ctx.sim.url.replace('http://', '');
  const r = await run({ endpoint: hostPort, 'image-digest': DIGEST, 'require-scan': 'false' });
  expect(r.outputs['result']).toBe('error');
  expect(r.stdout).not.toMatch(/retrying in/);
  const error = reportOf(r).images[0]?.error ?? '';
  expect(error).toMatch(/TLS/);
  expect(error).toContain(`http://${hostPort}`);
  expect(error).not.toMatch(/HTTPS_PROXY/);
});

test.each([
  ['repo-region-id', 'cn-hangzou'],
  ['region-id', 'cn-hangzou'],
])('an unknown %s suggests the nearest known region', async (input, value) => {
  const r = await run({ 'image-digest': DIGEST, [input]: value, endpoint: '' });
  expect(r.outputs['result']).toBe('error');
  const message = reportOf(r).error ?? '';
  expect(message).toContain(`${input}: "cn-hangzou"`);
  expect(message).toMatch(/did you mean cn-hangzhou\?/);
  expect(message).toMatch(/ap-southeast-1, .*eu-central-1/);
  expect(ctx.sim.requests).toHaveLength(0);
});

test('the bad-input summary lists each problem and states no rejected setting', async () => {
  const r = await run({
    'image-digest': 'nope',
    'risk-status': 'sometimes',
    'max-cve-vulns': 'lots',
  });
  expect(r.exitCode).toBe(1);
  const items = r.summary.split('\n').filter((l) => l.startsWith('- '));
  expect(items).toHaveLength(3);
  expect(items.join('\n')).toMatch(/image-digest/);
  expect(items.join('\n')).toMatch(/risk-status/);
  expect(items.join('\n')).toMatch(/max-cve-vulns/);
  expect(r.summary).not.toMatch(/Risk status counted/);
});

test.each([
  ['a space inside a digest', `sha256: ${DIGEST}`, /contains a space/],
  ['two digests separated by a space', `${DIGEST} ${'2'.repeat(64)}`, /contains a space/],
])('%s is reported as such', async (_, value, message) => {
  const r = await run({ 'image-digest': value });
  expect(r.outputs['result']).toBe('error');
  expect(reportOf(r).error).toMatch(message);
  expect(reportOf(r).error).not.toMatch(/"sha256:" is not a digest/);
});

test('comma- and newline-separated digests are still several images', async () => {
  ctx.sim.addImage({ digest: DIGEST, counts: {} });
  ctx.sim.addImage({ digest: '2'.repeat(64), counts: {} });
  const r = await run({ 'image-digest': `${DIGEST},\r\n sha256:${'2'.repeat(64)}\n` });
  expect(r.outputs['result']).toBe('pass');
  expect(reportOf(r).images).toHaveLength(2);
});

test('an answer over the size bound is "answer too large", asked once', async () => {
  ctx.sim.addImage({ digest: DIGEST, counts: {} });
  ctx.sim.fault(
    {
      kind: 'raw',
      status: 200,
      body: `{"RequestId":"R","Pad":"${'x'.repeat(11 * 1024 * 1024)}"}`,
      headers: { 'content-type': 'application/json' },
    },
    { action: 'DescribeImageSecurityScanCount', times: Infinity },
  );
  const r = await run({ 'image-digest': DIGEST, 'require-scan': 'false' });
  expect(r.outputs['result']).toBe('error');
  expect(reportOf(r).images[0]?.error).toMatch(/answer too large/);
  expect(ctx.sim.requestsFor('DescribeImageSecurityScanCount')).toHaveLength(1);
});

test('a compressed answer the client does not decode names its content-encoding', async () => {
  ctx.sim.addImage({ digest: DIGEST, counts: {} });
  ctx.sim.fault(
    {
      kind: 'raw',
      status: 200,
      body: gzipSync(JSON.stringify({ RequestId: 'R', Data: ZEROS })).toString('latin1'),
      headers: { 'content-type': 'application/json', 'content-encoding': 'gzip' },
    },
    { action: 'DescribeImageSecurityScanCount', times: Infinity },
  );
  const r = await run({ 'image-digest': DIGEST, 'require-scan': 'false' });
  expect(r.outputs['result']).toBe('error');
  expect(reportOf(r).images[0]?.error).toMatch(/content-encoding gzip/);
});

test('a GitHub API that does not answer is reported as a timeout, not as HTTP 500', async () => {
  const gh = await FakeGitHub.start();
  try {
    ctx.sim.addImage({ digest: DIGEST, repoId: 'crr-1', counts: {} });
    gh.fault({ hang: true, times: 99 });
    const r: ActionRun = await runAction({
      inputs: simInputs(ctx.sim.url, {
        'image-digest': DIGEST,
        'repo-id': 'crr-1',
        'github-token': INSTALLATION_TOKEN,
        'timeout-seconds': '3',
      }),
      event: {
        name: 'pull_request',
        payload: {
          number: 7,
          pull_request: {
            number: 7,
            head: { repo: { full_name: 'acme/shop' } },
            base: { repo: { full_name: 'acme/shop' } },
          },
        },
      },
      env: { GITHUB_API_URL: gh.url, GITHUB_REPOSITORY: 'acme/shop' },
    });
    expect(r.outputs['result']).toBe('pass');
    expect(r.exitCode).toBe(0);
    const line = r.stdout.split('\n').find((l) => /Pull request comment not written/.test(l)) ?? '';
    expect(line).toMatch(/^::warning::/);
    expect(line).toMatch(/did not answer within \d+ s/);
    expect(line).not.toMatch(/500/);
  } finally {
    await gh.close();
  }
});

test.each(['endpoint', 'sts-endpoint'])(
  'an %s with user info is refused without echoing it',
  async (input) => {
    const r = await run({
      'image-digest': DIGEST,
      [input]: 'https://alice:hunter2@tds.example.com',
    });
    expect(r.outputs['result']).toBe('error');
    expect(reportOf(r).error).toMatch(new RegExp(`${input}: .*must not contain user info`));
    for (const text of [r.stdout, r.stderr, r.summary, JSON.stringify(r.outputs)]) {
      expect(text).not.toContain('hunter2');
      expect(text).not.toContain('alice');
    }
  },
);

describe('fork detection: one rule (head repository differs from base)', () => {
  const event = (name: string, head: unknown, fork: boolean) => ({
    name,
    payload: {
      number: 7,
      pull_request: {
        number: 7,
        head: { repo: head === null ? null : { full_name: head, fork } },
        base: { repo: { full_name: 'acme/shop', fork } },
      },
      repository: { full_name: 'acme/shop' },
    },
  });

  test('a same-repository pull request inside a forked repository is not "from a fork"', async () => {
    const gh = await FakeGitHub.start();
    try {
      ctx.sim.addImage({ digest: DIGEST, repoId: 'crr-1', counts: {} });
      const r = await runAction({
        inputs: simInputs(ctx.sim.url, {
          'image-digest': DIGEST,
          'repo-id': 'crr-1',
          'github-token': FORK_TOKEN,
        }),
        event: event('pull_request', 'acme/shop', true),
        env: { GITHUB_API_URL: gh.url, GITHUB_REPOSITORY: 'acme/shop' },
      });
      const line = r.stdout.split('\n').find((l) => /comment not written/.test(l)) ?? '';
      expect(line).toMatch(/pull-requests: write/);
      expect(line).not.toMatch(/comes from a fork, and GitHub gives such runs a read-only token/);
    } finally {
      await gh.close();
    }
  });

  test.each([
    ['pull_request', 'mallory/shop'],
    ['pull_request_review', 'mallory/shop'],
    ['pull_request', null],
  ])('%s from %s: missing credentials mention the fork', async (name, head) => {
    const r = await runAction({
      inputs: { endpoint: ctx.sim.url, 'image-digest': DIGEST },
      event: event(name, head, false),
      env: { GITHUB_REPOSITORY: 'acme/shop' },
    });
    expect(r.outputs['result']).toBe('error');
    expect(reportOf(r).error).toMatch(/pull request from a fork/);
  });

  test('pull_request_target gets secrets even from forks: no fork hint', async () => {
    const r = await runAction({
      inputs: { endpoint: ctx.sim.url, 'image-digest': DIGEST },
      event: event('pull_request_target', 'mallory/shop', false),
      env: { GITHUB_REPOSITORY: 'acme/shop' },
    });
    expect(r.outputs['result']).toBe('error');
    expect(reportOf(r).error).toMatch(/credentials: none found/);
    expect(reportOf(r).error).not.toMatch(/pull request from a fork/);
  });
});

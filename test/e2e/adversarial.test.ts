// Answers and inputs built to trick the gate into a pass (found by an adversarial review); each
// must end in error, never pass, and never exit 0 without a verdict.
import { reportOf, runAction, simInputs } from '../helpers/run-action.js';
import { useSimulator } from '../helpers/use-simulator.js';

const ctx = useSimulator();

const hex = (n: number) => n.toString(16).padStart(64, '0');
const DIGEST = hex(1);

const run = (inputs: Record<string, string>) =>
  runAction({
    inputs: simInputs(ctx.sim.url, inputs),
    env: { SAS_IMAGE_GATE_FIRST_POLL_MS: '100' },
  });

test('credentials with characters no key has are bad input, not a silent exit 0', async () => {
  ctx.sim.addImage({ digest: DIGEST, counts: { ImageCveVulCount: 9 } });
  const cases: Array<Record<string, string>> = [
    { 'access-key-id': 'test-key-\u0410d' },
    { 'access-key-secret': 'test-key-\nsecret' },
    { 'security-token': 'tok\nen' },
  ];
  for (const inputs of cases) {
    const r = await run({ 'image-digest': DIGEST, ...inputs });
    expect(r.exitCode).toBe(1);
    expect(r.outputs['result']).toBe('error');
    expect(r.stdout).toMatch(/contains characters an access key never has/);
  }
  expect(ctx.sim.requests).toHaveLength(0);
});

test('a success status whose body reports an error is an error', async () => {
  ctx.sim.addImage({ digest: DIGEST, counts: { ImageCveVulCount: 9 } });
  ctx.sim.fault(
    {
      kind: 'raw',
      status: 200,
      body: JSON.stringify({
        RequestId: 'R-9',
        Code: 'NoPermission',
        Success: false,
        Message: 'denied',
        Data: {
          ImageBaselineCount: 0,
          ImageMaliciousFileCount: 0,
          ImageScaVulCount: 0,
          ImageCveVulCount: 0,
        },
      }),
      headers: { 'content-type': 'application/json' },
    },
    { action: 'DescribeImageSecurityScanCount', times: Infinity },
  );
  const r = await run({ 'image-digest': DIGEST });
  expect(r.outputs['result']).toBe('error');
  expect(reportOf(r).images[0]?.error).toMatch(/NoPermission \(HTTP 200\)/);
});

test.each([[3], [''], [['PROCESSING']]])(
  'an unreadable ScaStatus (%j) is unknown, not scanned',
  async (status) => {
    ctx.sim.addImage({ digest: DIGEST, counts: {} });
    ctx.sim.handlers.set('DescribeImageInstances', () => ({
      body: {
        ImageInstanceList: [{ Digest: DIGEST, ScaStatus: status, LastScanTime: Date.now() - 1000 }],
        PageInfo: { TotalCount: 1 },
      },
    }));
    const r = await run({ 'image-digest': DIGEST });
    expect(r.outputs['result']).toBe('error');
    expect(r.outputs['scan-status']).toBe('unknown');
  },
);

test('a scan time in the future is not believed; the other images keep their results', async () => {
  ctx.sim.addImage({ digest: hex(1), counts: { ImageCveVulCount: 5 } });
  ctx.sim.addImage({
    digest: hex(2),
    counts: {},
    scanStates: [{ ScaStatus: 'SUCCESS', LastScanTime: 1e300 }],
  });
  const r = await run({ 'image-digest': `${hex(1)},${hex(2)}`, 'max-scan-age': '24' });
  const images = reportOf(r).images;
  expect(images.map((i) => i.result)).toEqual(['fail', 'error']);
  expect(images[1]?.error).toMatch(/LastScanTime in the future/);
  expect(r.outputs['result']).toBe('error');
});

test('a listing longer than the gate reads is no proof', async () => {
  for (let i = 1; i <= 501; i++) {
    ctx.sim.addImage({
      digest: hex(i),
      repoId: 'r1',
      tag: 'v1',
      counts: {},
      scanStates: i === 501 ? [{}] : undefined,
    });
  }
  const r = await run({ 'repo-id': 'r1', 'image-tag': 'v1' });
  expect(r.outputs['result']).toBe('error');
  expect(r.outputs['scan-status']).toBe('unknown');
  expect(reportOf(r).images[0]?.error).toMatch(/cannot show that every one was scanned/);
});

test('a full page without a total reads on, and finds the unscanned image', async () => {
  for (let i = 1; i <= 101; i++)
    ctx.sim.addImage({
      digest: hex(i),
      repoId: 'r1',
      tag: 'v1',
      counts: {},
      scanStates: i === 101 ? [{ ScaStatus: 'START' }] : undefined,
    });
  const listing = ctx.sim.handlers.get('DescribeImageInstances')!;
  ctx.sim.handlers.set('DescribeImageInstances', (ctx) => {
    const answer = listing(ctx);
    delete answer.body['PageInfo'];
    return answer;
  });
  const r = await run({ 'repo-id': 'r1', 'image-tag': 'v1', 'wait-for-scan': '0' });
  expect(r.outputs['result']).toBe('error');
  expect(r.outputs['scan-status']).toBe('scanning');
  expect(ctx.sim.requestsFor('DescribeImageInstances').map((q) => q.params['CurrentPage'])).toEqual(
    ['1', '2'],
  );
});

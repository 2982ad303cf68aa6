// Several images in one step: one combined verdict, every image its row, bounded concurrency.
import { reportOf, runAction, simInputs } from '../helpers/run-action.js';
import { useSimulator } from '../helpers/use-simulator.js';

const ctx = useSimulator();

const hex = (n: number) => n.toString(16).padStart(64, '0');

const run = (inputs: Record<string, string>) =>
  runAction({ inputs: simInputs(ctx.sim.url, inputs) });

test('pass, fail and error images: result error, every image has its row, sums over the counted ones', async () => {
  ctx.sim.addImage({ digest: hex(1), counts: { ImageCveVulCount: 2 } });
  ctx.sim.addImage({ digest: hex(2), counts: { ImageCveVulCount: 9, ImageMaliciousFileCount: 1 } });
  ctx.sim.addImage({ digest: hex(3), counts: { ImageCveVulCount: 100 }, synced: false });
  const r = await run({
    'image-digest': `${hex(1)}, sha256:${hex(2)}\n${hex(3)}`,
    'max-cve-vulns': '5',
  });
  expect(r.exitCode).toBe(1);
  const rep = reportOf(r);
  expect(rep.images.map((i) => i.result)).toEqual(['pass', 'fail', 'error']);
  expect(rep.images[2]?.error).toMatch(/does not know the image/);
  expect(r.outputs).toMatchObject({
    result: 'error',
    'cve-vulns': '11',
    'malicious-files': '1',
    exceeded: 'malicious-files,cve-vulns',
  });
  expect(r.outputs['request-id']?.split(',')).toHaveLength(3);
  expect(r.outputs['gated-digests']).toBe(`sha256:${hex(1)},sha256:${hex(2)}`);
  expect(r.summary).toMatch(/1 passed, 1 failed, 1 could not be checked/);
  expect(r.summary).toContain(`sha256:${hex(3)}`);
});

test('duplicate digests (prefix and case aside) are queried once', async () => {
  const d = 'ab'.repeat(32);
  ctx.sim.addImage({ digest: d, counts: {} });
  const r = await run({
    'image-digest': `${d}\nsha256:${d.toUpperCase()}\n${d}`,
    images: `image-digest=${d}`,
  });
  expect(r.outputs['result']).toBe('pass');
  expect(reportOf(r).images).toHaveLength(1);
  expect(ctx.sim.requestsFor('DescribeImageSecurityScanCount')).toHaveLength(1);
});

test('images lines merge over step-level selectors', async () => {
  ctx.sim.addImage({
    digest: hex(7),
    repoId: 'crr-a',
    tag: 'v1',
    repoInstanceId: 'cri-1',
    counts: {},
  });
  ctx.sim.addImage({
    digest: hex(8),
    repoId: 'crr-b',
    tag: 'v1',
    repoInstanceId: 'cri-1',
    counts: { ImageBaselineCount: 3 },
  });
  const r = await run({
    'repo-instance-id': 'cri-1',
    'image-tag': 'v1',
    images: 'repo-id=crr-a\nrepo-id=crr-b',
  });
  const rep = reportOf(r);
  expect(rep.images.map((i) => i.selectors)).toEqual([
    { 'repo-instance-id': 'cri-1', 'repo-id': 'crr-a', 'image-tag': 'v1' },
    { 'repo-instance-id': 'cri-1', 'repo-id': 'crr-b', 'image-tag': 'v1' },
  ]);
  expect(rep.images.map((i) => i.result)).toEqual(['pass', 'fail']);
  expect(r.outputs['gated-digests']).toBe(`sha256:${hex(7)},sha256:${hex(8)}`);
});

test('a bad images line is reported with its line number, before any request', async () => {
  const r = await run({ images: `image-digest=${hex(1)}\n\nrepo-id=x colour=blue` });
  expect(r.exitCode).toBe(1);
  expect(r.stdout).toMatch(/images line 3: "colour=blue" is not key=value/);
  expect(ctx.sim.requests).toHaveLength(0);
});

test('requests in flight never exceed max-concurrency', async () => {
  for (let i = 1; i <= 12; i++) ctx.sim.addImage({ digest: hex(i), counts: {} });
  ctx.sim.latencyMs = 80;
  const r = await run({
    'image-digest': Array.from({ length: 12 }, (_, i) => hex(i + 1)).join(','),
    'max-concurrency': '3',
  });
  expect(r.outputs['result']).toBe('pass');
  expect(ctx.sim.maxInFlight).toBeLessThanOrEqual(3);
  expect(ctx.sim.maxInFlight).toBeGreaterThanOrEqual(2);
});

test('200 images: summary and report stay within the limits', async () => {
  const digests = Array.from({ length: 200 }, (_, i) => hex(i + 1));
  digests.forEach((d, i) =>
    ctx.sim.addImage({ digest: d, counts: { ImageCveVulCount: i % 10 === 0 ? 3 : 0 } }),
  );
  const r = await run({
    'image-digest': digests.join('\n'),
    'max-concurrency': '20',
    'require-scan': 'false',
  });
  expect(r.outputs['result']).toBe('fail');
  expect(reportOf(r).images).toHaveLength(200);
  expect(Buffer.byteLength(r.summary)).toBeLessThan(1024 * 1024);
  expect(r.summary).toMatch(/180 passed, 20 failed, 0 could not be checked/);
  expect(r.summary).toContain('<details><summary>180 passing image(s)</summary>');
});

test('an image waiting for its scan gives up its turn: the others go on meanwhile', async () => {
  const waiting = hex(1);
  const ready = hex(2);
  ctx.sim.addImage({
    digest: waiting,
    counts: {},
    scanStates: [
      { ScaStatus: 'START' },
      { ScaStatus: 'START' },
      { ScaStatus: 'SUCCESS', LastScanTime: 'now' },
    ],
  });
  ctx.sim.addImage({ digest: ready, counts: {} });
  const r = await runAction({
    inputs: simInputs(ctx.sim.url, {
      'image-digest': `${waiting},${ready}`,
      'max-concurrency': '1',
      'wait-for-scan': '30',
    }),
    env: { SAS_IMAGE_GATE_FIRST_POLL_MS: '300' },
  });
  expect(r.outputs['result']).toBe('pass');
  const counted = ctx.sim.requestsFor('DescribeImageSecurityScanCount');
  // With one turn, the ready image is counted while the first one sleeps between polls. The
  // waiting image's first count went out with its proof and is asked again after the scan.
  expect(counted.map((q) => q.params['ImageDigest'])).toEqual([waiting, ready, waiting]);
  expect(ctx.sim.maxInFlight).toBe(1);
});

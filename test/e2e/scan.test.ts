// Scan state (require-scan, wait-for-scan, trigger-scan, max-scan-age) on the built action.
// Polls are sped up with SAS_IMAGE_GATE_FIRST_POLL_MS so waiting tests stay short.
import { reportOf, runAction, simInputs, type ActionRun } from '../helpers/run-action.js';
import { useSimulator } from '../helpers/use-simulator.js';

const ctx = useSimulator();

const DIGEST = '1'.repeat(64);
const OTHER = '2'.repeat(64);
const FAST = { SAS_IMAGE_GATE_FIRST_POLL_MS: '200' };

const run = (inputs: Record<string, string>, env: Record<string, string> = FAST) =>
  runAction({ inputs: simInputs(ctx.sim.url, { 'max-sca-vulns': 'off', ...inputs }), env });

const count = (action: string) => ctx.sim.requestsFor(action).length;

/**
 * The count query may go out together with the scan proof (it is then sent once, early), but
 * never after a proof that failed, and its answer is not what the run reports.
 */
function expectCountNotUsed(r: ActionRun): void {
  expect(count('DescribeImageSecurityScanCount')).toBeLessThanOrEqual(1);
  expect(r.outputs['gated-digests']).toBe('');
  expect(r.outputs['request-id']).not.toBe(
    ctx.sim.requestsFor('DescribeImageSecurityScanCount')[0]?.requestId,
  );
}

test('a scanned image: one listing, one count query, no waiting', async () => {
  const scannedAt = Date.parse('2026-11-20T08:00:00Z');
  ctx.sim.addImage({
    digest: DIGEST,
    repoId: 'crr-1',
    counts: { ImageScaVulCount: 4 },
    scanStates: [{ ScaStatus: 'SUCCESS', LastScanTime: scannedAt }],
  });
  const r = await run({ 'image-digest': DIGEST });
  expect(r.outputs).toMatchObject({
    result: 'pass',
    'scan-status': 'scanned',
    'scanned-at': '2026-11-20T08:00:00.000Z',
    'scan-task-id': '',
    'gated-digests': `sha256:${DIGEST}`,
  });
  expect(count('DescribeImageInstances')).toBe(1);
  expect(count('DescribeImageSecurityScanCount')).toBe(1);
  expect(r.summary).toContain('**Scan:** scanned at 2026-11-20 08:00:00 UTC');
  const criteria: unknown = JSON.parse(
    ctx.sim.requestsFor('DescribeImageInstances')[0]?.params['Criteria'] ?? '[]',
  );
  expect(criteria).toEqual([{ name: 'digest', value: DIGEST, logicalExp: 'AND' }]);
});

test('an image Security Center does not know is an error, not a pass', async () => {
  ctx.sim.addImage({ digest: DIGEST, counts: {}, synced: false });
  const r = await run({ 'image-digest': DIGEST });
  expect(r.exitCode).toBe(1);
  expect(r.outputs['result']).toBe('error');
  expect(r.outputs['scan-status']).toBe('not-scanned');
  expect(r.outputs['gated-digests']).toBe('');
  expect(reportOf(r).images[0]?.error).toMatch(
    /does not know the image.*sync the registry instance/,
  );
  expectCountNotUsed(r);
});

test('an image never scanned, without trigger-scan: error that says how to fix it', async () => {
  ctx.sim.addImage({ digest: DIGEST, counts: {}, scanStates: [{}] });
  const r = await run({ 'image-digest': DIGEST });
  expect(r.outputs['result']).toBe('error');
  expect(r.outputs['scan-status']).toBe('not-scanned');
  expect(reportOf(r).images[0]?.error).toMatch(/has not scanned.*trigger-scan: true/);
});

test('a running scan is waited for: pass after several polls', async () => {
  ctx.sim.addImage({
    digest: DIGEST,
    counts: { ImageCveVulCount: 0 },
    scanStates: [
      { ScaStatus: 'START' },
      { ScaStatus: 'CVE_ANALYZER' },
      { ScaStatus: 'BIN_ANALYZER' },
      { ScaStatus: 'SUCCESS', LastScanTime: 'now' },
    ],
  });
  const r = await run({ 'image-digest': DIGEST, 'wait-for-scan': '30' });
  expect(r.outputs['result']).toBe('pass');
  expect(r.outputs['scan-status']).toBe('scanned');
  expect(count('DescribeImageInstances')).toBe(4);
  expect(r.stdout).toMatch(/scan in progress; poll 3/);
});

test('wait-for-scan running out while scanning is an error, within the budget', async () => {
  ctx.sim.addImage({ digest: DIGEST, counts: {}, scanStates: [{ ScaStatus: 'DOWNLOAD' }] });
  const r = await run({ 'image-digest': DIGEST, 'wait-for-scan': '2', 'timeout-seconds': '5' });
  expect(r.outputs['result']).toBe('error');
  expect(r.outputs['scan-status']).toBe('scanning');
  expect(reportOf(r).images[0]?.error).toMatch(/still being scanned after waiting/);
  expect(r.ms).toBeLessThan(7_000 + 1_500);
  expectCountNotUsed(r);
});

test('trigger-scan starts exactly one task, waits, then gates the counts', async () => {
  ctx.sim.addImage({
    digest: DIGEST,
    repoId: 'crr-9',
    repoInstanceId: 'cri-9',
    counts: { ImageMaliciousFileCount: 1 },
    scanStates: [{}],
  });
  const r = await run({
    'image-digest': DIGEST,
    'repo-instance-id': 'cri-9',
    'trigger-scan': 'true',
    'wait-for-scan': '30',
  });
  expect(ctx.sim.tasks).toHaveLength(1);
  expect(ctx.sim.tasks[0]?.params).toMatchObject({ Digests: DIGEST, InstanceIds: 'cri-9' });
  expect(count('PublicPreCheckImageScanTask')).toBe(1);
  expect(r.outputs['scan-task-id']).toBe(ctx.sim.tasks[0]?.taskId);
  expect(r.outputs['scan-status']).toBe('scanned');
  expect(r.outputs['result']).toBe('fail');
  expect(r.outputs['exceeded']).toBe('malicious-files');
});

test('one digest gated twice, concurrently, is scanned by one task only', async () => {
  ctx.sim.addImage({ digest: DIGEST, repoId: 'a', counts: {}, scanStates: [{}] });
  const r = await run({
    images: `image-digest=${DIGEST} repo-id=a\nimage-digest=${DIGEST}`,
    'trigger-scan': 'true',
    'wait-for-scan': '30',
    'max-concurrency': '2',
  });
  expect(ctx.sim.tasks).toHaveLength(1);
  expect(reportOf(r).images).toHaveLength(2);
});

test('a scan that fails after being triggered is an error', async () => {
  ctx.sim.addImage({
    digest: DIGEST,
    counts: {},
    scanStates: [{}],
    afterTrigger: [{ ScaStatus: 'START' }, { ScaStatus: 'FAIL' }],
  });
  const r = await run({ 'image-digest': DIGEST, 'trigger-scan': 'true', 'wait-for-scan': '30' });
  expect(r.outputs['result']).toBe('error');
  expect(reportOf(r).images[0]?.error).toMatch(/started by this run .* failed/);
});

test('a last scan that failed, without trigger-scan, is an error', async () => {
  ctx.sim.addImage({
    digest: DIGEST,
    counts: {},
    scanStates: [{ ScaStatus: 'FAIL', LastScanTime: Date.now() - 1000 }],
  });
  const r = await run({ 'image-digest': DIGEST });
  expect(r.outputs['result']).toBe('error');
  expect(reportOf(r).images[0]?.error).toMatch(/last Security Center scan .* failed/);
});

test('an unrecognised scan status is unknown, never a pass', async () => {
  ctx.sim.addImage({
    digest: DIGEST,
    counts: {},
    scanStates: [{ ScaStatus: 'QUANTUM', LastScanTime: Date.now() }],
  });
  const r = await run({ 'image-digest': DIGEST });
  expect(r.outputs['result']).toBe('error');
  expect(r.outputs['scan-status']).toBe('unknown');
  expect(reportOf(r).images[0]?.error).toContain('QUANTUM');
});

test('max-scan-age: an old scan is refreshed with trigger-scan, refused without', async () => {
  const old = Date.now() - 48 * 3_600_000;
  ctx.sim.addImage({
    digest: DIGEST,
    counts: {},
    scanStates: [{ ScaStatus: 'SUCCESS', LastScanTime: old }],
  });
  const refused = await run({ 'image-digest': DIGEST, 'max-scan-age': '24' });
  expect(refused.outputs['result']).toBe('error');
  expect(reportOf(refused).images[0]?.error).toMatch(/older than max-scan-age \(24 h\)/);

  const refreshed = await run({
    'image-digest': DIGEST,
    'max-scan-age': '24',
    'trigger-scan': 'true',
    'wait-for-scan': '30',
  });
  expect(refreshed.outputs['result']).toBe('pass');
  expect(ctx.sim.tasks).toHaveLength(1);
  expect(Date.parse(refreshed.outputs['scanned-at'] ?? '')).toBeGreaterThan(old + 47 * 3_600_000);
});

test('a tag is resolved to its digest and the count query is pinned to it', async () => {
  ctx.sim.addImage({ digest: DIGEST, tag: 'v2', repoId: 'crr-1', counts: { ImageCveVulCount: 2 } });
  ctx.sim.addImage({ digest: OTHER, tag: 'v3', repoId: 'crr-1', counts: { ImageCveVulCount: 50 } });
  const r = await run({ 'image-tag': 'v2', 'repo-id': 'crr-1', 'max-cve-vulns': '5' });
  expect(r.outputs['result']).toBe('pass');
  expect(r.outputs['gated-digests']).toBe(`sha256:${DIGEST}`);
  expect(ctx.sim.requestsFor('DescribeImageSecurityScanCount')[0]?.params).toMatchObject({
    ImageTag: 'v2',
    RepoId: 'crr-1',
    ImageDigest: DIGEST,
  });
  expect(r.summary).toContain('resolved to');
});

test('quota refusal when triggering is an error with advice', async () => {
  ctx.sim.addImage({ digest: DIGEST, counts: {}, scanStates: [{}] });
  ctx.sim.createTaskData = { CanCreate: false };
  const r = await run({ 'image-digest': DIGEST, 'trigger-scan': 'true' });
  expect(r.outputs['result']).toBe('error');
  expect(reportOf(r).images[0]?.error).toMatch(/CanCreate=false.*quota/);
});

test('a missing scan-state permission names the RAM action', async () => {
  ctx.sim.addImage({ digest: DIGEST, counts: {} });
  ctx.sim.fault(
    { kind: 'error', status: 403, code: 'NoPermission', message: 'denied' },
    { action: 'DescribeImageInstances' },
  );
  const r = await run({ 'image-digest': DIGEST });
  expect(r.outputs['result']).toBe('error');
  const error = reportOf(r).images[0]?.error ?? '';
  expect(error).toContain('not allowed to call yundun-sas:DescribeImageInstances');
  // The whole policy this run needs, so fixing one refusal does not just reveal the next.
  expect(error).toContain(
    '"Action":["yundun-sas:DescribeImageSecurityScanCount","yundun-sas:DescribeImageInstances","yundun-sas:DescribeImageLatestScanTask","yundun-sas:DescribeImageBaselineCheckResult","yundun-sas:DescribeGroupedMaliciousFiles","yundun-sas:DescribeAffectedMaliciousFileImages","yundun-sas:DescribeImageGroupedVulList","yundun-sas:DescribeImageVulList"]',
  );
});

test('a row without scan state, but a running latest scan task: waited for, then a pass', async () => {
  ctx.sim.addImage({
    digest: DIGEST,
    counts: {},
    scanStates: [{}],
    latestTasks: [
      [{ Status: 'MESSAGE_SEND', Target: DIGEST }],
      [{ Status: 'PROCESSING', Target: DIGEST }],
      [{ Status: 'SUCCESS', Target: DIGEST, FinishTime: Date.now() }],
    ],
  });
  const r = await run({ 'image-digest': DIGEST, 'wait-for-scan': '30' });
  expect(r.outputs['result']).toBe('pass');
  expect(r.outputs['scan-status']).toBe('scanned');
  expect(count('DescribeImageLatestScanTask')).toBe(3);
  // The early count (sent with the proof) described the time before the scan: asked again.
  expect(count('DescribeImageSecurityScanCount')).toBe(2);
});

test('the latest scan task is only a second opinion: refused, the row alone decides', async () => {
  ctx.sim.addImage({ digest: DIGEST, counts: {}, scanStates: [{}] });
  ctx.sim.fault(
    { kind: 'error', status: 403, code: 'NoPermission', message: 'denied' },
    { action: 'DescribeImageLatestScanTask', times: Infinity },
  );
  const r = await run({ 'image-digest': DIGEST });
  expect(r.outputs['result']).toBe('error');
  expect(reportOf(r).images[0]?.error).toMatch(/has not scanned/);
});

test('a latest scan task that failed, with a row never scanned, is an error', async () => {
  ctx.sim.addImage({
    digest: DIGEST,
    counts: {},
    scanStates: [{}],
    latestTasks: [[{ Status: 'TIMOUT', Target: DIGEST }]],
  });
  const r = await run({ 'image-digest': DIGEST });
  expect(r.outputs['result']).toBe('error');
  expect(reportOf(r).images[0]?.error).toMatch(/last Security Center scan .* failed/);
});

describe('no false pass from a scan proof the count query does not share', () => {
  test('a digest with a tag it does not carry is an error, not zero counts', async () => {
    ctx.sim.addImage({ digest: DIGEST, tag: 'v1', counts: { ImageCveVulCount: 7 } });
    const r = await run({ 'image-digest': DIGEST, 'image-tag': 'v2' });
    expect(r.outputs['result']).toBe('error');
    expectCountNotUsed(r);
  });

  test('a finished scan task never speaks for an image the listing does not show', async () => {
    ctx.sim.addImage({
      digest: DIGEST,
      repoId: 'r1',
      counts: { ImageCveVulCount: 7 },
      latestTasks: [[{ Status: 'SUCCESS', Target: DIGEST, FinishTime: Date.now() }]],
    });
    const r = await run({ 'image-digest': DIGEST, 'repo-id': 'r2' });
    expect(r.outputs['result']).toBe('error');
    expect(reportOf(r).images[0]?.error).toMatch(/does not know the image/);
    expectCountNotUsed(r);
  });

  test('an old successful task does not overrule a failed scan', async () => {
    ctx.sim.addImage({
      digest: DIGEST,
      counts: {},
      scanStates: [{ ScaStatus: 'FAIL', LastScanTime: Date.now() - 3_600_000 }],
      latestTasks: [
        [{ Status: 'SUCCESS', Target: DIGEST, FinishTime: Date.now() - 30 * 86_400_000 }],
      ],
    });
    const r = await run({ 'image-digest': DIGEST });
    expect(r.outputs['result']).toBe('error');
  });

  test('the latest task is the newest one, whatever the order of the answer', async () => {
    const t = Date.now();
    ctx.sim.addImage({
      digest: DIGEST,
      counts: {},
      scanStates: [{}],
      latestTasks: [
        [
          {
            Status: 'SUCCESS',
            Target: DIGEST,
            StartTime: t - 86_400_000,
            FinishTime: t - 86_000_000,
          },
          { Status: 'FAIL', Target: DIGEST, StartTime: t - 60_000 },
        ],
      ],
    });
    const r = await run({ 'image-digest': DIGEST });
    expect(r.outputs['result']).toBe('error');
    expect(reportOf(r).images[0]?.error).toMatch(/failed/);
  });

  test('a task that does not name the digest, or scanned nothing, proves nothing', async () => {
    ctx.sim.addImage({
      digest: DIGEST,
      counts: {},
      scanStates: [{}],
      latestTasks: [[{ Status: 'SUCCESS', FinishTime: Date.now() }]],
    });
    const untargeted = await run({ 'image-digest': DIGEST });
    expect(untargeted.outputs['result']).toBe('error');
    ctx.sim.images[0]!.latestTasks = [
      [{ Status: 'SUCCESS', Target: DIGEST, FinishTime: Date.now(), Finish: 0 }],
    ];
    const empty = await run({ 'image-digest': DIGEST });
    expect(empty.outputs['result']).toBe('error');
  });
});

test('an unrecognised latest-task status is unknown, and says which', async () => {
  ctx.sim.addImage({
    digest: DIGEST,
    counts: {},
    scanStates: [{}],
    latestTasks: [[{ Status: 'WARPING', Target: DIGEST }]],
  });
  const r = await run({ 'image-digest': DIGEST });
  expect(r.outputs['result']).toBe('error');
  expect(r.outputs['scan-status']).toBe('unknown');
  expect(reportOf(r).images[0]?.error).toContain('latest scan task: WARPING');
});

test('require-scan false restores the plain count query (one request)', async () => {
  ctx.sim.addImage({ digest: DIGEST, counts: {}, synced: false });
  const r = await run({ 'image-digest': DIGEST, 'require-scan': 'false' });
  expect(r.outputs['result']).toBe('pass');
  expect(r.outputs['scan-status']).toBe('unknown');
  expect(ctx.sim.requests).toHaveLength(1);
  expect(r.summary).toContain('not checked (require-scan: false)');
});

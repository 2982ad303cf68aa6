// End to end (issue 18, part 2): the built action compares each image with its baseline in the
// simulator: a change that only inherits findings passes, one that adds a new high CVE fails,
// an unknown or never-scanned baseline gates every finding and says why, a baseline whose list
// fails is an error, a tag without repo-id is looked up in the repository the image's rows name,
// and several images each compare with their own baseline.
import { reportOf, runAction, simInputs } from '../helpers/run-action.js';
import { useSimulator } from '../helpers/use-simulator.js';
import type { SimCve } from '../simulator/sas-simulator.js';

const ctx = useSimulator();

const PR = '1'.repeat(64);
const MAIN = '2'.repeat(64);

const cve = (name: string, necessity: string): SimCve => ({
  name: `debian:12:${name}`,
  related: name,
  aliasName: `${name} title`,
  necessity,
  canFix: 'yes',
  packages: [{ name: 'openssh-server', version: '1:9.2p1-2', updateCmd: 'apt-get upgrade' }],
});

const SSH = cve('CVE-2024-6387', 'asap');
const NEW = cve('CVE-2025-0001', 'asap');

function images(pr: SimCve[], main: SimCve[] = [SSH]): void {
  ctx.sim.addImage({ digest: PR, tag: 'pr-7', repoId: 'crr-1', counts: {}, findings: { cve: pr } });
  ctx.sim.addImage({
    digest: MAIN,
    tag: 'main',
    repoId: 'crr-1',
    counts: {},
    findings: { cve: main },
  });
}

const run = (inputs: Record<string, string> = {}) =>
  runAction({
    inputs: simInputs(ctx.sim.url, {
      'image-digest': PR,
      'repo-id': 'crr-1',
      'baseline-image-tag': 'main',
      'max-cve-vulns': 'high:0',
      ...inputs,
    }),
    workspace: ctx.workspace,
  });

describe('gating only what a change introduces', () => {
  test('a change that only inherits the high CVE passes', async () => {
    images([SSH]);
    const r = await run();
    expect(r.outputs['result']).toBe('pass');
    const img = reportOf(r).images[0];
    expect(img?.baseline).toMatchObject({ digest: `sha256:${MAIN}` });
    expect(img?.categories['cve-vulns']).toMatchObject({ new: 0, inherited: 1, fixed: 0 });
    expect(r.outputs['new-findings']).toBe('0');
    expect(r.outputs['gated-digests']).not.toContain(MAIN);
  });

  test('a change that adds a new high CVE fails', async () => {
    images([SSH, NEW]);
    const r = await run();
    expect(r.outputs['result']).toBe('fail');
    expect(reportOf(r).images[0]?.categories['cve-vulns']).toMatchObject({ new: 1, inherited: 1 });
    expect(r.outputs['new-findings']).toBe('1');
  });

  test('ignore-unfixable: the category output and count are the new fixable findings', async () => {
    const UNFIXABLE = { ...cve('CVE-2023-4911', 'asap'), canFix: 'no' };
    images([SSH, UNFIXABLE], [SSH, UNFIXABLE]);
    const r = await run({ 'ignore-unfixable': 'true', 'max-cve-vulns': '0' });
    expect(r.outputs['result']).toBe('pass');
    expect(r.outputs['cve-vulns']).toBe('0');
    expect(r.outputs['new-findings']).toBe('0');
    expect(reportOf(r).images[0]?.categories['cve-vulns']).toMatchObject({
      count: 0,
      new: 0,
      inherited: 1,
    });
  });

  test('a baseline digest works the same way', async () => {
    images([SSH]);
    const r = await run({ 'baseline-image-tag': '', 'baseline-image-digest': MAIN });
    expect(r.outputs['result']).toBe('pass');
  });

  test('an unknown baseline tag: every finding gated, and the report says why', async () => {
    images([SSH]);
    const r = await run({ 'baseline-image-tag': 'no-such-tag' });
    expect(r.outputs['result']).toBe('fail');
    const baseline = reportOf(r).images[0]?.baseline;
    expect(baseline && 'reason' in baseline ? baseline.reason : '').toContain(
      'does not know the baseline image',
    );
  });

  test('a never-scanned baseline: every finding gated, never an error', async () => {
    images([SSH]);
    ctx.sim.images.find((i) => i.digest === MAIN)!.scanStates = [{}];
    const r = await run({ 'max-cve-vulns': '5' });
    expect(r.outputs['result']).toBe('pass');
    const baseline = reportOf(r).images[0]?.baseline;
    expect(baseline && 'reason' in baseline ? baseline.reason : '').toContain(
      'no completed scan to compare with',
    );
    // The comparison's list was never asked for the image: only the count gated it.
    expect(ctx.sim.requestsFor('DescribeImageVulList')).toHaveLength(0);
  });

  test('an unknown baseline: a list only the comparison needs cannot fail the image', async () => {
    images([SSH]);
    ctx.sim.fault(
      { kind: 'error', status: 400, code: 'InvalidParameter', message: 'bad' },
      { action: 'DescribeImageVulList', times: 100 },
    );
    const r = await run({ 'baseline-image-tag': 'no-such-tag', 'max-cve-vulns': '5' });
    expect(r.outputs['result']).toBe('pass');
  });

  test("a tag without repo-id is looked up in the repository the image's rows name", async () => {
    images([SSH]);
    // Another repository's main must never be the baseline.
    ctx.sim.addImage({ digest: '3'.repeat(64), tag: 'main', repoId: 'crr-2', counts: {} });
    const r = await run({ 'repo-id': '' });
    expect(r.outputs['result']).toBe('pass');
    expect(reportOf(r).images[0]?.baseline).toMatchObject({ digest: `sha256:${MAIN}` });
    const lookups = ctx.sim
      .requestsFor('DescribeImageInstances')
      .map((q) => q.params['Criteria'] ?? '')
      .filter((c) => c.includes('"tag"'));
    expect(lookups).toHaveLength(1);
    expect(lookups[0]).toContain('"repoId"');
    expect(lookups[0]).toContain('crr-1');
  });

  test("repo-instance-id alone: another repository's main in the instance is never the baseline", async () => {
    // The image's repository has no main; a repository beside it in the same instance has one,
    // with the same high CVE. Looked up instance-wide, it would hide the CVE (a false pass).
    ctx.sim.addImage({
      digest: PR,
      repoId: 'crr-1',
      repoInstanceId: 'cri-1',
      counts: {},
      findings: { cve: [SSH] },
    });
    ctx.sim.addImage({
      digest: MAIN,
      tag: 'main',
      repoId: 'crr-2',
      repoInstanceId: 'cri-1',
      counts: {},
      findings: { cve: [SSH] },
    });
    const r = await run({ 'repo-id': '', 'repo-instance-id': 'cri-1' });
    expect(r.outputs['result']).toBe('fail');
    const baseline = reportOf(r).images[0]?.baseline;
    expect(baseline && 'reason' in baseline ? baseline.reason : '').toContain(
      'does not know the baseline image',
    );
  });

  test("a baseline digest from another repository is not this image's baseline (no repo-id)", async () => {
    ctx.sim.addImage({ digest: PR, repoId: 'crr-1', counts: {}, findings: { cve: [SSH, NEW] } });
    const OTHER = '3'.repeat(64);
    ctx.sim.addImage({ digest: OTHER, repoId: 'crr-2', counts: {}, findings: { cve: [SSH, NEW] } });
    const r = await run({
      'repo-id': '',
      'baseline-image-tag': '',
      'baseline-image-digest': OTHER,
    });
    expect(r.outputs['result']).toBe('fail');
    const baseline = reportOf(r).images[0]?.baseline;
    expect(baseline && 'reason' in baseline ? baseline.reason : '').toContain(
      'does not know the baseline image',
    );
  });

  test("the baseline's scan task cannot be asked: an error, never read as never scanned", async () => {
    images([SSH]);
    // The baseline's row shows no completed scan: only its latest task can prove it scanned.
    const main = ctx.sim.images.find((i) => i.digest === MAIN)!;
    main.scanStates = [{ ScaStatus: 'SUCCESS' }];
    main.latestTasks = [[{ Status: 'SUCCESS', Target: MAIN, FinishTime: Date.now() - 7_200_000 }]];
    const passes = await run();
    expect(passes.outputs['result']).toBe('pass');
    ctx.sim.fault(
      { kind: 'error', status: 403, code: 'NoPermission', message: 'denied' },
      { action: 'DescribeImageLatestScanTask', times: Infinity, params: { Digest: MAIN } },
    );
    const r = await run();
    expect(r.outputs['result']).toBe('error');
    expect(reportOf(r).images[0]?.error).toMatch(
      /^The baseline image \(tag "main"\): .*NoPermission/,
    );
  });

  test("only the baseline image's list fails: error, naming the baseline", async () => {
    images([SSH]);
    ctx.sim.fault(
      { kind: 'error', status: 400, code: 'InvalidParameter', message: 'bad' },
      { action: 'DescribeImageVulList', times: 100, params: { Digest: MAIN } },
    );
    const r = await run();
    expect(r.outputs['result']).toBe('error');
    expect(reportOf(r).images[0]?.error).toMatch(/baseline image's/);
    // The image's own list was read without a fault: the fault hit only the baseline's.
    expect(ctx.sim.requestsFor('DescribeImageVulList').some((q) => q.params['Digest'] === PR)).toBe(
      true,
    );
  });

  test('several images, each with its own baseline from its images line', async () => {
    const API = '4'.repeat(64);
    const API_OLD = '5'.repeat(64);
    images([SSH]);
    ctx.sim.addImage({ digest: API, repoId: 'crr-api', counts: {}, findings: { cve: [SSH, NEW] } });
    ctx.sim.addImage({ digest: API_OLD, repoId: 'crr-api', counts: {}, findings: { cve: [SSH] } });
    const r = await run({
      'image-digest': '',
      'repo-id': '',
      'baseline-image-tag': '',
      images: [
        `repo-id=crr-1 image-digest=sha256:${PR} baseline-image-tag=main`,
        `repo-id=crr-api image-digest=sha256:${API} baseline-image-digest=sha256:${API_OLD}`,
      ].join('\n'),
    });
    expect(r.outputs['result']).toBe('fail');
    const [fe, api] = reportOf(r).images;
    expect(fe?.result).toBe('pass');
    expect(fe?.baseline).toMatchObject({ digest: `sha256:${MAIN}` });
    expect(api?.result).toBe('fail');
    expect(api?.baseline).toMatchObject({ digest: `sha256:${API_OLD}` });
    expect(api?.categories['cve-vulns']).toMatchObject({ new: 1, inherited: 1 });
    expect(r.outputs['new-findings']).toBe('1');
    expect(r.outputs['gated-digests']).not.toContain(MAIN);
    expect(r.outputs['gated-digests']).not.toContain(API_OLD);
  });

  test('a baseline whose list cannot be read: error', async () => {
    images([SSH]);
    ctx.sim.fault(
      { kind: 'error', status: 400, code: 'InvalidParameter', message: 'bad' },
      { action: 'DescribeImageVulList', times: 100 },
    );
    const r = await run();
    expect(r.outputs['result']).toBe('error');
  });
});

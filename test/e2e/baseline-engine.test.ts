// End to end (issue 18, part 2): the built action compares each image with its baseline in the
// simulator: a change that only inherits findings passes, one that adds a new high CVE fails,
// an unknown baseline gates every finding and says why, a baseline whose list fails is an error.
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

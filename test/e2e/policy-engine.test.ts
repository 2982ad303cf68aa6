// End to end (issue 18, part 1): the built action applies the policy file in its workspace to the
// simulator's finding lists. An accepted CVE lets `high:0` pass and is reported as accepted; an
// expired entry never applies; an entry matching nothing is unused; an entry scoped to another
// image does not accept; a list that cannot be read with an entry in force is an error.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { reportOf, runAction, simInputs, type ActionRun } from '../helpers/run-action.js';
import { useSimulator } from '../helpers/use-simulator.js';
import type { SimCve } from '../simulator/sas-simulator.js';

const ctx = useSimulator();

const DIGEST = '1'.repeat(64);
const DAY = 86_400_000;
/** A `YYYY-MM-DD` date `days` from today (UTC); negative: in the past. */
const day = (days: number) => new Date(Date.now() + days * DAY).toISOString().slice(0, 10);

const cve = (name: string, necessity: string): SimCve => ({
  name: `debian:12:${name}`,
  related: name,
  aliasName: `${name} title`,
  necessity,
  canFix: 'yes',
  packages: [{ name: 'openssh-server', version: '1:9.2p1-2', updateCmd: 'apt-get upgrade' }],
});

beforeEach(() => {
  ctx.sim.addImage({
    digest: DIGEST,
    repoId: 'crr-1',
    counts: {},
    findings: { cve: [cve('CVE-2024-6387', 'asap'), cve('CVE-2024-0002', 'later')] },
  });
  mkdirSync(path.join(ctx.workspace, '.github'));
});

function writePolicy(entries: string): void {
  writeFileSync(
    path.join(ctx.workspace, '.github', 'sas-image-gate.yml'),
    `version: 1\naccept:\n${entries}`,
  );
}

const acceptEntry = (id: string, expires: string, extra = '') =>
  `  - id: ${id}\n    reason: sshd is not started in this image\n    expires: ${expires}\n    category: cve-vulns\n${extra}`;

const run = (inputs: Record<string, string> = {}) =>
  runAction({
    inputs: simInputs(ctx.sim.url, {
      'image-digest': DIGEST,
      'max-cve-vulns': 'high:0',
      ...inputs,
    }),
    workspace: ctx.workspace,
  });

const image = (r: ActionRun) => reportOf(r).images[0];

describe('accepted risks applied by the engine', () => {
  test('without a policy file the high CVE fails high:0, accepted is empty', async () => {
    const r = await run();
    expect(r.outputs['result']).toBe('fail');
    expect(r.outputs['accepted']).toBe('');
  });

  test('an accepted CVE makes high:0 pass: accepted 1, listed with its reason', async () => {
    writePolicy(acceptEntry('CVE-2024-6387', day(30), '    package: openssh-server\n'));
    const r = await run();
    expect(r.exitCode).toBe(0);
    expect(r.outputs['result']).toBe('pass');
    expect(r.outputs['accepted']).toBe('1');
    const img = image(r);
    expect(img?.categories['cve-vulns'].accepted).toBe(1);
    expect(img?.accepted).toEqual([
      expect.objectContaining({
        category: 'cve-vulns',
        id: 'CVE-2024-6387',
        level: 'high',
        package: 'openssh-server',
        reason: 'sshd is not started in this image',
        expires: day(30),
        policyLine: 3,
      }),
    ]);
    // The listed findings are what still counts.
    expect(img?.findings['cve-vulns']?.map((f) => f.id)).toEqual(['CVE-2024-0002']);
    expect(reportOf(r).policy).toMatchObject({ unused: [], expired: [], notChecked: [] });
    expect(r.summary).toContain('Accepted risks');
    expect(r.summary).not.toContain('expires in');
  });

  test('an empty policy-file means the default path: the file there applies', async () => {
    writePolicy(acceptEntry('CVE-2024-6387', day(30)));
    const r = await run({ 'policy-file': '' });
    expect(r.outputs['result']).toBe('pass');
    expect(r.outputs['accepted']).toBe('1');
  });

  test('an entry expiring within 14 days: the summary says in how many days', async () => {
    writePolicy(acceptEntry('CVE-2024-6387', day(5)));
    const r = await run();
    expect(r.outputs['result']).toBe('pass');
    expect(r.summary).toContain('expires in 5 days');
    expect(r.summary).not.toContain('undefined');
    expect(reportOf(r).policy?.expiring).toEqual([
      { id: 'CVE-2024-6387', line: 3, expires: day(5) },
    ]);
  });

  test('an expired entry does not apply: fail, flagged as expired', async () => {
    writePolicy(acceptEntry('CVE-2024-6387', day(-1)));
    const r = await run();
    expect(r.outputs['result']).toBe('fail');
    expect(r.outputs['accepted']).toBe('0');
    expect(reportOf(r).policy?.expired).toEqual([
      { id: 'CVE-2024-6387', line: 3, expires: day(-1), matched: 1 },
    ]);
    const listed = image(r)?.findings['cve-vulns']?.find((f) => f.id === 'CVE-2024-6387');
    expect(listed?.acceptanceExpired).toEqual({ expires: day(-1), policyLine: 3 });
  });

  test('an entry in force that matches nothing is listed as unused', async () => {
    writePolicy(acceptEntry('CVE-2024-6387', day(30)) + acceptEntry('CVE-2099-0001', day(60)));
    const r = await run();
    expect(r.outputs['result']).toBe('pass');
    expect(reportOf(r).policy?.unused).toEqual([
      { id: 'CVE-2099-0001', line: 7, expires: day(60) },
    ]);
  });

  test('an entry scoped to another image does not accept', async () => {
    writePolicy(acceptEntry('CVE-2024-6387', day(30), '    images: [crr-other]\n'));
    const r = await run();
    expect(r.outputs['result']).toBe('fail');
    expect(r.outputs['accepted']).toBe('0');
    expect(image(r)?.accepted).toEqual([]);
  });

  test('an entry scoped to this repository accepts', async () => {
    writePolicy(acceptEntry('CVE-2024-6387', day(30), '    images: [crr-1]\n'));
    const r = await run({ 'repo-id': 'crr-1' });
    expect(r.outputs['result']).toBe('pass');
    expect(r.outputs['accepted']).toBe('1');
  });

  test('an entry scoped to the repo-id accepts an image chosen by digest alone (its rows name it)', async () => {
    writePolicy(acceptEntry('CVE-2024-6387', day(30), '    images: [crr-1]\n'));
    const r = await run();
    expect(r.outputs['result']).toBe('pass');
    expect(r.outputs['accepted']).toBe('1');
  });

  test("an entry scoped to another image: this image's list is not needed, its failure no error; the entry is unused", async () => {
    writePolicy(acceptEntry('CVE-2024-6387', day(30), '    images: [crr-other]\n'));
    ctx.sim.fault(
      { kind: 'raw', status: 200, body: '{"RequestId":"R-BAD","VulRecords":"nope"}' },
      { action: 'DescribeImageVulList', times: 10 },
    );
    const r = await run({ 'max-cve-vulns': '5' });
    expect(r.outputs['result']).toBe('pass');
    expect(reportOf(r).policy?.notChecked).toEqual([
      { id: 'CVE-2024-6387', line: 3, expires: day(30) },
    ]);
  });

  test('an entry scoped to another repository known up front costs this image no list call', async () => {
    writePolicy(acceptEntry('CVE-2024-6387', day(30), '    images: [crr-other]\n'));
    const r = await run({ 'max-cve-vulns': '5', 'repo-id': 'crr-1' });
    expect(r.outputs['result']).toBe('pass');
    expect(ctx.sim.requestsFor('DescribeImageVulList')).toHaveLength(0);
    expect(reportOf(r).policy?.notChecked).toHaveLength(1);
  });

  test('an entry scoped to another image, its list read for a limit: unused', async () => {
    writePolicy(acceptEntry('CVE-2024-6387', day(30), '    images: [crr-other]\n'));
    const r = await run({ 'max-cve-vulns': 'high:5' });
    expect(r.outputs['result']).toBe('pass');
    expect(reportOf(r).policy?.unused).toEqual([
      { id: 'CVE-2024-6387', line: 3, expires: day(30) },
    ]);
  });

  test('an expired entry is shown on the findings listed for a failing bare-N image', async () => {
    writePolicy(acceptEntry('CVE-2024-6387', day(-1)));
    const r = await run({ 'max-cve-vulns': '0' });
    expect(r.outputs['result']).toBe('fail');
    expect(reportOf(r).policy?.expired).toEqual([
      { id: 'CVE-2024-6387', line: 3, expires: day(-1), matched: 1 },
    ]);
    const listed = image(r)?.findings['cve-vulns']?.find((f) => f.id === 'CVE-2024-6387');
    expect(listed?.acceptanceExpired).toEqual({ expires: day(-1), policyLine: 3 });
    expect(r.summary).toContain(`acceptance expired on ${day(-1)}, policy line 3`);
  });

  test('require-scan false: a repo-id scope cannot be told, so nothing is accepted and the entry is not checked', async () => {
    writePolicy(acceptEntry('CVE-2024-6387', day(30), '    images: [crr-1]\n'));
    const r = await run({ 'require-scan': 'false' });
    expect(r.outputs['result']).toBe('fail');
    expect(r.outputs['accepted']).toBe('0');
    expect(reportOf(r).policy).toMatchObject({
      unused: [],
      notChecked: [{ id: 'CVE-2024-6387', line: 3 }],
    });
  });

  test('a bare N counts what is not accepted', async () => {
    writePolicy(acceptEntry('CVE-2024-6387', day(30)));
    const r = await run({ 'max-cve-vulns': '1' });
    expect(r.outputs['result']).toBe('pass');
    expect(image(r)?.categories['cve-vulns'].count).toBe(1);
  });

  test('a list that cannot be read with an entry in force: error, never a pass', async () => {
    writePolicy(acceptEntry('CVE-2024-6387', day(30)));
    ctx.sim.fault(
      { kind: 'raw', status: 200, body: '{"RequestId":"R-BAD","VulRecords":"nope"}' },
      { action: 'DescribeImageVulList', times: 10 },
    );
    // A bare N would not read the list without the policy file: with it, the list is needed.
    const r = await run({ 'max-cve-vulns': '5' });
    expect(ctx.sim.requestsFor('DescribeImageVulList').length).toBeGreaterThan(0);
    expect(r.outputs['result']).toBe('error');
    expect(r.exitCode).toBe(1);
    expect(image(r)?.accepted ?? []).toEqual([]);
  });
});

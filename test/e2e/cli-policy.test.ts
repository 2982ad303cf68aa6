// End to end, the command line with a policy file and a baseline (issue 18 on the issue-19
// front end): the built dist/cli/index.js in a fresh process, its working directory holding the
// policy file. The same rules and the same report as the action: accepted risks, the run's
// `policy` object, new findings against a baseline, and the outputs file.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Report } from '../../src/report/model.js';
import { runCli, simEnv, tempDir, type CliRun } from '../helpers/run-cli.js';
import { SasSimulator, type SimCve } from '../simulator/sas-simulator.js';

const PR = '1'.repeat(64);
const MAIN = '2'.repeat(64);
const DAY = 86_400_000;
const day = (days: number) => new Date(Date.now() + days * DAY).toISOString().slice(0, 10);

const cve = (name: string): SimCve => ({
  name: `debian:12:${name}`,
  related: name,
  aliasName: `${name} title`,
  necessity: 'asap',
  canFix: 'yes',
  packages: [{ name: 'openssh-server', version: '1:9.2p1-2', updateCmd: 'apt-get upgrade' }],
});

let sim: SasSimulator;
let cwd: string;

beforeEach(async () => {
  sim = await SasSimulator.start();
  const findings = { cve: [cve('CVE-2024-6387'), cve('CVE-2025-0001')] };
  sim.addImage({ digest: PR, repoId: 'crr-1', counts: {}, findings });
  sim.addImage({
    digest: MAIN,
    tag: 'main',
    repoId: 'crr-1',
    counts: {},
    findings: { cve: [cve('CVE-2025-0001')] },
  });
  cwd = tempDir();
  mkdirSync(path.join(cwd, '.github'));
});

afterEach(async () => {
  await sim.close();
});

const cli = (args: string[]) =>
  runCli({
    args: ['--endpoint', sim.url, '--image-digest', PR, '--repo-id', 'crr-1', ...args],
    env: simEnv(),
    cwd,
  });

const json = (r: CliRun): Report => JSON.parse(r.stdout) as Report;

function writePolicy(expires: string): void {
  writeFileSync(
    path.join(cwd, '.github', 'sas-image-gate.yml'),
    `version: 1\naccept:\n  - id: CVE-2024-6387\n    reason: sshd never runs\n    expires: ${expires}\n  - id: CVE-2099-0001\n    reason: stale\n    expires: ${day(60)}\n`,
  );
}

describe('the command line applies the policy file and the baseline', () => {
  test('an accepted risk: the report has the policy object, the outputs file the accepted count', async () => {
    writePolicy(day(5));
    const r = await cli([
      '--max-cve-vulns',
      'high:1',
      '--format',
      'json',
      '--outputs-file',
      'gate.env',
    ]);
    expect(r.exitCode).toBe(0);
    const report = json(r);
    expect(report.result).toBe('pass');
    expect(report.images[0]?.categories['cve-vulns'].accepted).toBe(1);
    expect(report.policy).toEqual({
      path: '.github/sas-image-gate.yml',
      expired: [],
      expiring: [{ id: 'CVE-2024-6387', line: 3, expires: day(5) }],
      unused: [{ id: 'CVE-2099-0001', line: 6, expires: day(60) }],
      notChecked: [],
    });
    expect(readFileSync(path.join(cwd, 'gate.env'), 'utf8')).toContain('SAS_IMAGE_GATE_ACCEPTED=1');
  });

  test('accepted findings are left out of the GitLab report, as from the SARIF log', async () => {
    writePolicy(day(30));
    const r = await cli(['--max-cve-vulns', 'high:1', '--gitlab-report', 'gl.json']);
    expect(r.exitCode).toBe(0);
    const gitlab = readFileSync(path.join(cwd, 'gl.json'), 'utf8');
    expect(gitlab).toContain('CVE-2025-0001');
    expect(gitlab).not.toContain('CVE-2024-6387');
  });

  test('the text verdict and the summary file say "expires in 5 days"', async () => {
    writePolicy(day(5));
    const r = await cli(['--max-cve-vulns', 'high:1', '--summary-file', 'summary.md']);
    expect(r.exitCode).toBe(0);
    expect(readFileSync(path.join(cwd, 'summary.md'), 'utf8')).toContain('expires in 5 days');
  });

  test('a baseline tag: only the new CVE counts, new-findings in the outputs file', async () => {
    const r = await cli([
      '--max-cve-vulns',
      'high:0',
      '--baseline-image-tag',
      'main',
      '--format',
      'json',
      '--outputs-file',
      'gate.env',
    ]);
    expect(r.exitCode).toBe(1);
    const img = json(r).images[0];
    expect(img?.categories['cve-vulns']).toMatchObject({ new: 1, inherited: 1 });
    expect(readFileSync(path.join(cwd, 'gate.env'), 'utf8')).toContain(
      'SAS_IMAGE_GATE_NEW_FINDINGS=1',
    );
  });

  test('bad policy paths are named relative to the working directory, exit 2', async () => {
    const outside = await cli(['--policy-file', '../p.yml']);
    expect(outside.exitCode).toBe(2);
    expect(outside.stderr).toContain(
      '"../p.yml" lies outside the working directory; give a file in the working directory',
    );
    const missing = await cli(['--policy-file', 'policy/gate.yml']);
    expect(missing.exitCode).toBe(2);
    expect(missing.stderr).toContain('does not exist in the working directory');
    expect(missing.stderr).not.toContain('workspace');
  });

  test('the text verdict shows the accepted risks, the baseline and the policy entries to look at', async () => {
    writePolicy(day(5));
    const r = await cli(['--max-cve-vulns', 'high:0', '--baseline-image-tag', 'main']);
    // Accepted: CVE-2024-6387; inherited: CVE-2025-0001 (main has it): nothing new counts.
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toMatch(
      /baseline repo-id=crr-1 image-tag=main \(sha256:2{64}, scanned [^)]+\): 0 new, 1 inherited, 0 fixed/,
    );
    expect(r.stdout).toContain('accepted by the policy file: 1 finding (not counted)');
    expect(r.stdout).toMatch(/high\s+CVE-2024-6387 \[openssh-server\]: sshd never runs \(until /);
    expect(r.stdout).toContain('expiring: CVE-2024-6387 (line 3) expires in 5 days');
    expect(r.stdout).toContain('unused: CVE-2099-0001 (line 6)');
    const failing = await cli([
      '--max-cve-vulns',
      'high:0',
      '--baseline-image-digest',
      MAIN.replace(/2/g, '3'),
    ]);
    expect(failing.stdout).toContain('baseline repo-id=crr-1 image-digest=sha256:3');
    expect(failing.stdout).toContain('not used: Security Center does not know the baseline image');
  });
});

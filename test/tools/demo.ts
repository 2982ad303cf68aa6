// `npm run demo`: starts the bundled Security Center simulator, runs the built action against it
// for a few sample images, and prints each verdict and job summary. Exits 0 when the demo
// itself worked; an image failing its limits is content, not a demo failure.
import { mkdirSync, mkdtempSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { runAction, simInputs } from '../helpers/run-action.js';
import { runCli, simEnv } from '../helpers/run-cli.js';
import { SasSimulator, type SimCve, type SimFindings } from '../simulator/sas-simulator.js';

const CLEAN = 'a'.repeat(64);
const BASE = 'c'.repeat(64);
const RISKY = 'b'.repeat(64);
const MAIN = 'd'.repeat(64);
const PR_SAME = 'e'.repeat(64);
const PR_NEW = 'f'.repeat(64);

interface Scenario {
  title: string;
  inputs: Record<string, string>;
  expect: string;
  /** A policy file (.github/sas-image-gate.yml) in the run's workspace. */
  policyFile?: string;
}

const DAY_MS = 86_400_000;
/** A `YYYY-MM-DD` date `days` from today (UTC); negative: in the past. */
const day = (days: number) => new Date(Date.now() + days * DAY_MS).toISOString().slice(0, 10);

/** The policy file accepting the risky image's sshd CVE until `expires`, and `extra` entries. */
const sshPolicy = (expires: string, extra = '') => `version: 1
accept:
  - id: CVE-2024-6387
    reason: "sshd is not started in this image; tracked in SEC-142"
    expires: ${expires}
    category: cve-vulns
    package: openssh-server
${extra}`;

/** Runs the action in a fresh workspace holding the scenario's policy file, if any. */
async function runScenario(sim: SasSimulator, s: Scenario) {
  if (s.policyFile === undefined) return runAction({ inputs: simInputs(sim.url, s.inputs) });
  const workspace = realpathSync(mkdtempSync(path.join(tmpdir(), 'sas-gate-demo-')));
  try {
    mkdirSync(path.join(workspace, '.github'));
    writeFileSync(path.join(workspace, '.github', 'sas-image-gate.yml'), s.policyFile);
    return await runAction({ inputs: simInputs(sim.url, s.inputs), workspace });
  } finally {
    rmSync(workspace, { recursive: true, force: true });
  }
}

const cve = (id: string, necessity: string, pkg: string, canFix = 'yes'): SimCve => ({
  name: `debian:12:${id}`,
  related: id,
  aliasName: `${pkg}: security update`,
  necessity,
  canFix,
  packages: [
    {
      name: pkg,
      version: '1.0-1',
      updateCmd: canFix === 'yes' ? `apt-get install ${pkg} --only-upgrade` : undefined,
    },
  ],
});

/** A stock base image: dozens of low-priority CVEs, none to fix now. */
const BASE_FINDINGS: SimFindings = {
  cve: Array.from({ length: 36 }, (_, i) =>
    cve(`CVE-2023-${41000 + i}`, i < 4 ? 'later' : 'nntf', `libpkg${i}`, i % 3 ? 'yes' : 'no'),
  ),
};

const RISKY_FINDINGS: SimFindings = {
  cve: [
    cve('CVE-2024-6387', 'asap', 'openssh-server'),
    cve('CVE-2023-4911', 'asap', 'libc6', 'no'),
    ...(BASE_FINDINGS.cve ?? []),
  ],
  sca: [
    {
      name: 'CVE-2022-42889',
      related: 'CVE-2022-42889',
      aliasName: 'Apache Commons Text RCE',
      asap: 1,
      canFix: 'yes',
      cveScore: '9.8',
    },
  ],
  malicious: [
    {
      md5: '5d41402abc4b2a76b9719d911017c592',
      name: 'Mining program',
      key: 'MINER_IMG',
      level: 'serious',
      paths: [{ filePath: '/usr/local/bin/xmrig' }],
    },
  ],
  baseline: [
    {
      key: 'ssh_root_login',
      alias: 'SSH permits root login',
      classAlias: 'Access control',
      level: 'high',
      status: 0,
      high: 1,
    },
    {
      key: 'pass_max_days',
      alias: 'Password expiry',
      classAlias: 'Password policy',
      level: 'low',
      status: 0,
      low: 2,
    },
  ],
};

async function main(): Promise<void> {
  const sim = await SasSimulator.start();
  const repo = { repoId: 'crr-demo', repoInstanceId: 'cri-demo' };
  sim.addImage({ digest: CLEAN, tag: 'v1.4.0', ...repo, counts: {} });
  sim.addImage({ digest: BASE, tag: 'v1.4.1', ...repo, counts: {}, findings: BASE_FINDINGS });
  sim.addImage({ digest: RISKY, tag: 'v1.5.0-rc1', ...repo, counts: {}, findings: RISKY_FINDINGS });
  // A pull request's image beside the `main` tag: the same stock CVEs plus the sshd one.
  const mainRepo = { repoId: 'crr-app', repoInstanceId: 'cri-demo' };
  const withSsh: SimFindings = {
    cve: [cve('CVE-2024-6387', 'asap', 'openssh-server'), ...(BASE_FINDINGS.cve ?? [])],
  };
  sim.addImage({ digest: MAIN, tag: 'main', ...mainRepo, counts: {}, findings: withSsh });
  sim.addImage({ digest: PR_SAME, tag: 'pr-41', ...mainRepo, counts: {}, findings: withSsh });
  sim.addImage({
    digest: PR_NEW,
    tag: 'pr-42',
    ...mainRepo,
    counts: {},
    findings: { cve: [cve('CVE-2025-32462', 'asap', 'sudo'), ...(withSsh.cve ?? [])] },
  });
  const policy = {
    'max-malicious-files': '0',
    'max-cve-vulns': 'high:0',
    'max-sca-vulns': 'high:0,medium:10',
    'max-baseline-risks': 'high:5',
    'ignore-unfixable': 'true',
  };
  /** Only the CVE limit enforced: "no fixable high CVE", whatever else the image carries. */
  const cveOnly = {
    'max-cve-vulns': 'high:0',
    'ignore-unfixable': 'true',
    'max-sca-vulns': 'off',
    'max-malicious-files': 'off',
    'max-baseline-risks': 'off',
  };
  const scenarios: Scenario[] = [
    {
      title: 'A clean image with the default limits (0 of everything)',
      inputs: { 'image-digest': `sha256:${CLEAN}`, 'repo-instance-id': 'cri-demo' },
      expect: 'pass',
    },
    {
      title: 'A stock base image: 36 low-priority CVEs. The default limits fail it…',
      inputs: { 'image-digest': BASE, 'repo-instance-id': 'cri-demo', 'list-findings': '3' },
      expect: 'fail',
    },
    {
      title:
        '…while "no high CVE that has a fix" passes it (max-cve-vulns: high:0, ignore-unfixable)',
      inputs: { 'image-digest': BASE, 'repo-instance-id': 'cri-demo', ...policy },
      expect: 'pass',
    },
    {
      title: 'A risky image under the same policy: what to fix is listed',
      inputs: {
        'image-digest': RISKY,
        'repo-instance-id': 'cri-demo',
        ...policy,
        'list-findings': '5',
      },
      expect: 'fail',
    },
    {
      title:
        'An accepted risk: the policy file accepts the sshd CVE (reason, expiry), so high:0 passes',
      inputs: { 'image-digest': RISKY, 'repo-instance-id': 'cri-demo', ...cveOnly },
      policyFile: sshPolicy(day(90)),
      expect: 'pass',
    },
    {
      title: 'An expired acceptance never applies: the sshd CVE counts again',
      inputs: { 'image-digest': RISKY, 'repo-instance-id': 'cri-demo', ...cveOnly },
      policyFile: sshPolicy(day(-1)),
      expect: 'fail',
    },
    {
      title: 'An unused entry (it matches nothing in the image) is listed so it gets cleaned up',
      inputs: { 'image-digest': RISKY, 'repo-instance-id': 'cri-demo', ...cveOnly },
      policyFile: sshPolicy(
        day(90),
        `  - id: CVE-2021-44228
    reason: "log4j was removed in v1.3"
    expires: ${day(10)}
`,
      ),
      expect: 'pass',
    },
    {
      title:
        'A pull request compared with the main tag: it only inherits the sshd CVE, so high:0 passes',
      inputs: {
        'image-digest': PR_SAME,
        'repo-id': 'crr-app',
        'baseline-image-tag': 'main',
        ...cveOnly,
        'list-findings': '3',
      },
      expect: 'pass',
    },
    {
      title: 'Another pull request adds a new high CVE (sudo): it fails, the new finding first',
      inputs: {
        'image-digest': PR_NEW,
        'repo-id': 'crr-app',
        'baseline-image-tag': 'main',
        ...cveOnly,
        'list-findings': '3',
      },
      expect: 'fail',
    },
    {
      title: 'Security Center keeps throttling until the deadline (could not check)',
      inputs: { 'image-digest': CLEAN, 'timeout-seconds': '2' },
      expect: 'error',
    },
  ];
  let broken = 0;
  try {
    for (const [i, s] of scenarios.entries()) {
      if (s.expect === 'error')
        sim.fault(
          {
            kind: 'error',
            status: 400,
            code: 'Throttling.User',
            message: 'Request was denied due to user flow control.',
          },
          { times: Infinity },
        );
      const run = await runScenario(sim, s);
      sim.clearFaults();
      const result = run.outputs['result'] ?? '(none)';
      const ok = result === s.expect;
      if (!ok) broken++;
      console.log(`\n${'='.repeat(78)}\n${i + 1}. ${s.title}`);
      console.log(
        `   result=${result}  exit code=${run.exitCode}  exceeded=${run.outputs['exceeded'] || '(none)'}${s.policyFile === undefined ? '' : `  accepted=${run.outputs['accepted'] ?? ''}`}  (${Math.round(run.ms)} ms)`,
      );
      if (!ok) console.log(`   !! expected result=${s.expect}; stderr:\n${run.stderr}`);
      console.log(`${'-'.repeat(78)}\n${plain(run.summary)}`);
    }
    // The same gate from another CI system: the command line, as a GitLab or Jenkins job runs it.
    const args = [
      '--image-digest',
      RISKY,
      '--repo-instance-id',
      'cri-demo',
      '--list-findings',
      '3',
    ];
    const limits = Object.entries(policy).flatMap(([name, value]) => [`--${name}`, value]);
    const run = await runCli({ args: ['--endpoint', sim.url, ...args, ...limits], env: simEnv() });
    const ok = run.exitCode === 1;
    if (!ok) broken++;
    console.log(
      `\n${'='.repeat(78)}\n${scenarios.length + 1}. The command line (GitLab CI, Jenkins, Flow)`,
    );
    console.log(`   $ npx sas-image-gate ${[...args, ...limits].join(' ')}`);
    console.log(`   exit code=${run.exitCode} (1: a limit exceeded)  (${Math.round(run.ms)} ms)`);
    if (!ok) console.log(`   !! expected exit code 1; stderr:\n${run.stderr}`);
    console.log(`${'-'.repeat(78)}\n${run.stdout.trim()}`);
  } finally {
    await sim.close();
  }
  console.log(
    broken === 0
      ? '\nDemo complete: every scenario gave the expected verdict.'
      : `\nDemo broken: ${broken} scenario(s) gave an unexpected verdict.`,
  );
  process.exitCode = broken === 0 ? 0 : 1;
}

/** The summary is Markdown with HTML entities; make it readable in a terminal. */
function plain(markdown: string): string {
  return markdown
    .replace(/<\/?code>/g, '`')
    .replace(/<[^>]+>/g, '')
    .replace(/&#(\d+);/g, (_, n: string) => String.fromCharCode(Number(n)))
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&')
    .trim();
}

main().catch((err: unknown) => {
  console.error('Demo could not run:', err);
  process.exitCode = 1;
});

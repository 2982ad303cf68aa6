// End to end, the command line's files: each format from the built dist/cli/index.js against the
// simulator (the GitLab report against its schema, the JUnit file parsed, SARIF through the
// SARIF multitool), files on an error run, stale files removed, a file that cannot be written,
// and keyless authentication through an ID token file and the STS simulator.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { Ajv } from 'ajv';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import type { Report } from '../../src/report/model.js';
import { CONTAINER_SCANNING_SCHEMA } from '../helpers/gitlab-schema.js';
import { IdTokenServer } from '../helpers/id-token-server.js';
import { runCli, simEnv, tempDir, type CliRun } from '../helpers/run-cli.js';
import { errorsOf, validate } from '../helpers/sarif-validator.js';
import { SasSimulator } from '../simulator/sas-simulator.js';
import { PROVIDER_ARN, ROLE_ARN, StsSimulator } from '../simulator/sts-simulator.js';

const CLEAN = 'a'.repeat(64);
const RISKY = 'b'.repeat(64);
const FILES = [
  '--summary-file',
  'out/summary.md',
  '--report-file',
  'out/report.json',
  '--sarif-file',
  'out/gate.sarif',
  '--outputs-file',
  'out/gate.env',
  '--gitlab-report',
  'reports/gl-container-scanning.json',
  '--junit-file',
  'reports/junit.xml',
];

let sim: SasSimulator;

beforeEach(async () => {
  sim = await SasSimulator.start();
  sim.addImage({
    digest: RISKY,
    repoId: 'crr-1',
    tag: 'risky',
    counts: {},
    findings: {
      cve: [
        {
          name: 'debian:12:CVE-2024-6387',
          related: 'CVE-2024-6387',
          aliasName: 'openssh: regreSSHion',
          necessity: 'asap',
          canFix: 'yes',
          packages: [{ name: 'openssh-server', version: '1:9.2p1-2' }],
        },
      ],
      sca: [
        {
          name: 'CVE-2022-42889',
          related: 'CVE-2022-42889',
          aliasName: 'Apache Commons Text RCE',
          asap: 1,
          canFix: 'yes',
        },
      ],
    },
  });
  sim.addImage({ digest: CLEAN, repoId: 'crr-1', tag: 'clean', counts: {} });
});

afterEach(async () => {
  await sim.close();
});

const read = (r: CliRun, file: string) => readFileSync(path.join(r.cwd, file), 'utf8');

const xml = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '',
  isArray: (name) => name === 'testsuite' || name === 'testcase',
});

interface JunitCase {
  name: string;
  failure?: { message: string };
  error?: { message: string };
  skipped?: { message: string };
}
interface JunitDoc {
  testsuites: { testsuite: Array<{ name: string; testcase: JunitCase[] }> };
}

function junit(text: string): JunitDoc {
  expect(XMLValidator.validate(text)).toBe(true);
  return xml.parse(text) as JunitDoc;
}

const gitlabValid = new Ajv({ allErrors: true, strict: true }).compile(CONTAINER_SCANNING_SCHEMA);

test('every file of a failing run, each in its format', async () => {
  const r = await runCli({
    args: ['--endpoint', sim.url, '--image-digest', RISKY, '--max-baseline-risks', 'off', ...FILES],
    env: simEnv(),
  });
  expect(r.exitCode).toBe(1);

  const report = JSON.parse(read(r, 'out/report.json')) as Report;
  expect(report).toMatchObject({ result: 'fail', exceeded: ['sca-vulns', 'cve-vulns'] });
  expect(read(r, 'out/summary.md')).toMatch(/Security Center image gate/);

  const dotenv = read(r, 'out/gate.env');
  expect(dotenv).toMatch(/^SAS_IMAGE_GATE_RESULT=fail$/m);
  expect(dotenv).toMatch(/^SAS_IMAGE_GATE_EXCEEDED=sca-vulns,cve-vulns$/m);
  expect(dotenv).toMatch(/^SAS_IMAGE_GATE_SARIF_FILE=out\/gate\.sarif$/m);
  expect(dotenv).not.toMatch(/SAS_IMAGE_GATE_REPORT=|COMMENT_URL/);
  // No blank or comment line: one NAME=value line per output, each ending in a newline.
  expect(dotenv.endsWith('\n')).toBe(true);
  for (const line of dotenv.slice(0, -1).split('\n'))
    expect(line).toMatch(/^SAS_IMAGE_GATE_[A-Z_]+=\S*$/);
  expect(Buffer.byteLength(dotenv)).toBeLessThan(5000);

  const gitlab = JSON.parse(read(r, 'reports/gl-container-scanning.json')) as {
    scan: { status: string };
    vulnerabilities: Array<{
      id: string;
      severity: string;
      identifiers: Array<{ value: string }>;
      location: { image: string };
    }>;
  };
  expect(gitlabValid(gitlab)).toBe(true);
  expect(gitlab.scan.status).toBe('success');
  expect(gitlab.vulnerabilities.map((v) => v.identifiers[0]?.value).sort()).toEqual([
    'CVE-2022-42889',
    'CVE-2024-6387',
  ]);
  expect(gitlab.vulnerabilities.every((v) => v.severity === 'High')).toBe(true);
  expect(gitlab.vulnerabilities[0]?.location.image).toBe(`sha256:${RISKY}`);
  expect(new Set(gitlab.vulnerabilities.map((v) => v.id)).size).toBe(2);

  const suites = junit(read(r, 'reports/junit.xml')).testsuites.testsuite;
  expect(suites).toHaveLength(1);
  expect(suites[0]?.name).toContain(`sha256:${RISKY}`);
  const cases = Object.fromEntries(suites[0]!.testcase.map((c) => [c.name, c]));
  expect(cases['cve-vulns']?.failure?.message).toMatch(/1.*0/);
  expect(cases['baseline-risks']?.skipped).toBeDefined();
  expect(cases['malicious-files']?.failure).toBeUndefined();

  const sarif = JSON.parse(read(r, 'out/gate.sarif')) as Record<string, unknown>;
  expect(errorsOf(validate({ cli: sarif }))).toEqual([]);
  expect(r.stderr).not.toContain('test-key-secret');
});

test('an error run writes its files saying error, and removes the SARIF log of an earlier run', async () => {
  const cwd = tempDir();
  mkdirSync(path.join(cwd, 'out'), { recursive: true });
  writeFileSync(path.join(cwd, 'out/gate.sarif'), '{"stale":true}');
  sim.fault(
    { kind: 'error', status: 403, code: 'NoPermission', message: 'denied' },
    { times: Infinity },
  );
  const r = await runCli({
    cwd,
    args: ['--endpoint', sim.url, '--image-digest', CLEAN, '--on-error', 'warn', ...FILES],
    env: simEnv(),
  });
  expect(r.exitCode).toBe(0); // --on-error warn
  expect(JSON.parse(read(r, 'out/report.json'))).toMatchObject({ result: 'error' });
  expect(read(r, 'out/gate.env')).toMatch(/^SAS_IMAGE_GATE_RESULT=error$/m);
  expect(read(r, 'out/gate.env')).toMatch(/^SAS_IMAGE_GATE_SARIF_FILE=$/m);
  const gitlab = JSON.parse(read(r, 'reports/gl-container-scanning.json')) as {
    scan: { status: string };
  };
  expect(gitlabValid(gitlab)).toBe(true);
  expect(gitlab.scan.status).toBe('failure');
  const cases = junit(read(r, 'reports/junit.xml')).testsuites.testsuite[0]!.testcase;
  expect(cases.length).toBeGreaterThan(0);
  expect(cases.every((c) => c.error !== undefined)).toBe(true);
  // No partial SARIF log; the stale one is gone, and standard error says so.
  expect(existsSync(path.join(cwd, 'out/gate.sarif'))).toBe(false);
  expect(r.stderr).toMatch(/--sarif-file: removed out\/gate\.sarif left from an earlier run/);
});

test('a file that cannot be written: exit 2 whatever --on-error says', async () => {
  const cwd = tempDir();
  writeFileSync(path.join(cwd, 'blocker'), 'a file where a folder should be');
  const r = await runCli({
    cwd,
    args: [
      '--endpoint',
      sim.url,
      '--image-digest',
      CLEAN,
      '--on-error',
      'warn',
      '--report-file',
      'blocker/report.json',
    ],
    env: simEnv(),
  });
  expect(r.exitCode).toBe(2);
  expect(r.stdout.split('\n')[0]).toMatch(/\bpass\b/);
  expect(r.stderr).toMatch(/--report-file: cannot write/);
});

test('keyless: the ID token from ALIBABA_CLOUD_OIDC_TOKEN_FILE, exchanged with STS', async () => {
  sim.keys.clear(); // only what STS issues is valid
  const idTokens = await IdTokenServer.start();
  const sts = await StsSimulator.start({ sas: sim, idTokens });
  try {
    // The CI system's ID token (GitLab id_tokens:), issued for STS's audience.
    const issued = await fetch(`${idTokens.requestUrl}&audience=sts.aliyuncs.com`, {
      headers: { authorization: `Bearer ${idTokens.requestToken}` },
    });
    const jwt = ((await issued.json()) as { value: string }).value;
    const cwd = tempDir();
    writeFileSync(path.join(cwd, 'id-token'), `\n  ${jwt}\n`);
    const r = await runCli({
      cwd,
      args: ['--endpoint', sim.url, '--sts-endpoint', sts.url, '--image-digest', CLEAN],
      env: {
        ALIBABA_CLOUD_ROLE_ARN: ROLE_ARN,
        ALIBABA_CLOUD_OIDC_PROVIDER_ARN: PROVIDER_ARN,
        ALIBABA_CLOUD_OIDC_TOKEN_FILE: 'id-token',
        CI_JOB_ID: '4242',
      },
    });
    expect(r.exitCode).toBe(0);
    expect(sts.requests[0]?.form['RoleSessionName']).toBe('sas-image-gate-4242');
    const secrets = [jwt, ...sts.issued.flatMap((c) => [c.accessKeySecret, c.securityToken])];
    for (const secret of secrets) {
      expect(r.stdout).not.toContain(secret.slice(-24));
      expect(r.stderr).not.toContain(secret.slice(-24));
    }
    expect(r.stderr).not.toContain('::add-mask::');
  } finally {
    await Promise.all([idTokens.close(), sts.close()]);
  }
});

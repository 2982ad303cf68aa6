// End to end, the command line: the built dist/cli/index.js in a fresh process against the
// Security Center simulator, as a GitLab, Jenkins or Flow job runs it. Exit codes, where settings
// come from (flag, environment, default), bad input (all at once, exit 2, no request, secrets
// never echoed), standard output (text and JSON), help and version, and the Node refusal.
import { existsSync, readFileSync } from 'node:fs';
import type { Report } from '../../src/report/model.js';
import { nodeBefore22, runCli, simEnv, type CliRun } from '../helpers/run-cli.js';
import { SasSimulator } from '../simulator/sas-simulator.js';

const CLEAN = 'a'.repeat(64);
const RISKY = 'b'.repeat(64);
const SECRET = 'test-key-secret';

let sim: SasSimulator;

beforeEach(async () => {
  sim = await SasSimulator.start();
  sim.addImage({ digest: CLEAN, repoId: 'crr-1', tag: 'clean', counts: {} });
  sim.addImage({ digest: RISKY, repoId: 'crr-1', tag: 'risky', counts: { ImageCveVulCount: 3 } });
});

afterEach(async () => {
  await sim.close();
});

const cli = (args: string[], env: Record<string, string> = {}) =>
  runCli({ args: ['--endpoint', sim.url, ...args], env: simEnv(env) });

const json = (r: CliRun): Report => JSON.parse(r.stdout) as Report;

function expectNoSecret(r: CliRun, secret = SECRET): void {
  expect(r.stdout).not.toContain(secret);
  expect(r.stderr).not.toContain(secret);
}

describe('exit codes', () => {
  test('pass: exit 0, the first line of standard output says pass', async () => {
    const r = await cli(['--image-digest', CLEAN]);
    expect(r.exitCode).toBe(0);
    expect(r.stdout.split('\n')[0]).toMatch(/\bpass\b/);
    // No Markdown, no workflow command, no colour when standard output is not a terminal.
    expect(r.stdout).not.toMatch(/\|---|^::/m);
    expect(r.stdout).not.toContain('\u001b[');
    expect(r.stderr).toContain('sas-image-gate 0.1.0');
    expect(r.stderr).not.toMatch(/^::/m);
    expectNoSecret(r);
  });

  test('fail: exit 1; --fail-build false: exit 0 and the verdict still says fail', async () => {
    const failed = await cli(['--image-digest', RISKY]);
    expect(failed.exitCode).toBe(1);
    expect(failed.stdout.split('\n')[0]).toMatch(/\bfail\b/);
    expect(failed.stdout).toMatch(/cve-vulns\s+3\s+0\s+over limit/);
    const lenient = await cli(['--image-digest', RISKY, '--fail-build', 'false']);
    expect(lenient.exitCode).toBe(0);
    expect(lenient.stdout.split('\n')[0]).toMatch(/\bfail\b/);
    expect(lenient.stderr).toContain('--fail-build false');
  });

  test('error: exit 2; --on-error warn: exit 0 and the verdict still says error', async () => {
    const denied = { kind: 'error', status: 403, code: 'NoPermission', message: 'denied' } as const;
    sim.fault(denied, { times: Infinity });
    const r = await cli(['--image-digest', CLEAN, '--require-scan', 'false']);
    expect(r.exitCode).toBe(2);
    expect(r.stdout.split('\n')[0]).toMatch(/\berror\b/);
    expect(r.stdout).toContain('NoPermission');
    const warned = await cli(['--image-digest', CLEAN, '--require-scan=false', '--on-error=warn']);
    expect(warned.exitCode).toBe(0);
    expect(warned.stdout.split('\n')[0]).toMatch(/\berror\b/);
  });

  test('--format json: exactly one JSON document, the report', async () => {
    const r = await cli(['--image-digest', RISKY, '--format', 'json', '--list-findings', '0']);
    expect(r.exitCode).toBe(1);
    const report = json(r);
    expect(report).toMatchObject({ schemaVersion: 1, result: 'fail', exceeded: ['cve-vulns'] });
    expect(report.counts?.['cve-vulns']).toBe(3);
    expect(r.stdout.trim().split('\n')).toHaveLength(1);
  });
});

describe('where settings come from', () => {
  test('the environment beats the default, a flag beats the environment', async () => {
    const fromEnv = await cli(['--image-digest', RISKY], { SAS_IMAGE_GATE_MAX_CVE_VULNS: '3' });
    expect(fromEnv.exitCode).toBe(0);
    const flagWins = await cli(['--image-digest', RISKY, '--max-cve-vulns=2'], {
      SAS_IMAGE_GATE_MAX_CVE_VULNS: '3',
    });
    expect(flagWins.exitCode).toBe(1);
    // An empty variable counts as unset: the default (0) applies, never a looser limit.
    const empty = await cli(['--image-digest', RISKY], { SAS_IMAGE_GATE_MAX_CVE_VULNS: '' });
    expect(empty.exitCode).toBe(1);
  });

  test('images from --images-file and from SAS_IMAGE_GATE_IMAGES; both variables is bad input', async () => {
    const lines = `image-digest=${CLEAN}\nimage-digest=${RISKY}\n`;
    const viaVariable = await cli(['--format', 'json'], { SAS_IMAGE_GATE_IMAGES: lines });
    expect(json(viaVariable).images).toHaveLength(2);
    expect(viaVariable.exitCode).toBe(1);
    const both = await cli([], {
      SAS_IMAGE_GATE_IMAGES: lines,
      SAS_IMAGE_GATE_IMAGES_FILE: 'images.txt',
    });
    expect(both.exitCode).toBe(2);
    expect(both.stderr).toContain('SAS_IMAGE_GATE_IMAGES and SAS_IMAGE_GATE_IMAGES_FILE');
  });

  test('a bad value from the environment names the option and the variable', async () => {
    const r = await cli(['--image-digest', CLEAN], { SAS_IMAGE_GATE_TIMEOUT_SECONDS: 'soon' });
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toContain('--timeout-seconds (from SAS_IMAGE_GATE_TIMEOUT_SECONDS)');
    expect(r.stderr).not.toMatch(/\$\{\{|with:|INPUT_/);
    expect(sim.requests).toHaveLength(0);
  });
});

describe('bad input', () => {
  test('every problem at once, exit 2 even with --on-error warn, no request', async () => {
    const r = await runCli({
      args: [
        '--endpoint',
        sim.url,
        '--max-cve-vuln',
        '100',
        '--risk-status',
        'some',
        '--on-error',
        'warn',
      ],
      env: simEnv(),
    });
    expect(r.exitCode).toBe(2);
    expect(r.stdout.split('\n')[0]).toMatch(/\berror\b/);
    expect(r.stderr).toContain('--max-cve-vuln is not an option');
    expect(r.stderr).toContain('did you mean --max-cve-vulns?');
    expect(r.stderr).toContain('--risk-status');
    expect(r.stderr).toMatch(/no image is named/);
    expect(r.stderr).not.toContain('${{');
    expect(sim.requests).toHaveLength(0);
  });

  test.each([
    ['--access-key-secret', 'ALIBABA_CLOUD_ACCESS_KEY_SECRET'],
    ['--security-token', 'ALIBABA_CLOUD_SECURITY_TOKEN'],
    ['--oidc-token', 'ALIBABA_CLOUD_OIDC_TOKEN_FILE'],
  ])('%s is refused in both forms, its value never shown', async (flag, variable) => {
    const value = 'sup3r-s3cret-VALUE-9f8e7d';
    for (const args of [[flag, value], [`${flag}=${value}`]]) {
      const r = await cli([
        '--image-digest',
        CLEAN,
        '--on-error',
        'warn',
        '--format',
        'json',
        ...args,
      ]);
      expect(r.exitCode).toBe(2);
      expect(r.stderr).toContain(variable);
      expect(json(r).result).toBe('error');
      expect(json(r).problems?.join('\n')).toContain(flag);
      expectNoSecret(r, value);
    }
    expect(sim.requests).toHaveLength(0);
  });

  test('GitHub-only inputs are not options', async () => {
    const r = await cli(['--image-digest', CLEAN, '--comment-on-pr', 'always', '--format=json']);
    expect(r.exitCode).toBe(2);
    expect(json(r).problems?.[0]).toMatch(/--comment-on-pr is not an option/);
    expect(r.stderr).toMatch(/--comment-on-pr is not an option/);
  });

  test('no credentials: named by their variables', async () => {
    const r = await runCli({ args: ['--endpoint', sim.url, '--image-digest', CLEAN] });
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toContain('ALIBABA_CLOUD_ACCESS_KEY_ID and ALIBABA_CLOUD_ACCESS_KEY_SECRET');
    expect(r.stderr).not.toMatch(/inputs|id-token: write|configure-aliyun/);
  });

  test('other credential variable families are not read', async () => {
    const r = await runCli({
      args: ['--endpoint', sim.url, '--image-digest', CLEAN],
      env: { ALICLOUD_ACCESS_KEY: 'test-key-id', ALICLOUD_SECRET_KEY: SECRET },
    });
    expect(r.exitCode).toBe(2);
    expect(sim.requests).toHaveLength(0);
  });
});

describe('help, version, Node', () => {
  test('--help lists every option with its default, exit 0, no credentials, no request', async () => {
    const r = await runCli({ args: ['--help'] });
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toContain('Usage: sas-image-gate');
    for (const option of ['--max-cve-vulns', '--images-file', '--gitlab-report', '--junit-file'])
      expect(r.stdout).toContain(option);
    expect(r.stdout).toContain('[default: 600]');
  });

  test('--version prints the package version', async () => {
    const r = await runCli({ args: ['--version'] });
    expect(r.exitCode).toBe(0);
    const pkg = JSON.parse(readFileSync('package.json', 'utf8')) as { version: string };
    expect(r.stdout.trim()).toBe(pkg.version);
  });

  const old = nodeBefore22();
  (old.node ? test : test.skip)(
    `an older Node is refused with exit 2${old.why ? ` (skipped: ${old.why})` : ''}`,
    async () => {
      const r = await runCli({ args: ['--version'], node: old.node });
      expect(r.exitCode).toBe(2);
      expect(r.stderr).toMatch(/needs Node\.js 22 or later/);
      expect(r.stdout).toBe('');
    },
  );
});

test('progress: each poll says the time waited and the time left', async () => {
  sim.addImage({
    digest: '1'.repeat(64),
    counts: {},
    scanStates: [{ ScaStatus: 'START' }, { ScaStatus: 'SUCCESS', LastScanTime: 'now' }],
  });
  const r = await cli(['--image-digest', '1'.repeat(64), '--wait-for-scan', '30']);
  expect(r.exitCode).toBe(0);
  expect(r.stderr).toMatch(/poll 1, waited \d+ s, up to \d+ s left/);
  expect(existsSync(r.cwd)).toBe(true);
});

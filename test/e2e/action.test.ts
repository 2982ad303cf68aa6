// End to end: the built dist/index.js in a fresh process, as the runner executes it, against
// the loopback simulator. Asserts exit codes, GITHUB_OUTPUT, GITHUB_STEP_SUMMARY and raw output.
import { reportOf, runAction, simInputs } from '../helpers/run-action.js';
import { useSimulator } from '../helpers/use-simulator.js';

const ctx = useSimulator();

const CLEAN = 'a'.repeat(64);
const RISKY = 'B'.repeat(64); // upper case on input; must be sent lower-case
const SECRET = 'test-key-secret';

beforeEach(async () => {
  ctx.sim.addImage({ digest: CLEAN, repoId: 'crr-1', counts: { ImageScaVulCount: 3 } });
  ctx.sim.addImage({
    digest: RISKY.toLowerCase(),
    repoId: 'crr-1',
    counts: { ImageMaliciousFileCount: 1, ImageCveVulCount: 4, ImageBaselineCount: 2 },
  });
});

const run = (inputs: Record<string, string>, env: Record<string, string> = {}) =>
  runAction({ inputs: simInputs(ctx.sim.url, inputs), env });

test('an image within its limits passes', async () => {
  const r = await run({ 'image-digest': `sha256:${CLEAN}`, 'max-sca-vulns': '3' });
  expect(r.exitCode).toBe(0);
  expect(r.outputs).toMatchObject({
    result: 'pass',
    'baseline-risks': '0',
    'malicious-files': '0',
    'sca-vulns': '3',
    'cve-vulns': '0',
    exceeded: '',
  });
  const [req] = ctx.sim.requestsFor('DescribeImageSecurityScanCount');
  expect(req?.requestId).toMatch(/^[0-9A-F-]{36}$/);
  expect(r.outputs['request-id']).toBe(req?.requestId);
  const rep = reportOf(r);
  expect(rep.result).toBe('pass');
  expect(rep.images).toHaveLength(1);
  expect(rep.images[0]?.categories['sca-vulns']).toMatchObject({
    count: 3,
    limit: 3,
    status: 'pass',
  });
  expect(rep.images[0]?.site).toContain('127.0.0.1');
  expect(r.summary.split('\n')[0]).toMatch(/^### ✅ .*passed/);
  expect(r.summary).toContain('| SCA vulnerabilities | 3 | — | 3 | ✅ within limit |');
  expect(r.summary).toContain(r.outputs['request-id']);
});

test('an image over its limits fails the step, exceeded in the fixed order', async () => {
  const r = await run({ 'image-digest': RISKY, 'max-baseline-risks': 'off', 'max-cve-vulns': '3' });
  expect(r.exitCode).toBe(1);
  expect(r.outputs).toMatchObject({
    result: 'fail',
    exceeded: 'malicious-files,cve-vulns',
    'baseline-risks': '2',
    'cve-vulns': '4',
  });
  expect(ctx.sim.requestsFor('DescribeImageSecurityScanCount')[0]?.params['ImageDigest']).toBe(
    RISKY.toLowerCase(),
  );
  expect(reportOf(r).images[0]?.categories['baseline-risks']).toMatchObject({
    count: 2,
    limit: 'off',
    status: 'off',
  });
  expect(r.stdout).toMatch(/::error::.*failed/);
  expect(r.summary).toContain('| Malicious files | 1 | — | 0 | ❌ over limit |');
  expect(r.summary).toContain('| Baseline risks | 2 | — | off | ➖ not enforced |');
});

test('a count equal to its limit passes', async () => {
  const r = await run({
    'image-digest': RISKY,
    'max-baseline-risks': '2',
    'max-malicious-files': '1',
    'max-cve-vulns': '4',
  });
  expect(r.outputs['result']).toBe('pass');
  expect(r.exitCode).toBe(0);
});

test('fail-build false warns and succeeds, outputs still say fail', async () => {
  const r = await run({ 'image-digest': RISKY, 'fail-build': 'false' });
  expect(r.exitCode).toBe(0);
  expect(r.outputs['result']).toBe('fail');
  expect(r.stdout).toMatch(/::warning::/);
});

test('an API error is result error; on-error decides only the exit code', async () => {
  ctx.sim.fault(
    { kind: 'error', status: 403, code: 'NoPermission', message: 'caller has no permission' },
    { times: Infinity, action: 'DescribeImageSecurityScanCount' },
  );
  const failing = await run({ 'image-digest': CLEAN });
  expect(failing.exitCode).toBe(1);
  expect(failing.outputs).toMatchObject({
    result: 'error',
    'baseline-risks': '',
    'cve-vulns': '',
    exceeded: '',
  });
  expect(failing.stdout).toContain('yundun-sas:DescribeImageSecurityScanCount');
  const rep = reportOf(failing);
  expect(rep.images[0]?.error).toMatch(/NoPermission.*RequestId: [0-9A-F-]{36}/);
  expect(failing.outputs['request-id']).toMatch(/^[0-9A-F-]{36}$/);
  expect(failing.summary).toMatch(/^### ⚠️ .*error/);

  const warning = await run({ 'image-digest': CLEAN, 'on-error': 'warn' });
  expect(warning.exitCode).toBe(0);
  expect(warning.outputs['result']).toBe('error');
  expect(warning.stdout).toMatch(/::warning::/);
});

test('a malformed answer is an error, never a pass', async () => {
  ctx.sim.fault(
    {
      kind: 'raw',
      status: 200,
      body: '{"RequestId":"R-1","Data":{}}',
      headers: { 'content-type': 'application/json' },
    },
    // Every count answer: one sent with the proof and not used is asked again after it.
    { action: 'DescribeImageSecurityScanCount', times: Infinity },
  );
  const r = await run({ 'image-digest': CLEAN });
  expect(r.outputs['result']).toBe('error');
  expect(r.exitCode).toBe(1);
  expect(reportOf(r).images[0]?.error).toContain('ImageBaselineCount is missing');
});

test('a hung service ends as error within timeout-seconds', async () => {
  ctx.sim.fault({ kind: 'hang' }, { times: Infinity });
  const r = await run({ 'image-digest': CLEAN, 'timeout-seconds': '2' });
  expect(r.outputs['result']).toBe('error');
  expect(r.exitCode).toBe(1);
  expect(r.ms).toBeLessThan(8_000);
});

test('bad input: every problem at once, before any request, whatever on-error says', async () => {
  const r = await run({
    'image-digest': 'sha256:1234',
    'max-cve-vulns': '-1',
    'risk-status': 'maybe',
    'on-error': 'warn',
    'fail-build': 'yes',
    'scan-range': 'image,vm',
    'timeout-seconds': 'soon',
    endpoint: 'http://example.com',
  });
  expect(r.exitCode).toBe(1);
  expect(r.outputs['result']).toBe('error');
  expect(ctx.sim.requests).toHaveLength(0);
  for (const name of [
    'image-digest',
    'max-cve-vulns',
    'risk-status',
    'fail-build',
    'scan-range',
    'timeout-seconds',
    'endpoint',
  ]) {
    expect(r.stdout).toContain(`${name}:`);
  }
  expect(reportOf(r).error).toContain('risk-status');
  expect(r.summary).toContain('Invalid input');
});

test('no selector and no credentials are bad input with guidance', async () => {
  const r = await runAction({ inputs: { endpoint: ctx.sim.url } });
  expect(r.exitCode).toBe(1);
  expect(r.outputs['result']).toBe('error');
  expect(r.stdout).toMatch(/image selection: no image is named/);
  expect(r.stdout).toMatch(/credentials: none found;.*ALIBABA_CLOUD_ACCESS_KEY_ID/);
  expect(ctx.sim.requests).toHaveLength(0);
});

test('credentials from the environment (configure-aliyun-credentials-action)', async () => {
  const r = await runAction({
    inputs: { endpoint: ctx.sim.url, 'image-digest': CLEAN, 'max-sca-vulns': 'off' },
    env: { ALICLOUD_ACCESS_KEY: 'test-key-id', ALICLOUD_SECRET_KEY: SECRET },
  });
  expect(r.outputs['result']).toBe('pass');
  expect(r.stdout).toContain('environment (ALICLOUD_*)');
});

test('secrets never reach stdout, stderr, outputs or the summary, even in debug mode', async () => {
  ctx.sim.keys.set('STS.key', { secret: 'sts-secret-value', token: 'sts-token-value' });
  for (const scenario of ['ok', 'bad-secret']) {
    const r = await runAction({
      inputs: simInputs(ctx.sim.url, {
        'image-digest': CLEAN,
        'access-key-id': 'STS.key',
        'access-key-secret': scenario === 'ok' ? 'sts-secret-value' : 'sts-secret-WRONG',
        'security-token': 'sts-token-value',
        'max-sca-vulns': 'off',
      }),
      env: { RUNNER_DEBUG: '1' },
    });
    expect(r.outputs['result']).toBe(scenario === 'ok' ? 'pass' : 'error');
    expect(r.stdout).toContain('::debug::');
    const secretValue = scenario === 'ok' ? 'sts-secret-value' : 'sts-secret-WRONG';
    // The mask command is how the runner learns the value; nothing else may carry it.
    expect(r.stdout).toContain(`::add-mask::${secretValue}`);
    expect(r.stdout).toContain('::add-mask::sts-token-value');
    const withoutMaskCommands = r.stdout
      .split('\n')
      .filter((l) => !l.startsWith('::add-mask::'))
      .join('\n');
    for (const text of [withoutMaskCommands, r.stderr, r.summary, JSON.stringify(r.outputs)]) {
      expect(text).not.toContain(secretValue);
      expect(text).not.toContain('sts-token-value');
    }
  }
});

test('untrusted text is escaped in the summary', async () => {
  const tag = '<img/src=x/onerror=alert(1)>|`pwn`';
  ctx.sim.fault({
    kind: 'error',
    status: 400,
    code: 'InvalidParameter',
    message: '<script>alert(1)</script> | bad',
  });
  const r = await run({ 'image-tag': tag, 'repo-id': 'crr-1' });
  expect(r.outputs['result']).toBe('error');
  expect(r.summary).not.toContain('<img');
  expect(r.summary).not.toContain('<script');
  expect(r.summary).toContain('&lt;img/src=x/onerror=alert(1)&gt;&#124;&#96;pwn&#96;');
  // Table rows keep exactly their five column separators.
  for (const line of r.summary.split('\n').filter((l) => l.startsWith('| '))) {
    expect(line.split('|').length - 1).toBe(6);
  }
});

test('a malformed proxy variable is an error that names it, without echoing its value', async () => {
  const r = await runAction({
    inputs: simInputs(ctx.sim.url, { 'image-digest': CLEAN }),
    env: { HTTPS_PROXY: 'http://user:pa ss@[bad' },
  });
  expect(r.exitCode).toBe(1);
  expect(r.outputs['result']).toBe('error');
  expect(reportOf(r).images[0]?.error).toMatch(/HTTPS_PROXY is set but is not a valid proxy URL/);
  expect(r.stdout + r.summary).not.toContain('pa ss');
});

test('a reader that closes stdout early cannot make the action spin: it ends with its verdict', async () => {
  const r = await runAction({
    inputs: simInputs(ctx.sim.url, { 'image-digest': RISKY }),
    closeStdout: true,
    timeoutMs: 15_000,
  });
  expect(r.outputs['result']).toBe('fail');
  expect(r.exitCode).toBe(1);
  expect(r.ms).toBeLessThan(10_000);
});

test('an unexpected failure (outputs file unwritable) still fails the step', async () => {
  const r = await runAction({
    inputs: simInputs(ctx.sim.url, { 'image-digest': CLEAN }),
    env: { GITHUB_OUTPUT: '/nonexistent/dir/out' },
  });
  expect(r.exitCode).toBe(1);
  expect(r.stdout + r.stderr).toMatch(/Unexpected error/);
});

// End to end, keyless: the built dist/index.js in a fresh process with a loopback ID-token
// service and a loopback STS that issues the credentials the Security Center simulator then
// requires. No access key exists anywhere in these runs.
import { IdTokenServer } from '../helpers/id-token-server.js';
import { runAction, type ActionRun } from '../helpers/run-action.js';
import { SasSimulator } from '../simulator/sas-simulator.js';
import { PROVIDER_ARN, ROLE_ARN, StsSimulator } from '../simulator/sts-simulator.js';

const CLEAN = 'a'.repeat(64);
const RISKY = 'b'.repeat(64);
const REPO_ENV = { GITHUB_REPOSITORY: 'octo-org/octo-repo', GITHUB_RUN_ID: '4242' };

let sas: SasSimulator;
let idTokens: IdTokenServer;
let sts: StsSimulator;

beforeEach(async () => {
  sas = await SasSimulator.start();
  sas.keys.clear(); // no static key is valid: only what STS issues
  sas.addImage({ digest: CLEAN, repoId: 'crr-1', counts: { ImageScaVulCount: 3 } });
  sas.addImage({ digest: RISKY, repoId: 'crr-1', counts: { ImageCveVulCount: 5 } });
  idTokens = await IdTokenServer.start();
  sts = await StsSimulator.start({ sas, idTokens });
});

afterEach(async () => {
  await Promise.all([sas.close(), idTokens.close(), sts.close()]);
});

interface KeylessRun {
  inputs?: Record<string, string>;
  env?: Record<string, string>;
  /** Give the job an ID token (permissions: id-token: write); default true. */
  idToken?: boolean;
  event?: { name: string; payload: unknown };
}

async function runKeyless(opts: KeylessRun = {}): Promise<ActionRun> {
  const r = await runAction({
    inputs: {
      endpoint: sas.url,
      'sts-endpoint': sts.url,
      'role-arn': ROLE_ARN,
      'oidc-provider-arn': PROVIDER_ARN,
      'image-digest': CLEAN,
      'max-sca-vulns': '3',
      ...opts.inputs,
    },
    env: { ...REPO_ENV, ...(opts.idToken === false ? {} : idTokens.env()), ...opts.env },
    event: opts.event,
  });
  expectNoSecrets(r);
  return r;
}

/** Every credential of the run: masked for the runner, and nowhere else. */
function expectNoSecrets(r: ActionRun): void {
  const secrets = [
    idTokens.requestToken,
    ...idTokens.issued.map((t) => t.jwt),
    ...sts.issued.flatMap((c) => [c.accessKeySecret, c.securityToken]),
  ];
  const stdout = withoutMaskCommands(r.stdout);
  for (const secret of secrets) {
    for (const text of [stdout, r.stderr, r.summary, JSON.stringify(r.outputs)]) {
      expect(text).not.toContain(secret);
      // Not even a recognisable part of it (a JWT's signature, a token's body).
      expect(text).not.toContain(secret.slice(-24));
    }
  }
}

function withoutMaskCommands(stdout: string): string {
  return stdout
    .split('\n')
    .filter((l) => !l.startsWith('::add-mask::'))
    .join('\n');
}

function expectMasked(r: ActionRun, value: string): void {
  expect(r.stdout.split('\n')).toContain(`::add-mask::${value}`);
}

function imageError(r: ActionRun, i = 0): string {
  const report = JSON.parse(r.outputs['report'] ?? 'null') as { images: Array<{ error?: string }> };
  return report.images[i]?.error ?? '';
}

test('keyless pass: ID token → STS → signed with the STS key and token, fetched once', async () => {
  const r = await runKeyless({
    inputs: { 'image-digest': `${CLEAN}\n${RISKY}`, 'max-cve-vulns': '5' },
    env: { RUNNER_DEBUG: '1' },
  });
  expect(r.outputs['result']).toBe('pass');
  expect(r.exitCode).toBe(0);

  // The ID token: asked once, with the runner's bearer token, for the default audience.
  expect(idTokens.requests).toEqual([
    { audience: 'sts.aliyuncs.com', authorized: true, query: { 'api-version': '2.0' } },
  ]);
  // STS: one well-formed exchange for both images, with the token the runner issued.
  expect(sts.requests).toHaveLength(1);
  const [req] = sts.requests;
  expect(req?.rejected).toBeUndefined();
  expect(req?.form).toEqual({
    RoleArn: ROLE_ARN,
    OIDCProviderArn: PROVIDER_ARN,
    OIDCToken: idTokens.issued[0]?.jwt,
    RoleSessionName: 'gh-octo-org.octo-repo-4242',
    DurationSeconds: '900',
  });
  expect(req?.headers['authorization']).toBeUndefined();
  // Security Center saw the STS key with its token on every request.
  const [cred] = sts.issued;
  const calls = sas.requestsFor('DescribeImageSecurityScanCount');
  expect(calls).toHaveLength(2);
  for (const call of calls) {
    expect(call.headers['x-acs-accesskey-id']).toBe(cred?.accessKeyId);
    expect(call.headers['x-acs-security-token']).toBe(cred?.securityToken);
  }
  expect(sas.requests.filter((q) => q.rejected)).toEqual([]);
  // Masked the moment they were received.
  expectMasked(r, idTokens.issued[0]?.jwt ?? 'missing');
  expectMasked(r, cred?.accessKeySecret ?? 'missing');
  expectMasked(r, cred?.securityToken ?? 'missing');
  expect(r.stdout).toContain('credentials from GitHub OIDC');
  expect(r.stdout).toContain('subject "repo:octo-org/octo-repo:ref:refs/heads/main"');
});

test('keyless fail: limits exceeded with STS credentials fail the step', async () => {
  const r = await runKeyless({ inputs: { 'image-digest': RISKY } });
  expect(r.outputs['result']).toBe('fail');
  expect(r.outputs['exceeded']).toBe('cve-vulns');
  expect(r.exitCode).toBe(1);
  expect(sts.issued).toHaveLength(1);
});

test('no id-token permission: error that says to add it, before any request', async () => {
  for (const onError of ['fail', 'warn']) {
    const r = await runKeyless({ idToken: false, inputs: { 'on-error': onError } });
    expect(r.outputs['result']).toBe('error');
    expect(r.exitCode).toBe(onError === 'fail' ? 1 : 0);
    expect(imageError(r)).toMatch(/ACTIONS_ID_TOKEN_REQUEST_URL is not set.*id-token: write/s);
    expect(r.stdout).toMatch(/id-token: write/);
    expect(r.summary).toMatch(/id-token: write/);
  }
  expect(idTokens.requests).toHaveLength(0);
  expect(sts.requests).toHaveLength(0);
  expect(sas.requests).toHaveLength(0);
});

test('fork pull request: OIDC is unavailable there', async () => {
  const r = await runKeyless({
    idToken: false,
    event: {
      name: 'pull_request',
      payload: { pull_request: { head: { repo: { full_name: 'someone/octo-repo' } } } },
    },
  });
  expect(r.outputs['result']).toBe('error');
  expect(r.exitCode).toBe(1);
  expect(imageError(r)).toMatch(/not available on pull requests from forks/);
  expect(sts.requests).toHaveLength(0);
  expect(sas.requests).toHaveLength(0);
});

test('audience mismatch: names the audience sent and where RAM configures it', async () => {
  const r = await runKeyless({ inputs: { 'oidc-audience': 'api://my-gate' } });
  expect(idTokens.requests[0]?.audience).toBe('api://my-gate');
  expect(r.outputs['result']).toBe('error');
  expect(r.exitCode).toBe(1);
  const error = imageError(r);
  expect(error).toContain('AuthenticationFail.OIDCToken.AudienceNotMatch');
  expect(error).toContain('"api://my-gate"');
  expect(error).toContain('Client IDs');
  expect(error).toContain('oidc-audience');
  expect(error).toContain(`RequestId: ${sts.requests[0]?.requestId}`);
  expect(sts.requests).toHaveLength(1); // refusals are not retried
  expect(sas.requests).toHaveLength(0);
});

test.each([
  ['expired token', { code: 'AuthenticationFail.OIDCToken.Expired' }, /expired.*clock/],
  [
    'unknown provider',
    { providerArn: 'acs:ram::1234567890123456:oidc-provider/nope' },
    /AuthenticationFail.NoPermission.*No such OIDC Provider.*knows no OIDC provider acs:ram::1234567890123456:oidc-provider\/nope/,
  ],
  [
    'other AuthenticationFail',
    { code: 'AuthenticationFail.OIDCToken.IssuerNotMatch' },
    /did not accept the GitHub ID token.*issuer URL/,
  ],
  [
    'unknown role',
    { roleArn: 'acs:ram::1234567890123456:role/other' },
    /EntityNotExist.Role.*trust policy/,
  ],
  ['duration above the role maximum', { duration: '7200' }, /role-duration-seconds is 7200/],
])('STS refusal (%s) is an actionable error, never retried', async (_name, how, pattern) => {
  if ('code' in how) sts.fail({ kind: 'error', status: 401, code: how.code });
  const r = await runKeyless({
    inputs: {
      ...('providerArn' in how ? { 'oidc-provider-arn': how.providerArn } : {}),
      ...('roleArn' in how ? { 'role-arn': how.roleArn } : {}),
      ...('duration' in how ? { 'role-duration-seconds': how.duration } : {}),
    },
  });
  expect(r.outputs['result']).toBe('error');
  expect(r.exitCode).toBe(1);
  expect(imageError(r)).toMatch(pattern);
  expect(imageError(r)).toMatch(/RequestId: [0-9A-F-]{36}/);
  expect(sts.requests).toHaveLength(1);
  expect(sas.requests).toHaveLength(0);
});

test('STS 5xx once is retried, then the run passes', async () => {
  sts.fail({ kind: 'error', status: 503, code: 'ServiceUnavailable' });
  const r = await runKeyless();
  expect(r.outputs['result']).toBe('pass');
  expect(r.exitCode).toBe(0);
  expect(sts.requests).toHaveLength(2);
  expect(sts.requests[0]?.rejected).toBe('ServiceUnavailable');
  expect(r.stdout).toMatch(/AssumeRoleWithOIDC.*attempt 1 failed \(ServiceUnavailable/);
  // One ID token serves the retry.
  expect(idTokens.issued).toHaveLength(1);
});

test('STS throttling until retries run out is an error, within the deadline', async () => {
  sts.fail({ kind: 'error', status: 400, code: 'Throttling.User' }, 10);
  const r = await runKeyless({ inputs: { 'timeout-seconds': '3' } });
  expect(r.outputs['result']).toBe('error');
  expect(imageError(r)).toMatch(/Throttling.User.*(Retries ran out|deadline)/);
  expect(sts.requests.length).toBeGreaterThan(1);
  expect(r.ms).toBeLessThan(10_000);
  expect(sas.requests).toHaveLength(0);
});

test('an STS success without the token is an error, and what it did carry is masked', async () => {
  sts.fail({
    kind: 'raw',
    status: 200,
    body: JSON.stringify({
      RequestId: 'R-1',
      Credentials: { AccessKeyId: 'STS.x', AccessKeySecret: 'half-issued-secret-123456789012345' },
    }),
  });
  const r = await runKeyless();
  expect(r.outputs['result']).toBe('error');
  expect(imageError(r)).toMatch(/Credentials.SecurityToken, Credentials.Expiration missing/);
  expectMasked(r, 'half-issued-secret-123456789012345');
  expect(r.summary + r.outputs['report']).not.toContain('half-issued-secret');
  expect(sas.requests).toHaveLength(0);
});

test('the ID-token service failing once is retried; refusing is an error', async () => {
  idTokens.faults.push({ status: 500, body: '{"message":"busy"}' });
  const retried = await runKeyless();
  expect(retried.outputs['result']).toBe('pass');
  expect(idTokens.requests).toHaveLength(2);

  idTokens.faults.push({ status: 403, body: '{"message":"no"}' });
  const refused = await runKeyless();
  expect(refused.outputs['result']).toBe('error');
  expect(imageError(refused)).toMatch(/HTTP 403.*id-token: write/);
});

test('keys in the environment are ignored with a notice; STS credentials are used', async () => {
  sas.keys.set('env-key-id', { secret: 'env-key-secret' });
  const r = await runKeyless({
    env: {
      ALIBABA_CLOUD_ACCESS_KEY_ID: 'env-key-id',
      ALIBABA_CLOUD_ACCESS_KEY_SECRET: 'env-key-secret',
    },
  });
  expect(r.outputs['result']).toBe('pass');
  expect(r.stdout).toMatch(
    /::notice::Access keys in the environment \(ALIBABA_CLOUD_\*\) are ignored/,
  );
  const [call] = sas.requestsFor('DescribeImageSecurityScanCount');
  expect(call?.headers['x-acs-accesskey-id']).toBe(sts.issued[0]?.accessKeyId);
  expect(withoutMaskCommands(r.stdout)).not.toContain('env-key-secret');
});

test('bad keyless input: every problem at once, before any request', async () => {
  const r = await runKeyless({
    inputs: {
      'oidc-provider-arn': '',
      'access-key-id': 'id',
      'access-key-secret': 'input-secret-zz',
      'role-duration-seconds': '60',
      'sts-endpoint': 'http://sts.example.com',
    },
  });
  expect(r.exitCode).toBe(1);
  expect(r.outputs['result']).toBe('error');
  for (const text of [
    'role-arn and oidc-provider-arn: give both',
    'use one way at a time',
    'role-duration-seconds:',
    'sts-endpoint:',
  ]) {
    expect(r.stdout).toContain(text);
  }
  expect(idTokens.requests).toHaveLength(0);
  expect(sts.requests).toHaveLength(0);
  expect(sas.requests).toHaveLength(0);
  expectMasked(r, 'input-secret-zz');
  expect(withoutMaskCommands(r.stdout) + r.summary).not.toContain('input-secret-zz');
});

// Input rules for keyless authentication (GitHub OIDC → STS AssumeRoleWithOIDC), and the checks
// made before any ID token is requested.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { defaultSessionName, type OidcCredentials } from '../../../src/inputs/credentials.js';
import { InputError } from '../../../src/infra/errors.js';
import { parseOrThrow } from '../../helpers/parse-config.js';
import { idTokenUnavailable, idTokenUrl } from '../../../src/github/id-token.js';
import { stsAdvice, stsForm, stsQuery } from '../../../src/alibaba/sts.js';
import { inputsEnv } from '../../helpers/inputs-env.js';

const D1 = '0123456789abcdef'.repeat(4);
const ROLE = 'acs:ram::1234567890123456:role/github-gate';
const PROVIDER = 'acs:ram::1234567890123456:oidc-provider/github';
const OIDC = { 'role-arn': ROLE, 'oidc-provider-arn': PROVIDER };
const RUN_ENV = { GITHUB_REPOSITORY: 'octo-org/octo-repo', GITHUB_RUN_ID: '987654321' };

const envOf = inputsEnv;

function parse(
  inputs: Record<string, string>,
  extra: Record<string, string> = RUN_ENV,
  masked: string[] = [],
) {
  return parseOrThrow(envOf({ 'image-digest': D1, ...inputs }, extra), (s) => void masked.push(s));
}

function oidcOf(inputs: Record<string, string>, extra?: Record<string, string>): OidcCredentials {
  const creds = parse(inputs, extra).credentials;
  if (creds.kind !== 'oidc') throw new Error(`expected oidc credentials, got ${creds.kind}`);
  return creds;
}

function problemsOf(
  inputs: Record<string, string>,
  extra: Record<string, string> = RUN_ENV,
  masked: string[] = [],
): string[] {
  try {
    parse(inputs, extra, masked);
  } catch (err) {
    expect(err).toBeInstanceOf(InputError);
    return (err as InputError).problems;
  }
  throw new Error('expected parseConfig to throw InputError');
}

describe('choosing keyless authentication', () => {
  test('both ARNs select OIDC with the documented defaults', () => {
    const creds = oidcOf(OIDC);
    expect(creds).toEqual({
      kind: 'oidc',
      source: expect.stringContaining('GitHub OIDC') as unknown,
      roleArn: ROLE,
      oidcProviderArn: PROVIDER,
      audience: 'sts.aliyuncs.com',
      roleSessionName: 'gh-octo-org.octo-repo-987654321',
      durationSeconds: 900,
      stsEndpoint: {
        origin: 'https://sts.aliyuncs.com',
        host: 'sts.aliyuncs.com',
        site: 'sts.aliyuncs.com',
        schemeImplied: true,
      },
      notices: [],
    });
    expect(creds.source).toContain(ROLE);
  });

  test('all OIDC inputs are read', () => {
    const creds = oidcOf({
      ...OIDC,
      'oidc-audience': 'api://gate',
      'role-session-name': 'release@gate_1.x-y',
      'role-duration-seconds': '43200',
      'sts-endpoint': 'sts-vpc.cn-hangzhou.aliyuncs.com',
    });
    expect(creds).toMatchObject({
      audience: 'api://gate',
      roleSessionName: 'release@gate_1.x-y',
      durationSeconds: 43200,
      stsEndpoint: { origin: 'https://sts-vpc.cn-hangzhou.aliyuncs.com' },
    });
  });

  test('sts-endpoint follows the endpoint rule: http only to loopback', () => {
    expect(oidcOf({ ...OIDC, 'sts-endpoint': 'http://127.0.0.1:8123' }).stsEndpoint.origin).toBe(
      'http://127.0.0.1:8123',
    );
    expect(problemsOf({ ...OIDC, 'sts-endpoint': 'http://sts.example.com' })).toEqual([
      expect.stringMatching(/^sts-endpoint: "http:\/\/sts.example.com" must use https/),
    ]);
    expect(problemsOf({ ...OIDC, 'sts-endpoint': 'https://sts.aliyuncs.com/path' })).toEqual([
      expect.stringMatching(/^sts-endpoint: .*without a path/),
    ]);
  });

  test.each([['role-arn'], ['oidc-provider-arn']])('only %s is a bad input', (name) => {
    const problems = problemsOf({ [name]: name === 'role-arn' ? ROLE : PROVIDER });
    expect(problems).toEqual([
      `role-arn and oidc-provider-arn: give both for keyless authentication (GitHub OIDC), or neither (got only ${name})`,
    ]);
  });

  test('only one ARN is a bad input even when access keys are present', () => {
    const problems = problemsOf(
      { 'role-arn': ROLE },
      { ...RUN_ENV, ALIBABA_CLOUD_ACCESS_KEY_ID: 'id', ALIBABA_CLOUD_ACCESS_KEY_SECRET: 's' },
    );
    expect(problems).toEqual([expect.stringMatching(/got only role-arn/)]);
  });

  test('access keys given as inputs as well are a bad input, and are still masked', () => {
    const masked: string[] = [];
    const problems = problemsOf(
      {
        ...OIDC,
        'access-key-id': 'LTAI5tExample',
        'access-key-secret': 'input-secret-1',
        'security-token': 'input-token-1',
      },
      RUN_ENV,
      masked,
    );
    expect(problems).toEqual([
      'credentials: access-key-id, access-key-secret, security-token and role-arn / oidc-provider-arn are both given; use one way at a time (remove the access key inputs for keyless authentication)',
    ]);
    expect(masked).toEqual(expect.arrayContaining(['input-secret-1', 'input-token-1']));
  });

  test('a lone security-token input conflicts as well', () => {
    expect(problemsOf({ ...OIDC, 'security-token': 't' })).toEqual([
      expect.stringMatching(/^credentials: security-token and role-arn/),
    ]);
  });

  test('keys in the environment are ignored with a notice (and masked)', () => {
    const masked: string[] = [];
    const config = parse(
      OIDC,
      {
        ...RUN_ENV,
        ALIBABA_CLOUD_ACCESS_KEY_ID: 'env-id',
        ALIBABA_CLOUD_ACCESS_KEY_SECRET: 'env-secret',
        ALICLOUD_ACCESS_KEY: 'tf-id',
        ALICLOUD_SECRET_KEY: 'tf-secret',
        ALICLOUD_SECURITY_TOKEN: 'tf-token',
      },
      masked,
    );
    expect(config.credentials.kind).toBe('oidc');
    const creds = config.credentials as OidcCredentials;
    expect(creds.notices).toEqual([
      expect.stringMatching(/ALIBABA_CLOUD_\*, ALICLOUD_\*\) are ignored/),
    ]);
    expect(masked).toEqual(expect.arrayContaining(['env-secret', 'tf-secret', 'tf-token']));
    expect(masked).not.toContain('');
  });

  test('without ARNs, access keys work as before and the hint mentions keyless', () => {
    const creds = parse({ 'access-key-id': 'id', 'access-key-secret': 'secret' }).credentials;
    expect(creds.kind).toBe('keys');
    expect(problemsOf({})).toEqual([
      expect.stringMatching(/none found;.*role-arn and oidc-provider-arn/),
    ]);
  });
});

describe('OIDC input values', () => {
  test.each([
    ['role-arn', 'acs:ram::1234567890123456:oidc-provider/github', /not a RAM role ARN/],
    ['role-arn', 'arn:aws:iam::123:role/x', /not a RAM role ARN/],
    ['oidc-provider-arn', ROLE, /not an OIDC provider ARN/],
    ['oidc-provider-arn', 'acs:ram::abc:oidc-provider/github', /not an OIDC provider ARN/],
    ['oidc-audience', 'two words', /oidc-audience: .*without spaces/],
    ['role-session-name', 'a', /role-session-name: "a" is not accepted; use 2 to 64/],
    ['role-session-name', 'x'.repeat(65), /role-session-name: .* is not accepted/],
    ['role-session-name', 'has/slash', /role-session-name: .* is not accepted/],
    [
      'role-duration-seconds',
      '899',
      /role-duration-seconds: "899" is not accepted; use a whole number from 900 to 43200/,
    ],
    ['role-duration-seconds', '43201', /from 900 to 43200/],
    ['role-duration-seconds', '1e3', /from 900 to 43200/],
    ['role-duration-seconds', '3600.5', /from 900 to 43200/],
  ])('%s %j is refused', (name, value, pattern) => {
    expect(problemsOf({ ...OIDC, [name]: value })).toEqual([expect.stringMatching(pattern)]);
  });

  test('boundaries are accepted', () => {
    expect(oidcOf({ ...OIDC, 'role-duration-seconds': '900' }).durationSeconds).toBe(900);
    expect(oidcOf({ ...OIDC, 'role-session-name': 'ab' }).roleSessionName).toBe('ab');
    expect(oidcOf({ ...OIDC, 'role-session-name': 'x'.repeat(64) }).roleSessionName).toHaveLength(
      64,
    );
  });

  test('all problems are reported at once, with the other inputs', () => {
    const problems = problemsOf({
      'role-arn': 'not-an-arn',
      'role-session-name': '!',
      'role-duration-seconds': '10',
      'sts-endpoint': 'ftp://sts',
      'access-key-id': 'id',
      'access-key-secret': 'secret',
      'image-digest': 'sha256:12',
      'risk-status': 'maybe',
    });
    for (const name of [
      'role-arn and oidc-provider-arn',
      'credentials:',
      'role-arn:',
      'role-session-name:',
      'role-duration-seconds:',
      'sts-endpoint:',
      'image-digest:',
      'risk-status:',
    ]) {
      expect(problems.some((p) => p.startsWith(name))).toBe(true);
    }
    expect(problems).toHaveLength(8);
  });
});

describe('default session name', () => {
  test('repository and run id, in the STS alphabet', () => {
    expect(defaultSessionName(RUN_ENV)).toBe('gh-octo-org.octo-repo-987654321');
    expect(defaultSessionName({ GITHUB_REPOSITORY: 'ö/ä b', GITHUB_RUN_ID: '7' })).toMatch(
      /^[A-Za-z0-9.@_-]{2,64}$/,
    );
  });

  test('a long repository is shortened, the run id kept', () => {
    const name = defaultSessionName({
      GITHUB_REPOSITORY: `org/${'very-long-repository-name-'.repeat(5)}`,
      GITHUB_RUN_ID: '12345678901',
    });
    expect(name).toHaveLength(64);
    expect(name.endsWith('-12345678901')).toBe(true);
    expect(name).toMatch(/^[A-Za-z0-9.@_-]{2,64}$/);
  });

  test('outside Actions a fixed name is used', () => {
    expect(defaultSessionName({})).toBe('gh-sas-image-gate');
  });
});

describe('before any ID token request', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'oidc-unit-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  function prEnv(headRepo: string | null, extra: Record<string, string> = {}) {
    const eventPath = path.join(dir, 'event.json');
    writeFileSync(
      eventPath,
      JSON.stringify({
        pull_request: { head: { repo: headRepo ? { full_name: headRepo } : null } },
      }),
    );
    return {
      GITHUB_EVENT_NAME: 'pull_request',
      GITHUB_EVENT_PATH: eventPath,
      GITHUB_REPOSITORY: 'octo-org/octo-repo',
      ...extra,
    };
  }

  test('no request URL: says to add the permission', () => {
    const why = idTokenUnavailable({});
    expect(why).toMatch(/permissions: id-token: write/);
    expect(why).not.toMatch(/fork/);
  });

  test('no request URL on a fork pull request: says OIDC is unavailable there', () => {
    expect(idTokenUnavailable(prEnv('someone/octo-repo'))).toMatch(
      /not available on pull requests from forks/,
    );
    expect(idTokenUnavailable(prEnv('octo-org/octo-repo'))).toMatch(/id-token: write/);
  });

  test('a pull request whose origin cannot be told mentions both causes', () => {
    const why = idTokenUnavailable({ GITHUB_EVENT_NAME: 'pull_request' });
    expect(why).toMatch(/id-token: write/);
    expect(why).toMatch(/fork/);
  });

  test('a request URL without its token is refused too', () => {
    expect(idTokenUnavailable({ ACTIONS_ID_TOKEN_REQUEST_URL: 'https://x/?a=1' })).toMatch(
      /ACTIONS_ID_TOKEN_REQUEST_TOKEN is not/,
    );
    expect(
      idTokenUnavailable({
        ACTIONS_ID_TOKEN_REQUEST_URL: 'https://x/?a=1',
        ACTIONS_ID_TOKEN_REQUEST_TOKEN: 't',
      }),
    ).toBeUndefined();
  });

  test('the audience is added to the request URL, encoded', () => {
    expect(idTokenUrl('https://x/idtoken?api-version=2.0', 'api://a b')).toBe(
      'https://x/idtoken?api-version=2.0&audience=api%3A%2F%2Fa%20b',
    );
    expect(idTokenUrl('https://x/idtoken', 'sts.aliyuncs.com')).toBe(
      'https://x/idtoken?audience=sts.aliyuncs.com',
    );
  });
});

describe('STS request and advice', () => {
  test('query and form body', () => {
    expect(stsQuery(new Date('2026-01-02T03:04:05.678Z'))).toBe(
      'Action=AssumeRoleWithOIDC&Version=2015-04-01&Format=JSON&Timestamp=2026-01-02T03%3A04%3A05Z',
    );
    const form = new URLSearchParams(
      stsForm({
        endpoint: { origin: 'https://sts.aliyuncs.com', host: 'sts.aliyuncs.com', site: '' },
        roleArn: ROLE,
        oidcProviderArn: PROVIDER,
        oidcToken: 'a.b+/=.c',
        roleSessionName: 's@1',
        durationSeconds: 900,
        audience: 'sts.aliyuncs.com',
      }),
    );
    expect(Object.fromEntries(form)).toEqual({
      RoleArn: ROLE,
      OIDCProviderArn: PROVIDER,
      OIDCToken: 'a.b+/=.c',
      RoleSessionName: 's@1',
      DurationSeconds: '900',
    });
  });

  const req = {
    audience: 'api://gate',
    oidcProviderArn: PROVIDER,
    roleArn: ROLE,
    subject: 'repo:o/r:ref:refs/heads/main',
    durationSeconds: 7200,
  };
  test.each([
    ['AuthenticationFail.OIDCToken.AudienceNotMatch', '', 401, /"api:\/\/gate".*Client IDs/],
    ['AuthenticationFail.OIDCToken.Expired', '', 401, /expired.*clock/],
    [
      'AuthenticationFail.NoPermission',
      'No such OIDC Provider registered.',
      401,
      /knows no OIDC provider.*oidc-provider-arn/,
    ],
    [
      'AuthenticationFail.OIDCToken.IssuerNotMatch',
      '',
      401,
      /token\.actions\.githubusercontent\.com.*_services\/token/,
    ],
    ['InvalidParameter.DurationSeconds', '', 400, /role-duration-seconds is 7200.*maximum session/],
    ['EntityNotExist.Role', '', 404, /trust policy.*oidc:sub "repo:o\/r:ref:refs\/heads\/main"/],
    ['Throttling.User', '', 400, /throttling/],
    ['ServiceUnavailable', '', 503, /temporary/],
    ['Weird.Code', '', 400, /error reference/],
  ])('%s', (code, message, status, pattern) => {
    expect(stsAdvice(code, message, status, req)).toMatch(pattern);
  });
});

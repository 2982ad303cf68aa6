import { CHINA_HOST, INTERNATIONAL_HOST } from '../../../src/alibaba/endpoints.js';
import type { StaticCredentials } from '../../../src/inputs/credentials.js';
import { InputError } from '../../../src/infra/errors.js';
import type { Config } from '../../../src/inputs/config.js';
import { parseOrThrow } from '../../helpers/parse-config.js';
import { limitValues } from '../../../src/report/model.js';

/** Limits in the report's form: a number, 'off', or the terms as written. */
const limitsOf = (config: Config) => limitValues(config.limits);
import { inputsEnv } from '../../helpers/inputs-env.js';

const D1 = '0123456789abcdef'.repeat(4);
const D2 = 'fedcba9876543210'.repeat(4);
const D3 = 'ab'.repeat(32);
const SECRET = 'Sup3r-Secret-Value-7788';
const TOKEN = 'STS-Token-Value-xyz-9911';
const KEYS = { 'access-key-id': 'LTAI5tExampleKeyId', 'access-key-secret': SECRET };

const envOf = inputsEnv;

const noMask = () => {};

/** Parses with valid credentials unless the test gives its own. */
function parse(inputs: Record<string, string>, extra: Record<string, string> = {}): Config {
  return parseOrThrow(envOf({ ...KEYS, ...inputs }, extra), noMask);
}

function inputError(fn: () => unknown): InputError {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(InputError);
    return err as InputError;
  }
  throw new Error('expected parseConfig to throw InputError');
}

function problemsOf(inputs: Record<string, string>, extra: Record<string, string> = {}): string[] {
  return inputError(() => parse(inputs, extra)).problems;
}

describe('parseConfig defaults', () => {
  test('a single digest with keys gives the documented defaults', () => {
    const config = parseOrThrow(
      {
        'INPUT_IMAGE-DIGEST': `sha256:${D1}`,
        'INPUT_ACCESS-KEY-ID': 'LTAI5tExampleKeyId',
        'INPUT_ACCESS-KEY-SECRET': SECRET,
      },
      noMask,
    );
    expect(limitsOf(config)).toEqual({
      'baseline-risks': 0,
      'malicious-files': 0,
      'sca-vulns': 0,
      'cve-vulns': 0,
    });
    expect(config.riskStatus).toBe('unhandled');
    expect(config.failBuild).toBe(true);
    expect(config.onError).toBe('fail');
    expect(config.timeoutMs).toBe(60_000);
    expect(config.jobSummary).toBe(true);
    expect(config.maxConcurrency).toBe(4);
    expect(config.scanRange).toEqual([]);
    expect(config.instanceUuids).toEqual([]);
    expect(config.images).toHaveLength(1);
    expect(config.images[0]?.selector).toEqual({ digest: D1 });
    // No region given: the default region cn-shanghai, i.e. the China site.
    expect(config.images[0]?.endpoint.origin).toBe(`https://${CHINA_HOST}`);
    expect(config.credentials).toEqual({
      kind: 'keys',
      source: 'inputs',
      accessKeyId: 'LTAI5tExampleKeyId',
      accessKeySecret: SECRET,
      securityToken: undefined,
    });
  });

  test('inputs are trimmed', () => {
    const config = parse({
      'image-digest': `  ${D1}  `,
      'max-cve-vulns': ' 3 ',
      'on-error': ' warn ',
    });
    expect(config.images[0]?.selector.digest).toBe(D1);
    expect(limitsOf(config)['cve-vulns']).toBe(3);
    expect(config.onError).toBe('warn');
  });
});

describe('image-digest', () => {
  test.each([
    [`sha256:${D1}`, D1],
    [D1, D1],
    [D1.toUpperCase(), D1],
    [`sha256:${D2.toUpperCase()}`, D2],
    [`SHA256:${D3}`, D3],
  ])('%s normalises to lower-case bare hex', (raw, expected) => {
    const config = parse({ 'image-digest': raw });
    expect(config.images.map((i) => i.selector.digest)).toEqual([expected]);
  });

  test.each([
    'sha256:abc',
    D1.slice(1),
    `${D1}0`,
    `sha512:${D1}`,
    'g'.repeat(64),
    `sha256:${D1.slice(2)}zz`,
    'latest',
  ])('%s is rejected naming image-digest', (raw) => {
    const problems = problemsOf({ 'image-digest': `${D2},${raw}` });
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/^image-digest: /);
    expect(problems[0]).toContain('is not a digest');
  });

  test('several digests, comma or newline separated, duplicates collapse after normalising', () => {
    const config = parse({
      'image-digest': `sha256:${D1}, ${D2}\n${D1.toUpperCase()}\n\nsha256:${D2.toUpperCase()},${D3}`,
    });
    expect(config.images.map((i) => i.selector.digest)).toEqual([D1, D2, D3]);
  });

  test('one bad digest among good ones is reported, with the bad value', () => {
    const problems = problemsOf({ 'image-digest': `${D1},nope,${D2}` });
    expect(problems).toHaveLength(1);
    expect(problems[0]).toContain('"nope"');
  });
});

describe('images and step-level selectors', () => {
  test('images lines are merged over step-level selectors, comments and blanks skipped', () => {
    const config = parse({
      'repo-id': 'base-repo',
      'repo-instance-id': 'cri-base',
      images: [
        'image-tag=v1',
        '# a comment',
        '',
        `repo-id=other image-tag=v2 image-digest=sha256:${D2.toUpperCase()}`,
      ].join('\n'),
    });
    expect(config.images.map((i) => i.selector)).toEqual([
      { repoId: 'base-repo', repoInstanceId: 'cri-base', tag: 'v1' },
      { repoId: 'other', repoInstanceId: 'cri-base', tag: 'v2', digest: D2 },
    ]);
  });

  test('step-level selectors alone name the single image', () => {
    const config = parse({ 'repo-id': 'r1', 'image-tag': 'v9', 'cluster-id': 'c-1' });
    expect(config.images.map((i) => i.selector)).toEqual([
      { repoId: 'r1', tag: 'v9', clusterId: 'c-1' },
    ]);
  });

  test('image-digest entries come first, then images lines, duplicates collapsed across both', () => {
    const config = parse({
      'image-digest': D1,
      images: `image-digest=sha256:${D1.toUpperCase()}\nimage-uuid=u-1`,
    });
    expect(config.images.map((i) => i.selector)).toEqual([{ digest: D1 }, { uuid: 'u-1' }]);
  });

  test('bad lines are reported with their line number (counting blank and comment lines)', () => {
    const problems = problemsOf({
      images: [
        'image-tag=v1 repo-id=r',
        '# comment',
        'nonsense',
        'image-tag=a image-tag=b',
        'image-digest=xyz',
        'unknown-key=1',
        '=value',
        `image-tag=${'x'.repeat(257)}`,
      ].join('\n'),
    });
    expect(problems).toHaveLength(6);
    expect(problems[0]).toMatch(/^images line 3: "nonsense" is not key=value/);
    expect(problems[1]).toBe('images line 4: image-tag is given twice');
    expect(problems[2]).toMatch(/^images line 5: image-digest "xyz" is not a digest/);
    expect(problems[3]).toMatch(/^images line 6: "unknown-key=1" is not key=value/);
    expect(problems[4]).toMatch(/^images line 7: "=value" is not key=value/);
    expect(problems[5]).toMatch(/^images line 8: image-tag ".*" must be 1 to 256 characters/);
    // Long values are shortened when shown.
    expect(problems[5]?.length).toBeLessThan(200);
  });

  test('a step-level selector longer than 256 characters is rejected naming the input', () => {
    const problems = problemsOf({ 'image-tag': 'v'.repeat(257), 'repo-id': 'r' });
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/^image-tag: "v+…" must be 1 to 256 characters/);
  });

  test('no selector at all is an InputError naming image-digest', () => {
    const err = inputError(() => parse({ 'max-cve-vulns': '3' }));
    expect(err.problems).toHaveLength(1);
    expect(err.problems[0]).toContain('image-digest');
    expect(err.message).toContain('image-digest');
  });

  test('images with only comments and blank lines is no selector', () => {
    const problems = problemsOf({ images: '# nothing here\n\n   \n' });
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/^image selection: no image is named/);
  });
});

describe('all problems are reported at once', () => {
  test('every bad input gives one problem naming it, in one InputError', () => {
    const err = inputError(() =>
      parseOrThrow(
        envOf({
          'image-digest': `${D1},sha256:short`,
          'max-cve-vulns': 'lots',
          'max-baseline-risks': '-1',
          'risk-status': 'some',
          'on-error': 'ignore',
          'fail-build': 'yes',
          'job-summary': 'maybe',
          'timeout-seconds': '0',
          'max-concurrency': '50',
          endpoint: 'http://example.com',
          'scan-range': 'disk',
        }),
        noMask,
      ),
    );
    const expected = [
      'credentials',
      'max-cve-vulns',
      'max-baseline-risks',
      'risk-status',
      'on-error',
      'fail-build',
      'job-summary',
      'timeout-seconds',
      'max-concurrency',
      'endpoint',
      'scan-range',
      'image-digest',
    ];
    expect(err.problems).toHaveLength(expected.length);
    for (const name of expected) {
      expect(err.problems.filter((p) => p.startsWith(`${name}: `))).toHaveLength(1);
    }
    for (const p of err.problems) expect(err.message).toContain(p);
  });
});

describe('limits', () => {
  test.each([
    ['max-baseline-risks', 'baseline-risks'],
    ['max-malicious-files', 'malicious-files'],
    ['max-sca-vulns', 'sca-vulns'],
    ['max-cve-vulns', 'cve-vulns'],
  ] as const)('%s accepts off and whole numbers', (input, category) => {
    expect(limitsOf(parse({ 'image-digest': D1, [input]: 'off' }))[category]).toBe('off');
    expect(limitsOf(parse({ 'image-digest': D1, [input]: 'OFF' }))[category]).toBe('off');
    expect(limitsOf(parse({ 'image-digest': D1, [input]: '12' }))[category]).toBe(12);
    expect(limitsOf(parse({ 'image-digest': D1, [input]: '007' }))[category]).toBe(7);
    expect(limitsOf(parse({ 'image-digest': D1, [input]: '0' }))[category]).toBe(0);
  });

  test('limits are independent of each other', () => {
    const config = parse({
      'image-digest': D1,
      'max-baseline-risks': '1',
      'max-malicious-files': 'off',
      'max-sca-vulns': '3',
    });
    expect(limitsOf(config)).toEqual({
      'baseline-risks': 1,
      'malicious-files': 'off',
      'sca-vulns': 3,
      'cve-vulns': 0,
    });
  });

  test.each(['-1', '1.5', 'none', '1e3', '99999999999999999999', 'of'])(
    '%s is rejected naming the limit input',
    (raw) => {
      const problems = problemsOf({ 'image-digest': D1, 'max-sca-vulns': raw });
      expect(problems).toHaveLength(1);
      expect(problems[0]).toMatch(/^max-sca-vulns: /);
      expect(problems[0]).toContain(JSON.stringify(raw));
    },
  );
});

describe('choices, booleans and numbers', () => {
  test.each([
    ['handled', 'handled'],
    ['ALL', 'all'],
    ['Unhandled', 'unhandled'],
  ])('risk-status %s', (raw, expected) => {
    expect(parse({ 'image-digest': D1, 'risk-status': raw }).riskStatus).toBe(expected);
  });

  test.each([
    ['warn', 'warn'],
    ['WARN', 'warn'],
    ['fail', 'fail'],
  ])('on-error %s', (raw, expected) => {
    expect(parse({ 'image-digest': D1, 'on-error': raw }).onError).toBe(expected);
  });

  test.each([
    ['false', false],
    ['False', false],
    ['FALSE', false],
    ['true', true],
    ['True', true],
  ])('fail-build and job-summary %s', (raw, expected) => {
    const config = parse({ 'image-digest': D1, 'fail-build': raw, 'job-summary': raw });
    expect(config.failBuild).toBe(expected);
    expect(config.jobSummary).toBe(expected);
  });

  test.each([
    ['risk-status', 'open'],
    ['risk-status', 'any'],
    ['on-error', 'ignore'],
    ['on-error', 'pass'],
    ['fail-build', 'yes'],
    ['fail-build', '0'],
    ['fail-build', 'fAlse'],
    ['job-summary', 'no'],
    ['job-summary', '1'],
    ['timeout-seconds', '0'],
    ['timeout-seconds', '3601'],
    ['timeout-seconds', '-5'],
    ['timeout-seconds', 'abc'],
    ['max-concurrency', '0'],
    ['max-concurrency', '21'],
    ['max-concurrency', '2.5'],
    ['scan-range', 'disk'],
  ])('%s %s is rejected naming the input', (name, raw) => {
    const problems = problemsOf({ 'image-digest': D1, [name]: raw });
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(new RegExp(`^${name}: `));
    expect(problems[0]).toContain(JSON.stringify(raw));
  });

  test('timeout-seconds and max-concurrency accept their range', () => {
    expect(parse({ 'image-digest': D1, 'timeout-seconds': '1.5' }).timeoutMs).toBe(1500);
    expect(parse({ 'image-digest': D1, 'timeout-seconds': '3600' }).timeoutMs).toBe(3_600_000);
    expect(parse({ 'image-digest': D1, 'max-concurrency': '1' }).maxConcurrency).toBe(1);
    expect(parse({ 'image-digest': D1, 'max-concurrency': '20' }).maxConcurrency).toBe(20);
  });

  test('scan-range and instance-uuids are lists without duplicates', () => {
    const config = parse({
      'image-digest': D1,
      'scan-range': 'image, CONTAINER\nimage',
      'instance-uuids': 'u-1,u-2\nu-1',
    });
    expect(config.scanRange).toEqual(['image', 'container']);
    expect(config.instanceUuids).toEqual(['u-1', 'u-2']);
  });
});

describe('endpoint', () => {
  test.each([
    ['tds.example.internal', 'https://tds.example.internal'],
    [`https://${INTERNATIONAL_HOST}`, `https://${INTERNATIONAL_HOST}`],
    [`https://${CHINA_HOST}/`, `https://${CHINA_HOST}`],
    ['http://127.0.0.1:8080', 'http://127.0.0.1:8080'],
    ['http://localhost:9000', 'http://localhost:9000'],
    ['http://[::1]:8080', 'http://[::1]:8080'],
  ])('%s is accepted as %s', (raw, origin) => {
    const config = parse({ 'image-digest': D1, endpoint: raw });
    expect(config.images[0]?.endpoint.origin).toBe(origin);
  });

  test.each([
    ['http://tds.cn-shanghai.aliyuncs.com', 'must use https'],
    ['http://93.184.216.34', 'must use https'],
    ['ftp://tds.example.com', 'must use https'],
    ['https://tds.example.com/api', 'without a path'],
    ['tds.example.com/api', 'without a path'],
    ['https://tds.example.com/?x=1', 'without a path'],
    ['https://user:pass@tds.example.com', 'must not contain user info'],
  ])('%s is rejected', (raw, why) => {
    const problems = problemsOf({ 'image-digest': D1, endpoint: raw });
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/^endpoint: /);
    expect(problems[0]).toContain(why);
  });

  test('endpoint overrides region-id and repo-region-id for every image', () => {
    const config = parse({
      endpoint: 'http://127.0.0.1:1234',
      'region-id': 'ap-southeast-1',
      images: `image-digest=${D1} repo-region-id=cn-beijing\nimage-digest=${D2} repo-region-id=eu-central-1`,
    });
    expect(config.images.map((i) => i.endpoint.origin)).toEqual([
      'http://127.0.0.1:1234',
      'http://127.0.0.1:1234',
    ]);
  });
});

describe('region-id and repo-region-id', () => {
  test.each([
    ['cn-hangzhou', CHINA_HOST],
    ['cn-hongkong', CHINA_HOST],
    ['ap-southeast-1', INTERNATIONAL_HOST],
    ['eu-central-1', INTERNATIONAL_HOST],
  ])('region-id %s selects %s', (region, host) => {
    const config = parse({ 'image-digest': D1, 'region-id': region });
    expect(config.images[0]?.endpoint.origin).toBe(`https://${host}`);
    expect(config.images[0]?.endpoint.host).toBe(host);
  });

  test('an unknown region-id is rejected', () => {
    const problems = problemsOf({ 'image-digest': D1, 'region-id': 'mars-north-1' });
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/^region-id: "mars-north-1" is not a known region/);
  });

  test.each([
    ['ap-southeast-1', INTERNATIONAL_HOST, 'international site'],
    ['us-east-1', INTERNATIONAL_HOST, 'international site'],
    ['cn-beijing', CHINA_HOST, 'China site'],
    ['cn-hongkong', 'tds.cn-shanghai.aliyuncs.com', 'China site'],
  ])('repo-region-id %s selects %s', (region, host, site) => {
    const config = parse({ 'image-digest': D1, 'repo-region-id': region });
    expect(config.images[0]?.endpoint.origin).toBe(`https://${host}`);
    expect(config.images[0]?.endpoint.site).toContain(site);
    expect(config.images[0]?.selector.repoRegionId).toBe(region);
  });

  test('each images line uses its own repo-region-id', () => {
    const config = parse({
      images: `image-digest=${D1} repo-region-id=cn-beijing\nimage-digest=${D2} repo-region-id=ap-southeast-1`,
    });
    expect(config.images.map((i) => i.endpoint.host)).toEqual([CHINA_HOST, INTERNATIONAL_HOST]);
  });

  test('region-id overrides repo-region-id', () => {
    const config = parse({
      'image-digest': D1,
      'repo-region-id': 'cn-beijing',
      'region-id': 'ap-southeast-1',
    });
    expect(config.images[0]?.endpoint.host).toBe(INTERNATIONAL_HOST);
  });

  test('an unknown repo-region-id is rejected naming it (and the images line)', () => {
    expect(problemsOf({ 'image-digest': D1, 'repo-region-id': 'xx-nowhere-1' })).toEqual([
      expect.stringMatching(/^repo-region-id: "xx-nowhere-1" is not a known region/),
    ]);
    expect(problemsOf({ images: `image-digest=${D1} repo-region-id=xx-nowhere-1` })).toEqual([
      expect.stringMatching(/^images line 1: repo-region-id: "xx-nowhere-1"/),
    ]);
  });

  test('an unknown repo-region-id is fine when region-id names the site', () => {
    const config = parse({
      'image-digest': D1,
      'repo-region-id': 'xx-nowhere-1',
      'region-id': 'cn-shanghai',
    });
    expect(config.images[0]?.endpoint.host).toBe(CHINA_HOST);
  });
});

describe('credentials', () => {
  const FAMILIES = {
    ALIBABA_CLOUD: {
      ALIBABA_CLOUD_ACCESS_KEY_ID: 'id-alibaba-cloud',
      ALIBABA_CLOUD_ACCESS_KEY_SECRET: 'secret-alibaba-cloud',
      ALIBABA_CLOUD_SECURITY_TOKEN: 'token-alibaba-cloud',
    },
    ALICLOUD: {
      ALICLOUD_ACCESS_KEY: 'id-alicloud',
      ALICLOUD_SECRET_KEY: 'secret-alicloud',
      ALICLOUD_SECURITY_TOKEN: 'token-alicloud',
    },
    ALIBABACLOUD: {
      ALIBABACLOUD_ACCESS_KEY_ID: 'id-alibabacloud',
      ALIBABACLOUD_ACCESS_KEY_SECRET: 'secret-alibabacloud',
      ALIBABACLOUD_SECURITY_TOKEN: 'token-alibabacloud',
    },
  };
  const digestOnly = (extra: Record<string, string>, inputs: Record<string, string> = {}) =>
    parseOrThrow(envOf({ 'image-digest': D1, ...inputs }, extra), noMask)
      .credentials as StaticCredentials;

  test('from inputs, with a security token', () => {
    const creds = parse({ 'image-digest': D1, 'security-token': TOKEN }).credentials;
    expect(creds).toMatchObject({
      source: 'inputs',
      accessKeyId: 'LTAI5tExampleKeyId',
      accessKeySecret: SECRET,
      securityToken: TOKEN,
    });
  });

  test('inputs win over the environment', () => {
    const creds = parse({ 'image-digest': D1 }, FAMILIES.ALIBABA_CLOUD)
      .credentials as StaticCredentials;
    expect(creds.source).toBe('inputs');
    expect(creds.accessKeySecret).toBe(SECRET);
    expect(creds.securityToken).toBeUndefined();
  });

  test.each([
    ['ALIBABA_CLOUD', 'environment (ALIBABA_CLOUD_*)', 'alibaba-cloud'],
    ['ALICLOUD', 'environment (ALICLOUD_*)', 'alicloud'],
    ['ALIBABACLOUD', 'environment (ALIBABACLOUD_*)', 'alibabacloud'],
  ] as const)('from the %s_* family alone', (family, source, suffix) => {
    const creds = digestOnly(FAMILIES[family]);
    expect(creds).toEqual({
      kind: 'keys',
      source,
      accessKeyId: `id-${suffix}`,
      accessKeySecret: `secret-${suffix}`,
      securityToken: `token-${suffix}`,
    });
  });

  test('env families in priority ALIBABA_CLOUD_*, ALICLOUD_*, ALIBABACLOUD_*', () => {
    const all = { ...FAMILIES.ALIBABACLOUD, ...FAMILIES.ALICLOUD, ...FAMILIES.ALIBABA_CLOUD };
    expect(digestOnly(all).accessKeyId).toBe('id-alibaba-cloud');
    const lower = { ...FAMILIES.ALIBABACLOUD, ...FAMILIES.ALICLOUD };
    expect(digestOnly(lower).accessKeyId).toBe('id-alicloud');
    expect(digestOnly(lower).securityToken).toBe('token-alicloud');
  });

  test('environment values are trimmed and an empty token is no token', () => {
    const creds = digestOnly({
      ALIBABA_CLOUD_ACCESS_KEY_ID: '  id-x  ',
      ALIBABA_CLOUD_ACCESS_KEY_SECRET: ' secret-x\n',
      ALIBABA_CLOUD_SECURITY_TOKEN: '   ',
    });
    expect(creds.accessKeyId).toBe('id-x');
    expect(creds.accessKeySecret).toBe('secret-x');
    expect(creds.securityToken).toBeUndefined();
  });

  test('only access-key-id is a problem naming both inputs', () => {
    const problems = inputError(() =>
      parseOrThrow(envOf({ 'image-digest': D1, 'access-key-id': 'LTAI-only' }), noMask),
    ).problems;
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/^access-key-id and access-key-secret: give both or neither/);
    expect(problems[0]).toContain('got only access-key-id');
  });

  test('only access-key-secret is a problem that does not show the secret', () => {
    const problems = inputError(() =>
      parseOrThrow(envOf({ 'image-digest': D1, 'access-key-secret': SECRET }), noMask),
    ).problems;
    expect(problems).toHaveLength(1);
    expect(problems[0]).toContain('got only access-key-secret');
    expect(problems[0]).not.toContain(SECRET);
  });

  test('only a security token is a problem', () => {
    const problems = inputError(() =>
      parseOrThrow(envOf({ 'image-digest': D1, 'security-token': TOKEN }), noMask),
    ).problems;
    expect(problems).toHaveLength(1);
    expect(problems[0]).toContain('got only security-token');
    expect(problems[0]).not.toContain(TOKEN);
  });

  test('no credentials anywhere explains how to provide them', () => {
    const problems = inputError(() => digestOnly({})).problems;
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/^credentials: none found/);
    expect(problems[0]).toContain('access-key-id');
    expect(problems[0]).toContain('access-key-secret');
    expect(problems[0]).toContain('ALIBABA_CLOUD_ACCESS_KEY_ID');
  });

  test('an environment family with only an id is a problem, not a fall-through to another family', () => {
    const problems = inputError(() =>
      digestOnly({
        ALIBABA_CLOUD_ACCESS_KEY_ID: 'id-only',
        ALICLOUD_ACCESS_KEY: 'other-account',
        ALICLOUD_SECRET_KEY: 'lonely',
      }),
    ).problems;
    expect(problems).toEqual([
      'credentials: ALIBABA_CLOUD_ACCESS_KEY_ID is set but ALIBABA_CLOUD_ACCESS_KEY_SECRET is not; set both, or neither',
    ]);
    expect(problems[0]).not.toContain('lonely');
  });

  test('an environment family with only a secret is not used and never shown', () => {
    const problems = inputError(() => digestOnly({ ALICLOUD_SECRET_KEY: 'lonely' })).problems;
    expect(problems).toEqual([expect.stringMatching(/^credentials: none found/)]);
    expect(problems[0]).not.toContain('lonely');
  });

  test('mask receives the input secret and token even when parsing then fails', () => {
    const masked: string[] = [];
    const err = inputError(() =>
      parseOrThrow(
        envOf({
          'access-key-id': 'LTAI5tExampleKeyId',
          'access-key-secret': SECRET,
          'security-token': TOKEN,
          'image-digest': `${D1} bad`,
          'max-cve-vulns': 'many',
        }),
        (s) => masked.push(s),
      ),
    );
    expect(err.problems).toHaveLength(2);
    expect(masked).toEqual(expect.arrayContaining([SECRET, TOKEN]));
    expect(masked).not.toContain('LTAI5tExampleKeyId');
    for (const p of err.problems) {
      expect(p).not.toContain(SECRET);
      expect(p).not.toContain(TOKEN);
    }
    expect(err.message).not.toContain(SECRET);
    expect(err.message).not.toContain(TOKEN);
  });

  test('mask receives a lone input secret before the pair is rejected', () => {
    const masked: string[] = [];
    const err = inputError(() =>
      parseOrThrow(envOf({ 'access-key-secret': SECRET, 'image-digest': D1 }), (s) =>
        masked.push(s),
      ),
    );
    expect(masked).toContain(SECRET);
    expect(err.message).not.toContain(SECRET);
  });

  test('mask receives environment secret and token even when parsing then fails', () => {
    const masked: string[] = [];
    const err = inputError(() =>
      parseOrThrow(envOf({ 'image-digest': 'bad' }, FAMILIES.ALICLOUD), (s) => masked.push(s)),
    );
    expect(masked).toEqual(expect.arrayContaining(['secret-alicloud', 'token-alicloud']));
    expect(err.message).not.toContain('secret-alicloud');
    expect(err.message).not.toContain('token-alicloud');
  });
});

describe('over-broad selections', () => {
  test('a registry instance or region alone is refused: it would count every image in it', () => {
    const problems = problemsOf({ 'repo-instance-id': 'cri-1', 'repo-region-id': 'cn-hangzhou' });
    expect(problems).toEqual([expect.stringMatching(/^image selection: no image is named/)]);
  });

  test('an images line with only an instance is refused with its line number', () => {
    const problems = problemsOf({ images: `image-digest=${D1}\nrepo-instance-id=cri-2` });
    expect(problems).toEqual([expect.stringMatching(/^images line 2: image selection:/)]);
  });

  test('an invalid only digest is reported once, without a misleading "no selector"', () => {
    const problems = problemsOf({ 'image-digest': 'sha256:abc' });
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/^image-digest: "sha256:abc" is not a digest/);
  });
});

describe('review fixes', () => {
  test('a step-level tag may contain spaces and markup; it is escaped later, not refused', () => {
    const config = parse({ 'image-tag': '<img src=x onerror=alert(1)>', 'repo-id': 'crr-1' });
    expect(config.images[0]?.selector.tag).toBe('<img src=x onerror=alert(1)>');
  });

  test('control characters are still refused in step-level selectors', () => {
    expect(problemsOf({ 'image-tag': 'v1\u0007', 'repo-id': 'crr-1' })).toEqual([
      expect.stringMatching(/^image-tag: .* without control characters/),
    ]);
  });

  test('image-digest of separators only is bad input, even with other selectors', () => {
    expect(problemsOf({ 'image-digest': ' , ,', 'image-tag': 'v1' })).toEqual([
      expect.stringMatching(/^image-digest: .* contains no digest/),
    ]);
  });
});

test('keyless settings are validated even when access keys are used', () => {
  expect(problemsOf({ 'image-digest': D1, 'role-duration-seconds': '100' })).toEqual([
    expect.stringMatching(/^role-duration-seconds: "100" is not accepted/),
  ]);
});

describe('dockerfile (issue 20 item 15)', () => {
  test.each(['.', './', 'docker/', 'docker/.', 'docker\\', 'd'.repeat(1_025)])(
    '%s is bad input naming the input',
    (value) => {
      const problems = problemsOf({ 'image-digest': D1, dockerfile: value });
      expect(problems).toHaveLength(1);
      expect(problems[0]).toMatch(/^dockerfile: .*a file, not a folder.*1,024 characters/);
    },
  );

  test.each([
    ['docker/Dockerfile', 'docker/Dockerfile'],
    ['./Dockerfile', 'Dockerfile'],
    ['d'.repeat(1_024), 'd'.repeat(1_024)],
  ])('%s is accepted', (value, want) => {
    expect(parse({ 'image-digest': D1, dockerfile: value }).dockerfile).toBe(want);
  });
});

describe('sarif-file and report-file stay inside the workspace (issue 20 item 9)', () => {
  const ws = '/tmp/sas-gate-config-ws-that-does-not-exist';
  test.each(['sarif-file', 'report-file'])(
    '%s: inside is resolved, outside is bad input',
    (name) => {
      expect(parse({ 'image-digest': D1, [name]: 'out/x.json' }, { GITHUB_WORKSPACE: ws })).toEqual(
        expect.objectContaining({
          [name === 'sarif-file' ? 'sarifFile' : 'reportFile']: `${ws}/out/x.json`,
        }),
      );
      for (const raw of ['../x.json', '/etc/x.json', 'a/../../x.json']) {
        const problems = problemsOf({ 'image-digest': D1, [name]: raw }, { GITHUB_WORKSPACE: ws });
        expect(problems).toEqual([
          expect.stringMatching(new RegExp(`^${name}: .*outside the workspace`)),
        ]);
      }
    },
  );
});

// The command line → named values: flag over SAS_IMAGE_GATE_<NAME> over the default, every
// problem at once, refused secrets never echoed, typos never ignored.
import { optionLabel, parseArgs, toInputEnv, type ParsedArgs } from '../../../src/cli/args.js';
import { nearest } from '../../../src/infra/text.js';

const SECRET = 'Zq9-very-secret-value';

function parse(argv: string[], env: Record<string, string> = {}): ParsedArgs {
  return parseArgs(argv, env);
}

function value(p: ParsedArgs, name: string): string | undefined {
  return p.values[name]?.value;
}

describe('values and where they come from', () => {
  test('both flag forms', () => {
    const p = parse([
      '--max-cve-vulns',
      '5',
      '--max-sca-vulns=high:0,medium:2',
      '--image-tag=v1=a',
    ]);
    expect(p.problems).toEqual([]);
    expect(value(p, 'max-cve-vulns')).toBe('5');
    expect(value(p, 'max-sca-vulns')).toBe('high:0,medium:2');
    expect(value(p, 'image-tag')).toBe('v1=a');
    expect(p.values['max-cve-vulns']?.origin).toEqual({ kind: 'flag' });
  });

  test('a flag beats the variable, the variable beats the default', () => {
    const env = { SAS_IMAGE_GATE_MAX_CVE_VULNS: '7', SAS_IMAGE_GATE_MAX_SCA_VULNS: '3' };
    const p = parse(['--max-cve-vulns', '1'], env);
    expect(p.values['max-cve-vulns']).toEqual({ value: '1', origin: { kind: 'flag' } });
    expect(p.values['max-sca-vulns']).toEqual({
      value: '3',
      origin: { kind: 'variable', variable: 'SAS_IMAGE_GATE_MAX_SCA_VULNS' },
    });
    expect(p.values['max-malicious-files']).toEqual({ value: '0', origin: { kind: 'default' } });
    expect(p.values['fail-build']).toEqual({ value: 'true', origin: { kind: 'default' } });
    expect(p.values['format']).toEqual({ value: 'text', origin: { kind: 'default' } });
  });

  test('an empty variable, or an empty flag value, counts as unset', () => {
    const p = parse(['--max-sca-vulns='], {
      SAS_IMAGE_GATE_MAX_CVE_VULNS: '',
      SAS_IMAGE_GATE_MAX_BASELINE_RISKS: '   ',
      SAS_IMAGE_GATE_MAX_SCA_VULNS: '9',
    });
    expect(p.problems).toEqual([]);
    expect(p.values['max-cve-vulns']).toEqual({ value: '0', origin: { kind: 'default' } });
    expect(p.values['max-baseline-risks']?.origin).toEqual({ kind: 'default' });
    expect(value(p, 'max-sca-vulns')).toBe('9');
  });

  test('options without a default and unset are absent', () => {
    const p = parse([]);
    expect(p.values['image-tag']).toBeUndefined();
    expect(p.values['sarif-file']).toBeUndefined();
    expect(p.values['junit-file']).toBeUndefined();
  });

  test('booleans take a value', () => {
    const p = parse(['--fail-build', 'false', '--trigger-scan=true']);
    expect(p.problems).toEqual([]);
    expect(value(p, 'fail-build')).toBe('false');
    expect(value(p, 'trigger-scan')).toBe('true');
    const bare = parse(['--fail-build', '--max-cve-vulns', '2']);
    expect(bare.problems).toEqual([expect.stringContaining('--fail-build needs a value')]);
    expect(value(bare, 'max-cve-vulns')).toBe('2');
    expect(parse(['--fail-build']).problems).toEqual([
      expect.stringContaining('--fail-build true or false'),
    ]);
  });

  test('a value that starts with a single dash is a value', () => {
    expect(value(parse(['--max-cve-vulns', '-1']), 'max-cve-vulns')).toBe('-1');
  });

  test('access-key-id, role-arn and oidc-provider-arn default to the Alibaba Cloud variables', () => {
    const env = {
      ALIBABA_CLOUD_ACCESS_KEY_ID: 'LTAI-id',
      ALIBABA_CLOUD_ROLE_ARN: 'acs:ram::1:role/r',
      ALIBABA_CLOUD_OIDC_PROVIDER_ARN: 'acs:ram::1:oidc-provider/p',
      ALIBABA_CLOUD_ROLE_SESSION_NAME: 'job-1',
    };
    const p = parse([], env);
    expect(p.values['access-key-id']).toEqual({
      value: 'LTAI-id',
      origin: { kind: 'variable', variable: 'ALIBABA_CLOUD_ACCESS_KEY_ID' },
    });
    expect(value(p, 'role-arn')).toBe('acs:ram::1:role/r');
    expect(value(p, 'oidc-provider-arn')).toBe('acs:ram::1:oidc-provider/p');
    expect(value(p, 'role-session-name')).toBe('job-1');
    const own = parse(['--role-arn', 'acs:ram::2:role/x'], {
      ...env,
      SAS_IMAGE_GATE_ACCESS_KEY_ID: 'other',
    });
    expect(value(own, 'role-arn')).toBe('acs:ram::2:role/x');
    expect(p.values['access-key-id']?.origin).toEqual({
      kind: 'variable',
      variable: 'ALIBABA_CLOUD_ACCESS_KEY_ID',
    });
    expect(own.values['access-key-id']).toEqual({
      value: 'other',
      origin: { kind: 'variable', variable: 'SAS_IMAGE_GATE_ACCESS_KEY_ID' },
    });
  });

  test('--help, -h and --version', () => {
    expect(parse(['--help']).help).toBe(true);
    expect(parse(['-h']).help).toBe(true);
    expect(parse(['--version']).version).toBe(true);
    expect(parse([]).help).toBe(false);
    expect(parse(['--help=yes']).problems).toEqual(['--help takes no value']);
  });

  test('--format: text or json, any case', () => {
    expect(value(parse(['--format', 'JSON']), 'format')).toBe('json');
    const bad = parse([], { SAS_IMAGE_GATE_FORMAT: 'xml' });
    expect(bad.problems).toEqual([
      '--format (from SAS_IMAGE_GATE_FORMAT): "xml" is not accepted; use text or json',
    ]);
  });

  test('toInputEnv gives the action inputs as INPUT_<NAME>, without the CLI-only options', () => {
    const p = parse(['--max-cve-vulns', '3', '--junit-file', 'j.xml']);
    const env = toInputEnv(p.values);
    expect(env['INPUT_MAX-CVE-VULNS']).toBe('3');
    expect(env['INPUT_FAIL-BUILD']).toBe('true');
    expect(env['INPUT_JUNIT-FILE']).toBeUndefined();
    expect(env['INPUT_FORMAT']).toBeUndefined();
  });
});

describe('images', () => {
  test('--images-file is a path; its lines are not read here', () => {
    const p = parse(['--images-file', 'does-not-exist.txt']);
    expect(p.problems).toEqual([]);
    expect(value(p, 'images-file')).toBe('does-not-exist.txt');
    expect(p.values['images']).toBeUndefined();
  });

  test('SAS_IMAGE_GATE_IMAGES holds the lines; SAS_IMAGE_GATE_IMAGES_FILE a path', () => {
    const lines = 'repo-id=a image-tag=1\nrepo-id=b image-tag=2';
    expect(value(parse([], { SAS_IMAGE_GATE_IMAGES: lines }), 'images')).toBe(lines);
    expect(value(parse([], { SAS_IMAGE_GATE_IMAGES_FILE: 'i.txt' }), 'images-file')).toBe('i.txt');
  });

  test('both variables set is bad input, even with --images-file', () => {
    const env = { SAS_IMAGE_GATE_IMAGES: 'repo-id=a', SAS_IMAGE_GATE_IMAGES_FILE: 'i.txt' };
    for (const argv of [[], ['--images-file', 'j.txt']]) {
      const p = parse(argv, env);
      expect(p.problems).toEqual([expect.stringContaining('are both set')]);
      expect(p.values['images']).toBeUndefined();
    }
  });

  test('--images-file beats SAS_IMAGE_GATE_IMAGES', () => {
    const p = parse(['--images-file', 'j.txt'], { SAS_IMAGE_GATE_IMAGES: 'repo-id=a' });
    expect(p.problems).toEqual([]);
    expect(value(p, 'images-file')).toBe('j.txt');
    expect(p.values['images']).toBeUndefined();
  });

  test('--images is not an option and says where the lines go', () => {
    const p = parse(['--images', 'repo-id=a']);
    expect(p.problems).toHaveLength(1);
    expect(p.problems[0]).toContain('--images-file');
    expect(p.problems[0]).toContain('SAS_IMAGE_GATE_IMAGES');
    expect(p.problems[0]).not.toContain('repo-id=a');
  });
});

describe('bad input, all at once', () => {
  test('an unknown option suggests the nearest one and never shows its value', () => {
    const p = parse(['--max-cve-vuln', '100', '--max-sca-vulns=x1', '--tmieout-seconds=77']);
    expect(p.problems).toEqual([
      expect.stringContaining('--max-cve-vuln is not an option'),
      expect.stringContaining('did you mean --timeout-seconds?'),
    ]);
    expect(p.problems[0]).toContain('did you mean --max-cve-vulns?');
    expect(p.problems.join('\n')).not.toMatch(/100|77/);
    // The value after the unknown option is taken as its value, not reported as a stray argument.
    expect(value(p, 'max-sca-vulns')).toBe('x1');
  });

  test('a word far from every option gets no guess', () => {
    const p = parse(['--frobnicate']);
    expect(p.problems).toEqual([expect.not.stringContaining('did you mean')]);
    expect(p.problems[0]).toContain('--help lists every option');
  });

  test.each([
    ['--access-key-secret', 'ALIBABA_CLOUD_ACCESS_KEY_SECRET'],
    ['--security-token', 'ALIBABA_CLOUD_SECURITY_TOKEN'],
    ['--oidc-token', 'ALIBABA_CLOUD_OIDC_TOKEN_FILE'],
  ])('%s is refused in either form, naming %s, the value never shown', (flag, variable) => {
    for (const argv of [[flag, SECRET], [`${flag}=${SECRET}`]]) {
      const p = parse(argv);
      expect(p.problems).toHaveLength(1);
      expect(p.problems[0]).toContain(flag);
      expect(p.problems[0]).toContain(variable);
      expect(JSON.stringify(p)).not.toContain(SECRET);
      expect(JSON.stringify(p)).not.toContain('Zq9');
    }
  });

  test('--oidc-token also names SAS_IMAGE_GATE_OIDC_TOKEN', () => {
    expect(parse(['--oidc-token=x']).problems[0]).toContain('SAS_IMAGE_GATE_OIDC_TOKEN');
  });

  test('a misspelt secret option is explained as one, its value never shown', () => {
    for (const argv of [
      ['--access-key-secrt', SECRET],
      [`--acces-key-secret=${SECRET}`],
      [`--security-tokn=${SECRET}`],
    ]) {
      const p = parse(argv);
      expect(p.problems).toHaveLength(1);
      expect(p.problems[0]).toMatch(/secrets are never taken from the command line/);
      expect(JSON.stringify(p)).not.toContain(SECRET);
    }
  });

  test('a stray argument is named by its position, never shown', () => {
    const p = parse(['--access-key-id', 'id', SECRET, '-x']);
    expect(p.problems).toEqual([
      expect.stringContaining('argument 3 is not an option (not shown)'),
      expect.stringContaining('argument 4 -x is not an option'),
    ]);
    expect(JSON.stringify(p.problems)).not.toContain(SECRET);
  });

  test('arguments after -- are refused without being shown', () => {
    const p = parse(['--', SECRET]);
    expect(p.problems).toEqual([expect.stringContaining('arguments after --')]);
    expect(JSON.stringify(p.problems)).not.toContain(SECRET);
  });

  test.each(['github-token', 'comment-on-pr', 'comment-key', 'job-summary', 'oidc-audience'])(
    '--%s is not an option (GitHub only); its value is not shown',
    (name) => {
      const p = parse([`--${name}`, SECRET, '--max-cve-vulns', '1']);
      expect(p.problems).toEqual([
        expect.stringContaining(`--${name} is not an option of the command line`),
      ]);
      expect(JSON.stringify(p.problems)).not.toContain(SECRET);
      expect(value(p, 'max-cve-vulns')).toBe('1');
    },
  );

  test('an option given twice is bad input', () => {
    const p = parse(['--max-cve-vulns', '1', '--max-cve-vulns=100']);
    expect(p.problems).toEqual(['--max-cve-vulns is given more than once; give it once']);
    expect(value(p, 'max-cve-vulns')).toBe('1');
  });

  test('a SAS_IMAGE_GATE_* variable that names no option is bad input, with a guess', () => {
    const p = parse([], { SAS_IMAGE_GATE_MAX_CVE_VULN: '100' });
    expect(p.problems).toEqual([
      expect.stringContaining('SAS_IMAGE_GATE_MAX_CVE_VULN is not a variable'),
    ]);
    expect(p.problems[0]).toContain('did you mean SAS_IMAGE_GATE_MAX_CVE_VULNS?');
    expect(p.problems[0]).not.toContain('100');
  });

  test('secrets in SAS_IMAGE_GATE_* variables are refused, naming the variable to use', () => {
    const p = parse([], {
      SAS_IMAGE_GATE_ACCESS_KEY_SECRET: SECRET,
      SAS_IMAGE_GATE_GITHUB_TOKEN: SECRET,
    });
    expect(p.problems).toEqual([
      expect.stringContaining('set ALIBABA_CLOUD_ACCESS_KEY_SECRET instead'),
      expect.stringContaining('SAS_IMAGE_GATE_GITHUB_TOKEN is not an option of the command line'),
    ]);
    expect(JSON.stringify(p)).not.toContain(SECRET);
  });

  test('reserved variables (the ID token, the outputs file, help and version) are not bad input', () => {
    const p = parse([], {
      SAS_IMAGE_GATE_OIDC_TOKEN: 'eyJ...',
      SAS_IMAGE_GATE_RESULT: 'fail',
      SAS_IMAGE_GATE_CVE_VULNS: '3',
      SAS_IMAGE_GATE_GATED_DIGESTS: 'sha256:aa',
      SAS_IMAGE_GATE_VERSION: '1',
      SAS_IMAGE_GATE_FIRST_POLL_MS: '10',
      SAS_IMAGE_GATE_MAX_CVE_VULNS_TYPO: '',
      OTHER_VARIABLE: 'x',
    });
    expect(p.problems).toEqual([]);
    expect(JSON.stringify(p.values)).not.toContain('eyJ');
  });

  test('two report files with the same path, and a path with control characters', () => {
    const p = parse(['--junit-file', './out/r.xml', '--report-file=out//r.xml'], {
      SAS_IMAGE_GATE_SUMMARY_FILE: 'a\nb.md',
    });
    expect(p.problems).toEqual([
      expect.stringContaining(
        '--summary-file (from SAS_IMAGE_GATE_SUMMARY_FILE) is not a file path',
      ),
      '--junit-file names the same file as --report-file; give each file its own path',
    ]);
  });

  test('every problem is reported, in order', () => {
    const p = parse(
      ['--max-cve-vuln', '1', '--access-key-secret', SECRET, '--format=xml', 'stray'],
      {
        SAS_IMAGE_GATE_IMAGES: 'a',
        SAS_IMAGE_GATE_IMAGES_FILE: 'b',
      },
    );
    expect(p.problems).toHaveLength(5);
    expect(JSON.stringify(p)).not.toContain(SECRET);
  });
});

describe('helpers', () => {
  test('optionLabel names the flag, and the variable it came from', () => {
    expect(optionLabel('max-cve-vulns')).toBe('--max-cve-vulns');
    expect(optionLabel('max-cve-vulns', { kind: 'flag' })).toBe('--max-cve-vulns');
    expect(
      optionLabel('max-cve-vulns', { kind: 'variable', variable: 'SAS_IMAGE_GATE_MAX_CVE_VULNS' }),
    ).toBe('--max-cve-vulns (from SAS_IMAGE_GATE_MAX_CVE_VULNS)');
    expect(optionLabel('images', { kind: 'variable', variable: 'SAS_IMAGE_GATE_IMAGES' })).toBe(
      'SAS_IMAGE_GATE_IMAGES',
    );
  });

  test('nearest', () => {
    expect(nearest('max-cve-vuln', ['max-cve-vulns', 'max-sca-vulns'])).toBe('max-cve-vulns');
    expect(nearest('zzzzzz', ['max-cve-vulns'])).toBeUndefined();
  });
});

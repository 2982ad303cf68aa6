// policy-file and max-accept-days (issue 18): which file is read, what a missing file means, the
// workspace confinement (through the action's own reader), and the file's problems reported with
// every other input problem, all at once, before anything else happens.
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { readConfinedText } from '../../../src/infra/confined-path.js';
import { parseConfig, type ConfigSource, type ParseResult } from '../../../src/inputs/config.js';
import { MAX_POLICY_BYTES, type ReadPolicyFile } from '../../../src/inputs/policy.js';
import { parsePolicy } from '../../../src/policy/policy-file.js';
import { inputsEnv } from '../../helpers/inputs-env.js';

const D1 = '0123456789abcdef'.repeat(4);
const BASE = {
  'image-digest': `sha256:${D1}`,
  'access-key-id': 'LTAI5tExampleKeyId',
  'access-key-secret': 'Sup3r-Secret-Value-7788',
};
const NOW = new Date('2026-12-01T10:00:00Z');
const GOOD = `version: 1
accept:
  - id: CVE-2024-6387
    reason: sshd is not started in this image
    expires: 2027-03-31
    package: openssh-server
`;

let root: string;
beforeEach(() => {
  root = mkdtempSync(path.join(tmpdir(), 'policy-inputs-'));
  mkdirSync(path.join(root, '.github'));
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

/** The action's reader, rooted at the test's workspace; every call recorded. */
function reader(calls: string[] = []): ReadPolicyFile {
  return (given) => {
    calls.push(given);
    return readConfinedText(root, given, MAX_POLICY_BYTES);
  };
}

function parse(inputs: Record<string, string>, source: ConfigSource = {}): ParseResult {
  return parseConfig(inputsEnv({ ...BASE, ...inputs }), () => {}, '', {
    readPolicyFile: reader(),
    parsePolicy,
    now: NOW,
    ...source,
  });
}

function problems(inputs: Record<string, string>, source?: ConfigSource): string[] {
  const r = parse(inputs, source);
  if (!('problems' in r)) throw new Error('expected bad input');
  return r.problems;
}

function config(inputs: Record<string, string>, source?: ConfigSource) {
  const r = parse(inputs, source);
  if ('problems' in r) throw new Error(r.problems.join('\n'));
  return r.config;
}

const write = (rel: string, text: string | Buffer) => writeFileSync(path.join(root, rel), text);

describe('which policy file, and what a missing one means', () => {
  test('no input (or an empty one) means the default path: missing there, no policy', () => {
    const calls: string[] = [];
    const c = config({ 'policy-file': '' }, { readPolicyFile: reader(calls) });
    expect(c.policy).toBeUndefined();
    expect(c.maxAcceptDays).toBe(365);
    expect(calls).toEqual(['.github/sas-image-gate.yml']);
  });

  test('an empty input still reads the file at the default path', () => {
    write(
      '.github/sas-image-gate.yml',
      'version: 1\naccept:\n  - id: CVE-2024-6387\n    reason: r\n    expires: 2027-01-01\n',
    );
    expect(config({ 'policy-file': '' }).policy?.entries).toHaveLength(1);
  });

  test.each([
    '.github/sas-image-gate.yml',
    './.github/sas-image-gate.yml',
    '.github//sas-image-gate.yml',
  ])('missing at the default path (%s): no policy, not an error', (given) => {
    expect(config({ 'policy-file': given }).policy).toBeUndefined();
  });

  test('missing at the default path written as an absolute path inside the workspace: no policy', () => {
    const absolute = path.join(root, '.github', 'sas-image-gate.yml');
    expect(config({ 'policy-file': absolute }).policy).toBeUndefined();
    // Another absolute path inside that does not exist is still a mistake.
    expect(problems({ 'policy-file': path.join(root, 'gate.yml') })[0]).toMatch(
      /does not exist in the workspace/,
    );
  });

  test('missing at any other path: bad input naming the input and the path', () => {
    expect(problems({ 'policy-file': '.github/policy.yml' })).toEqual([
      expect.stringMatching(
        /^policy-file: "\.github\/policy\.yml" does not exist in the workspace/,
      ),
    ]);
  });

  test('a file at the default path is read and checked; its path is workspace-relative', () => {
    write('.github/sas-image-gate.yml', GOOD);
    const c = config({ 'policy-file': '.github/sas-image-gate.yml' });
    expect(c.policy?.path).toBe('.github/sas-image-gate.yml');
    expect(c.policy?.entries).toEqual([
      expect.objectContaining({ id: 'CVE-2024-6387', line: 3, package: 'openssh-server' }),
    ]);
  });

  test('an absolute path inside the workspace is shown relative to it', () => {
    write('.github/sas-image-gate.yml', GOOD);
    const c = config({ 'policy-file': path.join(root, '.github/sas-image-gate.yml') });
    expect(c.policy?.path).toBe('.github/sas-image-gate.yml');
  });
});

describe('paths that lead out of the workspace are bad input', () => {
  test.each([
    ['..', '../outside.yml'],
    ['an absolute path elsewhere', '/etc/hostname'],
  ])('%s', (_name, given) => {
    expect(problems({ 'policy-file': given })).toEqual([
      `policy-file: ${JSON.stringify(given)} lies outside the workspace; give a file in the workspace, relative to the repository root, at most ${MAX_POLICY_BYTES} bytes`,
    ]);
  });

  test('a symbolic link leading out, even at the default path', () => {
    const outside = mkdtempSync(path.join(tmpdir(), 'policy-outside-'));
    try {
      writeFileSync(path.join(outside, 'p.yml'), GOOD);
      symlinkSync(path.join(outside, 'p.yml'), path.join(root, '.github/sas-image-gate.yml'));
      expect(problems({ 'policy-file': '.github/sas-image-gate.yml' })).toEqual([
        expect.stringContaining('leads outside the workspace (through a symbolic link)'),
      ]);
    } finally {
      rmSync(outside, { recursive: true, force: true });
    }
  });

  test('a file over 1 MiB', () => {
    write('.github/sas-image-gate.yml', `version: 1\n#${'x'.repeat(MAX_POLICY_BYTES)}\n`);
    expect(problems({ 'policy-file': '.github/sas-image-gate.yml' })).toEqual([
      expect.stringContaining(`is larger than ${MAX_POLICY_BYTES} bytes`),
    ]);
  });

  test('a path with control characters is not a path', () => {
    expect(problems({ 'policy-file': 'a\u0007b.yml' })).toEqual([
      expect.stringMatching(/^policy-file: .* is not a file path/),
    ]);
  });
});

describe("the file's problems join the other input problems, all at once", () => {
  test('every problem, each with its line, beside the other inputs', () => {
    write(
      '.github/sas-image-gate.yml',
      `version: 1
accept:
  - id: CVE-1
    reason: ""
    expires: 2027-02-30
  - id: CVE-2
    reason: ok
    expire: 2027-01-01
`,
    );
    const found = problems({
      'policy-file': '.github/sas-image-gate.yml',
      'max-cve-vulns': 'lots',
    });
    expect(found[0]).toMatch(/^max-cve-vulns:/);
    const policy = found.filter((p) => p.startsWith('policy-file: '));
    expect(policy).toEqual([
      expect.stringMatching(/^policy-file: \.github\/sas-image-gate\.yml:4: /),
      expect.stringMatching(/^policy-file: \.github\/sas-image-gate\.yml:5: /),
      expect.stringMatching(/^policy-file: \.github\/sas-image-gate\.yml:6: /),
      expect.stringMatching(/^policy-file: \.github\/sas-image-gate\.yml:8: .*expire/),
    ]);
  });

  test('max-accept-days caps an entry, with today handed in', () => {
    write('.github/sas-image-gate.yml', GOOD);
    // 2027-03-31 is 120 days after 2026-12-01.
    expect(
      config({ 'policy-file': '.github/sas-image-gate.yml', 'max-accept-days': '120' })
        .maxAcceptDays,
    ).toBe(120);
    expect(
      problems({ 'policy-file': '.github/sas-image-gate.yml', 'max-accept-days': '119' }),
    ).toEqual([
      expect.stringMatching(/^policy-file: \.github\/sas-image-gate\.yml:5: .*max-accept-days/),
    ]);
    expect(
      config({ 'policy-file': '.github/sas-image-gate.yml', 'max-accept-days': '0' }).policy,
    ).toBeDefined();
  });

  test.each(['-1', 'a year', '3651', '1.5'])('max-accept-days %s is bad input', (value) => {
    write('.github/sas-image-gate.yml', GOOD);
    // The file is still checked, without a cap (no second, misleading problem).
    expect(
      problems({ 'policy-file': '.github/sas-image-gate.yml', 'max-accept-days': value }),
    ).toEqual([
      expect.stringMatching(/^max-accept-days: .* use a whole number from 0 to 3650 \(0: no cap\)/),
    ]);
  });

  test('a front end without the port cannot read a policy file: a programming error', () => {
    expect(() => parseConfig(inputsEnv({ ...BASE, 'policy-file': 'x.yml' }), () => {})).toThrow(
      /readPolicyFile/,
    );
  });
});

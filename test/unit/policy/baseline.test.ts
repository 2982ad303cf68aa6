import { compareWithBaseline, sameFinding } from '../../../src/policy/baseline.js';
import { check, cve, malicious, sca } from './make.js';

describe('sameFinding: identity without the level', () => {
  test.each([
    ['same key and package', cve('k', 'high', ['openssl']), cve('k', 'low', ['openssl']), true],
    [
      'another package version only',
      cve('k', 'high', ['openssl']),
      { ...cve('k', 'high', ['openssl']), packages: [{ name: 'openssl', version: '3.0.99' }] },
      true,
    ],
    [
      'one package in common',
      cve('k', 'high', ['libssl3', 'openssl']),
      cve('k', 'high', ['openssl', 'libcrypto']),
      true,
    ],
    ['neither names a package', cve('k', 'high', []), cve('k', 'high', []), true],
    ['another package', cve('k', 'high', ['openssl']), cve('k', 'high', ['libssl3']), false],
    ['a package on one side only', cve('k', 'high', ['openssl']), cve('k', 'high', []), false],
    ['another key', cve('k', 'high', ['openssl']), cve('k2', 'high', ['openssl']), false],
    ['SCA by its name', sca('log4j', 'high'), sca('log4j', 'medium'), true],
    ['SCA, another name', sca('log4j', 'high'), sca('log4j2', 'high'), false],
    [
      'baseline check by key',
      check('ssh_root', 'SSH root', 'high'),
      check('ssh_root', 'renamed', 'high'),
      true,
    ],
    ['a malicious file is never the same', malicious('m', 'x'), malicious('m', 'x'), false],
    ['another category', cve('k', 'high', []), sca('k', 'high'), false],
  ])('%s', (_name, a, b, expected) => {
    expect(sameFinding(a, b)).toBe(expected);
    expect(sameFinding(b, a)).toBe(expected);
  });
});

describe('compareWithBaseline', () => {
  test('inherited, new and fixed CVE findings', () => {
    const kept = cve('k-kept', 'high', ['openssl']);
    const added = cve('k-added', 'medium', ['curl']);
    const gone = cve('k-gone', 'low', ['zlib']);
    const result = compareWithBaseline(
      'cve-vulns',
      [kept, added],
      [cve('k-kept', 'high', ['openssl']), gone],
    );
    expect(result).toEqual({
      category: 'cve-vulns',
      new: [added],
      inherited: [kept],
      fixed: [gone],
      counts: { new: 1, inherited: 1, fixed: 1 },
    });
  });

  test.each([
    ['rose from low to high: new', 'high', 'low', 'new'],
    ['rose from medium to high: new', 'high', 'medium', 'new'],
    ['same level: inherited', 'medium', 'medium', 'inherited'],
    ['dropped from high to low: inherited', 'low', 'high', 'inherited'],
  ] as const)('level %s', (_name, now, before, expected) => {
    const result = compareWithBaseline('sca-vulns', [sca('log4j', now)], [sca('log4j', before)]);
    expect(result[expected]).toHaveLength(1);
    expect(result.fixed).toEqual([]);
  });

  test('a baseline holding the finding twice is compared at its highest level', () => {
    const result = compareWithBaseline(
      'cve-vulns',
      [cve('k', 'high', ['openssl'])],
      [cve('k', 'low', ['openssl']), cve('k', 'high', ['openssl', 'libssl'])],
    );
    expect(result.counts).toEqual({ new: 0, inherited: 1, fixed: 0 });
  });

  test('a CVE that moved to another package is new, and the old one is fixed', () => {
    const now = cve('k', 'high', ['libssl3']);
    const before = cve('k', 'high', ['openssl']);
    expect(compareWithBaseline('cve-vulns', [now], [before])).toMatchObject({
      new: [now],
      inherited: [],
      fixed: [before],
    });
  });

  test('malicious files are always new, never inherited, never fixed', () => {
    const shell = malicious('0123', 'WebShell');
    const oldShell = malicious('4567', 'WebShell');
    expect(
      compareWithBaseline('malicious-files', [shell], [malicious('0123', 'WebShell'), oldShell]),
    ).toEqual({
      category: 'malicious-files',
      new: [shell],
      inherited: [],
      fixed: [],
      counts: { new: 1, inherited: 0, fixed: 0 },
    });
  });

  test('baseline risks are checks, by key', () => {
    const root = check('ssh_root', 'SSH root login', 'high', 4);
    const pass = check('passwd_len', 'Password length', 'medium', 2);
    const result = compareWithBaseline(
      'baseline-risks',
      [root],
      [check('ssh_root', 'SSH root login', 'high', 9), pass],
    );
    expect(result.counts).toEqual({ new: 0, inherited: 1, fixed: 1 });
  });

  test('an empty baseline: everything is new', () => {
    const findings = [cve('a', 'low', []), cve('b', 'high', ['x'])];
    expect(compareWithBaseline('cve-vulns', findings, []).counts).toEqual({
      new: 2,
      inherited: 0,
      fixed: 0,
    });
  });

  test('a finding of another category is the caller’s mistake', () => {
    expect(() => compareWithBaseline('cve-vulns', [], [sca('x', 'low')])).toThrow(
      'a sca-vulns finding',
    );
  });
});

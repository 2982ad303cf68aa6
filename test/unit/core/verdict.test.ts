import { CATEGORIES, type Counts, type Limits } from '../../../src/core/categories.js';
import type { LevelCounts } from '../../../src/core/findings.js';
import { specs } from '../../helpers/limits.js';
import {
  evaluate as evaluateSpecs,
  unionExceeded,
  worstResult,
  type Result,
} from '../../../src/core/verdict.js';

/** Totals only: no finding list was read. */
const evaluate = (c: Counts, limits: Limits) =>
  evaluateSpecs(c, specs(limits), { levels: {}, ignoreUnfixable: false });

const counts = (b: number, m: number, s: number, c: number): Counts => ({
  'baseline-risks': b,
  'malicious-files': m,
  'sca-vulns': s,
  'cve-vulns': c,
});
const ZERO_LIMITS: Limits = {
  'baseline-risks': 0,
  'malicious-files': 0,
  'sca-vulns': 0,
  'cve-vulns': 0,
};

describe('evaluate', () => {
  test('all zero counts pass zero limits', () => {
    const e = evaluate(counts(0, 0, 0, 0), ZERO_LIMITS);
    expect(e.result).toBe('pass');
    expect(e.exceeded).toEqual([]);
    for (const c of CATEGORIES)
      expect(e.categories[c]).toMatchObject({ count: 0, limit: 0, status: 'pass' });
  });

  test('a count equal to its limit passes, one above fails', () => {
    const limits: Limits = {
      'baseline-risks': 3,
      'malicious-files': 0,
      'sca-vulns': 10,
      'cve-vulns': 5,
    };
    const equal = evaluate(counts(3, 0, 10, 5), limits);
    expect(equal.result).toBe('pass');
    expect(equal.exceeded).toEqual([]);
    const above = evaluate(counts(3, 0, 11, 5), limits);
    expect(above.result).toBe('fail');
    expect(above.exceeded).toEqual(['sca-vulns']);
    expect(above.categories['sca-vulns']).toMatchObject({ count: 11, limit: 10, status: 'fail' });
    expect(above.categories['cve-vulns']).toMatchObject({ count: 5, limit: 5, status: 'pass' });
  });

  test("'off' never fails, but the count is still reported", () => {
    const limits: Limits = { ...ZERO_LIMITS, 'cve-vulns': 'off' };
    const e = evaluate(counts(0, 0, 0, 9999), limits);
    expect(e.result).toBe('pass');
    expect(e.exceeded).toEqual([]);
    expect(e.categories['cve-vulns']).toMatchObject({ count: 9999, limit: 'off', status: 'off' });
  });

  test('all limits off: pass whatever the counts', () => {
    const off: Limits = {
      'baseline-risks': 'off',
      'malicious-files': 'off',
      'sca-vulns': 'off',
      'cve-vulns': 'off',
    };
    const e = evaluate(counts(5, 6, 7, 8), off);
    expect(e.result).toBe('pass');
    expect(CATEGORIES.map((c) => e.categories[c].status)).toEqual(['off', 'off', 'off', 'off']);
    expect(CATEGORIES.map((c) => e.categories[c].count)).toEqual([5, 6, 7, 8]);
  });

  test('exceeded lists categories in the fixed order', () => {
    const e = evaluate(counts(1, 1, 1, 1), ZERO_LIMITS);
    expect(e.result).toBe('fail');
    expect(e.exceeded).toEqual(['baseline-risks', 'malicious-files', 'sca-vulns', 'cve-vulns']);
    const some = evaluate(counts(0, 2, 0, 1), ZERO_LIMITS);
    expect(some.exceeded).toEqual(['malicious-files', 'cve-vulns']);
  });
});

describe('worstResult', () => {
  test.each<[Result[], Result]>([
    [['pass'], 'pass'],
    [['pass', 'pass'], 'pass'],
    [['pass', 'fail', 'pass'], 'fail'],
    [['fail', 'pass'], 'fail'],
    [['pass', 'error', 'fail'], 'error'],
    [['error', 'fail', 'pass'], 'error'],
    [['fail', 'fail', 'error'], 'error'],
    [['error'], 'error'],
  ])('%j → %s', (results, expected) => {
    expect(worstResult(results)).toBe(expected);
  });

  test('no results at all is an error', () => {
    expect(worstResult([])).toBe('error');
  });

  test('accepts any iterable', () => {
    function* gen(): Generator<Result> {
      yield 'pass';
      yield 'fail';
    }
    expect(worstResult(gen())).toBe('fail');
    expect(worstResult(new Set<Result>(['pass']))).toBe('pass');
  });
});

describe('unionExceeded', () => {
  test('union of all lists, de-duplicated, in the fixed category order', () => {
    expect(
      unionExceeded([['cve-vulns'], ['sca-vulns', 'baseline-risks'], [], ['cve-vulns']]),
    ).toEqual(['baseline-risks', 'sca-vulns', 'cve-vulns']);
  });

  test('nothing exceeded is an empty list', () => {
    expect(unionExceeded([])).toEqual([]);
    expect(unionExceeded([[], []])).toEqual([]);
  });

  test('order does not depend on input order', () => {
    expect(unionExceeded([['cve-vulns', 'malicious-files']])).toEqual([
      'malicious-files',
      'cve-vulns',
    ]);
  });
});

describe('level terms and ignore-unfixable', () => {
  const lv = (high: number, medium: number, low: number): LevelCounts => ({ high, medium, low });
  const zero = counts(0, 0, 0, 0);

  test.each<[string, string, LevelCounts, Result, string[]]>([
    ['high:0 with no high', 'high:0', lv(0, 4, 9), 'pass', []],
    ['high:0 with one high', 'high:0', lv(1, 0, 0), 'fail', ['high:0']],
    ['medium counts high too (at or above)', 'medium:2', lv(2, 1, 0), 'fail', ['medium:2']],
    ['low counts every level', 'low:10', lv(3, 3, 4), 'pass', []],
    ['every term must hold', 'high:0,medium:10', lv(0, 11, 0), 'fail', ['medium:10']],
    ['aliases name the same levels', 'asap:0,later:1', lv(0, 2, 0), 'fail', ['medium:1']],
  ])('%s', (_, limit, levels, result, terms) => {
    const e = evaluateSpecs(zero, specs({ 'cve-vulns': limit }), {
      levels: { 'cve-vulns': levels },
      ignoreUnfixable: false,
    });
    expect(e.result).toBe(result);
    expect(e.categories['cve-vulns']).toMatchObject({
      limit,
      limitText: limit,
      exceededTerms: terms,
    });
  });

  test('a bare N checks the count query total, a level term the list', () => {
    const e = evaluateSpecs(counts(0, 0, 0, 50), specs({ 'cve-vulns': 'high:0,40' }), {
      levels: { 'cve-vulns': lv(0, 1, 2) },
      ignoreUnfixable: false,
    });
    expect(e.categories['cve-vulns'].exceededTerms).toEqual(['40']);
  });

  test('under ignore-unfixable a bare N on a vulnerability category counts the list', () => {
    const e = evaluateSpecs(counts(0, 0, 50, 50), specs({ 'sca-vulns': '5', 'cve-vulns': '5' }), {
      levels: { 'sca-vulns': lv(1, 1, 1), 'cve-vulns': lv(3, 3, 0) },
      ignoreUnfixable: true,
    });
    expect(e.categories['sca-vulns'].status).toBe('pass');
    expect(e.categories['cve-vulns'].exceededTerms).toEqual(['5']);
  });

  test('a limit counted from a list that was not read never passes: it throws', () => {
    expect(() =>
      evaluateSpecs(zero, specs({ 'malicious-files': 'high:0' }), {
        levels: {},
        ignoreUnfixable: false,
      }),
    ).toThrow(/counted from its finding list, which was not read/);
    expect(() => evaluateSpecs(zero, specs({}), { levels: {}, ignoreUnfixable: true })).toThrow(
      /sca-vulns/,
    );
  });

  test('off is reported, never enforced, even with a list', () => {
    const offs = { 'malicious-files': 'off', 'sca-vulns': 'off', 'cve-vulns': 'off' };
    const e = evaluateSpecs(counts(0, 9, 0, 0), specs(offs), {
      levels: { 'malicious-files': lv(9, 0, 0) },
      ignoreUnfixable: true,
    });
    expect(e.categories['malicious-files']).toMatchObject({ status: 'off', limit: 'off' });
  });
});

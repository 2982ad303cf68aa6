import { applyPolicy, type ImageScope } from '../../../src/policy/accept.js';
import {
  countCategory,
  countUnits,
  gatedTotal,
  levelCounts,
} from '../../../src/policy/count-rule.js';
import { check, cve, entry, malicious, policy } from './make.js';

const TODAY = '2026-12-01';
const IMAGE: ImageScope = { repoId: 'crr-frontend', digests: [`sha256:${'a'.repeat(64)}`] };
const SSH = cve('k-ssh', 'high', ['openssh-server'], ['CVE-2024-6387']);
const CURL = cve('k-curl', 'high', ['curl'], ['CVE-2023-1111']);
const ZLIB = cve('k-zlib', 'low', ['zlib'], ['CVE-2022-2222']);

describe('gatedTotal: max(count query total − accepted, the list’s unaccepted)', () => {
  test.each([
    ['the count query agrees with the list', 10, 2, 8, 8],
    ['the count query knows more than the list', 12, 2, 8, 10],
    ['the list knows more than the count query', 9, 2, 8, 8],
    ['the count query says less than was accepted', 1, 3, 0, 0],
    ['everything accepted', 3, 3, 0, 0],
  ])('%s', (_name, total, accepted, unaccepted, expected) => {
    expect(gatedTotal(total, accepted, unaccepted)).toBe(expected);
  });
});

describe('countUnits: the count query’s unit', () => {
  test('one per finding outside baseline risks', () => {
    expect(countUnits('cve-vulns', [SSH, CURL], 'accepted')).toBe(2);
  });
  test('baseline risks count items; a counted check is at least one item', () => {
    const checks = [
      check('a', 'A', 'high', 3),
      { ...check('b', 'B', 'low'), itemCounts: undefined },
    ];
    expect(countUnits('baseline-risks', checks, 'accepted')).toBe(3);
    expect(countUnits('baseline-risks', checks, 'counted')).toBe(4);
  });
});

describe('levelCounts', () => {
  test('counts findings at exactly each level', () => {
    expect(levelCounts([SSH, CURL, ZLIB])).toEqual({ high: 2, medium: 0, low: 1 });
  });
});

describe('countCategory: read → policy → baseline → judge', () => {
  const apply = (findings = [SSH, CURL, ZLIB], p = policy(entry({ id: 'CVE-2024-6387' }))) =>
    applyPolicy(findings, { policy: p, category: 'cve-vulns', image: IMAGE, today: TODAY });

  test('no policy, no baseline: every finding counts, the count query total is the total', () => {
    const result = countCategory({
      category: 'cve-vulns',
      findings: [SSH, CURL, ZLIB],
      countQueryTotal: 5,
    });
    expect(result).toEqual({
      category: 'cve-vulns',
      counted: [SSH, CURL, ZLIB],
      levels: { high: 2, medium: 0, low: 1 },
      total: 5,
      accepted: [],
      expiredMatches: [],
    });
  });

  test('accepted findings leave every term; the total follows the count rule', () => {
    const result = countCategory({
      category: 'cve-vulns',
      findings: [SSH, CURL, ZLIB],
      application: apply(),
      countQueryTotal: 5,
    });
    expect(result.counted).toEqual([CURL, ZLIB]);
    expect(result.levels).toEqual({ high: 1, medium: 0, low: 1 });
    expect(result.accepted.map((a) => a.finding)).toEqual([SSH]);
    expect(result.total).toBe(4); // max(5 − 1, 2)
  });

  test('the list’s unaccepted findings are a floor when the count query says less', () => {
    const result = countCategory({
      category: 'cve-vulns',
      findings: [SSH, CURL, ZLIB],
      application: apply(),
      countQueryTotal: 1,
    });
    expect(result.total).toBe(2); // max(1 − 1, 2)
  });

  test('nothing accepted: the count query total stands, as without a policy', () => {
    const result = countCategory({
      category: 'cve-vulns',
      findings: [CURL],
      application: apply([CURL]),
      countQueryTotal: 7,
    });
    expect(result.total).toBe(7);
  });

  test('without a count total the list is the total', () => {
    const result = countCategory({
      category: 'cve-vulns',
      findings: [SSH, CURL],
      application: apply([SSH, CURL]),
    });
    expect(result.total).toBe(1);
  });

  test('an expired acceptance counts and is carried along', () => {
    const p = policy(entry({ id: 'CVE-2024-6387', expires: TODAY }));
    const result = countCategory({
      category: 'cve-vulns',
      findings: [SSH],
      application: apply([SSH], p),
    });
    expect(result.counted).toEqual([SSH]);
    expect(result.expiredMatches).toEqual([{ finding: SSH, entry: p.entries[0] }]);
  });

  test('with a baseline only new unaccepted findings count; accepted and new counts as accepted', () => {
    // SSH is new and accepted, CURL is new, ZLIB is inherited; OLD is fixed.
    const OLD = cve('k-old', 'medium', ['bash']);
    const result = countCategory({
      category: 'cve-vulns',
      findings: [SSH, CURL, ZLIB],
      application: apply(),
      baseline: [ZLIB, OLD],
      countQueryTotal: 3,
    });
    expect(result.accepted.map((a) => a.finding)).toEqual([SSH]);
    expect(result.counted).toEqual([CURL]);
    expect(result.levels).toEqual({ high: 1, medium: 0, low: 0 });
    expect(result.total).toBe(1);
    expect(result.baseline).toEqual({ new: [CURL], inherited: [ZLIB], fixed: [OLD] });
  });

  test('with a baseline the count rule holds: only findings identified in both images lower the total', () => {
    // The count query says 10, the list shows 3: the 7 unseen findings are neither accepted nor
    // inherited, so they count (a baseline never lowers a total by what the list did not show).
    const base = { category: 'cve-vulns' as const, findings: [SSH, CURL, ZLIB], baseline: [ZLIB] };
    expect(countCategory({ ...base, countQueryTotal: 10 }).total).toBe(9);
    expect(countCategory({ ...base, application: apply(), countQueryTotal: 10 }).total).toBe(8);
    // The list shows more than the count query: what the list shows new counts.
    expect(countCategory({ ...base, countQueryTotal: 1 }).total).toBe(2);
    expect(countCategory(base).total).toBe(2);
  });

  test('an accepted finding that the baseline has is not fixed', () => {
    const result = countCategory({
      category: 'cve-vulns',
      findings: [SSH],
      application: apply([SSH]),
      baseline: [SSH],
    });
    expect(result.baseline).toEqual({ new: [], inherited: [], fixed: [] });
  });

  test('a baseline without a policy: a risen level counts', () => {
    const result = countCategory({
      category: 'cve-vulns',
      findings: [CURL],
      baseline: [{ ...CURL, level: 'low' }],
    });
    expect(result.counted).toEqual([CURL]);
  });

  test('malicious files with a baseline: all count unless accepted', () => {
    const shell = malicious('0123456789abcdef0123456789abcdef', 'WebShell');
    const result = countCategory({
      category: 'malicious-files',
      findings: [shell],
      baseline: [shell],
    });
    expect(result.counted).toEqual([shell]);
    expect(result.baseline).toEqual({ new: [shell], inherited: [], fixed: [] });
  });

  test('baseline risks: an accepted check takes its items out of the total', () => {
    const root = check('ssh_root', 'SSH root login', 'high', 4);
    const pass = check('passwd_len', 'Password length', 'medium', 2);
    const p = policy(entry({ id: 'ssh_root', category: 'baseline-risks' }));
    const application = applyPolicy([root, pass], {
      policy: p,
      category: 'baseline-risks',
      image: IMAGE,
      today: TODAY,
    });
    const result = countCategory({
      category: 'baseline-risks',
      findings: [root, pass],
      application,
      countQueryTotal: 6,
    });
    expect(result.counted).toEqual([pass]);
    expect(result.levels).toEqual({ high: 0, medium: 1, low: 0 });
    expect(result.total).toBe(2); // max(6 − 4, 2)
  });

  test('an application of another list is the caller’s mistake', () => {
    expect(() =>
      countCategory({ category: 'cve-vulns', findings: [SSH, CURL], application: apply([SSH]) }),
    ).toThrow('another cve-vulns list');
  });
});

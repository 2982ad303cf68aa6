// core/plan.ts: which finding lists a run reads, and why; and the printed minimal RAM policy
// (gate/ram-policy.ts), which now takes its list actions from the plan, unchanged for every
// combination of the settings that decide it.
import { CATEGORIES, isVulnerability, type Category } from '../../../src/core/categories.js';
import { enforcedFromList, mayRead, planLists } from '../../../src/core/plan.js';
import {
  FINDING_RAM_ACTIONS,
  ramActionsFor,
  type PolicySettings,
} from '../../../src/gate/ram-policy.js';
import { specs } from '../../helpers/limits.js';

const plan = (
  limits: Partial<Record<string, number | string>>,
  over: { ignoreUnfixable?: boolean; sarif?: boolean; listFindings?: number } = {},
) =>
  planLists({
    limits: specs(limits),
    ignoreUnfixable: over.ignoreUnfixable ?? false,
    sarif: over.sarif ?? false,
    listFindings: over.listFindings ?? 0,
  });

describe('planLists', () => {
  test('bare limits and nothing listed: no list is read', () => {
    expect(plan({})).toEqual({ enforced: [], upFront: [], onFail: [], lists: [] });
  });

  test('a level term enforces its list, read up front', () => {
    const p = plan({ 'cve-vulns': 'high:0' });
    expect(p.lists).toEqual([{ category: 'cve-vulns', reason: 'enforced', when: 'up-front' }]);
    expect(p.enforced).toEqual(['cve-vulns']);
    expect(p.upFront).toEqual(['cve-vulns']);
  });

  test('ignore-unfixable enforces the vulnerability lists only, and never an off limit', () => {
    expect(plan({}, { ignoreUnfixable: true }).enforced).toEqual(['sca-vulns', 'cve-vulns']);
    expect(plan({ 'sca-vulns': 'off' }, { ignoreUnfixable: true }).enforced).toEqual(['cve-vulns']);
  });

  test('SARIF reads every list up front; the others say why', () => {
    const p = plan({ 'malicious-files': 'high:0' }, { sarif: true, listFindings: 10 });
    expect(p.upFront).toEqual([...CATEGORIES]);
    expect(p.onFail).toEqual([]);
    expect(p.lists.map((l) => l.reason)).toEqual(['sarif', 'enforced', 'sarif', 'sarif']);
  });

  test('list-findings reads the lists not read up front only on a fail', () => {
    const p = plan({ 'sca-vulns': 'medium:1' }, { listFindings: 10 });
    expect(p.upFront).toEqual(['sca-vulns']);
    expect(p.onFail).toEqual(['baseline-risks', 'malicious-files', 'cve-vulns']);
    expect(p.lists.filter((l) => l.when === 'on-fail').map((l) => l.reason)).toEqual([
      'list-findings',
      'list-findings',
      'list-findings',
    ]);
    expect(mayRead(p)).toEqual([...CATEGORIES]);
  });

  test.each<[Category, string, boolean, boolean]>([
    ['cve-vulns', '0', false, false],
    ['cve-vulns', '0', true, true],
    ['baseline-risks', '0', true, false],
    ['baseline-risks', 'high:0', false, true],
    ['cve-vulns', 'off', true, false],
    ['malicious-files', '3,serious:0', false, true],
  ])('enforcedFromList(%s, %s, ignore-unfixable %p) = %p', (c, limit, ignore, expected) => {
    expect(enforcedFromList(c, specs({ [c]: limit })[c], ignore)).toBe(expected);
  });

  test('the vulnerability categories', () => {
    expect(CATEGORIES.filter(isVulnerability)).toEqual(['sca-vulns', 'cve-vulns']);
  });
});

/** The printed policy's rule before the plan existed (ram-policy.ts at 1eacbd3), as the reference. */
function formerActions(s: PolicySettings): string[] {
  const actions = new Set(['DescribeImageSecurityScanCount']);
  if (s.scan.require) {
    actions.add('DescribeImageInstances').add('DescribeImageLatestScanTask');
    if (s.scan.trigger) actions.add('PublicPreCheckImageScanTask').add('PublicCreateImageScanTask');
  }
  const lists =
    s.readEveryList === true || s.listFindings > 0
      ? [...CATEGORIES]
      : CATEGORIES.filter((c) => {
          const spec = s.limits[c];
          return (
            !spec.off &&
            (Object.keys(spec.levels).length > 0 || (s.ignoreUnfixable && isVulnerability(c)))
          );
        });
  for (const c of lists) for (const a of FINDING_RAM_ACTIONS[c]) actions.add(a);
  if (lists.includes('baseline-risks')) actions.add('DescribeImageInstances');
  return [...actions];
}

describe('the printed RAM policy is unchanged', () => {
  const LIMITS: Array<Partial<Record<string, string>>> = [
    {},
    { 'cve-vulns': 'high:0' },
    { 'baseline-risks': 'medium:2' },
    { 'malicious-files': 'off', 'sca-vulns': 'off', 'cve-vulns': 'off', 'baseline-risks': 'off' },
    { 'sca-vulns': 'off', 'cve-vulns': 'later:0' },
    { 'malicious-files': '1,serious:0', 'baseline-risks': 'high:0' },
  ];
  const cases: Array<[string, PolicySettings]> = [];
  for (const limits of LIMITS)
    for (const ignoreUnfixable of [false, true])
      for (const listFindings of [0, 10])
        for (const readEveryList of [false, true])
          for (const [require, trigger] of [
            [false, false],
            [true, false],
            [true, true],
          ] as const) {
            const s: PolicySettings = {
              scan: { require, trigger, waitMs: 0, maxAgeMs: null, pollBaseMs: 100 },
              limits: specs(limits),
              ignoreUnfixable,
              listFindings,
              readEveryList,
            };
            cases.push([
              JSON.stringify({
                limits,
                ignoreUnfixable,
                listFindings,
                readEveryList,
                require,
                trigger,
              }),
              s,
            ]);
          }

  test.each(cases)('%s', (_, s) => {
    expect(ramActionsFor(s)).toEqual(formerActions(s));
  });

  test('two settings spelled out', () => {
    const base: PolicySettings = {
      scan: { require: true, trigger: false, waitMs: 0, maxAgeMs: null, pollBaseMs: 100 },
      limits: specs({}),
      ignoreUnfixable: false,
      listFindings: 0,
      readEveryList: false,
    };
    expect(ramActionsFor(base)).toEqual([
      'DescribeImageSecurityScanCount',
      'DescribeImageInstances',
      'DescribeImageLatestScanTask',
    ]);
    expect(
      ramActionsFor({
        ...base,
        scan: { ...base.scan, require: false },
        limits: specs({ 'baseline-risks': 'high:0' }),
      }),
    ).toEqual([
      'DescribeImageSecurityScanCount',
      'DescribeImageBaselineCheckResult',
      'DescribeImageInstances',
    ]);
  });
});

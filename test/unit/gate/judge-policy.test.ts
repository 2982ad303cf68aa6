// judge.ts with a policy file (issue 18): the accepted findings come out of the count and the
// level terms of their category, the list is kept whole (the report recognises accepted findings
// by identity), expired entries never apply, scopes are honoured, and a list that cannot be read
// with an entry in force is an error, never a pass.
import { judge, planOf, type Evidence, type JudgeSettings } from '../../../src/gate/judge.js';
import { listedCategories } from '../../../src/gate/ram-policy.js';
import type { AcceptEntry } from '../../../src/policy/policy-file.js';
import {
  countAnswer,
  DIGEST,
  failedList,
  okList,
  proven,
  zeroCounts,
} from '../../helpers/fake-sas-port.js';
import { specs } from '../../helpers/limits.js';
import { entry, policy } from '../policy/make.js';

const TODAY = new Date('2026-12-01T10:00:00Z');

const settings = (over: Partial<JudgeSettings> = {}): JudgeSettings => ({
  limits: specs({ 'cve-vulns': 'high:0' }),
  ignoreUnfixable: false,
  listFindings: 1,
  readEveryList: false,
  today: TODAY,
  ...over,
});

const withPolicy = (...entries: AcceptEntry[]) => settings({ policy: policy(...entries) });

/** An entry for CVE findings (one without `category` could match every enforced category). */
const cveEntry = (fields: Partial<AcceptEntry> & { id: string }) =>
  entry({ category: 'cve-vulns', ...fields });

/** Three CVE findings (keys cve-vulns-high-0, cve-vulns-medium-0, cve-vulns-low-0). */
const evidence = (over: Partial<Evidence> = {}): Evidence => ({
  requestIds: ['P1'],
  selector: { digest: DIGEST, repoId: 'crr-1' },
  count: { value: countAnswer(zeroCounts({ 'cve-vulns': 3 }), undefined, 'C') },
  lists: { 'cve-vulns': okList('cve-vulns', { high: 1, medium: 1, low: 1 }, undefined, ['L1']) },
  ...over,
});

const HIGH = 'cve-vulns-high-0';

describe('judge with a policy file', () => {
  test('without a policy nothing changes: the high CVE fails high:0', () => {
    const j = judge(evidence(), settings());
    expect(j.evaluation?.result).toBe('fail');
    expect(j.policy).toBeUndefined();
    expect(j.lists['cve-vulns']?.findings).toHaveLength(1);
    expect(judge(evidence(), settings({ today: undefined }))).toEqual(j);
  });

  test('an accepted high CVE passes high:0; the list is kept whole, the same objects', () => {
    const j = judge(evidence(), withPolicy(cveEntry({ id: HIGH.toUpperCase() })));
    expect(j.evaluation?.result).toBe('pass');
    const app = j.policy?.['cve-vulns'];
    expect(app?.accepted.map((a) => a.finding.key)).toEqual([HIGH]);
    const kept = j.lists['cve-vulns']?.findings ?? [];
    expect(kept).toHaveLength(3);
    expect(app?.accepted[0]?.finding).toBe(kept[0]);
    expect(j.evaluation?.categories['cve-vulns'].count).toBe(2);
  });

  test('the count rule: max(count total − accepted, unaccepted in the list) against a bare N', () => {
    const s = { limits: specs({ 'cve-vulns': 2 }) };
    // The count query says 5, the list shows 3, one accepted: 4 counts.
    const count = { value: countAnswer(zeroCounts({ 'cve-vulns': 5 }), undefined, 'C') };
    const j = judge(evidence({ count }), { ...withPolicy(cveEntry({ id: HIGH })), ...s });
    expect(j.evaluation?.categories['cve-vulns']).toMatchObject({ count: 4, status: 'fail' });
    // The count query says 3: 2 counts, within 2.
    const k = judge(evidence(), { ...withPolicy(cveEntry({ id: HIGH })), ...s });
    expect(k.evaluation?.categories['cve-vulns']).toMatchObject({ count: 2, status: 'pass' });
  });

  test('an expired entry never applies: the finding counts, shown with the expired entry', () => {
    const expired = withPolicy(cveEntry({ id: HIGH, expires: '2026-12-01' }));
    const j = judge(evidence(), expired);
    expect(j.evaluation?.result).toBe('fail');
    expect(j.policy?.['cve-vulns']?.accepted).toEqual([]);
    expect(j.policy?.['cve-vulns']?.expiredMatches.map((m) => m.finding.key)).toEqual([HIGH]);
    // No entry in force: nothing more is read than the limits need.
    const bare = { ...expired, limits: specs({ 'cve-vulns': 10 }) };
    expect(planOf(bare).enforced).toEqual([]);
    const k = judge(evidence(), bare);
    expect(k.evaluation?.result).toBe('pass');
    expect(k.policy).toBeUndefined();
  });

  test('an entry scoped to other images does not accept', () => {
    const other = cveEntry({ id: HIGH, images: [{ kind: 'repo-id', value: 'crr-other' }] });
    expect(judge(evidence(), withPolicy(other)).evaluation?.result).toBe('fail');
    const mine = cveEntry({ id: HIGH, images: [{ kind: 'repo-id', value: 'crr-1' }] });
    expect(judge(evidence(), withPolicy(mine)).evaluation?.result).toBe('pass');
  });

  test('a repository name scope is known from the scan proof’s rows', () => {
    const named = cveEntry({ id: HIGH, images: [{ kind: 'repo-name', value: 'team/app' }] });
    const scan = proven({ rowFacts: { repoNamespace: 'team', repoName: 'app' } });
    expect(judge(evidence(), withPolicy(named)).evaluation?.result).toBe('fail');
    expect(judge(evidence({ scan }), withPolicy(named)).evaluation?.result).toBe('pass');
  });

  test('a list that cannot be read with an entry in force: error, never a pass', () => {
    const s = { ...withPolicy(entry({ id: 'CVE-1' })), limits: specs({ 'cve-vulns': 10 }) };
    expect(planOf(s).enforced).toEqual([
      'baseline-risks',
      'malicious-files',
      'sca-vulns',
      'cve-vulns',
    ]);
    const j = judge(evidence({ lists: { 'cve-vulns': failedList('denied', ['L1']) } }), s);
    expect(j.error).toBe('denied');
    expect(j.evaluation).toBeUndefined();
    expect(j.policy).toBeUndefined();
  });

  test('only enforced categories an entry could match are read whole; the RAM policy agrees', () => {
    const s = {
      ...withPolicy(entry({ id: 'CVE-1', package: 'openssl' })),
      limits: specs({ 'cve-vulns': 10, 'sca-vulns': 'off' }),
    };
    expect(planOf(s).enforced).toEqual(['cve-vulns']);
    expect(listedCategories({ ...s, scan: { require: false } as never })).toEqual([
      'baseline-risks',
      'malicious-files',
      'sca-vulns',
      'cve-vulns',
    ]);
    const off = { ...s, limits: specs({ 'cve-vulns': 'off' }), listFindings: 0 };
    expect(planOf(off).enforced).toEqual([]);
    expect(listedCategories({ ...off, scan: { require: false } as never })).toEqual([]);
  });

  test('a policy without a date to apply it on is an error', () => {
    const j = judge(evidence(), { ...withPolicy(cveEntry({ id: HIGH })), today: undefined });
    expect(j.error).toMatch(/No date/);
  });
});

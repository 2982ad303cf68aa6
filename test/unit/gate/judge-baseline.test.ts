// judge.ts with a baseline (issue 18, part 2): the image's limits apply to its new findings only;
// a baseline Security Center does not know gates every finding and says why; a baseline whose
// scan state or lists cannot be established makes the image an error; malicious files always count.
import {
  judge,
  planOf,
  type BaselineEvidence,
  type Evidence,
  type JudgeSettings,
} from '../../../src/gate/judge.js';
import { GateError } from '../../../src/infra/errors.js';
import {
  countAnswer,
  DIGEST,
  failedList,
  okList,
  zeroCounts,
} from '../../helpers/fake-sas-port.js';
import { specs } from '../../helpers/limits.js';
import { entry, policy } from '../policy/make.js';

const BASE = 'b'.repeat(64);

const settings = (over: Partial<JudgeSettings> = {}): JudgeSettings => ({
  limits: specs({
    'cve-vulns': 'high:0',
    'baseline-risks': 'off',
    'sca-vulns': 'off',
    'malicious-files': 0,
  }),
  ignoreUnfixable: false,
  listFindings: 10,
  readEveryList: false,
  today: new Date('2026-12-01T10:00:00Z'),
  ...over,
});

/** The image: one high and one medium CVE (keys cve-vulns-high-0, cve-vulns-medium-0). */
const evidence = (baseline?: BaselineEvidence, over: Partial<Evidence> = {}): Evidence => ({
  requestIds: ['P1'],
  selector: { digest: DIGEST, repoId: 'crr-1' },
  count: { value: countAnswer(zeroCounts({ 'cve-vulns': 2 }), undefined, 'C') },
  lists: { 'cve-vulns': okList('cve-vulns', { high: 1, medium: 1 }, undefined, ['L1']) },
  ...(baseline ? { baseline } : {}),
  ...over,
});

const baseline = (over: Partial<BaselineEvidence> = {}): BaselineEvidence => ({
  ref: { tag: 'main' },
  repoId: 'crr-1',
  digest: BASE,
  scannedAt: 1000,
  lists: { 'cve-vulns': okList('cve-vulns', { high: 1 }, undefined, ['B1']) },
  requestIds: ['BP'],
  ...over,
});

describe('judge with a baseline', () => {
  test('the high CVE is inherited: it does not count; the medium one is new', () => {
    const j = judge(evidence(baseline()), settings());
    expect(j.evaluation?.result).toBe('pass');
    expect(j.comparison?.['cve-vulns']?.new.map((f) => f.key)).toEqual(['cve-vulns-medium-0']);
    expect(j.comparison?.['cve-vulns']?.inherited.map((f) => f.key)).toEqual(['cve-vulns-high-0']);
    expect(j.baseline).toEqual({
      used: true,
      ref: { tag: 'main' },
      repoId: 'crr-1',
      digest: BASE,
      scannedAt: 1000,
    });
    expect(j.evaluation?.categories['cve-vulns'].count).toBe(1);
    // The comparison's findings are the kept list's own objects.
    expect(j.lists['cve-vulns']?.findings).toContain(j.comparison?.['cve-vulns']?.new[0]);
  });

  test('a new high CVE fails high:0', () => {
    const empty = baseline({ lists: { 'cve-vulns': okList('cve-vulns', {}) } });
    const j = judge(evidence(empty), settings());
    expect(j.evaluation?.result).toBe('fail');
    expect(j.comparison?.['cve-vulns']?.new).toHaveLength(2);
  });

  test('a baseline at a lower level: the finding is new', () => {
    const lower = baseline({ lists: { 'cve-vulns': okList('cve-vulns', { low: 1 }) } });
    expect(judge(evidence(lower), settings()).evaluation?.result).toBe('fail');
  });

  test('an unknown or never-scanned baseline: gated on all findings, saying why', () => {
    const reason = 'Security Center does not know the baseline image';
    const j = judge(evidence(baseline({ reason, digest: undefined, lists: {} })), settings());
    expect(j.evaluation?.result).toBe('fail');
    expect(j.comparison).toBeUndefined();
    expect(j.baseline).toEqual({ used: false, ref: { tag: 'main' }, repoId: 'crr-1', reason });
  });

  test('a baseline whose scan state cannot be established: error', () => {
    const j = judge(evidence(baseline({ failure: new GateError('denied', 'BR') })), settings());
    expect(j.error).toBe('denied RequestId: BR.');
    expect(j.baseline).toBeUndefined();
  });

  test("a baseline's list that failed or was not read: error, never a pass", () => {
    const failed = baseline({ lists: { 'cve-vulns': failedList('malformed', ['B1']) } });
    expect(judge(evidence(failed), settings()).error).toMatch(/baseline image's CVE .*malformed/);
    expect(judge(evidence(baseline({ lists: {} })), settings()).error).toMatch(/not read/);
  });

  test('every enforced vulnerability and baseline-risk category is read up front', () => {
    const s = settings({ limits: specs({ 'cve-vulns': 3, 'sca-vulns': 'off' }) });
    expect(planOf(s).enforced).toEqual([]);
    expect(planOf(s, true).enforced).toEqual(['baseline-risks', 'cve-vulns']);
  });

  test('malicious files are never compared: they always count', () => {
    const count = { value: countAnswer(zeroCounts({ 'malicious-files': 1 }), undefined, 'C') };
    const j = judge(evidence(baseline(), { count }), settings());
    expect(j.evaluation?.exceeded).toEqual(['malicious-files']);
    expect(j.comparison?.['malicious-files']).toBeUndefined();
  });

  test('a finding both accepted and new counts as accepted', () => {
    const empty = baseline({ lists: { 'cve-vulns': okList('cve-vulns', {}) } });
    const s = settings({
      policy: policy(entry({ id: 'cve-vulns-high-0', category: 'cve-vulns' })),
    });
    const j = judge(evidence(empty), s);
    expect(j.evaluation?.result).toBe('pass');
    expect(j.policy?.['cve-vulns']?.accepted).toHaveLength(1);
    expect(j.comparison?.['cve-vulns']?.new.map((f) => f.key)).toEqual(['cve-vulns-medium-0']);
  });
});

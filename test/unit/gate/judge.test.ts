// judge.ts: the image's verdict as a pure function of its evidence and the settings. Fail closed:
// every gap in what the limits need is an error; a list read only to show or to report is a note.
import type { Category } from '../../../src/core/categories.js';
import { GateError } from '../../../src/infra/errors.js';
import { decided, judge, type Evidence, type JudgeSettings } from '../../../src/gate/judge.js';
import {
  countAnswer,
  DIGEST,
  failedList,
  okList,
  proven,
  zeroCounts,
} from '../../helpers/fake-sas-port.js';
import { specs } from '../../helpers/limits.js';

const settings = (over: Partial<JudgeSettings> = {}): JudgeSettings => ({
  limits: specs({}),
  ignoreUnfixable: false,
  listFindings: 10,
  readEveryList: false,
  ...over,
});

const evidence = (over: Partial<Evidence> = {}): Evidence => ({
  requestIds: ['P1'],
  selector: { digest: DIGEST },
  count: { value: countAnswer(zeroCounts(), undefined, 'C') },
  lists: {},
  ...over,
});

const CVE_HIGH = settings({ limits: specs({ 'cve-vulns': 'high:0' }) });

describe('judge', () => {
  test('counts within the limits: pass, gated on the digest asked for', () => {
    const j = judge(evidence(), settings());
    expect(j).toMatchObject({
      evaluation: { result: 'pass' },
      requestIds: ['P1', 'C'],
      requestId: 'C',
      gatedDigests: [DIGEST],
      notes: [],
    });
    expect(j.error).toBeUndefined();
  });

  test('a selector without a digest gates the digests the proof found', () => {
    const j = judge(evidence({ selector: { tag: 'v1' }, scan: proven() }), settings());
    expect(j.gatedDigests).toEqual(proven().digests);
  });

  test('a level term is counted from its list', () => {
    const lists = { 'cve-vulns': okList('cve-vulns', { high: 1 }, undefined, ['L1']) };
    const count = { value: countAnswer(zeroCounts({ 'cve-vulns': 1 }), undefined, 'C') };
    const j = judge(evidence({ count, lists }), CVE_HIGH);
    expect(j.evaluation?.result).toBe('fail');
    expect(j.evaluation?.categories['cve-vulns'].exceededTerms).toEqual(['high:0']);
    expect(j.levels['cve-vulns']).toEqual({ high: 1, medium: 0, low: 0 });
    expect(j.requestIds).toEqual(['P1', 'C', 'L1']);
  });

  test('the collection failed: error, the failing call last', () => {
    const j = judge(evidence({ failure: new GateError('no scan', 'R9') }), settings());
    expect(j).toMatchObject({
      error: 'no scan RequestId: R9.',
      requestIds: ['P1', 'R9'],
      requestId: 'R9',
    });
    expect(j.evaluation).toBeUndefined();
    expect(j.gatedDigests).toBeUndefined();
  });

  test('the count query failed: error', () => {
    const j = judge(evidence({ count: { error: new GateError('denied', 'R2') } }), settings());
    expect(j).toMatchObject({ error: 'denied RequestId: R2.', requestId: 'R2' });
  });

  test('an enforced list that failed: error; the lists before it are kept', () => {
    const s = settings({ limits: specs({ 'sca-vulns': 'high:0', 'cve-vulns': 'high:0' }) });
    const lists = {
      'sca-vulns': okList('sca-vulns', {}, undefined, ['S1']),
      'cve-vulns': failedList('malformed', ['V1']),
    };
    const j = judge(evidence({ lists }), s);
    expect(j).toMatchObject({ error: 'malformed', requestIds: ['P1', 'C', 'S1', 'V1'] });
    expect(j.requestId).toBe('V1');
    expect(Object.keys(j.lists)).toEqual(['sca-vulns']);
  });

  test('an enforced list not read at all: error, never a pass', () => {
    expect(judge(evidence(), CVE_HIGH).error).toMatch(/cve-vulns limit .* was not read/);
  });

  test('an enforced list with nothing that counts while the count query counts some: error', () => {
    const count = { value: countAnswer(zeroCounts({ 'cve-vulns': 3 })) };
    const lists = { 'cve-vulns': okList('cve-vulns', {}) };
    expect(judge(evidence({ count, lists }), CVE_HIGH).error).toMatch(/cannot be trusted/);
  });

  test('a list read for SARIF that failed: a note, kept whole lists beside it', () => {
    const s = settings({ readEveryList: true, listFindings: 1 });
    const lists = {
      'sca-vulns': failedList('denied'),
      'malicious-files': okList('malicious-files', {}),
    };
    const j = judge(evidence({ lists }), s);
    expect(j.evaluation?.result).toBe('pass');
    expect(j.notes).toEqual(['denied']);
  });

  test('lists are cut to list-findings, unless a SARIF file reports every finding', () => {
    const count = { value: countAnswer(zeroCounts({ 'cve-vulns': 3 })) };
    const lists = { 'cve-vulns': okList('cve-vulns', { low: 3 }) };
    const limits = specs({ 'cve-vulns': 'high:0' });
    const cut = judge(evidence({ count, lists }), settings({ limits, listFindings: 1 }));
    expect(cut.lists['cve-vulns']?.findings).toHaveLength(1);
    const whole = judge(
      evidence({ count, lists }),
      settings({ limits, listFindings: 1, readEveryList: true }),
    );
    expect(whole.lists['cve-vulns']?.findings).toHaveLength(3);
  });

  test('a gap between list and count is a note; the verdict counts the list', () => {
    const count = { value: countAnswer(zeroCounts({ 'cve-vulns': 5 })) };
    const lists = { 'cve-vulns': okList('cve-vulns', { low: 3 }) };
    const j = judge(evidence({ count, lists }), CVE_HIGH);
    expect(j.evaluation?.result).toBe('pass');
    expect(j.notes).toEqual([expect.stringMatching(/list counts 3, the count query 5/) as unknown]);
  });

  test('the lists read on a fail are shown only for a failing image; their gaps are notes', () => {
    const lists = {
      'baseline-risks': failedList('no uuid'),
      'sca-vulns': okList('sca-vulns', { low: 2 }),
    };
    const failing = { value: countAnswer(zeroCounts({ 'sca-vulns': 2 })) };
    const j = judge(evidence({ count: failing, lists }), settings({ listFindings: 5 }));
    expect(j.evaluation?.result).toBe('fail');
    expect(j.notes).toEqual(['no uuid']);
    expect(j.lists['sca-vulns']?.findings).toHaveLength(2);
    expect(j.levels).toEqual({});
  });

  test('decided before the count answered: the failed list is the error', () => {
    const lists = { 'cve-vulns': failedList('page 1 malformed', ['V1']) };
    const { count: _, ...noCount } = evidence({ lists });
    expect(judge(noCount, CVE_HIGH)).toMatchObject({ error: 'page 1 malformed', requestId: 'V1' });
    const { count: __, ...nothing } = evidence();
    expect(judge(nothing, settings()).error).toBe('The count query was not answered.');
  });
});

describe('decided', () => {
  const enforced: Category[] = ['cve-vulns'];
  const counted = { value: countAnswer(zeroCounts({ 'cve-vulns': 2 })) };
  test.each<[string, Partial<Evidence>, boolean]>([
    ['nothing yet', { count: undefined }, false],
    ['the count answered', {}, false],
    ['the count failed', { count: { error: new Error('x') } }, true],
    ['a failure', { failure: new Error('x') }, true],
    ['an enforced list failed', { lists: { 'cve-vulns': failedList('x') } }, true],
    ['a list not enforced failed', { lists: { 'sca-vulns': failedList('x') } }, false],
    [
      'an enforced list read',
      { count: counted, lists: { 'cve-vulns': okList('cve-vulns', { low: 2 }) } },
      false,
    ],
    [
      'an enforced list with nothing while the count counts some',
      { count: counted, lists: { 'cve-vulns': okList('cve-vulns', {}) } },
      true,
    ],
    [
      'the same list before the count answered',
      { count: undefined, lists: { 'cve-vulns': okList('cve-vulns', {}) } },
      false,
    ],
  ])('%s: %p', (_, over, expected) => {
    expect(decided(evidence(over), enforced)).toBe(expected);
  });
});

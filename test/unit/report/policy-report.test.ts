// Issue 18 in the report, the outputs, the summary, the annotation and SARIF, from hand-built
// outcomes whose policy and baseline parts come from the real pure rules (policy/): accepted
// risks, expired and expiring acceptances, unused entries, and a baseline comparison.
import { endpointForRegion, type Endpoint } from '../../../src/alibaba/endpoints.js';
import type { Counts } from '../../../src/core/categories.js';
import { countFindings } from '../../../src/core/count.js';
import type { Finding } from '../../../src/core/findings.js';
import { applyPolicy, type ImageScope } from '../../../src/policy/accept.js';
import { compareWithBaseline } from '../../../src/policy/baseline.js';
import type { Policy } from '../../../src/policy/policy-file.js';
import type { BaselineOutcome } from '../../../src/gate/outcome.js';
import { scrubDeep } from '../../../src/infra/secrets.js';
import {
  buildReport,
  reportJson,
  type ImageOutcome,
  type Report,
  type ReportSettings,
} from '../../../src/report/model.js';
import { outputValues } from '../../../src/report/outputs.js';
import { runPolicyReport } from '../../../src/report/policy-model.js';
import { renderMarkdown } from '../../../src/report/render.js';
import { policyAnnotation, policySection } from '../../../src/report/render-policy.js';
import { buildSarif, sarifMarks } from '../../../src/report/sarif.js';
import { evaluateTotals, specs } from '../../helpers/limits.js';
import { errorsOf, validate } from '../../helpers/sarif-validator.js';
import { check, cve, entry, policy as policyOf } from '../policy/make.js';

const ENDPOINT = endpointForRegion('cn-shanghai') as Endpoint;
const TODAY = '2026-12-01';
const DIGEST = 'ab'.repeat(32);
const BASE_DIGEST = 'cd'.repeat(32);
const IMAGE: ImageScope = { repoId: 'crr-1', digests: [DIGEST] };
const OPTS = { maxBytes: 65_536, failBuild: true, onError: 'fail' } as const;

const SSH = cve('debian:12:CVE-2024-6387', 'high', ['openssh-server'], ['CVE-2024-6387']);
const ZLIB = cve('debian:12:CVE-2023-45853', 'high', ['zlib1g'], ['CVE-2023-45853']);
const CURL = cve('debian:12:CVE-2024-2398', 'medium', ['curl'], ['CVE-2024-2398']);
const OLD = cve('debian:12:CVE-2022-0001', 'low', ['libold'], ['CVE-2022-0001']);
const ROOT = check('ssh_root_login', 'SSH root login', 'medium', 2);

/** The policy: SSH accepted (expiring in 5 days), ZLIB's acceptance expired, one unused entry. */
const POLICY: Policy = policyOf(
  entry({
    id: 'CVE-2024-6387',
    reason: 'sshd never runs <script>alert(1)</script> @team #42',
    expires: '2026-12-06',
    package: 'openssh-server',
  }),
  entry({ id: 'CVE-2023-45853', reason: 'minizip unused', expires: '2026-11-01' }),
  entry({ id: 'CVE-2099-0001', reason: 'stale', expires: '2027-06-01' }),
  entry({
    id: 'ssh_root_login',
    reason: 'CIS exception',
    expires: '2027-06-01',
    category: 'baseline-risks',
  }),
);

function settings(over: Partial<ReportSettings> = {}): ReportSettings {
  return {
    limits: specs({ 'cve-vulns': 'high:0', 'baseline-risks': 0 }),
    listFindings: 10,
    ignoreUnfixable: false,
    riskStatus: 'unhandled',
    ...over,
  };
}

const counts = (over: Partial<Counts> = {}): Counts => ({
  'baseline-risks': 0,
  'malicious-files': 0,
  'sca-vulns': 0,
  'cve-vulns': 0,
  ...over,
});

/** An image with a CVE list and a baseline-risk list read, policy applied, optionally compared. */
function outcome(
  opts: { policy?: Policy; baseline?: { findings: Finding[]; out?: BaselineOutcome } } = {},
): ImageOutcome {
  const cves = countFindings('cve-vulns', [SSH, ZLIB, CURL], {
    riskStatus: 'unhandled',
    ignoreUnfixable: false,
  });
  const checks = countFindings('baseline-risks', [ROOT], {
    riskStatus: 'unhandled',
    ignoreUnfixable: false,
  });
  const o: ImageOutcome = {
    target: { selector: { digest: DIGEST, repoId: 'crr-1' }, endpoint: ENDPOINT },
    evaluation: evaluateTotals(counts({ 'cve-vulns': 2, 'baseline-risks': 0 }), {
      'cve-vulns': 5,
      'baseline-risks': 0,
    }),
    requestIds: ['REQ-1'],
    requestId: 'REQ-1',
    lists: { 'cve-vulns': cves, 'baseline-risks': checks },
    notes: [],
    scan: {
      status: 'scanned',
      scannedAt: Date.parse('2026-12-01T09:00:00Z'),
      digests: [DIGEST],
      polls: 1,
      requestIds: [],
    },
  };
  if (opts.policy) {
    const today = TODAY;
    o.policy = {
      'cve-vulns': applyPolicy(cves.findings, {
        policy: opts.policy,
        category: 'cve-vulns',
        image: IMAGE,
        today,
      }),
      'baseline-risks': applyPolicy(checks.findings, {
        policy: opts.policy,
        category: 'baseline-risks',
        image: IMAGE,
        today,
      }),
    };
  }
  if (opts.baseline) {
    o.baseline = opts.baseline.out ?? {
      used: true,
      ref: { tag: 'main' },
      repoId: 'crr-1',
      digest: BASE_DIGEST,
      scannedAt: Date.parse('2026-11-29T08:00:00Z'),
    };
    if (o.baseline.used) {
      const unaccepted = o.policy?.['cve-vulns']?.counted ?? cves.findings;
      const split = compareWithBaseline('cve-vulns', unaccepted, opts.baseline.findings);
      o.comparison = {
        'cve-vulns': {
          new: split.new,
          inherited: split.inherited,
          fixed: compareWithBaseline('cve-vulns', cves.findings, opts.baseline.findings).fixed,
        },
      };
    }
  }
  return o;
}

function reportWith(o: ImageOutcome, policy?: Policy, over: Partial<ReportSettings> = {}) {
  const config = settings({ ...over, ...(policy ? { policy } : {}) });
  return buildReport(config, [o], policy ? { policy: runPolicyReport(policy, TODAY, [o]) } : {});
}

describe('report JSON: accepted risks', () => {
  const report = reportWith(outcome({ policy: POLICY }), POLICY);
  const image = report.images[0]!;

  test('per category: the accepted number; per image: the accepted list with its entry', () => {
    expect(image.categories['cve-vulns'].accepted).toBe(1);
    expect(image.categories['baseline-risks'].accepted).toBe(1);
    expect(image.categories['sca-vulns'].accepted).toBe(0);
    expect(image.accepted).toEqual([
      {
        category: 'baseline-risks',
        id: 'SSH root login',
        level: 'medium',
        package: null,
        reason: 'CIS exception',
        expires: '2027-06-01',
        policyLine: 15,
      },
      {
        category: 'cve-vulns',
        id: 'CVE-2024-6387',
        level: 'high',
        package: 'openssh-server',
        reason: 'sshd never runs <script>alert(1)</script> @team #42',
        expires: '2026-12-06',
        policyLine: 3,
      },
    ]);
  });

  test('findings lists what counts; an expired match is marked; levels count what counts', () => {
    expect(image.findings['cve-vulns']?.map((f) => [f.id, f.acceptanceExpired])).toEqual([
      ['CVE-2023-45853', { expires: '2026-11-01', policyLine: 7 }],
      ['CVE-2024-2398', undefined],
    ]);
    expect(image.levels['cve-vulns']).toEqual({ high: 1, medium: 1, low: 0 });
    expect(image.findings['baseline-risks']).toEqual([]);
  });

  test('top-level policy: expired (with matches), expiring, unused, not checked', () => {
    // As the JSON carries it: each entry {id, line, expires} (expired ones also matched).
    expect((JSON.parse(reportJson(report)) as Report).policy).toEqual({
      path: '.github/sas-image-gate.yml',
      expired: [{ id: 'CVE-2023-45853', line: 7, expires: '2026-11-01', matched: 1 }],
      expiring: [{ id: 'CVE-2024-6387', line: 3, expires: '2026-12-06' }],
      unused: [{ id: 'CVE-2099-0001', line: 11, expires: '2027-06-01' }],
      notChecked: [],
    });
  });

  test('the `report` output carries the same policy object', () => {
    const out = JSON.parse(outputValues(report)['report'] ?? '') as Report;
    expect(out.policy?.expiring).toEqual([{ id: 'CVE-2024-6387', line: 3, expires: '2026-12-06' }]);
  });

  test('the summary says "expires in N days" after the report is scrubbed of secrets', () => {
    // Both front ends render from scrubDeep's copy of the report.
    expect(policySection(scrubDeep(report)).join('\n')).toContain('expires in 5 days');
  });

  test('outputs: accepted across images; empty without a policy file; 0 when nothing matched', () => {
    expect(outputValues(report)['accepted']).toBe('2');
    const none = reportWith(outcome());
    expect(outputValues(none)['accepted']).toBe('');
    expect(none.policy).toBeUndefined();
    expect(none.images[0]?.accepted).toBeUndefined();
    expect(none.images[0]?.categories['cve-vulns']).not.toHaveProperty('accepted');
    const unmatched = policyOf(entry({ id: 'CVE-2099-0001', reason: 'x', expires: '2027-01-01' }));
    expect(outputValues(reportWith(outcome({ policy: unmatched }), unmatched))['accepted']).toBe(
      '0',
    );
  });

  test('the accepted list is bounded by list-findings per category; the counts are not', () => {
    const r = reportWith(outcome({ policy: POLICY }), POLICY, { listFindings: 0 });
    expect(r.images[0]?.accepted).toEqual([]);
    expect(r.images[0]?.categories['cve-vulns'].accepted).toBe(1);
  });

  test('an entry whose categories were not read is not checked, not unused', () => {
    const p = policyOf(
      entry({ id: 'x', reason: 'y', expires: '2027-01-01', category: 'sca-vulns' }),
    );
    expect(reportWith(outcome({ policy: p }), p).policy?.notChecked).toEqual([
      { id: 'x', line: 3, expires: '2027-01-01' },
    ]);
  });
});

describe('report JSON: baseline', () => {
  const used = reportWith(outcome({ baseline: { findings: [ZLIB, OLD] } }));
  const image = used.images[0]!;

  test('per image: the baseline named; per category new / inherited / fixed', () => {
    expect(image.baseline).toEqual({
      selectors: { 'repo-id': 'crr-1', 'image-tag': 'main' },
      digest: `sha256:${BASE_DIGEST}`,
      scannedAt: '2026-11-29T08:00:00.000Z',
    });
    expect(image.categories['cve-vulns']).toMatchObject({ new: 2, inherited: 1, fixed: 1 });
    // Malicious files are always new: its count, never inherited or fixed.
    expect(image.categories['malicious-files']).toMatchObject({ new: 0, inherited: 0, fixed: 0 });
  });

  test('listed findings: new first, each marked; levels count the new ones', () => {
    expect(image.findings['cve-vulns']?.map((f) => [f.id, f.baseline])).toEqual([
      ['CVE-2024-6387', 'new'],
      ['CVE-2024-2398', 'new'],
      ['CVE-2023-45853', 'inherited'],
    ]);
    expect(image.levels['cve-vulns']).toEqual({ high: 1, medium: 1, low: 0 });
    // A category read but not compared is listed as before, unmarked.
    expect(image.findings['baseline-risks']?.map((f) => f.baseline)).toEqual([undefined]);
  });

  test('new-findings: new findings of enforced categories; empty when no baseline was used', () => {
    expect(outputValues(used)['new-findings']).toBe('2');
    expect(outputValues(reportWith(outcome()))['new-findings']).toBe('');
    const unknown = reportWith(
      outcome({
        baseline: {
          findings: [],
          out: {
            used: false,
            ref: { tag: 'main' },
            repoId: 'crr-1',
            reason: 'Security Center knows no image tagged main in this repository',
          },
        },
      }),
    );
    expect(unknown.images[0]?.baseline).toEqual({
      selectors: { 'repo-id': 'crr-1', 'image-tag': 'main' },
      reason: 'Security Center knows no image tagged main in this repository',
    });
    expect(outputValues(unknown)['new-findings']).toBe('');
  });

  test('a finding both accepted and new counts as accepted', () => {
    const r = reportWith(outcome({ policy: POLICY, baseline: { findings: [] } }), POLICY);
    expect(r.images[0]?.categories['cve-vulns']).toMatchObject({
      accepted: 1,
      new: 2,
      inherited: 0,
    });
    expect(outputValues(r)['new-findings']).toBe('2');
  });
});

describe('summary and comment', () => {
  test('accepted risks: a section, escaped, expiring flagged; a column beside the count', () => {
    const md = renderMarkdown(reportWith(outcome({ policy: POLICY }), POLICY), OPTS);
    expect(md).toContain('| Category | Count | Accepted | High / medium / low | Limit | Status |');
    expect(md).toMatch(/\| CVE vulnerabilities \| 2 \| 1 \| 1 \/ 1 \/ 0 \|/);
    expect(md).toContain(
      '**Accepted risks:** 2 findings accepted by the policy file (not counted).',
    );
    expect(md).toContain(
      '| CVE vulnerabilities | CVE-2024-6387 | high | openssh-server | sshd never runs &lt;script&gt;alert(1)&lt;/script&gt; &#64;\u200bteam &#35;\u200b42 | 2026-12-06 ⏳ expires in 5 days | 3 |',
    );
    expect(md).not.toContain('<script>');
    expect(md).toContain('(acceptance expired on 2026-11-01, policy line 7)');
    expect(md).toContain('**Policy file:** <code>.github/sas-image-gate.yml</code>.');
    expect(md).toMatch(/\*\*Unused\*\*.*\n\n- <code>CVE-2099-0001<\/code> \(policy line 11\)/);
    expect(md).toContain('it would still match 1 finding (those no entry in force accepts count)');
  });

  test('the accepted list is bounded like the findings (list-findings)', () => {
    const md = renderMarkdown(
      reportWith(outcome({ policy: POLICY }), POLICY, { listFindings: 0 }),
      OPTS,
    );
    expect(md).toContain(
      '**Accepted risks:** 2 findings accepted by the policy file (not counted); 0 listed.',
    );
    expect(md).not.toContain('| Category | ID | Level | Package |');
  });

  test('no policy, no baseline: the table is as before', () => {
    const md = renderMarkdown(reportWith(outcome()), OPTS);
    expect(md).toContain('| Category | Count | High / medium / low | Limit | Status |');
    expect(md).not.toMatch(/Accepted|Baseline:|Policy file/);
  });

  test('baseline: named with its scan time, new findings first and marked, fixes, older scan', () => {
    const md = renderMarkdown(reportWith(outcome({ baseline: { findings: [ZLIB, OLD] } })), OPTS);
    expect(md).toContain(
      `**Baseline:** repo-id <code>crr-1</code> · image-tag <code>main</code> → <code>sha256:${BASE_DIGEST}</code>, scanned at 2026-11-29 08:00:00 UTC.`,
    );
    expect(md).toContain('| New / inherited / fixed |');
    expect(md).toContain('2 / 1 / 1');
    expect(md).toContain('This change fixes 1 finding of the baseline.');
    expect(md).toContain('⚠️ The baseline was scanned 49 hours before this image');
    expect(md).toContain('3 of 3 listed, new first (1 inherited)');
    const rows = md.split('\n').filter((l) => l.includes('CVE-20'));
    expect(rows.map((l) => /🆕 new/.test(l))).toEqual([true, true, false]);
  });

  test('a baseline not used says why, and that every finding was gated', () => {
    const md = renderMarkdown(
      reportWith(
        outcome({
          baseline: {
            findings: [],
            out: { used: false, ref: { digest: BASE_DIGEST }, reason: 'never scanned <b>' },
          },
        }),
      ),
      OPTS,
    );
    expect(md).toContain(
      `**Baseline:** image-digest <code>sha256:${BASE_DIGEST}</code>: not used. never scanned &lt;b&gt;`,
    );
  });
});

describe('the policy-file annotation', () => {
  test('one warning at the first flagged line, counting expired, expiring and unused', () => {
    const report = reportWith(outcome({ policy: POLICY }), POLICY);
    expect(policyAnnotation(report.policy!)).toEqual({
      file: '.github/sas-image-gate.yml',
      line: 3,
      message:
        'Policy file: 3 entries need a look (1 expired, 1 expiring within 14 days, 1 unused); see the job summary.',
    });
  });

  test('none when nothing is flagged (not checked entries are not flagged)', () => {
    expect(
      policyAnnotation({
        path: 'p.yml',
        expired: [],
        expiring: [],
        unused: [],
        notChecked: [{ id: 'x', line: 2, expires: '2027-01-01' }],
      }),
    ).toBeUndefined();
  });
});

describe('SARIF', () => {
  const sarifOf = (o: ImageOutcome) =>
    buildSarif({
      toolVersion: '0.1.0',
      automationId: 'sas-image-gate/test/',
      dockerfile: 'Dockerfile',
      images: [
        {
          label: 'sha256:abab…',
          identity: 'cn-shanghai crr-1',
          findings: {
            'cve-vulns': o.lists['cve-vulns']!.findings,
            'baseline-risks': o.lists['baseline-risks']!.findings,
          },
          ...sarifMarks(o),
        },
      ],
    }).log;

  test('accepted findings are left out; without a baseline no result has a baselineState', () => {
    const log = sarifOf(outcome({ policy: POLICY }));
    const messages = log.runs[0].results.map((r) => r.message.text).join('\n');
    expect(log.runs[0].results).toHaveLength(2);
    expect(messages).not.toContain('CVE-2024-6387');
    expect(messages).not.toContain('SSH root login');
    expect(log.runs[0].results.every((r) => r.baselineState === undefined)).toBe(true);
  });

  test('a category not compared with the baseline (its limit off): its results carry no baselineState', () => {
    const log = sarifOf(outcome({ baseline: { findings: [ZLIB] } }));
    const byCategory = (prefix: string) =>
      log.runs[0].results.filter((r) => r.ruleId.startsWith(prefix)).map((r) => r.baselineState);
    expect(byCategory('cve-vulns').sort()).toEqual(['new', 'new', 'unchanged']);
    expect(byCategory('baseline-risks')).toEqual([undefined]);
  });

  test('with a baseline every result says new or unchanged, and the log validates', () => {
    const withBaseline = sarifOf(outcome({ policy: POLICY, baseline: { findings: [ZLIB] } }));
    const states = Object.fromEntries(
      withBaseline.runs[0].results.map((r) => [r.ruleId, r.baselineState]),
    );
    expect(Object.values(states).sort()).toEqual(['new', 'unchanged']);
    expect(
      errorsOf(validate({ withBaseline, accepted: sarifOf(outcome({ policy: POLICY })) })),
    ).toEqual([]);
  });
});

import { endpointForRegion, type Endpoint } from '../../../src/alibaba/endpoints.js';
import type { ImageSelector } from '../../../src/core/selector.js';
import {
  CATEGORIES,
  CATEGORY_INFO,
  type Counts,
  type Limits,
} from '../../../src/core/categories.js';
import { evaluateTotals, specs } from '../../helpers/limits.js';
import type { Config } from '../../../src/inputs/config.js';
import { escapeText } from '../../../src/report/escape.js';
import {
  buildReport,
  failedRunReport,
  type ImageOutcome,
  type Report,
} from '../../../src/report/model.js';
import { outputValues } from '../../../src/report/outputs.js';
import { renderMarkdown, verdictHeadline, type RenderOptions } from '../../../src/report/render.js';

const ENDPOINT = endpointForRegion('cn-shanghai') as Endpoint;
const ZERO: Limits = { 'baseline-risks': 0, 'malicious-files': 0, 'sca-vulns': 0, 'cve-vulns': 0 };

function configWith(limits: Limits = ZERO): Config {
  return {
    images: [],
    scanRange: [],
    instanceUuids: [],
    riskStatus: 'unhandled',
    limits: specs(limits),
    ignoreUnfixable: false,
    listFindings: 10,
    sarifFile: '',
    reportFile: '',
    dockerfile: 'Dockerfile',
    failBuild: true,
    onError: 'fail',
    timeoutMs: 60_000,
    jobSummary: true,
    maxConcurrency: 4,
    comment: { mode: 'always', token: '', key: '' },
    credentials: { kind: 'keys', source: 'inputs', accessKeyId: 'id', accessKeySecret: 'secret' },
    scan: { require: true, waitMs: 600_000, trigger: false, maxAgeMs: null, pollBaseMs: 5_000 },
  };
}

const counts = (b: number, m: number, s: number, c: number): Counts => ({
  'baseline-risks': b,
  'malicious-files': m,
  'sca-vulns': s,
  'cve-vulns': c,
});

function ok(selector: ImageSelector, c: Counts, limits: Limits, requestId = 'REQ-1'): ImageOutcome {
  return {
    target: { selector, endpoint: ENDPOINT },
    evaluation: evaluateTotals(c, limits),
    requestIds: [requestId],
    requestId,
    lists: {},
    notes: [],
  };
}

function failed(selector: ImageSelector, error: string, requestIds: string[] = []): ImageOutcome {
  return {
    target: { selector, endpoint: ENDPOINT },
    requestIds,
    requestId: requestIds.at(-1),
    error,
    lists: {},
    notes: [],
  };
}

const OPTS: RenderOptions = { maxBytes: 65_536, failBuild: true, onError: 'fail' };
const DIGEST = 'ab'.repeat(32);
const XSS_TAG = '<img src=x onerror=alert(1)>';
const PIPE_TAG = 'v1|`rm -rf /`|x';
const SCRIPT_ERROR = 'NoPermission: <script>alert("pwned")</script> denied';

/** Number of `|` in a line, i.e. unescaped pipes (escaped ones are &#124;). */
const pipes = (line: string) => line.split('|').length - 1;

/** Every block of consecutive table lines keeps its header's column count. */
function expectConsistentTables(markdown: string): number {
  let blocks = 0;
  let width: number | undefined;
  for (const line of markdown.split('\n')) {
    if (!line.startsWith('|')) {
      width = undefined;
      continue;
    }
    if (width === undefined) {
      width = pipes(line);
      blocks++;
    } else expect({ line, pipes: pipes(line) }).toEqual({ line, pipes: width });
  }
  return blocks;
}

function expectNoRawHtmlFromData(markdown: string): void {
  expect(markdown).not.toMatch(/<img/i);
  expect(markdown).not.toMatch(/<script/i);
  expect(markdown).not.toContain('`');
}

describe('verdict', () => {
  test('pass: the first line is the pass headline', () => {
    const report = buildReport(configWith(), [ok({ digest: DIGEST }, counts(0, 0, 0, 0), ZERO)]);
    const md = renderMarkdown(report, OPTS);
    expect(report.result).toBe('pass');
    expect(md.split('\n')[0]).toBe(`### ${verdictHeadline(report)}`);
    expect(verdictHeadline(report)).toContain('passed');
    expect(md).toContain('The step passes.');
  });

  test('fail: the headline names the exceeded categories by label', () => {
    const limits: Limits = { ...ZERO, 'sca-vulns': 'off' };
    const report = buildReport(configWith(limits), [
      ok({ digest: DIGEST }, counts(2, 0, 50, 1), limits),
    ]);
    expect(report.result).toBe('fail');
    const headline = verdictHeadline(report);
    expect(headline).toContain('failed');
    expect(headline).toContain('Baseline risks, CVE vulnerabilities');
    expect(headline).not.toContain('SCA');
    const md = renderMarkdown(report, OPTS);
    expect(md.split('\n')[0]).toBe(`### ${headline}`);
    expect(md).toContain('The step fails.');
    expect(renderMarkdown(report, { ...OPTS, failBuild: false })).toContain('fail-build is false');
  });

  test('error: an image without counts is never a pass', () => {
    const report = buildReport(configWith(), [failed({ digest: DIGEST }, 'boom')]);
    expect(report.result).toBe('error');
    expect(verdictHeadline(report)).toContain('error');
    const md = renderMarkdown(report, OPTS);
    expect(md.split('\n')[0]).toBe(`### ${verdictHeadline(report)}`);
    expect(md).toContain('never a pass');
    expect(renderMarkdown(report, { ...OPTS, onError: 'warn' })).toContain(
      'the result is still error, not pass',
    );
  });

  test('failedRunReport: nothing was checked', () => {
    const report = failedRunReport('Invalid input: bad things');
    const md = renderMarkdown(report, OPTS);
    expect(md.split('\n')[0]).toBe(`### ${verdictHeadline(report)}`);
    expect(verdictHeadline(report)).toContain('nothing was checked');
    expect(md).toContain('**Error:** Invalid input: bad things');
    expect(report.limits).toEqual(ZERO);
    expect(report.riskStatus).toBe('unhandled');
  });

  test('failedRunReport states no setting (any may be the input that was refused)', () => {
    const report = failedRunReport('x', ['risk-status: "maybe" is not accepted']);
    expect(report.limits).toEqual(ZERO);
    expect(report.problems).toEqual(['risk-status: "maybe" is not accepted']);
    expect(report.riskStatus).toBe('unhandled');
  });
});

describe('single image', () => {
  test('table has Category | Count | Limit | Status rows in the fixed order', () => {
    const limits: Limits = {
      'baseline-risks': 1,
      'malicious-files': 0,
      'sca-vulns': 'off',
      'cve-vulns': 5,
    };
    const report = buildReport(configWith(limits), [
      ok({ digest: DIGEST, tag: 'v1' }, counts(1, 2, 30, 4), limits, 'REQ-42'),
    ]);
    const lines = renderMarkdown(report, OPTS).split('\n');
    const header = lines.indexOf('| Category | Count | High / medium / low | Limit | Status |');
    expect(header).toBeGreaterThan(0);
    expect(lines[header + 1]).toBe('| --- | ---: | :---: | --- | --- |');
    expect(lines.slice(header + 2, header + 6)).toEqual([
      '| Baseline risks | 1 | — | 1 | ✅ within limit |',
      '| Malicious files | 2 | — | 0 | ❌ over limit |',
      '| SCA vulnerabilities | 30 | — | off | ➖ not enforced |',
      '| CVE vulnerabilities | 4 | — | 5 | ✅ within limit |',
    ]);
    const md = lines.join('\n');
    expect(md).toContain(`<code>sha256:${DIGEST}</code>`);
    expect(md).toContain('<code>REQ-42</code>');
    expect(md).toContain(`<code>${escapeText(ENDPOINT.site)}</code>`);
  });

  test('an image without counts shows unknown statuses and the error', () => {
    const report = buildReport(configWith(), [failed({ uuid: 'u-1' }, 'deadline passed')]);
    const md = renderMarkdown(report, OPTS);
    for (const c of CATEGORIES) {
      expect(md).toContain(`| ${CATEGORY_INFO[c].label} | — | — | 0 | ❔ unknown |`);
    }
    expect(md).toContain('**Error:** deadline passed');
    expect(md).toContain('**Request ID:** —');
  });

  test('hostile tag and error text never appear raw', () => {
    const report = buildReport(configWith(), [
      failed({ tag: XSS_TAG, repoId: PIPE_TAG }, SCRIPT_ERROR, ['REQ|`x`']),
    ]);
    const md = renderMarkdown(report, OPTS);
    expectNoRawHtmlFromData(md);
    expect(md).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(md).toContain('v1&#124;&#96;rm -rf /&#96;&#124;x');
    expect(md).toContain('&lt;script&gt;');
    expect(expectConsistentTables(md)).toBe(1);
    for (const line of md.split('\n').filter((l) => l.startsWith('|'))) expect(pipes(line)).toBe(6);
  });
});

describe('several images', () => {
  test('hostile values in rows keep every row at the header column count', () => {
    const report = buildReport(configWith(), [
      failed({ tag: XSS_TAG }, SCRIPT_ERROR, ['R|1']),
      ok({ tag: PIPE_TAG }, counts(1, 0, 0, 0), ZERO, 'R|`2`'),
      ok({ tag: 'fine|<b>' }, counts(0, 0, 0, 0), ZERO),
    ]);
    const md = renderMarkdown(report, OPTS);
    expectNoRawHtmlFromData(md);
    expect(md).not.toContain('<b>');
    expect(md).toContain('&lt;script&gt;');
    // totals table, problem rows, passing rows (folded)
    expect(expectConsistentTables(md)).toBe(3);
    expect(md).toContain('<details><summary>1 passing image(s)</summary>');
  });

  test('passing rows are folded in <details> when they fit', () => {
    const outcomes = [
      ok({ digest: DIGEST }, counts(0, 0, 0, 0), ZERO, 'P1'),
      ok({ tag: 'bad' }, counts(0, 3, 0, 0), ZERO, 'F1'),
      ok({ tag: 'good' }, counts(0, 0, 0, 0), ZERO, 'P2'),
    ];
    const report = buildReport(configWith(), outcomes);
    const md = renderMarkdown(report, OPTS);
    const details = md.indexOf('<details><summary>2 passing image(s)</summary>');
    expect(details).toBeGreaterThan(0);
    expect(md.indexOf('</details>')).toBeGreaterThan(details);
    // the problem row comes first and outside the fold; the passing rows inside it
    expect(md.indexOf('<code>F1</code>')).toBeLessThan(details);
    expect(md.indexOf('<code>P1</code>')).toBeGreaterThan(details);
    expect(md.indexOf('<code>P2</code>')).toBeGreaterThan(details);
    expect(md).toContain('**Images:** 2 passed, 1 failed, 0 could not be checked.');
    expect(md).toContain('| Malicious files | 3 | 0 | 1 |');
  });

  describe('200 images', () => {
    const limits: Limits = { ...ZERO, 'sca-vulns': 'off' };
    const outcomes: ImageOutcome[] = [];
    for (let i = 0; i < 200; i++) {
      const tag = `${XSS_TAG}|\`${i}\`|${'t'.repeat(100)}`;
      const selector: ImageSelector = { tag, repoId: `repo-${i}`, digest: DIGEST };
      if (i % 3 === 0) outcomes.push(ok(selector, counts(0, 0, i, 0), limits, `REQ-${i}`));
      else if (i % 3 === 1) outcomes.push(ok(selector, counts(i, 0, 0, 1), limits, `REQ-${i}`));
      else outcomes.push(failed(selector, `${SCRIPT_ERROR} ${'e'.repeat(1500)}`, [`REQ-${i}`]));
    }
    const report = buildReport(configWith(limits), outcomes);

    test('the report itself holds every image', () => {
      expect(report.images).toHaveLength(200);
      expect(report.result).toBe('error');
    });

    test.each([65_536, 512 * 1024])(
      'fits in maxBytes %s and starts with the verdict',
      (maxBytes) => {
        const md = renderMarkdown(report, { ...OPTS, maxBytes });
        expect(Buffer.byteLength(md)).toBeLessThanOrEqual(maxBytes);
        expect(md.split('\n')[0]).toBe(`### ${verdictHeadline(report)}`);
        expectNoRawHtmlFromData(md);
      },
    );

    test('in 65,536 characters the passing rows are not listed', () => {
      const md = renderMarkdown(report, OPTS);
      expect(md.length).toBeLessThan(65_536);
      expect(md).not.toContain('<details>');
      expect(md).toContain('passing image(s) are not listed here for size');
    });

    test('in 512 KiB (summary) everything fits, passing rows folded', () => {
      const md = renderMarkdown(report, { ...OPTS, maxBytes: 512 * 1024 });
      expect(md.length).toBeLessThan(1024 * 1024);
      expect(Buffer.byteLength(md, 'utf8')).toBeLessThan(1024 * 1024);
      expect(md).toContain('<details><summary>67 passing image(s)</summary>');
      expect(md).toContain('**Images:** 67 passed, 67 failed, 66 could not be checked.');
      expectConsistentTables(md);
    });

    test('a tiny budget still stays within maxBytes', () => {
      const md = renderMarkdown(report, { ...OPTS, maxBytes: 4000 });
      expect(Buffer.byteLength(md)).toBeLessThanOrEqual(4000);
      expect(md.split('\n')[0]).toBe(`### ${verdictHeadline(report)}`);
    });
  });
});

describe('outputs', () => {
  test('report JSON parses and has result, exceeded, limits and images', () => {
    const limits: Limits = { ...ZERO, 'cve-vulns': 'off' };
    const report = buildReport(configWith(limits), [
      ok({ digest: DIGEST }, counts(0, 1, 0, 9), limits, 'R-1'),
      failed({ tag: XSS_TAG }, SCRIPT_ERROR, ['R-2']),
    ]);
    const out = outputValues(report);
    const parsed = JSON.parse(out['report'] as string) as Report;
    expect(parsed.schemaVersion).toBe(1);
    expect(parsed.result).toBe('error');
    expect(parsed.exceeded).toEqual(['malicious-files']);
    expect(parsed.limits).toEqual(limits);
    expect(parsed.images).toHaveLength(2);
    expect(parsed.images[0]?.selectors).toEqual({ 'image-digest': `sha256:${DIGEST}` });
    expect(parsed.images[0]?.categories['cve-vulns']).toEqual({
      count: 9,
      limit: 'off',
      limitText: 'off',
      status: 'off',
      exceededTerms: [],
    });
    expect(parsed.images[1]?.result).toBe('error');
    expect(parsed.images[1]?.error).toBe(SCRIPT_ERROR);
    expect(parsed.images[1]?.categories['sca-vulns']).toEqual({
      count: null,
      limit: 0,
      limitText: '0',
      exceededTerms: [],
      status: 'unknown',
    });
    expect(out['request-id']).toBe('R-1,R-2');
    expect(out['result']).toBe('error');
  });

  test('counts are empty strings when the result is error with no counts', () => {
    for (const report of [
      failedRunReport('bad input'),
      buildReport(configWith(), [failed({ digest: DIGEST }, 'x'), failed({ uuid: 'u' }, 'y')]),
    ]) {
      const out = outputValues(report);
      expect(out['result']).toBe('error');
      for (const c of CATEGORIES) expect(out[c]).toBe('');
      expect(out['exceeded']).toBe('');
      expect(JSON.parse(out['report'] as string)).toMatchObject({ counts: null });
    }
  });

  test('counts sum over the images whose counts were obtained', () => {
    const report = buildReport(configWith(), [
      ok({ tag: 'a' }, counts(1, 2, 3, 4), ZERO),
      ok({ tag: 'b' }, counts(10, 20, 30, 40), ZERO),
      failed({ tag: 'c' }, 'no counts'),
    ]);
    const out = outputValues(report);
    expect(out['result']).toBe('error');
    expect(out['baseline-risks']).toBe('11');
    expect(out['malicious-files']).toBe('22');
    expect(out['sca-vulns']).toBe('33');
    expect(out['cve-vulns']).toBe('44');
  });

  test('zero counts are "0", not empty', () => {
    const out = outputValues(
      buildReport(configWith(), [ok({ tag: 'a' }, counts(0, 0, 0, 0), ZERO)]),
    );
    expect(out['result']).toBe('pass');
    for (const c of CATEGORIES) expect(out[c]).toBe('0');
  });

  test('exceeded is comma-joined in the fixed category order', () => {
    const report = buildReport(configWith(), [
      ok({ tag: 'a' }, counts(0, 0, 0, 5), ZERO),
      ok({ tag: 'b' }, counts(0, 0, 2, 0), ZERO),
      ok({ tag: 'c' }, counts(1, 0, 0, 0), ZERO),
    ]);
    const out = outputValues(report);
    expect(out['result']).toBe('fail');
    expect(out['exceeded']).toBe('baseline-risks,sca-vulns,cve-vulns');
  });
});

describe('escapeText: invisible characters', () => {
  test('bidirectional overrides, zero-width and C1 controls are removed; line separators are spaces', () => {
    const raw = 'ok\u202Eevil\u202C \u200Bhidden\u2066x\u2069\u200F \u0085end\u2028next\uFEFF';
    expect(escapeText(raw)).toBe('okevil hiddenx end next');
  });

  test('its own zero-width spaces after @ and # stay', () => {
    expect(escapeText('@team #42')).toBe('&#64;\u200bteam &#35;\u200b42');
  });
});

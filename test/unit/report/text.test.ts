// --format text: the verdict first (pass / fail / error), the per-image table, the listed
// findings; no Markdown; colour only when asked; no escape sequence from Security Center text.
/* eslint-disable no-control-regex -- control characters in the output are what these tests look for */
import { CATEGORIES } from '../../../src/core/categories.js';
import { plain, renderText, TEXT_CATEGORIES, verdictLine } from '../../../src/report/text.js';
import {
  DIGEST_A,
  DIGEST_B,
  entry,
  errorImage,
  finding,
  image,
  listed,
  report,
} from '../../helpers/report-fixtures.js';

const PLAIN = { color: false };
const COLOUR = { color: true };
const ESC = '\u001b';

const FAILING = image({
  selectors: { 'repo-id': 'crr-1', 'image-tag': 'v1' },
  gatedDigests: [DIGEST_B],
  result: 'fail',
  exceeded: ['cve-vulns'],
  categories: {
    'malicious-files': entry({ count: 2, limit: 'off', limitText: 'off', status: 'off' }),
    'cve-vulns': entry({
      count: 12,
      limit: 'high:0,medium:10',
      limitText: 'high:0,medium:10',
      status: 'fail',
      exceededTerms: ['high:0'],
    }),
  },
  levels: { 'cve-vulns': { high: 3, medium: 4, low: 5 } },
  findings: {
    'cve-vulns': [
      listed(
        finding('cve-vulns', {
          key: 'debian:12:CVE-2024-1',
          id: 'CVE-2024-1',
          title: 'openssl flaw',
          fixable: false,
          packages: [
            { name: 'libssl3', version: '3.0', fixCommand: 'apt-get install libssl3' },
            { name: 'openssl', version: '3.0' },
          ],
        }),
      ),
    ],
  },
  notes: ['the SCA list was not read'],
});

test('the table follows the categories, in their order', () => {
  expect([...TEXT_CATEGORIES]).toEqual([...CATEGORIES]);
});

describe('verdict line', () => {
  test.each([
    [report([image()]), /^sas-image-gate: pass: the image is within every limit$/],
    [report([image(), image()]), /^sas-image-gate: pass: all 2 images are within every limit$/],
    [
      report([image(), FAILING]),
      /^sas-image-gate: fail: over the limit: cve-vulns \(1 of 2 images\)$/,
    ],
    [
      report([errorImage('no completed scan')]),
      /^sas-image-gate: error: the counts of the image could not be established$/,
    ],
    [report([], { error: 'bad input:\n- --x' }), /^sas-image-gate: error: bad input:$/],
    [
      report([FAILING, errorImage('timeout')]),
      /^sas-image-gate: error: the counts of 1 of 2 images could not be established; over the limit: cve-vulns$/,
    ],
  ])('%#', (r, line) => {
    const text = renderText(r, PLAIN);
    expect(text.split('\n')[0]).toMatch(line);
    expect(verdictLine(r, PLAIN)).toMatch(line);
  });

  test('the word is coloured only when asked', () => {
    const r = report([FAILING]);
    expect(verdictLine(r, PLAIN)).not.toContain(ESC);
    expect(verdictLine(r, COLOUR)).toContain(`${ESC}[31mfail${ESC}[0m`);
    expect(renderText(r, PLAIN)).not.toContain(ESC);
    expect(renderText(r, COLOUR)).toContain(`${ESC}[31m`);
  });
});

describe('table and findings', () => {
  const text = renderText(report([image(), FAILING]), PLAIN);
  const lines = text.split('\n');

  test('a header per image, and a row per category with count, limit, status and levels', () => {
    expect(text).toContain(`Image 1 of 2: ${DIGEST_A}`);
    expect(text).toContain(`Image 2 of 2: ${DIGEST_B} (repo-id=crr-1 image-tag=v1)`);
    const row = (c: string) => lines.filter((l) => l.trimStart().startsWith(`${c} `))[1] ?? '';
    expect(
      row('cve-vulns')
        .trim()
        .split(/\s{2,}/)
        .map((s) => s.trim()),
    ).toEqual(['cve-vulns', '12', 'high:0,medium:10', 'over limit (high:0)', '3 / 4 / 5']);
    expect(row('malicious-files')).toMatch(/malicious-files\s+2\s+off\s+not enforced\s+-$/);
    expect(row('baseline-risks')).toMatch(/baseline-risks\s+0\s+0\s+within limit\s+-$/);
  });

  test('the listed findings, with package, fix and notes', () => {
    expect(text).toContain('cve-vulns: 1 of 12 listed, most severe first');
    expect(text).toContain('high   CVE-2024-1 - openssl flaw [libssl3 3.0 (+1 more)] (no fix)');
    expect(text).toContain('fix: apt-get install libssl3');
    expect(text).toContain('note: the SCA list was not read');
  });

  test('no Markdown', () => {
    expect(text).not.toMatch(/\|\s*---|\*\*|^#|<code>|\]\(/m);
  });

  test('an error image says why; bad input lists the problems', () => {
    const e = renderText(report([errorImage('the count query failed')]), PLAIN);
    expect(e).toContain('error: the count query failed');
    expect(e).toMatch(/cve-vulns\s+\?\s+0\s+unknown/);
    const bad = renderText(
      report([], { error: 'bad input', problems: ['--max-cve-vuln is not an option', '--x'] }),
      PLAIN,
    );
    expect(bad.split('\n').slice(0, 3)).toEqual([
      'sas-image-gate: error: bad input',
      '  - --max-cve-vuln is not an option',
      '  - --x',
    ]);
  });
});

describe('untrusted text', () => {
  const hostile = `evil${ESC}[2J${ESC}]0;title\u0007\r\nsas-image-gate: pass\u202Egnp.exe\u0085\u2028`;

  test('plain neutralises control characters, separators and bidi overrides', () => {
    const out = plain(hostile);
    expect(out).not.toMatch(/[\u0000-\u001f\u007f-\u009f\u2028\u202e]/);
    expect(out).toContain('\\u001b[2J');
    expect(out).toContain('\\u202e');
    expect(plain('x'.repeat(500), 10)).toHaveLength(10);
  });

  test('no escape sequence or extra line from finding titles, paths, selectors, notes, errors', () => {
    const bad = image({
      selectors: { 'image-tag': hostile },
      gatedDigests: [],
      scan: { checked: true, status: 'scanned', scannedAt: null, taskId: null, digests: [] },
      site: hostile,
      levels: { 'malicious-files': { high: 1, medium: 0, low: 0 } },
      findings: {
        'malicious-files': [
          listed(finding('malicious-files', { key: hostile, title: hostile, paths: [hostile] })),
        ],
      },
      notes: [hostile],
    });
    const text = renderText(report([bad, errorImage(hostile)], { error: hostile }), COLOUR);
    // The only escapes are the colours this module writes.
    const escapes = text.match(/\u001b\[[0-9;]*m?/g) ?? [];
    for (const e of escapes) expect(e).toMatch(/^\u001b\[(0|1|2|31|32|33)m$/);
    expect(text).not.toMatch(/\u001b\][^m]/);
    expect(text).not.toMatch(/[\u0007\r\u0085\u2028\u202e]/);
    expect(text.split('\n').filter((l) => l.startsWith('sas-image-gate: pass'))).toEqual([]);
  });
});

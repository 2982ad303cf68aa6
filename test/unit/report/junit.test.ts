// The JUnit file, read back with a real XML parser (fast-xml-parser): one suite per image, one
// case per category, failure / skipped / error as the report says, and no text from Security
// Center able to break or smuggle anything into the document.
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { CATEGORIES } from '../../../src/core/categories.js';
import { buildJunit, JUNIT_CASES, suiteName, xmlAttr, xmlText } from '../../../src/report/junit.js';
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

interface Case {
  name: string;
  classname: string;
  failure?: { message: string; type?: string; '#text'?: string };
  error?: { message: string; '#text'?: string };
  skipped?: { message: string };
}
interface Suite {
  name: string;
  tests: string;
  failures: string;
  errors: string;
  skipped: string;
  testcase: Case[];
}
interface Doc {
  testsuites: Suite & { testsuite: Suite[] };
}

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '',
  parseAttributeValue: false,
  parseTagValue: false,
  htmlEntities: true,
  isArray: (name) => name === 'testsuite' || name === 'testcase',
});

function parse(xml: string): Doc {
  const valid = XMLValidator.validate(xml);
  if (valid !== true) throw new Error(`not well-formed XML: ${JSON.stringify(valid)}`);
  return parser.parse(xml) as Doc;
}

const FAILING = image({
  selectors: { 'repo-id': 'crr-1', 'image-tag': 'v1.2' },
  gatedDigests: [DIGEST_B],
  result: 'fail',
  exceeded: ['cve-vulns'],
  categories: {
    'baseline-risks': entry({ count: 0 }),
    'malicious-files': entry({ count: 2, limit: 'off', limitText: 'off', status: 'off' }),
    'sca-vulns': entry({ count: 1, limit: 5, limitText: '5' }),
    'cve-vulns': entry({
      count: 12,
      limit: 'high:0,medium:10',
      limitText: 'high:0,medium:10',
      status: 'fail',
      exceededTerms: ['high:0'],
    }),
  },
  findings: {
    'cve-vulns': [
      listed(
        finding('cve-vulns', {
          key: 'CVE-2024-1',
          title: 'openssl flaw',
          packages: [{ name: 'libssl3', version: '3.0' }],
        }),
      ),
    ],
  },
});

test('the cases follow the categories, in their order', () => {
  expect([...JUNIT_CASES]).toEqual([...CATEGORIES]);
});

describe('structure', () => {
  const doc = parse(buildJunit(report([image(), FAILING])));
  const suites = doc.testsuites.testsuite;

  test('one suite per image, named by its digest; one case per category', () => {
    expect(suites.map((s) => s.name)).toEqual([DIGEST_A, DIGEST_B]);
    for (const s of suites)
      expect(s.testcase.map((c) => c.name)).toEqual([
        'baseline-risks',
        'malicious-files',
        'sca-vulns',
        'cve-vulns',
      ]);
    expect(suites[0]?.testcase.every((c) => !c.failure && !c.error && !c.skipped)).toBe(true);
  });

  test('failure with the count and the limit; skipped when off', () => {
    const cases = suites[1]?.testcase ?? [];
    const cve = cases.find((c) => c.name === 'cve-vulns');
    expect(cve?.failure?.message).toBe('cve-vulns: 12 found, over the limit high:0,medium:10');
    expect(cve?.failure?.type).toBe('limit-exceeded');
    expect(cve?.failure?.['#text']).toContain('12 found, limit high:0,medium:10 (over: high:0).');
    expect(cve?.failure?.['#text']).toContain('- high CVE-2024-1 openssl flaw (libssl3 3.0)');
    expect(cases.find((c) => c.name === 'malicious-files')?.skipped?.message).toBe(
      'limit off: 2 found, not enforced',
    );
    expect(cases.find((c) => c.name === 'sca-vulns')?.failure).toBeUndefined();
  });

  test('tallies per suite and in total', () => {
    expect(suites[1]).toMatchObject({ tests: '4', failures: '1', errors: '0', skipped: '1' });
    expect(doc.testsuites).toMatchObject({ tests: '8', failures: '1', errors: '0', skipped: '1' });
  });

  test('classname groups the cases by image', () => {
    expect(suites[1]?.testcase[0]?.classname).toBe(`sas-image-gate.${DIGEST_B}`);
  });
});

describe('errors', () => {
  test('an image that ended in error has an <error> in every category', () => {
    const doc = parse(buildJunit(report([errorImage('no completed scan of the image')])));
    const suite = doc.testsuites.testsuite[0];
    expect(suite?.testcase).toHaveLength(4);
    for (const c of suite?.testcase ?? []) {
      expect(c.error?.message).toContain('ended in error');
      expect(c.error?.['#text']).toBe('no completed scan of the image');
    }
    expect(suite).toMatchObject({ errors: '4', failures: '0' });
  });

  test('a run that stopped before any image has one error case, never an empty file', () => {
    const doc = parse(buildJunit(report([], { result: 'error', error: 'bad input: --x' })));
    expect(doc.testsuites.testsuite).toHaveLength(1);
    expect(doc.testsuites.testsuite[0]?.testcase[0]?.name).toBe('run');
    expect(doc.testsuites.testsuite[0]?.testcase[0]?.error?.message).toBe('bad input: --x');
    expect(doc.testsuites).toMatchObject({ tests: '1', errors: '1' });
  });

  test('a suite without a digest is named by its selectors', () => {
    const noDigest = errorImage('x', {
      selectors: { 'repo-id': 'crr-1', 'image-tag': 'latest' },
      scan: { checked: true, status: 'unknown', scannedAt: null, taskId: null, digests: [] },
    });
    expect(suiteName(noDigest)).toBe('repo-id=crr-1 image-tag=latest');
  });
});

describe('escaping', () => {
  const hostile = `</failure><injected a="1"/>]]> & "q" 'a' \u0000\u0001\u001b[31m\uFFFE\uD800 end\nline2`;

  test('text and attributes are escaped; forbidden characters removed; the document parses', () => {
    const bad = image({
      selectors: { 'image-tag': hostile },
      gatedDigests: [],
      scan: { checked: true, status: 'scanned', scannedAt: null, taskId: null, digests: [] },
      result: 'fail',
      categories: {
        'cve-vulns': entry({ count: 1, status: 'fail', exceededTerms: [] }),
      },
      findings: { 'cve-vulns': [listed(finding('cve-vulns', { key: hostile, title: hostile }))] },
    });
    const xml = buildJunit(report([bad, errorImage(hostile)], { error: hostile }));
    const doc = parse(xml);
    expect(xml).not.toContain('<injected');
    // eslint-disable-next-line no-control-regex -- the forbidden characters are what is checked
    expect(xml).not.toMatch(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\uFFFE]/);
    expect(xml).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])/);
    const suites = doc.testsuites.testsuite;
    expect(suites[0]?.name).toBe(
      'image-tag=</failure><injected a="1"/>]]> & "q" \'a\' [31m end\nline2',
    );
    expect(suites[0]?.testcase.find((c) => c.name === 'cve-vulns')?.failure?.['#text']).toContain(
      '<injected a="1"/>',
    );
    expect(suites[1]?.testcase[0]?.error?.['#text']).toContain('</failure>');
    expect(suites).toHaveLength(3);
  });

  test('xmlText and xmlAttr', () => {
    expect(xmlText('a<b>&c\u0007')).toBe('a&lt;b&gt;&amp;c');
    expect(xmlAttr('"x"\n\'y\'\t')).toBe('&quot;x&quot;&#10;&apos;y&apos;&#9;');
    expect(xmlText('😀')).toBe('😀');
  });
});

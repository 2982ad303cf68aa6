// The verdict as a JUnit XML file, for CI systems that show test results natively (Jenkins'
// `junit` step, GitLab's `artifacts:reports:junit`): one test suite per image, named by its
// digest (else its selectors), one test case per category, named as in the report's `exceeded`.
// A category over its limit is a <failure> (with the count and the limit), a limit that is off
// is <skipped>, and every category of an image that ended in error is an <error>: a broken run
// never shows as passing tests. A run that stopped before any image was gated has one suite
// with an <error> case, so the file is never an empty (and so green) result.
//
// Pure. Every text is escaped for XML, and characters XML 1.0 forbids (most control characters,
// lone surrogates, U+FFFE/U+FFFF) are removed, so text from Security Center can neither break
// the document nor make a strict parser reject it.
import { CATEGORIES, type Category } from '../core/categories.js';
import type { CategoryEntry, ImageReport, Report, ReportFinding } from './model.js';

const TOOL = 'sas-image-gate';
/** One case per category, in the report's order. */
export const JUNIT_CASES = CATEGORIES;

// Everything outside XML 1.0's Char production: #x9 | #xA | #xD | [#x20-#xD7FF] |
// [#xE000-#xFFFD] | [#x10000-#x10FFFF]. With the u flag a lone surrogate is one code point,
// outside every range, so it is removed too.
const NOT_XML_CHAR = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

/** Text content: the forbidden characters removed, & < > escaped. */
export function xmlText(text: string): string {
  return text
    .replace(NOT_XML_CHAR, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;');
}

/** An attribute value (double-quoted): also quotes and white space, kept as character references. */
export function xmlAttr(text: string): string {
  return xmlText(text)
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;')
    .replace(/\t/g, '&#9;')
    .replace(/\n/g, '&#10;')
    .replace(/\r/g, '&#13;');
}

/** At most `max` characters. */
function short(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/** The suite of an image: its digest, else its selectors as key=value pairs. */
export function suiteName(image: ImageReport): string {
  const digest =
    image.gatedDigests[0] ?? image.scan.digests[0] ?? image.selectors['image-digest'] ?? '';
  if (digest !== '') return digest;
  const selectors = Object.entries(image.selectors).map(([k, v]) => `${k}=${v}`);
  return selectors.length > 0 ? selectors.join(' ') : image.site;
}

type Outcome =
  { kind: 'pass' } | { kind: 'failure' | 'error' | 'skipped'; message: string; body?: string };

function count(entry: CategoryEntry): string {
  return entry.count === null ? 'unknown' : String(entry.count);
}

function findingLine(f: ReportFinding): string {
  const p = f.packages[0];
  const pkg = p ? ` (${p.name}${p.version ? ` ${p.version}` : ''})` : '';
  const path = !p && f.paths?.[0] ? ` at ${f.paths[0]}` : '';
  const title = f.title ? ` ${short(f.title, 200)}` : '';
  return `- ${f.level} ${short(f.id, 200)}${title}${pkg}${path}`;
}

function outcome(image: ImageReport, category: Category): Outcome {
  const entry = image.categories[category];
  if (image.result === 'error' || image.error !== undefined)
    return {
      kind: 'error',
      message: `${category}: not established, the image ended in error`,
      body: image.error ?? 'the counts were not established',
    };
  switch (entry.status) {
    case 'pass':
      return { kind: 'pass' };
    case 'off':
      return { kind: 'skipped', message: `limit off: ${count(entry)} found, not enforced` };
    case 'fail': {
      const terms = /^\d+$/.test(entry.limitText) ? [] : entry.exceededTerms;
      const over = terms.length > 0 ? ` (over: ${terms.join(', ')})` : '';
      const listed = image.findings[category] ?? [];
      const body = [
        `${count(entry)} found, limit ${entry.limitText}${over}.`,
        ...(listed.length > 0
          ? [
              '',
              `Listed findings (${listed.length}, most severe first):`,
              ...listed.map(findingLine),
            ]
          : []),
      ].join('\n');
      return {
        kind: 'failure',
        message: `${category}: ${count(entry)} found, over the limit ${entry.limitText}`,
        body,
      };
    }
    default:
      return { kind: 'error', message: `${category}: the count is unknown` };
  }
}

function testcase(suite: string, name: string, o: Outcome): string[] {
  const classname = `${TOOL}.${suite.replace(/\./g, '_')}`;
  const open = `    <testcase name="${xmlAttr(name)}" classname="${xmlAttr(classname)}"`;
  if (o.kind === 'pass') return [`${open}/>`];
  const type =
    o.kind === 'failure' ? ' type="limit-exceeded"' : o.kind === 'error' ? ' type="error"' : '';
  const child =
    o.body === undefined
      ? `      <${o.kind} message="${xmlAttr(o.message)}"${type}/>`
      : `      <${o.kind} message="${xmlAttr(o.message)}"${type}>${xmlText(o.body)}</${o.kind}>`;
  return [`${open}>`, child, '    </testcase>'];
}

interface Suite {
  name: string;
  cases: Array<[string, Outcome]>;
}

function suiteXml(s: Suite): { xml: string[]; tally: Record<string, number> } {
  const tally = { tests: s.cases.length, failures: 0, errors: 0, skipped: 0 };
  for (const [, o] of s.cases) {
    if (o.kind === 'failure') tally.failures++;
    else if (o.kind === 'error') tally.errors++;
    else if (o.kind === 'skipped') tally.skipped++;
  }
  const head = `  <testsuite name="${xmlAttr(s.name)}" tests="${tally.tests}" failures="${tally.failures}" errors="${tally.errors}" skipped="${tally.skipped}">`;
  return {
    xml: [head, ...s.cases.flatMap(([name, o]) => testcase(s.name, name, o)), '  </testsuite>'],
    tally,
  };
}

export function buildJunit(report: Report): string {
  const suites: Suite[] = report.images.map((image) => ({
    name: suiteName(image),
    cases: JUNIT_CASES.map((c) => [c, outcome(image, c)]),
  }));
  // A run that stopped (bad input, an unexpected failure) says so as a failing case of its own.
  if (report.error !== undefined || suites.length === 0) {
    const message = report.error ?? 'no image was gated';
    suites.push({
      name: TOOL,
      cases: [['run', { kind: 'error', message: short(message, 1000), body: message }]],
    });
  }
  const built = suites.map(suiteXml);
  const total = { tests: 0, failures: 0, errors: 0, skipped: 0 };
  for (const { tally } of built)
    for (const k of Object.keys(total) as Array<keyof typeof total>) total[k] += tally[k] ?? 0;
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="${TOOL}" tests="${total.tests}" failures="${total.failures}" errors="${total.errors}" skipped="${total.skipped}">`,
    ...built.flatMap((b) => b.xml),
    '</testsuites>',
    '',
  ].join('\n');
}

// The command line's standard output with --format text: the verdict on the first line (it
// contains pass, fail or error, so a log search or a wrapper script can find it), then each
// image's per-category table of counts and limits, then the listed findings (as many as the
// report lists: list-findings per category) and the notes. Plain text for a CI log or a
// terminal: no Markdown, and colour only when the caller says so (it decides from isTTY,
// NO_COLOR and TERM).
//
// Text from Security Center or from the settings (titles, paths, ids, errors, selectors) goes
// through `plain` first: control characters (ANSI escapes included), line separators and
// bidirectional overrides are shown as visible \u escapes, so an answer can neither colour,
// move, hide or reorder what the terminal shows, nor fake a line of its own. The only escape
// sequences in the output are this module's colours.
import { CATEGORIES } from '../core/categories.js';
import { LEVELS } from '../core/findings.js';
import type { CategoryEntry, ImageReport, Report, ReportFinding } from './model.js';
import { imagePolicyLines, runPolicyLines } from './text-policy.js';

export interface TextOptions {
  /** ANSI colours on the verdict and the statuses. */
  color: boolean;
}

/** The report's category order. */
export const TEXT_CATEGORIES = CATEGORIES;
const LEVEL_ORDER = LEVELS;

// C0 and C1 controls, DEL, the line and paragraph separators, and the bidirectional marks,
// embeddings, overrides and isolates.
const UNSAFE =
  // eslint-disable-next-line no-control-regex -- control characters are exactly what is replaced
  /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

/** Untrusted text made safe for a terminal: one line, visible escapes, at most `max` characters. */
export function plain(text: string, max = 300): string {
  const flat = text
    .replace(/[\t\n\r]+/g, ' ')
    .replace(UNSAFE, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}

type Colour = 'green' | 'red' | 'yellow' | 'dim' | 'bold';
const SGR: Record<Colour, string> = {
  green: '32',
  red: '31',
  yellow: '33',
  dim: '2',
  bold: '1',
};

function paint(text: string, colour: Colour, on: boolean): string {
  return on ? `\u001b[${SGR[colour]}m${text}\u001b[0m` : text;
}

const RESULT_COLOUR: Record<Report['result'], Colour> = {
  pass: 'green',
  fail: 'red',
  error: 'yellow',
};

/** The first line: the result word, and in a few words why. */
export function verdictLine(report: Report, options: TextOptions): string {
  const n = report.images.length;
  const word = paint(report.result, RESULT_COLOUR[report.result], options.color);
  const of = (k: number) => (n === 1 ? 'the image' : `${k} of ${n} images`);
  switch (report.result) {
    case 'pass':
      return `sas-image-gate: ${word}: ${n === 1 ? 'the image is' : `all ${n} images are`} within every limit`;
    case 'fail': {
      const failing = report.images.filter((i) => i.result === 'fail').length;
      return `sas-image-gate: ${word}: over the limit: ${report.exceeded.join(', ')} (${of(failing)})`;
    }
    case 'error': {
      if (report.error !== undefined)
        return `sas-image-gate: ${word}: ${plain(report.error.split('\n')[0] ?? '', 200)}`;
      const broken = report.images.filter((i) => i.result === 'error').length;
      const over =
        report.exceeded.length > 0 ? `; over the limit: ${report.exceeded.join(', ')}` : '';
      return `sas-image-gate: ${word}: the counts of ${of(broken)} could not be established${over}`;
    }
  }
}

function imageName(image: ImageReport): string {
  const digest = image.gatedDigests[0] ?? image.scan.digests[0] ?? image.selectors['image-digest'];
  const selectors = Object.entries(image.selectors)
    .filter(([k]) => k !== 'image-digest' || !digest)
    .map(([k, v]) => `${k}=${v}`)
    .join(' ');
  const name = digest ? (selectors ? `${digest} (${selectors})` : digest) : selectors || '(none)';
  return plain(name, 400);
}

const STATUS: Record<CategoryEntry['status'], [string, Colour]> = {
  pass: ['within limit', 'green'],
  fail: ['over limit', 'red'],
  off: ['not enforced', 'dim'],
  unknown: ['unknown', 'yellow'],
};

function statusText(entry: CategoryEntry): string {
  const terms = /^\d+$/.test(entry.limitText) ? [] : entry.exceededTerms;
  return `${STATUS[entry.status][0]}${terms.length > 0 ? ` (${plain(terms.join(', '), 100)})` : ''}`;
}

function table(image: ImageReport, options: TextOptions): string[] {
  const rows = TEXT_CATEGORIES.map((c) => {
    const e = image.categories[c];
    const levels = image.levels[c];
    return {
      status: e.status,
      cells: [
        c,
        e.count === null ? '?' : String(e.count),
        plain(e.limitText, 100),
        statusText(e),
        levels ? LEVEL_ORDER.map((l) => levels[l]).join(' / ') : '-',
      ],
    };
  });
  const head = ['category', 'count', 'limit', 'status', 'high / medium / low'];
  const widths = head.map((h, i) =>
    Math.max(h.length, ...rows.map((r) => (r.cells[i] ?? '').length)),
  );
  const format = (cells: string[], status?: CategoryEntry['status']) =>
    `  ${cells
      .map((cell, i) => {
        const padded = i === 1 ? cell.padStart(widths[i] ?? 0) : cell.padEnd(widths[i] ?? 0);
        return i === 3 && status ? paint(padded, STATUS[status][1], options.color) : padded;
      })
      .join('  ')
      .trimEnd()}`;
  return [format(head), ...rows.map((r) => format(r.cells, r.status))];
}

function findingLine(f: ReportFinding): string {
  const parts = [f.level.padEnd(6), plain(f.id, 120)];
  if (f.title) parts.push(`- ${plain(f.title, 160)}`);
  const p = f.packages[0];
  if (p) {
    const more = f.packages.length > 1 ? ` (+${f.packages.length - 1} more)` : '';
    parts.push(`[${plain(p.name, 80)}${p.version ? ` ${plain(p.version, 60)}` : ''}${more}]`);
  }
  if (f.fixable === false) parts.push('(no fix)');
  if (f.baseline === 'new') parts.push('(new)');
  if (f.acceptanceExpired)
    parts.push(
      `(acceptance expired on ${plain(f.acceptanceExpired.expires, 20)}, policy line ${f.acceptanceExpired.policyLine})`,
    );
  const path = f.paths?.[0];
  if (path)
    parts.push(
      `at ${plain(path, 200)}${(f.paths?.length ?? 0) > 1 ? ` (+${(f.paths?.length ?? 1) - 1} more)` : ''}`,
    );
  const lines = [`    ${parts.join(' ')}`];
  if (p?.fixCommand) lines.push(`           fix: ${plain(p.fixCommand, 200)}`);
  return lines.join('\n');
}

function findings(image: ImageReport): string[] {
  const out: string[] = [];
  for (const c of TEXT_CATEGORIES) {
    const levels = image.levels[c];
    if (!levels) continue;
    const total = LEVEL_ORDER.reduce((sum, l) => sum + levels[l], 0);
    const ignored = image.unfixableIgnored[c];
    if (total === 0 && !ignored) continue;
    const listed = image.findings[c] ?? [];
    const left = ignored ? `; ${ignored} without a fix left out (ignore-unfixable)` : '';
    out.push(`  ${c}: ${listed.length} of ${total} listed, most severe first${left}`);
    out.push(...listed.map(findingLine));
  }
  return out;
}

export function renderText(report: Report, options: TextOptions): string {
  const out = [verdictLine(report, options)];
  for (const problem of report.problems ?? []) out.push(`  - ${plain(problem, 1000)}`);
  report.images.forEach((image, i) => {
    const which = report.images.length > 1 ? `Image ${i + 1} of ${report.images.length}` : 'Image';
    const result = paint(image.result, RESULT_COLOUR[image.result], options.color);
    out.push('', paint(`${which}: ${imageName(image)}`, 'bold', options.color));
    out.push(`  site ${plain(image.site, 100)}, result ${result}`);
    if (image.error !== undefined) out.push(`  error: ${plain(image.error, 2000)}`);
    out.push(...imagePolicyLines(image));
    out.push(...table(image, options));
    out.push(...findings(image));
    for (const note of image.notes) out.push(`  note: ${plain(note, 1000)}`);
  });
  out.push(...runPolicyLines(report));
  return `${out.join('\n')}\n`;
}

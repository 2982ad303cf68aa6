// The findings behind the counts, as Markdown for the job summary and the comment: per-level
// counts, the limit as written, and the listed findings a developer must fix. Everything that
// came from Security Center goes through escapeText; links are built only from validated CVE
// ids, so no answer text can become a link or markup.
import { CATEGORIES, CATEGORY_INFO, type Category } from '../core/categories.js';
import { LEVELS } from '../core/findings.js';
import { escapeShort, escapeText } from './escape.js';
import type { CategoryEntry, ImageReport, ReportFinding } from './model.js';
import { findingMarks } from './render-policy.js';

export function code(text: string, max = 200): string {
  return `<code>${escapeShort(text, max)}</code>`;
}

/** "3 / 10 / 29" (high / medium / low) when the category's list was read, else "—". */
export function levelsCell(image: ImageReport, category: Category): string {
  const levels = image.levels[category];
  return levels ? LEVELS.map((l) => levels[l]).join(' / ') : '—';
}

/** The limit as written. */
export function limitCell(limitText: string): string {
  return /^(off|\d+)$/.test(limitText) ? limitText : code(limitText, 100);
}

/** The terms over their limit, after the status ("over limit: high:0"). */
export function exceededText(entry: CategoryEntry): string {
  // A plain number needs no repeating; with terms, say which one is over.
  if (entry.exceededTerms.length === 0 || /^\d+$/.test(entry.limitText)) return '';
  return ` (${escapeText(entry.exceededTerms.join(', '))})`;
}

function levelText(f: ReportFinding): string {
  const word = f.rawLevel && f.rawLevel !== f.level ? ` (${escapeShort(f.rawLevel, 40)})` : '';
  const unknown = f.levelUnknown ? ' — unrecognised level, counted as high' : '';
  return `${f.level}${word}${unknown}`;
}

/** The CVE ids (each linked to its advisory), else the id; links only from validated ids. */
function idCell(f: ReportFinding): string {
  return `${linkedId(f)}${findingMarks(f)}`;
}

function linkedId(f: ReportFinding): string {
  if (f.links.length === 0) return escapeShort(f.id, 120);
  const shown = f.links.slice(0, 3).map((link) => {
    const cve = link.slice(link.lastIndexOf('/') + 1);
    return `[${escapeText(cve)}](${link})`;
  });
  const more = f.links.length > 3 ? ` (+${f.links.length - 3} more)` : '';
  return `${shown.join(', ')}${more}`;
}

function dash(text: string | undefined, max: number): string {
  return text ? escapeShort(text, max) : '—';
}

function vulnerabilityRows(findings: ReportFinding[]): string[] {
  const lines = [
    '| ID | Title | Level | Fixable | Package | Fix |',
    '| --- | --- | --- | --- | --- | --- |',
  ];
  for (const f of findings) {
    const p = f.packages[0];
    const more = f.packages.length > 1 ? ` (+${f.packages.length - 1} more)` : '';
    const pkg = p
      ? `${escapeShort(p.name, 80)}${p.version ? ` ${escapeShort(p.version, 60)}` : ''}${more}`
      : '—';
    const fix = p?.fixCommand ? code(p.fixCommand, 200) : '—';
    const fixable = f.fixable === false ? 'no' : f.fixable === true ? 'yes' : 'not said';
    lines.push(
      `| ${idCell(f)} | ${dash(f.title, 160)} | ${levelText(f)} | ${fixable} | ${pkg} | ${fix} |`,
    );
  }
  return lines;
}

function maliciousRows(findings: ReportFinding[]): string[] {
  const lines = ['| Name | Level | MD5 | Path |', '| --- | --- | --- | --- |'];
  for (const f of findings) {
    const paths = f.paths ?? [];
    const more = paths.length > 1 ? ` (+${paths.length - 1} more)` : '';
    const path = paths[0] ? `${code(paths[0], 200)}${more}` : '—';
    lines.push(
      `| ${escapeShort(f.id, 120)}${findingMarks(f)} | ${levelText(f)} | ${dash(f.md5, 64)} | ${path} |`,
    );
  }
  return lines;
}

function baselineRows(findings: ReportFinding[]): string[] {
  const lines = [
    '| Check | Class | Level | Items (high / medium / low) |',
    '| --- | --- | --- | --- |',
  ];
  for (const f of findings) {
    const items = f.itemCounts ? LEVELS.map((l) => f.itemCounts?.[l] ?? 0).join(' / ') : '—';
    lines.push(
      `| ${escapeShort(f.id, 160)}${findingMarks(f)} | ${dash(f.className, 80)} | ${levelText(f)} | ${items} |`,
    );
  }
  return lines;
}

const ROWS: Record<Category, (f: ReportFinding[]) => string[]> = {
  'cve-vulns': vulnerabilityRows,
  'sca-vulns': vulnerabilityRows,
  'malicious-files': maliciousRows,
  'baseline-risks': baselineRows,
};

/**
 * The listed findings of one image, at most `max` per category (the caller lowers `max` until the
 * text fits its size cap, so a table is never cut mid-row).
 */
export function findingsSection(image: ImageReport, max: number): string[] {
  const lines: string[] = [];
  for (const c of CATEGORIES) {
    const listed = (image.findings[c] ?? []).slice(0, max);
    const levels = image.levels[c];
    if (!levels) continue;
    const entry = image.categories[c];
    // With a baseline, inherited findings are listed after the new ones (which alone count).
    const inherited = entry.new !== undefined ? (entry.inherited ?? 0) : 0;
    const total = LEVELS.reduce((sum, l) => sum + levels[l], 0) + inherited;
    const ignored = image.unfixableIgnored[c];
    // Nothing to list: the table's "0 / 0 / 0" already says so.
    if (total === 0 && !ignored) continue;
    const left = ignored ? `; ${ignored} without a fix left out (ignore-unfixable)` : '';
    const order = inherited > 0 ? `new first (${inherited} inherited)` : 'most severe first';
    const head = `**${CATEGORY_INFO[c].label}:** ${listed.length} of ${total} listed, ${order}${left}.`;
    lines.push('', head);
    if (listed.length > 0) lines.push('', ...ROWS[c](listed));
  }
  return lines;
}

/** Lists not read and other notes, one list item each. */
export function notesSection(image: ImageReport): string[] {
  if (image.notes.length === 0) return [];
  return ['', ...image.notes.map((n) => `- ${escapeShort(n, 1000)}`)];
}

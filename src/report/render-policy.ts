// Markdown for issue 18's parts of the summary and the PR comment: per image the baseline it
// was compared with (or why none was), "this change fixes N findings", the accepted risks, and
// per listed finding its marks (new, acceptance expired); for the run, the policy file's entries
// that need a look (expiring, expired, unused, not checked). Nothing here is an error: it is
// shown so that exceptions are reviewed, not hidden. Every text from the policy file, the inputs
// or Security Center goes through escapeText.
import { CATEGORIES, CATEGORY_INFO } from '../core/categories.js';
import { escapeShort, escapeText } from './escape.js';
import type { ImageReport, Report, ReportFinding } from './model.js';
import type { PolicyReport } from './policy-model.js';

/** Baseline scans older than this (before the image's) may show disclosures as new findings. */
export const BASELINE_AGE_WARNING_MS = 24 * 3_600_000;
/** How many entries of each kind the run's policy section names. */
const MAX_POLICY_ROWS = 20;

function code(text: string, max = 200): string {
  return `<code>${escapeShort(text, max)}</code>`;
}

function when(iso: string): string {
  return iso.replace('T', ' ').replace(/\.\d+Z$|Z$/, ' UTC');
}

/** The marks after a listed finding's id: new (with a baseline), acceptance expired. */
export function findingMarks(f: ReportFinding): string {
  let out = '';
  if (f.baseline === 'new') out += ' 🆕 new';
  if (f.acceptanceExpired)
    out += ` (acceptance expired on ${escapeText(f.acceptanceExpired.expires)}, policy line ${f.acceptanceExpired.policyLine})`;
  return out;
}

/** The cells the counts table gains for one category: accepted, and new / inherited / fixed. */
export function extraCells(image: ImageReport, category: (typeof CATEGORIES)[number]): string[] {
  const e = image.categories[category];
  const cells: string[] = [];
  if (image.accepted !== undefined) cells.push(String(e.accepted ?? 0));
  if (comparedImage(image))
    cells.push(e.new === undefined ? '—' : `${e.new} / ${e.inherited ?? 0} / ${e.fixed ?? 0}`);
  return cells;
}

/** The counts table's extra headings, matching extraCells. */
export function extraHeadings(image: ImageReport): { names: string[]; aligns: string[] } {
  const names: string[] = [];
  if (image.accepted !== undefined) names.push('Accepted');
  if (comparedImage(image)) names.push('New / inherited / fixed');
  return { names, aligns: names.map(() => '---:') };
}

/** In a several-images row, after a category's count: its accepted and new numbers. */
export function rowSuffix(image: ImageReport, category: (typeof CATEGORIES)[number]): string {
  const e = image.categories[category];
  const parts: string[] = [];
  if (e.accepted) parts.push(`${e.accepted} accepted`);
  if (comparedImage(image) && e.new !== undefined) parts.push(`${e.new} new`);
  return parts.length > 0 ? ` · ${parts.join(', ')}` : '';
}

function comparedImage(image: ImageReport): boolean {
  return image.baseline !== undefined && 'digest' in image.baseline;
}

function selectorsText(selectors: Record<string, string>): string {
  return Object.entries(selectors)
    .map(([k, v]) => `${escapeText(k)} ${code(v, 120)}`)
    .join(' · ');
}

/** The baseline line(s) of one image: which image, or why none; the older-scan warning; fixes. */
export function baselineLines(image: ImageReport): string[] {
  const b = image.baseline;
  if (!b) return [];
  if (!('digest' in b)) {
    return [
      '',
      `**Baseline:** ${selectorsText(b.selectors)}: not used. ${escapeShort(b.reason, 600)}`,
    ];
  }
  const scanned = b.scannedAt ? `, scanned at ${when(b.scannedAt)}` : '';
  const lines = [
    '',
    `**Baseline:** ${selectorsText(b.selectors)} → ${code(b.digest, 80)}${scanned}. Only new findings count; inherited ones are listed after them.`,
  ];
  const mine = image.scan.scannedAt ? Date.parse(image.scan.scannedAt) : NaN;
  const theirs = b.scannedAt ? Date.parse(b.scannedAt) : NaN;
  if (mine - theirs > BASELINE_AGE_WARNING_MS) {
    const hours = Math.floor((mine - theirs) / 3_600_000);
    lines.push(
      '',
      `⚠️ The baseline was scanned ${hours} hours before this image: vulnerabilities disclosed in between may show as new.`,
    );
  }
  const fixed = CATEGORIES.reduce((n, c) => n + (image.categories[c].fixed ?? 0), 0);
  if (fixed > 0)
    lines.push('', `This change fixes ${fixed} finding${fixed === 1 ? '' : 's'} of the baseline.`);
  return lines;
}

/** Days until expiry for the entry on `line`, when it is expiring soon. */
function expiringDays(policy: PolicyReport | undefined, line: number): number | undefined {
  return policy?.expiring.find((e) => e.line === line)?.days;
}

/** The Accepted risks section of one image: at most `max` per category; the counts complete. */
export function acceptedSection(
  image: ImageReport,
  policy: PolicyReport | undefined,
  max: number,
): string[] {
  const accepted = image.accepted;
  if (!accepted) return [];
  const total = CATEGORIES.reduce((n, c) => n + (image.categories[c].accepted ?? 0), 0);
  if (total === 0) return [];
  const listed = CATEGORIES.flatMap((c) => accepted.filter((a) => a.category === c).slice(0, max));
  const lines = [
    '',
    `**Accepted risks:** ${total} finding${total === 1 ? '' : 's'} accepted by the policy file (not counted)${listed.length < total ? `; ${listed.length} listed` : ''}.`,
  ];
  if (listed.length === 0) return lines;
  lines.push(
    '',
    '| Category | ID | Level | Package | Reason | Expires | Policy line |',
    '| --- | --- | --- | --- | --- | --- | ---: |',
  );
  for (const a of listed) {
    const days = expiringDays(policy, a.policyLine);
    const soon = days === undefined ? '' : ` ⏳ expires in ${days} day${days === 1 ? '' : 's'}`;
    lines.push(
      `| ${CATEGORY_INFO[a.category].label} | ${escapeShort(a.id, 120)} | ${a.level} | ${a.package ? escapeShort(a.package, 80) : '—'} | ${escapeShort(a.reason, 500)} | ${escapeText(a.expires)}${soon} | ${a.policyLine} |`,
    );
  }
  return lines;
}

function entryList(title: string, items: string[]): string[] {
  if (items.length === 0) return [];
  const shown = items.slice(0, MAX_POLICY_ROWS);
  const more =
    items.length > shown.length
      ? [`- …and ${items.length - shown.length} more (report output)`]
      : [];
  return ['', title, '', ...shown.map((i) => `- ${i}`), ...more];
}

/** The run's policy file section: what needs a look. Nothing when there is no policy file. */
export function policySection(report: Report): string[] {
  const p = report.policy;
  if (!p) return [];
  const name = (e: { id: string; line: number }) => `${code(e.id, 120)} (policy line ${e.line})`;
  const lines = [
    '',
    `**Policy file:** ${code(p.path, 200)}.`,
    ...entryList(
      '**Expiring within 14 days:**',
      p.expiring.map(
        (e) =>
          `${name(e)} expires in ${e.days} day${e.days === 1 ? '' : 's'} (${escapeText(e.expires)})`,
      ),
    ),
    ...entryList(
      '**Expired** (they accept nothing; renew with a new reason or remove them):',
      p.expired.map((e) =>
        e.matched > 0
          ? `${code(e.id, 120)}: acceptance expired on ${escapeText(e.expires)}, policy line ${e.line}; it would still match ${e.matched} finding${e.matched === 1 ? '' : 's'} (those no entry in force accepts count)`
          : `${name(e)}: expired on ${escapeText(e.expires)}; matches nothing in the lists read`,
      ),
    ),
    ...entryList(
      '**Unused** (in force, matched no finding in any gated image: clean them up if stale):',
      p.unused.map(name),
    ),
    ...entryList(
      '**Not checked** (no list they could match was read, or an image they may cover could not be looked at):',
      p.notChecked.map(name),
    ),
  ];
  return lines;
}

/** The one warning annotation for the policy file as a whole (GitHub shows 10 per step). */
export interface PolicyAnnotation {
  message: string;
  /** The policy file, relative to the workspace. */
  file: string;
  /** The first flagged entry's line. */
  line: number;
}

/**
 * At most one annotation: how many entries are expired, expiring or unused, pointing at the first
 * flagged line; undefined when none is (entries not checked are not flagged: another workflow's
 * images may be theirs).
 */
export function policyAnnotation(policy: PolicyReport): PolicyAnnotation | undefined {
  const flagged = [...policy.expired, ...policy.expiring, ...policy.unused];
  if (flagged.length === 0) return undefined;
  const plural = (n: number, word: string) => `${n} ${word}`;
  const parts: string[] = [];
  if (policy.expired.length > 0) parts.push(plural(policy.expired.length, 'expired'));
  if (policy.expiring.length > 0)
    parts.push(plural(policy.expiring.length, 'expiring within 14 days'));
  if (policy.unused.length > 0) parts.push(plural(policy.unused.length, 'unused'));
  const n = new Set(flagged.map((e) => e.line)).size;
  return {
    message: `Policy file: ${n} entr${n === 1 ? 'y needs' : 'ies need'} a look (${parts.join(', ')}); see the job summary.`,
    file: policy.path,
    line: Math.min(...flagged.map((e) => e.line)),
  };
}

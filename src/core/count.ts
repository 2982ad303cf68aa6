// From Security Center's finding-list records to the findings the gate counts and shows: one
// level vocabulary, the risk-status filter, ignore-unfixable, counts per level and the order a
// developer reads them in. Pure: no I/O.
//
// Which field decides risk-status, per category (the count query's Dealed meaning):
// - cve-vulns: the request's Dealed (n/y/omitted); records carry no handled state, so every record
//   returned counts.
// - sca-vulns: the item's Status: 0 unhandled, 1 handled, 3 whitelisted (the user's decision,
//   counted as handled); 2 (verifying) and unknown values count in every mode.
// - malicious-files: the sample's Status, read as for SCA, from the grouped row and from this
//   image's file rows: the sample counts when either says it does (they may disagree).
// - baseline-risks: no handled state; a check counts while it is not fixed (Status not 1).
// Unknown level words count as high, and are flagged so the summary can say so.
import type {
  BaselineRecord,
  CveRecord,
  MaliciousRecord,
  ScaRecord,
} from '../alibaba/findings-api.js';
import type { Category } from './categories.js';
import { advisoryLink, levelOf, type Finding, type Level, type LevelCounts } from './findings.js';
import type { RiskStatus } from './selector.js';

/** One category's finding list, read and counted. */
export interface CategoryFindings {
  /** Every finding that counts (after risk-status and ignore-unfixable), most severe first. */
  findings: Finding[];
  /** Those findings at exactly each level. */
  levels: LevelCounts;
  /** Vulnerabilities Security Center marks as having no fix, left out under ignore-unfixable. */
  unfixableIgnored: number;
  /** Those findings themselves (they are still reported to code scanning), most severe first. */
  unfixable: Finding[];
  /** Findings after risk-status, before ignore-unfixable (what the count query should match). */
  beforeUnfixable: number;
  /** Findings whose level word was not one the gate knows (counted as high). */
  unknownLevels: number;
}

export interface CountOptions {
  riskStatus: RiskStatus;
  ignoreUnfixable: boolean;
}

export type CategoryRecords =
  | { category: 'cve-vulns'; records: CveRecord[] }
  | { category: 'sca-vulns'; records: ScaRecord[] }
  | { category: 'malicious-files'; records: MaliciousRecord[] }
  | { category: 'baseline-risks'; records: BaselineRecord[] };

export function zeroLevels(): LevelCounts {
  return { high: 0, medium: 0, low: 0 };
}

const HANDLED = new Set([1, 3]);

/** Status 0/1/2/3 against risk-status: verifying (2) and unknown values count in every mode. */
function countsFor(status: number | undefined, riskStatus: RiskStatus): boolean {
  if (riskStatus === 'all' || status === undefined || (status !== 0 && !HANDLED.has(status)))
    return true;
  return riskStatus === 'handled' ? HANDLED.has(status) : status === 0;
}

/** `yes` → true, `no` → false; anything else is not said (counted as fixable). */
function fixableOf(canFix: string | undefined): boolean | undefined {
  const v = canFix?.trim().toLowerCase();
  return v === 'yes' ? true : v === 'no' ? false : undefined;
}

function leveled(
  category: Category,
  word: string,
): Pick<Finding, 'level' | 'rawLevel' | 'levelUnknown'> {
  const level = levelOf(category, word);
  return level ? { level, rawLevel: word } : { level: 'high', rawLevel: word, levelUnknown: true };
}

function cvss(score: string | undefined): number | undefined {
  const n = score === undefined || !/^\d+(\.\d+)?$/.test(score.trim()) ? NaN : Number(score);
  return n > 0 && n <= 10 ? n : undefined;
}

/** What every vulnerability shows: its id (the first CVE id, else its name), title, level, fix. */
function vulnerability(
  category: 'cve-vulns' | 'sca-vulns',
  r: { name: string; related: string[]; aliasName?: string; canFix?: string },
  levelWord: string,
): Omit<Finding, 'packages'> {
  const cveIds = r.related.filter((id) => advisoryLink(id) !== undefined);
  return {
    category,
    key: r.name,
    id: cveIds[0] ?? r.name,
    cveIds,
    title: r.aliasName ?? '',
    ...leveled(category, levelWord),
    fixable: fixableOf(r.canFix),
  };
}

function cveFinding(r: CveRecord): Finding {
  return {
    ...vulnerability('cve-vulns', r, r.necessity),
    packages: r.packages.map((p) => ({
      name: p.name,
      ...(p.version === undefined ? {} : { version: p.version }),
      ...(p.updateCmd === undefined ? {} : { fixCommand: p.updateCmd }),
      ...(p.path === undefined ? {} : { path: p.path }),
    })),
  };
}

/**
 * An SCA item's level is the highest with a non-zero count. An unreadable count, or none above
 * zero, leaves it unknown: counted as high, never lower than it may be.
 */
function scaLevel(r: ScaRecord): string {
  const counts = [r.asapCount, r.laterCount, r.nntfCount];
  if (counts.some((n) => Number.isNaN(n))) return '';
  if (r.asapCount > 0) return 'asap';
  if (r.laterCount > 0) return 'later';
  if (r.nntfCount > 0) return 'nntf';
  return '';
}

function scaFinding(r: ScaRecord): Finding {
  const score = cvss(r.cveScore);
  return {
    ...vulnerability('sca-vulns', r, scaLevel(r)),
    packages: [],
    ...(score === undefined ? {} : { cvss: score }),
  };
}

function maliciousFinding(r: MaliciousRecord): Finding {
  return {
    category: 'malicious-files',
    key: r.md5,
    id: r.name || r.md5,
    cveIds: [],
    title: r.key ?? '',
    ...leveled('malicious-files', r.level),
    packages: [],
    md5: r.md5,
    paths: r.files.map((f) => f.path),
  };
}

function baselineFinding(r: BaselineRecord): Finding {
  return {
    category: 'baseline-risks',
    key: r.key,
    id: r.alias || r.key,
    cveIds: [],
    title: r.alias,
    ...leveled('baseline-risks', r.level),
    packages: [],
    ...(r.classAlias === undefined ? {} : { className: r.classAlias }),
    itemCounts: { high: r.highCount ?? 0, medium: r.mediumCount ?? 0, low: r.lowCount ?? 0 },
  };
}

/** The findings that count under risk-status, normalised. */
function counted(list: CategoryRecords, riskStatus: RiskStatus): Finding[] {
  switch (list.category) {
    case 'cve-vulns':
      return list.records.map(cveFinding);
    case 'sca-vulns':
      return list.records.filter((r) => countsFor(r.status, riskStatus)).map(scaFinding);
    case 'malicious-files':
      // This image's file rows and the grouped row may disagree: the sample counts when either
      // says it does.
      return list.records
        .filter(
          (r) =>
            countsFor(r.status, riskStatus) || r.files.some((f) => countsFor(f.status, riskStatus)),
        )
        .map(maliciousFinding);
    case 'baseline-risks':
      return list.records.filter((r) => r.status !== 1).map(baselineFinding);
  }
}

const RANK: Record<Level, number> = { high: 0, medium: 1, low: 2 };

/** Most severe first, then fixable first (not-fixable last), then by the id shown. */
export function byImportance(a: Finding, b: Finding): number {
  const fix = (f: Finding) => (f.fixable === false ? 1 : 0);
  return (
    RANK[a.level] - RANK[b.level] ||
    fix(a) - fix(b) ||
    (a.id < b.id ? -1 : a.id > b.id ? 1 : a.key < b.key ? -1 : a.key > b.key ? 1 : 0)
  );
}

/** Counts a category's list: risk-status, then ignore-unfixable (vulnerabilities only). */
export function countFindings(list: CategoryRecords, opts: CountOptions): CategoryFindings {
  const all = counted(list, opts.riskStatus);
  const vulnerability = list.category === 'cve-vulns' || list.category === 'sca-vulns';
  // Only an explicit "no fix" leaves a finding out: a missing or unknown CanFix counts.
  const kept = opts.ignoreUnfixable && vulnerability ? all.filter((f) => f.fixable !== false) : all;
  const levels = zeroLevels();
  for (const f of kept) levels[f.level]++;
  return {
    findings: kept.sort(byImportance),
    unfixable: all.filter((f) => !kept.includes(f)).sort(byImportance),
    levels,
    unfixableIgnored: all.length - kept.length,
    beforeUnfixable: all.length,
    unknownLevels: kept.filter((f) => f.levelUnknown).length,
  };
}

/** What a list read means for the image: keep it, note why not, or (enforced) fail the image. */
export type ListJudgement = { keep: CategoryFindings; notes: string[] } | { problem: string };

/**
 * Whether a read list can be used. A list with nothing that counts while the count query counts
 * some cannot be trusted (a digest form, site or permission mismatch would look exactly so);
 * other gaps between the two are units that may differ, worth a note but no error.
 */
export function judgeList(
  label: string,
  read: { ok: true; list: CategoryFindings } | { ok: false; problem: string },
  total: number,
): ListJudgement {
  if (!read.ok) return { problem: read.problem };
  const { list } = read;
  if (list.beforeUnfixable === 0 && total > 0) {
    return {
      problem: `The ${label} list has nothing that counts while the count query counts ${total}, so the list cannot be trusted (the digest, the site or a filter may not match what the count query saw).`,
    };
  }
  const notes: string[] = [];
  if (list.beforeUnfixable !== total)
    notes.push(
      `The ${label} list counts ${list.beforeUnfixable}, the count query ${total}; their units may differ, and level terms are counted from the list.`,
    );
  if (list.unknownLevels > 0)
    notes.push(
      `${list.unknownLevels} ${label} finding(s) carry a level the gate does not know; they are counted as high.`,
    );
  return { keep: list, notes };
}

// From Security Center's finding-list records to the core's Finding: the one place that knows
// the wire codes. Status 0/1/2/3 become handling states, CanFix yes/no becomes `fixable`, the
// SCA level counts become a level word, and each category's id, title and packages are picked.
// Pure: no I/O. Counting (risk-status, ignore-unfixable, per level) is core/count.ts's.
//
// Which field says how a finding was handled, per category (the count query's Dealed meaning):
// - cve-vulns: the request's Dealed (n/y/omitted) filters; records carry no handled state, so
//   every record returned counts (no `handling`).
// - sca-vulns: the item's Status: 0 unhandled, 1 handled, 3 whitelisted (the user's decision,
//   counted as handled); 2 (verifying) and unknown values count in every mode ('other').
// - malicious-files: the sample's Status, read as for SCA, from the grouped row and from each of
//   this image's file rows: the sample counts when any of them says it does (they may disagree).
// - baseline-risks: no handled state; a check counts while it is not fixed (Status 1 is 'fixed').
import type { Category } from '../core/categories.js';
import { advisoryLink, levelOf, type Finding, type HandlingState } from '../core/findings.js';
import type { BaselineRecord, CveRecord, ScaRecord } from './findings-api.js';
import type { MaliciousRecord } from './malicious-api.js';

/** One category's records as read off the wire. */
export type CategoryRecords =
  | { category: 'cve-vulns'; records: CveRecord[] }
  | { category: 'sca-vulns'; records: ScaRecord[] }
  | { category: 'malicious-files'; records: MaliciousRecord[] }
  | { category: 'baseline-risks'; records: BaselineRecord[] };

const HANDLED = new Set([1, 3]);

/** SCA and malicious-file Status: 0 unhandled; 1 handled, 3 whitelisted; 2 and unknown: other. */
export function handlingOf(status: number | undefined): HandlingState {
  if (status === 0) return 'unhandled';
  return status !== undefined && HANDLED.has(status) ? 'handled' : 'other';
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
    handling: [handlingOf(r.status)],
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
    // The grouped row and this image's file rows may disagree: any of them can make it count.
    handling: [handlingOf(r.status), ...r.files.map((f) => handlingOf(f.status))],
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
    handling: [r.status === 1 ? 'fixed' : 'other'],
  };
}

/** Every record of a list as a Finding, before any filter. */
export function toFindings(list: CategoryRecords): Finding[] {
  switch (list.category) {
    case 'cve-vulns':
      return list.records.map(cveFinding);
    case 'sca-vulns':
      return list.records.map(scaFinding);
    case 'malicious-files':
      return list.records.map(maliciousFinding);
    case 'baseline-risks':
      return list.records.map(baselineFinding);
  }
}

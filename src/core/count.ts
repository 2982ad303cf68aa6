// Counting one category's findings: the risk-status filter on each finding's handling states,
// ignore-unfixable, counts per level and the order a developer reads them in. Pure: no I/O; the
// wire codes behind `handling` and `fixable` are alibaba/to-findings.ts's.
import { isVulnerability, type Category } from './categories.js';
import {
  levelRank,
  zeroLevels,
  type Finding,
  type HandlingState,
  type LevelCounts,
} from './findings.js';
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

/** One handling statement under risk-status: 'other' counts in every mode, 'fixed' in none. */
export function stateCounts(state: HandlingState, riskStatus: RiskStatus): boolean {
  if (state === 'fixed') return false;
  if (state === 'other' || riskStatus === 'all') return true;
  return state === riskStatus;
}

/**
 * Whether a finding counts under risk-status: a finding without handling states counts (its
 * list was filtered by the request); otherwise it counts when any of its statements does.
 */
export function countsUnder(finding: Finding, riskStatus: RiskStatus): boolean {
  return finding.handling === undefined || finding.handling.some((s) => stateCounts(s, riskStatus));
}

/** Most severe first, then fixable first (not-fixable last), then by the id shown. */
export function byImportance(a: Finding, b: Finding): number {
  const fix = (f: Finding) => (f.fixable === false ? 1 : 0);
  return (
    levelRank(a.level) - levelRank(b.level) ||
    fix(a) - fix(b) ||
    (a.id < b.id ? -1 : a.id > b.id ? 1 : a.key < b.key ? -1 : a.key > b.key ? 1 : 0)
  );
}

/** Counts a category's list: risk-status, then ignore-unfixable (vulnerabilities only). */
export function countFindings(
  category: Category,
  findings: readonly Finding[],
  opts: CountOptions,
): CategoryFindings {
  const all = findings.filter((f) => countsUnder(f, opts.riskStatus));
  const vulnerability = isVulnerability(category);
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

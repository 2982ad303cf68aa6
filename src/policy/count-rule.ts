// What the limits count for one image and category once the policy file and a baseline have had
// their say. The order is fixed (issue 18): read → apply the policy file → compare with the
// baseline → judge, so a finding both accepted and new counts as accepted, and only findings
// that are neither accepted nor inherited count.
//
// The count query and the list may disagree (they are two answers, given at two moments). Where
// something was accepted, the number a bare `N` is compared with is the larger of (count query
// total − accepted) and (the list's unaccepted findings): an acceptance never lowers the total by
// more than it took out of the list, and never below what the list still shows. A baseline is
// held to the same rule: with one, the number is the larger of (count query total − accepted −
// inherited) and (the list's new unaccepted findings), so a baseline only ever lowers the total
// by findings identified in both images, never by findings the list did not show.
//
// Units: the count query counts baseline-risk items, the lists count checks. So for
// baseline-risks the total is in items: an accepted check takes out its items (0 when the list
// gives none), and a check that still counts is at least one item. Other categories count one
// per finding. Level terms always count findings (checks) by level.
import type { Category } from '../core/categories.js';
import { LEVELS, type Finding, type LevelCounts } from '../core/findings.js';
import type { Acceptance, PolicyApplication } from './accept.js';
import { compareWithBaseline } from './baseline.js';

/** One image-category, judged: what counts, and why the rest does not. */
export interface CategoryCount {
  category: Category;
  /** What the limits count: new unaccepted findings with a baseline, else unaccepted ones. */
  counted: Finding[];
  /** `counted` at exactly each level (for level terms). */
  levels: LevelCounts;
  /**
   * The number a bare `N` limit is compared with, in the count query's unit (see the units
   * above): from the list when no count total was given, else the count rule.
   */
  total: number;
  accepted: Acceptance[];
  /** Counted findings whose only matching entries had expired. */
  expiredMatches: Acceptance[];
  /** With a baseline only: unaccepted findings split into new and inherited, and those fixed. */
  baseline?: { new: Finding[]; inherited: Finding[]; fixed: Finding[] };
}

export interface CategoryCountInput {
  category: Category;
  /** The image's findings of the category, after risk-status and ignore-unfixable. */
  findings: readonly Finding[];
  /** The policy applied to exactly these findings, when there is a policy. */
  application?: PolicyApplication;
  /** The baseline image's findings of the category (same filters), when one was compared. */
  baseline?: readonly Finding[];
  /**
   * The count query's total for the category, when a bare `N` is judged against it. Leave it out
   * where the list is the count (ignore-unfixable on vulnerabilities).
   */
  countQueryTotal?: number;
}

/** A finding's weight in the count query's unit (see the units above). */
export function countUnits(
  category: Category,
  findings: readonly Finding[],
  as: 'accepted' | 'counted',
): number {
  if (category !== 'baseline-risks') return findings.length;
  return findings.reduce((sum, f) => {
    const items = f.itemCounts ? LEVELS.reduce((n, l) => n + (f.itemCounts?.[l] ?? 0), 0) : 0;
    return sum + (as === 'counted' ? Math.max(1, items) : items);
  }, 0);
}

/** The count rule: max(count query total − accepted, the list's unaccepted), never below 0. */
export function gatedTotal(
  countQueryTotal: number,
  accepted: number,
  listUnaccepted: number,
): number {
  return Math.max(countQueryTotal - accepted, listUnaccepted, 0);
}

export function levelCounts(findings: readonly Finding[]): LevelCounts {
  const levels: LevelCounts = { high: 0, medium: 0, low: 0 };
  for (const f of findings) levels[f.level] += 1;
  return levels;
}

/** Applies the order read → policy → baseline → judge to one image's category. */
export function countCategory(input: CategoryCountInput): CategoryCount {
  const { category, findings, application, baseline, countQueryTotal } = input;
  if (
    application &&
    (application.category !== category ||
      application.counted.length + application.accepted.length !== findings.length)
  ) {
    throw new Error(`the policy was applied to another ${category} list`);
  }
  const unaccepted = application ? application.counted : [...findings];
  const accepted = application?.accepted ?? [];
  const expiredMatches = application?.expiredMatches ?? [];
  if (baseline) {
    // Inherited and new split only what the policy left; fixed is judged against every finding
    // still in the image, accepted ones included.
    const split = compareWithBaseline(category, unaccepted, baseline);
    const fixed = compareWithBaseline(category, findings, baseline).fixed;
    const newUnits = countUnits(category, split.new, 'counted');
    const taken =
      countUnits(
        category,
        accepted.map((a) => a.finding),
        'accepted',
      ) + countUnits(category, split.inherited, 'accepted');
    return {
      category,
      counted: split.new,
      levels: levelCounts(split.new),
      total:
        countQueryTotal === undefined ? newUnits : gatedTotal(countQueryTotal, taken, newUnits),
      accepted,
      expiredMatches,
      baseline: { new: split.new, inherited: split.inherited, fixed },
    };
  }
  const listTotal = countUnits(category, unaccepted, 'counted');
  const acceptedUnits = countUnits(
    category,
    accepted.map((a) => a.finding),
    'accepted',
  );
  const total =
    countQueryTotal === undefined
      ? listTotal
      : accepted.length > 0
        ? gatedTotal(countQueryTotal, acceptedUnits, listTotal)
        : countQueryTotal;
  return {
    category,
    counted: unaccepted,
    levels: levelCounts(unaccepted),
    total,
    accepted,
    expiredMatches,
  };
}

// Which finding lists a run reads, and why: the one home of that rule, used by the gate (what to
// ask for), the printed minimal RAM policy (which list actions a run may call) and the report. A
// list is read up front when a limit is counted from it (then a list that cannot be read makes
// the image an error) or when a SARIF file reports every finding; the others are read only when
// an image fails, to list what to fix (list-findings above 0). Pure: plain values in, no I/O.
import { CATEGORIES, isVulnerability, type Category } from './categories.js';
import type { Level } from './findings.js';

/** What the plan needs of one category's limit (inputs/limits.ts's LimitSpec has it). */
export interface PlannedLimit {
  /** Reported, never enforced. */
  off: boolean;
  /** LEVEL:N terms, counted from the finding list. */
  levels: Partial<Record<Level, number>>;
}

export interface ListPlanSettings {
  limits: Record<Category, PlannedLimit>;
  ignoreUnfixable: boolean;
  /** A SARIF file is written: it reports every finding of every category. */
  sarif: boolean;
  /** Findings listed per category for a failing image (0: none). */
  listFindings: number;
  /**
   * Categories also counted from their list, read whole, when their limit is enforced: those an
   * accepted-risk entry in force could match (issue 18). Absent: none.
   */
  alsoRead?: readonly Category[];
}

/**
 * Why a list is read: a limit is counted from it (`enforced`), the SARIF file reports every
 * finding (`sarif`), or a failing image lists its findings (`list-findings`).
 */
export type ListReason = 'enforced' | 'sarif' | 'list-findings';

export interface PlannedList {
  category: Category;
  reason: ListReason;
  /** `up-front`: for every image; `on-fail`: only for an image over its limits. */
  when: 'up-front' | 'on-fail';
}

export interface ListPlan {
  /** Lists a limit is counted from: one that cannot be read makes the image an error. */
  enforced: Category[];
  /** Lists read for every image (enforced, or all of them for SARIF), in category order. */
  upFront: Category[];
  /** Lists read only when an image fails, to list its findings, in category order. */
  onFail: Category[];
  /** Every list the run may read, in category order, with why and when. */
  lists: PlannedList[];
}

/**
 * Whether a category's limit is enforced from its finding list: a level term, or a vulnerability
 * limit under ignore-unfixable (then even a bare N counts the fixable findings of the list).
 */
export function enforcedFromList(
  category: Category,
  limit: PlannedLimit,
  ignoreUnfixable: boolean,
): boolean {
  if (limit.off) return false;
  return Object.keys(limit.levels).length > 0 || (ignoreUnfixable && isVulnerability(category));
}

export function planLists(settings: ListPlanSettings): ListPlan {
  const lists: PlannedList[] = [];
  for (const category of CATEGORIES) {
    const limit = settings.limits[category];
    if (
      enforcedFromList(category, limit, settings.ignoreUnfixable) ||
      (!limit.off && settings.alsoRead?.includes(category) === true)
    )
      lists.push({ category, reason: 'enforced', when: 'up-front' });
    else if (settings.sarif) lists.push({ category, reason: 'sarif', when: 'up-front' });
    else if (settings.listFindings > 0)
      lists.push({ category, reason: 'list-findings', when: 'on-fail' });
  }
  const pick = (keep: (l: PlannedList) => boolean) => lists.filter(keep).map((l) => l.category);
  return {
    enforced: pick((l) => l.reason === 'enforced'),
    upFront: pick((l) => l.when === 'up-front'),
    onFail: pick((l) => l.when === 'on-fail'),
    lists,
  };
}

/** Every category whose list the run may read, up front or on a fail, in category order. */
export function mayRead(plan: ListPlan): Category[] {
  return plan.lists.map((l) => l.category);
}

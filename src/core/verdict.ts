// The gate's decision: pure functions over counts, level counts and limits, no I/O. A limit is
// exceeded when any of its terms is: `N` against the count query's total (or, under
// ignore-unfixable, the fixable findings of a vulnerability list), `LEVEL:N` against the list's
// findings at that level or above. A term whose numbers are missing is never assumed to hold.
import {
  CATEGORIES,
  isVulnerability,
  type Category,
  type Counts,
  type Limit,
} from './categories.js';
import { GateError } from '../infra/errors.js';
import { LEVELS, type Level, type LevelCounts } from './findings.js';
import type { LimitSpec, LimitSpecs } from './limits.js';
import { enforcedFromList } from './plan.js';

export type Result = 'pass' | 'fail' | 'error';
export type CategoryStatus = 'pass' | 'fail' | 'off';

export interface CategoryVerdict {
  /** The count query's total. */
  count: number;
  /** The limit in the report's first form: N for a single bare N, 'off', else the text. */
  limit: Limit;
  /** The limit as written, e.g. "high:0,medium:2". */
  limitText: string;
  status: CategoryStatus;
  /** The terms over their limit, as written in canonical form (e.g. "high:0"). */
  exceededTerms: string[];
}

export interface Evaluation {
  result: 'pass' | 'fail';
  exceeded: Category[];
  categories: Record<Category, CategoryVerdict>;
}

/** What the limits may be checked against besides the counts. */
export interface Evidence {
  /** Per category: the list's findings at exactly each level (after risk-status and ignore-unfixable). */
  levels: Partial<Record<Category, LevelCounts>>;
  ignoreUnfixable: boolean;
}

/** The report's first form of a limit: N for a single bare N, 'off', else the text written. */
export function limitValue(spec: LimitSpec): Limit {
  if (spec.off) return 'off';
  if (Object.keys(spec.levels).length === 0 && spec.total !== undefined) return spec.total;
  return spec.text;
}

/** Findings at `level` or above. */
export function atOrAbove(levels: LevelCounts, level: Level): number {
  return LEVELS.slice(0, LEVELS.indexOf(level) + 1).reduce((sum, l) => sum + levels[l], 0);
}

/**
 * A count equal to its limit passes; an 'off' limit is reported but never fails. Throws when a
 * limit needs a list that is not in `evidence` (the caller makes that image an error).
 */
export function evaluate(counts: Counts, limits: LimitSpecs, evidence: Evidence): Evaluation {
  const categories = {} as Record<Category, CategoryVerdict>;
  const exceeded: Category[] = [];
  for (const category of CATEGORIES) {
    const spec = limits[category];
    const verdict: CategoryVerdict = {
      count: counts[category],
      limit: limitValue(spec),
      limitText: spec.text,
      status: 'off',
      exceededTerms: [],
    };
    if (!spec.off) {
      const levels = evidence.levels[category];
      const fromList = enforcedFromList(category, spec, evidence.ignoreUnfixable);
      if (fromList && !levels) {
        throw new GateError(
          `The ${category} limit (${spec.text}) is counted from its finding list, which was not read.`,
        );
      }
      if (spec.total !== undefined) {
        // A bare N is the count query's total, except that ignore-unfixable counts the fixable
        // findings of a vulnerability list instead.
        const fixableOnly = evidence.ignoreUnfixable && isVulnerability(category);
        const total = fixableOnly && levels ? atOrAbove(levels, 'low') : counts[category];
        if (total > spec.total) verdict.exceededTerms.push(String(spec.total));
      }
      for (const level of LEVELS) {
        const max = spec.levels[level];
        if (max !== undefined && levels && atOrAbove(levels, level) > max)
          verdict.exceededTerms.push(`${level}:${max}`);
      }
      verdict.status = verdict.exceededTerms.length > 0 ? 'fail' : 'pass';
    }
    if (verdict.status === 'fail') exceeded.push(category);
    categories[category] = verdict;
  }
  return { result: exceeded.length > 0 ? 'fail' : 'pass', exceeded, categories };
}

const SEVERITY: Record<Result, number> = { pass: 0, fail: 1, error: 2 };

/** error > fail > pass. No results at all is an error: nothing was established. */
export function worstResult(results: Iterable<Result>): Result {
  let worst: Result | undefined;
  for (const r of results) if (worst === undefined || SEVERITY[r] > SEVERITY[worst]) worst = r;
  return worst ?? 'error';
}

/** Categories exceeded by any of the evaluations, in the fixed category order. */
export function unionExceeded(lists: Iterable<readonly Category[]>): Category[] {
  const seen = new Set<Category>();
  for (const list of lists) for (const c of list) seen.add(c);
  return CATEGORIES.filter((c) => seen.has(c));
}

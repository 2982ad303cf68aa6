// The gate's decision: pure functions over counts and limits, no I/O.
import { CATEGORIES, type Category, type Counts, type Limit, type Limits } from './categories.js';

export type Result = 'pass' | 'fail' | 'error';
export type CategoryStatus = 'pass' | 'fail' | 'off';

export interface CategoryVerdict {
  count: number;
  limit: Limit;
  status: CategoryStatus;
}

export interface Evaluation {
  result: 'pass' | 'fail';
  exceeded: Category[];
  categories: Record<Category, CategoryVerdict>;
}

/** A count equal to its limit passes; an 'off' limit is reported but never fails. */
export function evaluate(counts: Counts, limits: Limits): Evaluation {
  const categories = {} as Record<Category, CategoryVerdict>;
  const exceeded: Category[] = [];
  for (const category of CATEGORIES) {
    const count = counts[category];
    const limit = limits[category];
    let status: CategoryStatus = 'off';
    if (limit !== 'off') status = count > limit ? 'fail' : 'pass';
    if (status === 'fail') exceeded.push(category);
    categories[category] = { count, limit, status };
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

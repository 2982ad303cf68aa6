// Limits as a workflow writes them ('off', a number, or terms), parsed as the action parses them.
import { CATEGORIES, CATEGORY_INFO, type Counts } from '../../src/core/categories.js';
import { parseLimit, type LimitSpecs } from '../../src/core/limits.js';
import { evaluate, type Evaluation } from '../../src/core/verdict.js';

export function specs(limits: Partial<Record<string, number | string>>): LimitSpecs {
  const out = {} as LimitSpecs;
  for (const c of CATEGORIES) {
    const parsed = parseLimit(c, String(limits[c] ?? 0));
    if (Array.isArray(parsed))
      throw new Error(`${CATEGORY_INFO[c].limitInput}: ${parsed.join('; ')}`);
    out[c] = parsed;
  }
  return out;
}

/** The verdict on totals alone: no finding list read. */
export function evaluateTotals(
  counts: Counts,
  limits: Partial<Record<string, number | string>>,
): Evaluation {
  return evaluate(counts, specs(limits), { levels: {}, ignoreUnfixable: false });
}

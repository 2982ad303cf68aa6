// The four limit inputs, read by name and parsed by core/limits.ts.
import { CATEGORIES, CATEGORY_INFO } from '../core/categories.js';
import { DEFAULT_LIMIT, parseLimit, type LimitSpecs } from '../core/limits.js';
import type { InputReader } from './reader.js';

/** Every limit input. */
export function readLimits(input: InputReader): LimitSpecs {
  const limits = {} as LimitSpecs;
  for (const category of CATEGORIES) {
    const parsed = parseLimit(category, input.raw(CATEGORY_INFO[category].limitInput));
    if (Array.isArray(parsed)) {
      for (const p of parsed) input.problem(p);
      limits[category] = DEFAULT_LIMIT;
    } else limits[category] = parsed;
  }
  return limits;
}

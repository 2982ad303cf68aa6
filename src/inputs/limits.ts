// The four limit inputs: a non-negative whole number, or off (reported, never enforced).
import { CATEGORIES, CATEGORY_INFO, type Limits } from '../categories.js';
import { show, type InputReader } from './reader.js';

/** Every limit; an empty input means the default, 0, so a gate is never loosened by accident. */
export function readLimits(input: InputReader): Limits {
  const limits = {} as Limits;
  for (const category of CATEGORIES) {
    const name = CATEGORY_INFO[category].limitInput;
    const raw = input.raw(name);
    if (raw === '') limits[category] = 0;
    else if (raw.toLowerCase() === 'off') limits[category] = 'off';
    else if (/^\d+$/.test(raw) && Number.isSafeInteger(Number(raw))) limits[category] = Number(raw);
    else {
      input.problem(
        `${name}: ${show(raw)} is not accepted; use a non-negative whole number or off`,
      );
      limits[category] = 0;
    }
  }
  return limits;
}

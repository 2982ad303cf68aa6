// A category's limit: `off`, or comma-separated terms that must all hold: `N` (at most
// N in total, the count query's number) and `LEVEL:N` (at most N findings of that severity or
// above, counted from the category's finding list). LEVEL is high, medium or low, or the
// category's own word for it (asap/later/nntf, serious/suspicious/remind). An empty input means
// the default `0`, so a gate is never loosened by accident. Pure: the input readers of both
// front ends (inputs/) hand the text in.
import { show } from '../infra/text.js';
import { CATEGORY_INFO, type Category } from './categories.js';
import { LEVEL_WORDS, LEVELS, levelOf, type Level } from './findings.js';

/** One category's limit, as parsed. */
export interface LimitSpec {
  /** The input as written (trimmed); "0" for an empty input. */
  text: string;
  /** Reported, never enforced. */
  off: boolean;
  /** At most this many in total (the count query's number); undefined when no bare N. */
  total?: number;
  /** At most this many at the level or above, counted from the finding list. */
  levels: Partial<Record<Level, number>>;
}

export type LimitSpecs = Record<Category, LimitSpec>;

export const DEFAULT_LIMIT: LimitSpec = { text: '0', off: false, total: 0, levels: {} };

/** Whether a limit is enforced from the finding list (it has a level term). */
export function hasLevelTerms(spec: LimitSpec): boolean {
  return !spec.off && Object.keys(spec.levels).length > 0;
}

function accepted(category: Category): string {
  const w = LEVEL_WORDS[category];
  const aliases =
    w.high === 'high' ? '' : ` (or ${LEVELS.map((l) => w[l]).join(', ')}, in that order)`;
  return `use off, or comma-separated terms: N (at most N in total) and LEVEL:N (at most N at that level or above), LEVEL being high, medium or low${aliases}; N a whole number, at most one bare N and one term per level, e.g. high:0,medium:10`;
}

/** One limit input; problems name the input, the term and the accepted forms. */
export function parseLimit(category: Category, raw: string): LimitSpec | string[] {
  const name = CATEGORY_INFO[category].limitInput;
  const text = raw.trim();
  if (text === '') return DEFAULT_LIMIT;
  if (text.toLowerCase() === 'off') return { text: 'off', off: true, levels: {} };
  const problems: string[] = [];
  const spec: LimitSpec = { text, off: false, levels: {} };
  for (const rawTerm of text.split(',')) {
    const term = rawTerm.trim();
    const m = /^(?:([A-Za-z]+)\s*:\s*)?(\d{1,15})$/.exec(term);
    const level = m?.[1] === undefined ? undefined : levelOf(category, m[1]);
    const n = m ? Number(m[2]) : NaN;
    if (term.toLowerCase() === 'off') {
      problems.push(
        `${name}: off stands alone; ${show(text)} combines it with other terms; ${accepted(category)}`,
      );
    } else if (!m || (m[1] !== undefined && !level) || !Number.isSafeInteger(n)) {
      problems.push(`${name}: the term ${show(term)} is not accepted; ${accepted(category)}`);
    } else if (level === undefined) {
      if (spec.total !== undefined)
        problems.push(`${name}: ${show(text)} gives more than one bare N; ${accepted(category)}`);
      spec.total = n;
    } else {
      if (spec.levels[level] !== undefined)
        problems.push(`${name}: ${show(text)} gives ${level} twice; ${accepted(category)}`);
      spec.levels[level] = n;
    }
  }
  return problems.length > 0 ? problems : spec;
}

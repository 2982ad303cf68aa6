// Whether a finding list that was read can be used beside the count query: a list with nothing
// that counts while the count query counts some cannot be trusted; other gaps and unknown level
// words are notes. Pure: no I/O.
import type { CategoryFindings } from './count.js';

/** What a list read means for the image: keep it, note why not, or (enforced) fail the image. */
export type ListJudgement = { keep: CategoryFindings; notes: string[] } | { problem: string };

/**
 * Whether a read list can be used. A list with nothing that counts while the count query counts
 * some cannot be trusted (a digest form, site or permission mismatch would look exactly so);
 * other gaps between the two are units that may differ, worth a note but no error.
 */
export function judgeList(
  label: string,
  read: { ok: true; list: CategoryFindings } | { ok: false; problem: string },
  total: number,
): ListJudgement {
  if (!read.ok) return { problem: read.problem };
  const { list } = read;
  if (list.beforeUnfixable === 0 && total > 0) {
    return {
      problem: `The ${label} list has nothing that counts while the count query counts ${total}, so the list cannot be trusted (the digest, the site or a filter may not match what the count query saw).`,
    };
  }
  const notes: string[] = [];
  if (list.beforeUnfixable !== total)
    notes.push(
      `The ${label} list counts ${list.beforeUnfixable}, the count query ${total}; their units may differ, and level terms are counted from the list.`,
    );
  if (list.unknownLevels > 0)
    notes.push(
      `${list.unknownLevels} ${label} finding(s) carry a level the gate does not know; they are counted as high.`,
    );
  return { keep: list, notes };
}

// Text shown to people: one home for quoting and shortening, so every message cuts and quotes
// alike.
import { scrub } from './secrets.js';

/** A value as shown in a problem: quoted, and cut at 80 characters. */
export function show(value: string): string {
  return JSON.stringify(value.length > 80 ? `${value.slice(0, 77)}...` : value);
}

/**
 * Shortened for a message. Secrets are scrubbed first: a secret echoed in an answer and then cut
 * in half would no longer match the scrubbing of the finished text.
 */
export function truncate(text: string, max: number): string {
  const flat = scrub(text).replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}

/** Levenshtein distance: insertions, deletions and substitutions each cost one. */
export function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const substitution = (previous[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1);
      current[j] = Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, substitution);
    }
    previous = current;
  }
  return previous[b.length] ?? 0;
}

/**
 * The nearest of `names` to `wanted` (any case), when it is a few edits away: a typo's likely
 * meaning. Farther than that is another word, and nothing is suggested.
 */
export function nearest(
  wanted: string,
  names: Iterable<string>,
  maxDistance = (w: string) => Math.max(2, Math.floor(w.length / 4)),
): string | undefined {
  const w = wanted.trim().toLowerCase();
  let best: { name: string; distance: number } | undefined;
  for (const name of names) {
    const distance = editDistance(w, name.toLowerCase());
    if (!best || distance < best.distance) best = { name, distance };
  }
  return best && best.distance <= maxDistance(w) ? best.name : undefined;
}

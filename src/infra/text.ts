// The one place text is shortened. A cut must never leave part of a secret behind (the text is
// scrubbed before it is cut, and a cut that ends inside a secret drops that prefix too), never
// split a surrogate pair, and say that it cut ('…'). Sizes GitHub enforces in bytes are measured
// here in UTF-8 bytes. Quoting a value in a message and suggesting the name a typo meant live
// here too.
import { scrub, scrubSecretTail } from './secrets.js';

export const ELLIPSIS = '…';

/** High surrogate at `index`: cutting after it would leave half a character. */
function splitsPair(text: string, end: number): boolean {
  const unit = text.charCodeAt(end - 1);
  return unit >= 0xd800 && unit <= 0xdbff;
}

/**
 * At most `max` UTF-16 units, scrubbed of secrets; when cut, it ends in '…', never in half a
 * character and never in the first 8 or more characters of a secret.
 */
export function shorten(text: string, max: number): string {
  const clean = scrub(text);
  if (clean.length <= max) return clean;
  if (max <= 0) return '';
  let end = Math.max(0, max - ELLIPSIS.length);
  if (end > 0 && splitsPair(clean, end)) end -= 1;
  return `${scrubSecretTail(clean.slice(0, end))}${ELLIPSIS}`;
}

/** Whitespace runs as one space, trimmed, then shortened: for messages on one line. */
export function shortenLine(text: string, max: number): string {
  return shorten(scrub(text).replace(/\s+/g, ' ').trim(), max);
}

/** Length in UTF-8 bytes (what GitHub's size limits count). */
export function utf8Bytes(text: string): number {
  return Buffer.byteLength(text, 'utf8');
}

/**
 * At most `maxBytes` bytes of UTF-8, scrubbed; when cut, it ends in '…' (counted in the bound),
 * never in half a character or the start of a secret.
 */
export function shortenBytes(text: string, maxBytes: number): string {
  const clean = scrub(text);
  if (utf8Bytes(clean) <= maxBytes) return clean;
  const room = maxBytes - utf8Bytes(ELLIPSIS);
  if (room <= 0) return '';
  // Whole code points while they fit.
  let used = 0;
  let end = 0;
  for (const ch of clean) {
    const size = utf8Bytes(ch);
    if (used + size > room) break;
    used += size;
    end += ch.length;
  }
  return `${scrubSecretTail(clean.slice(0, end))}${ELLIPSIS}`;
}

/** A value as shown in a problem: quoted, and cut at 80 characters. */
export function show(value: string): string {
  return JSON.stringify(shorten(value, 80));
}

/**
 * Shortened for a message, on one line (secrets are scrubbed before the cut, and a cut never
 * ends in the start of one).
 */
export function truncate(text: string, max: number): string {
  return shortenLine(text, max);
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

// The one place text is shortened. A cut must never leave part of a secret behind (the text is
// scrubbed before it is cut, and a cut that ends inside a secret drops that prefix too), never
// split a surrogate pair, and say that it cut ('…'). Sizes GitHub enforces in bytes are measured
// here in UTF-8 bytes.
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

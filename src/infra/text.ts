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

// How the policy checks speak about what they found: a value's kind in words, a value quoted
// the same way everywhere (escaped and shortened, so a hostile file cannot forge a line of the
// log), and a suggestion for a misspelt key.
import { nearest } from '../infra/text.js';
import type { YamlTree } from './yaml-tree.js';

const SHOWN = 60;

/** A value quoted for a message: JSON-escaped, at most 60 characters. */
export function quoted(text: string): string {
  const chars = [...text];
  return JSON.stringify(chars.length > SHOWN ? `${chars.slice(0, SHOWN).join('')}…` : text);
}

/** What a value is, in words: "a number", "a list", "nothing", "text". */
export function describe(value: YamlTree | undefined): string {
  if (value === undefined) return 'nothing';
  if (value.kind === 'map') return 'a mapping';
  if (value.kind === 'seq') return 'a list';
  switch (typeof value.value) {
    case 'string':
      return 'text';
    case 'number':
      return `a number (${value.text})`;
    case 'boolean':
      return `true/false (${value.text})`;
    case 'undefined':
      return 'an alias';
    default:
      return value.value === null ? 'nothing' : 'an unknown value';
  }
}

/**
 * ` (did you mean "expires"?)` when a known key is close (at most two edits, and at most one per
 * three letters of the word, so `x` does not suggest `id`), else ''.
 */
export function didYouMean(word: string, known: readonly string[]): string {
  const best = nearest(word, known, (w) => Math.min(2, Math.floor(w.length / 3)));
  return best === undefined ? '' : ` (did you mean "${best}"?)`;
}

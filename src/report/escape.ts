// Untrusted text (inputs, event payload, API answers) becomes inert HTML entities before it
// enters Markdown: no tags, no table breaks, no links (not even bare URLs), no mentions, no code
// spans.
import { shorten } from '../infra/text.js';

const ENTITIES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
  '|': '&#124;',
  '`': '&#96;',
  '[': '&#91;',
  ']': '&#93;',
  '\\': '&#92;',
  '*': '&#42;',
  _: '&#95;',
  '@': '&#64;',
  '~': '&#126;',
  '#': '&#35;',
  '!': '&#33;',
};

export function escapeText(text: string): string {
  return (
    text
      .replace(/[\r\n\t\u2028\u2029]+/g, ' ')
      // eslint-disable-next-line no-control-regex -- stripping control characters is the point
      .replace(/[\u0000-\u001f\u007f-\u009f]/g, '')
      // Invisible format characters: bidirectional overrides and isolates could reorder what a
      // reader sees (Trojan Source), zero-width ones hide text; the ones added below are ours.
      .replace(/[\u061c\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]/g, '')
      .replace(/[&<>"'|`[\]\\*_@~#!]/g, (c) => ENTITIES[c] ?? c)
      // GitHub turns bare URLs into links after entities are decoded: a zero-width space keeps
      // a scheme or a www. in outside text from becoming one.
      .replace(/:\/\//g, ':\u200b//')
      .replace(/\bwww\./gi, (w) => `${w.slice(0, 3)}\u200b.`)
      // GitHub also links e-mail addresses once `&#64;` is decoded, and its mention and
      // issue-reference filters run on the rendered text: a zero-width space directly after each
      // @ and # (before them does not stop a mention) keeps a name from following one.
      .replace(/&#64;|&#35;/g, (e) => `${e}\u200b`)
  );
}

/** Escaped and shortened to at most `max` characters of the original text. */
export function escapeShort(text: string, max: number): string {
  return escapeText(shorten(text, max));
}

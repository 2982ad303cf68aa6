// Which images to gate: the step-level selectors, the `image-digest` list and the `images`
// lines, merged and checked so that every image is named. Only reading and checking; the site
// each image goes to is decided in config.ts.
import {
  namesAnImage,
  SELECTOR_INPUTS,
  type BaselineRef,
  type ImageSelector,
} from '../core/selector.js';
import { normalizeDigest } from '../core/digest.js';
import { show } from '../infra/text.js';
import { splitList, type InputReader } from './reader.js';

export interface ParsedImage {
  selector: ImageSelector;
  /** Prefix for problems: '' for step-level selectors, 'images line N: ' for a line. */
  where: string;
  /** The line's own baseline (`baseline-image-tag=` or `baseline-image-digest=`), if any. */
  baseline?: BaselineRef;
}

/** The `images` line keys that set a line's baseline (issue 18). */
export const BASELINE_KEYS = ['baseline-image-tag', 'baseline-image-digest'] as const;
const LINE_KEYS = [...SELECTOR_INPUTS.map(([n]) => n), ...BASELINE_KEYS];

// eslint-disable-next-line no-control-regex -- control characters are exactly what is refused
const SAFE_VALUE = /^[^\s\u0000-\u001f\u007f]{1,256}$/;
/** Step-level selector values may contain spaces (only `images` lines split on them). */
// eslint-disable-next-line no-control-regex -- control characters are exactly what is refused
const SAFE_TEXT = /^[^\u0000-\u001f\u007f]{1,256}$/;

const DIGEST_RULE = 'use sha256:<64 hex digits> or 64 bare hex digits';
const UNSET_OUTPUT =
  'The usual cause is an empty image-digest: the step output it was given, such as ${{ steps.<id>.outputs.digest }}, was not set';
const UNNAMED_IMAGE = `image selection: no image is named; set image-digest (recommended) or image-uuid, or image-tag together with repo-id (a tag alone, such as latest, names many images). repo-id, repo-instance-id, repo-region-id and cluster-id only narrow a selection. ${UNSET_OUTPUT}`;

/**
 * The step-level selectors as given, unchecked: what keys the PR comment of a run whose inputs
 * were refused, so it updates the same comment a valid run writes (hashed, never shown).
 */
export function rawStepSelectors(input: InputReader): ImageSelector {
  const selector: ImageSelector = {};
  for (const [name, field] of SELECTOR_INPUTS) {
    const value = input.raw(name);
    if (value !== '' && field !== 'digest') selector[field] = value;
  }
  return selector;
}

/**
 * The images to gate: one per `image-digest` entry and one per `images` line, each merged over
 * the step-level selectors. With neither, the step-level selectors name the single image.
 */
export function readImages(input: InputReader): ParsedImage[] {
  const base: ImageSelector = {};
  // A refused step-level selector may be the one that named the image: do not add a second,
  // misleading problem about the selection.
  let baseRejected = false;
  for (const [name, field] of SELECTOR_INPUTS) {
    const raw = input.raw(name);
    if (field === 'digest' || raw === '') continue;
    if (!SAFE_TEXT.test(raw)) {
      input.problem(`${name}: ${show(raw)} must be 1 to 256 characters without control characters`);
      baseRejected = true;
    } else base[field] = raw;
  }

  const images: ParsedImage[] = [];
  const digestInput = input.raw('image-digest');
  // Separated by commas and newlines only, as documented: other white space inside an entry is
  // a mistake to report (a space after "sha256:"), never a separator.
  const digestTokens = splitList(digestInput.replace(/\r/g, ''));
  const seen = new Set<string>();
  for (const raw of digestTokens) {
    const digest = normalizeDigest(raw);
    if (/\s/.test(raw)) {
      input.problem(
        `image-digest: ${show(raw)} contains a space; a digest is sha256:<64 hex digits> or 64 bare hex digits with no spaces, and several digests are separated by commas or newlines`,
      );
    } else if (!digest) {
      input.problem(
        `image-digest: ${show(raw)} is not a digest; ${DIGEST_RULE} (several: comma- or newline-separated)`,
      );
    } else if (!seen.has(digest)) {
      seen.add(digest);
      images.push({ selector: { ...base, digest }, where: '' });
    }
  }

  let hasLines = false;
  input
    .raw('images')
    .split('\n')
    .forEach((line, index) => {
      const text = line.trim();
      if (text === '' || text.startsWith('#')) return;
      hasLines = true;
      const parsed = readImagesLine(text, `images line ${index + 1}: `, base, input);
      if (parsed) images.push(parsed);
    });

  // Separators alone (two empty step outputs joined by a comma) mean the digests went missing
  // upstream: refuse rather than gate something else.
  if (digestInput !== '' && digestTokens.length === 0) {
    input.problem(
      `image-digest: ${show(digestInput)} contains no digest; ${DIGEST_RULE}. ${UNSET_OUTPUT}`,
    );
    return images;
  }
  if (digestTokens.length === 0 && !hasLines) images.push({ selector: base, where: '' });
  for (const { selector, where } of images) {
    if (!namesAnImage(selector) && !baseRejected) input.problem(`${where}${UNNAMED_IMAGE}`);
  }
  return images;
}

/** One `images` line merged over `base`; undefined (its problems reported) when it is bad. */
function readImagesLine(
  text: string,
  where: string,
  base: ImageSelector,
  input: InputReader,
): ParsedImage | undefined {
  const before = input.problems.length;
  const selector: ImageSelector = { ...base };
  const given = new Set<string>();
  let baseline: BaselineRef | undefined;
  for (const token of text.split(/\s+/)) {
    const eq = token.indexOf('=');
    const key = eq > 0 ? token.slice(0, eq) : '';
    const value = eq > 0 ? token.slice(eq + 1) : '';
    const entry = SELECTOR_INPUTS.find(([name]) => name === key);
    if (!entry && !(BASELINE_KEYS as readonly string[]).includes(key)) {
      input.problem(
        `${where}${show(token)} is not key=value with a key among ${LINE_KEYS.join(', ')}`,
      );
    } else if (given.has(key)) {
      input.problem(`${where}${key} is given twice`);
    } else if (!entry) {
      given.add(key);
      if (key === 'baseline-image-digest') {
        const digest = normalizeDigest(value);
        if (!digest) input.problem(`${where}${key} ${show(value)} is not a digest; ${DIGEST_RULE}`);
        else baseline = { digest };
      } else if (!SAFE_VALUE.test(value)) {
        input.problem(
          `${where}${key} ${show(value)} must be 1 to 256 characters without spaces or control characters`,
        );
      } else baseline = { tag: value };
    } else {
      given.add(key);
      const [, field] = entry;
      if (field === 'digest') {
        const digest = normalizeDigest(value);
        if (!digest)
          input.problem(`${where}image-digest ${show(value)} is not a digest; ${DIGEST_RULE}`);
        else selector.digest = digest;
      } else if (!SAFE_VALUE.test(value)) {
        input.problem(
          `${where}${key} ${show(value)} must be 1 to 256 characters without spaces or control characters`,
        );
      } else selector[field] = value;
    }
  }
  if (given.has('baseline-image-tag') && given.has('baseline-image-digest')) {
    input.problem(
      `${where}baseline-image-tag and baseline-image-digest are both given; an image has one baseline: give one of them`,
    );
  }
  // A line with problems is reported for those alone; it is never gated.
  if (input.problems.length !== before) return undefined;
  return baseline ? { selector, where, baseline } : { selector, where };
}

// Which image each gated image is compared with, so it is gated on what it introduces (issue 18):
// the step-level `baseline-image-tag` / `baseline-image-digest`, overridden per image by the same
// keys on an `images` line. Only reading and checking; the engine resolves and reads baselines.
//
// Rules: an image has at most one baseline, so both inputs at step level (or both keys on one
// line) are bad input. A digest names one image of one repository, so a baseline digest that
// would apply to more than one gated image is bad input: gating two repositories against one
// image would call findings "inherited" from an image neither was built from.
import { normalizeDigest } from '../core/digest.js';
import type { BaselineRef, ImageTarget } from '../core/selector.js';
import { show } from '../infra/text.js';
import type { InputReader } from './reader.js';

// eslint-disable-next-line no-control-regex -- control characters are exactly what is refused
const SAFE_TAG = /^[^\s\u0000-\u001f\u007f]{1,256}$/;

/** The step-level baseline, or undefined when none (or when it is bad: reported). */
export function readStepBaseline(input: InputReader): BaselineRef | undefined {
  const tag = input.raw('baseline-image-tag');
  const rawDigest = input.raw('baseline-image-digest');
  if (tag !== '' && rawDigest !== '') {
    input.problem(
      'baseline-image-tag and baseline-image-digest are both set; an image has one baseline: set one of them (or set either per image on its images line)',
    );
    return undefined;
  }
  if (tag !== '') {
    if (SAFE_TAG.test(tag)) return { tag };
    input.problem(
      `baseline-image-tag: ${show(tag)} must be 1 to 256 characters without spaces or control characters`,
    );
    return undefined;
  }
  if (rawDigest === '') return undefined;
  const digest = normalizeDigest(rawDigest);
  if (digest) return { digest };
  input.problem(
    `baseline-image-digest: ${show(rawDigest)} is not a digest; use sha256:<64 hex digits> or 64 bare hex digits`,
  );
  return undefined;
}

/** Where each target's baseline was set, for problems. */
export interface BaselineSource {
  target: ImageTarget;
  /** 'images line N: ' for a line's own baseline, '' for the step-level inputs. */
  where: string;
}

/**
 * Gives the step-level baseline to every target without one of its own (a line's baseline
 * overrides it) and reports each baseline digest that would apply to more than one image.
 */
export function applyBaselines(
  input: InputReader,
  step: BaselineRef | undefined,
  sources: BaselineSource[],
): void {
  const byDigest = new Map<string, string[]>();
  for (const source of sources) {
    const own = source.target.baseline;
    if (!own && step) source.target.baseline = { ...step };
    const ref = source.target.baseline;
    if (!ref || !('digest' in ref)) continue;
    const where = own ? source.where : '';
    const list = byDigest.get(ref.digest);
    if (list) list.push(where);
    else byDigest.set(ref.digest, [where]);
  }
  for (const [digest, wheres] of byDigest) {
    if (wheres.length < 2) continue;
    const fromStep = wheres.some((w) => w === '');
    const lines = wheres.filter((w) => w !== '').map((w) => w.replace(/: $/, ''));
    const which = fromStep ? 'baseline-image-digest' : `${lines.join(', ')}: baseline-image-digest`;
    input.problem(
      `${which}: sha256:${digest} would be the baseline of ${wheres.length} images; a digest is one image of one repository, so give each image its own baseline on its images line, or use baseline-image-tag (looked up in each image's repository)`,
    );
  }
}

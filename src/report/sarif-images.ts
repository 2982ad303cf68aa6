// The pure half of writing a SARIF log, shared by both front ends: whether the findings read are
// the whole picture (a log missing an image or a category would tell code scanning that its
// alerts were fixed, so such a log is never written), the images as the SARIF builder takes
// them (every finding read, those left out of the limits as unfixable included), and the
// automation id that keeps each gate's alerts apart.
import { CATEGORIES, type Category } from '../core/categories.js';
import type { Finding } from '../core/findings.js';
import { describeSelection, type ImageSelector } from '../core/selector.js';
import { commentKeyMaterial, keyHash, repositoryKey } from './comment.js';
import type { ImageOutcome } from './model.js';
import { sarifMarks } from './sarif.js';
import type { SarifImage } from './sarif-types.js';

/** The code scanning category: stable per workflow, job and comment key (or repositories). */
export function automationId(
  config: { images: ReadonlyArray<{ selector: ImageSelector }>; comment?: { key: string } },
  env: NodeJS.ProcessEnv,
): string {
  return `sas-image-gate/${keyHash(commentKeyMaterial(config, env)).slice(0, 16)}/`;
}

/** Why the findings read are not the whole picture, or undefined when they are. */
export function incompleteFindings(
  outcomes: readonly ImageOutcome[],
  categories: readonly Category[] = CATEGORIES,
): string | undefined {
  for (const [i, o] of outcomes.entries()) {
    const which = outcomes.length > 1 ? `image ${i + 1}` : 'the image';
    if (o.error !== undefined) return `${which} could not be checked.`;
    const unread = categories.filter((c) => !o.lists[c]);
    if (unread.length > 0) return `the ${unread.join(', ')} list(s) of ${which} could not be read.`;
  }
  return undefined;
}

/** Every finding read for one image, by category (the unfixable ones included). */
export function everyFinding(outcome: ImageOutcome): Partial<Record<Category, Finding[]>> {
  const findings: Partial<Record<Category, Finding[]>> = {};
  for (const c of CATEGORIES) {
    const list = outcome.lists[c];
    if (list) findings[c] = [...list.findings, ...list.unfixable];
  }
  return findings;
}

/** The images as the SARIF builder takes them. */
export function sarifImages(outcomes: readonly ImageOutcome[]): SarifImage[] {
  return outcomes.map((o) => {
    const repository = repositoryKey(o.target.selector);
    const digest = o.gatedDigests?.[0] ?? o.target.selector.digest;
    const name = digest ? `sha256:${digest.slice(0, 12)}…` : describeSelection(o.target.selector);
    return {
      label: repository ? `${name} (${repository})` : name,
      identity: `${o.target.endpoint.site} ${repository}`,
      findings: everyFinding(o),
      ...sarifMarks(o),
    };
  });
}

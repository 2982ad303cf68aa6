// What the engine learnt about one image: the evaluation or the error, the scan proof, the lists
// read and the RequestIds. The report, the summary and every file format are built from it.
//
// Issue 18 adds three optional parts, filled by the engine in the order read → apply the policy
// file → compare with the baseline → judge: `policy` (accepted risks), `comparison` (new,
// inherited, fixed) and `baseline` (which image was compared, or why none was). Every finding
// they hold is the same object as in `lists[category].findings` (the report and SARIF tell
// accepted and inherited findings apart by identity), and an outcome without them reads as it
// always did: nothing accepted, no baseline.
import type { Category } from '../core/categories.js';
import type { CategoryFindings } from '../core/count.js';
import type { Finding } from '../core/findings.js';
import type { BaselineRef, ImageSelector, ImageTarget } from '../core/selector.js';
import type { Evaluation } from '../core/verdict.js';
import type { ImageScope, PolicyApplication } from '../policy/accept.js';
import type { ScanOutcome } from './scan-proof.js';

/**
 * The names an image is known by, for policy entries' `images` scopes: what is known of it (its
 * repo-id selector, else the repository its scan proof's rows agree on; the `namespace/name`
 * its rows give; its digest, given or resolved). A name not learnt is left out.
 */
export function imageScopeOf(selector: ImageSelector, scan?: ScanOutcome): ImageScope {
  const scope: ImageScope = {
    digests: selector.digest ? [selector.digest] : (scan?.digests ?? []),
  };
  const repoId = selector.repoId ?? scan?.repository?.repoId;
  if (repoId !== undefined) scope.repoId = repoId;
  const facts = scan?.rowFacts;
  if (facts?.repoNamespace && facts.repoName)
    scope.repoName = `${facts.repoNamespace}/${facts.repoName}`;
  return scope;
}

/**
 * One category of an image compared with its baseline (policy/count-rule.ts's
 * `CategoryCount.baseline`). Malicious files are always new: never inherited, never fixed.
 */
export interface BaselineSplit {
  /** Unaccepted findings the baseline does not have at their level or above: what counts. */
  new: Finding[];
  /** Unaccepted findings the baseline has at the same level or higher: they do not count. */
  inherited: Finding[];
  /** The baseline's findings gone from the image (accepted ones are still in it). */
  fixed: Finding[];
}

/** Which baseline an image was compared with, or why it was gated on all its findings. */
export type BaselineOutcome =
  | {
      used: true;
      /** The baseline as configured (`ImageTarget.baseline`). */
      ref: BaselineRef;
      /** The repository a tag was looked up in, when known. */
      repoId?: string;
      /** The baseline image's digest (lower-case bare hex). */
      digest: string;
      /** Epoch ms of the baseline's completed scan (its scan proof). */
      scannedAt?: number;
    }
  | {
      used: false;
      ref: BaselineRef;
      repoId?: string;
      /**
       * Why no baseline was used, for the summary: Security Center does not know the image, or
       * it was never scanned. (A baseline that cannot be established makes the image `error`.)
       */
      reason: string;
    };

/** What was learnt about one image. `error` is set exactly when the counts were not established. */
export interface ImageOutcome {
  target: ImageTarget;
  evaluation?: Evaluation;
  /** Every Security Center RequestId of this image's calls, in order. */
  requestIds: string[];
  /** The count query's RequestId (or the failing call's). */
  requestId?: string;
  error?: string;
  /** Scan-state check (require-scan); absent when it was not required. */
  scan?: ScanOutcome;
  /** Digests whose counts were gated (bare hex). */
  gatedDigests?: string[];
  /** Finding lists read and counted (to enforce, to report in SARIF, or to show), by category. */
  lists: Partial<Record<Category, CategoryFindings>>;
  /** What the reader should know: lists not read and why, gaps between lists and counts. */
  notes: string[];
  /**
   * The policy file applied to this image, per enforced category whose list was read whole and
   * that an entry in force could match: the findings accepted (each with its entry), those that
   * count although an expired entry matched them, and per entry its hits and whether it was
   * checked here (the run's `PolicyReport` is built from these, report/policy-model.ts).
   * `application.counted` + `accepted` are exactly `lists[category].findings`. Absent: no
   * policy file, or no category it applies to.
   */
  policy?: Partial<Record<Category, PolicyApplication>>;
  /** With `baseline.used`: per category compared, what the comparison found. */
  comparison?: Partial<Record<Category, BaselineSplit>>;
  /** Set whenever the image's target has a baseline and the image got that far. */
  baseline?: BaselineOutcome;
}

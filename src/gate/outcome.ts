// What the gate learnt about one image: the engine's result, which the report, the summary, the
// comment and the SARIF log present. It lives with the engine (report/ imports it, never the
// other way round), so a second front end gets the same outcome without the report's code.
import type { Category } from '../core/categories.js';
import type { CategoryFindings } from '../core/count.js';
import type { ImageTarget } from '../core/selector.js';
import type { Evaluation } from '../core/verdict.js';
import type { ScanOutcome } from './scan-proof.js';

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
}

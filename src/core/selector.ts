// What names an image: the selectors a workflow gives, and the Security Center site each image
// is gated at. Shared by input reading, the scan proof, the count query and the report.

/** A Security Center site, as the requests reach it (alibaba/endpoints.ts reads it from input). */
export interface Endpoint {
  /** scheme://host[:port], no path. */
  origin: string;
  /** host[:port] as signed in the `host` header. */
  host: string;
  /** What to show users as "the site queried". */
  site: string;
  /** The input named no scheme, so https was assumed (a loopback simulator may speak http). */
  schemeImplied?: boolean;
}

export interface ImageSelector {
  /** Lower-case bare hex (no `sha256:`). */
  digest?: string;
  tag?: string;
  uuid?: string;
  repoId?: string;
  repoInstanceId?: string;
  repoRegionId?: string;
  clusterId?: string;
}

/**
 * The image a gated image is compared with (issue 18, "gating only new findings"): a tag looked
 * up in the gated image's own repository, or a digest (lower-case bare hex).
 */
export type BaselineRef = { tag: string } | { digest: string };

/** One image to gate: its selectors and the site that holds its data. */
export interface ImageTarget {
  selector: ImageSelector;
  endpoint: Endpoint;
  /** Gate only the findings this image has and the baseline image has not; absent: all. */
  baseline?: BaselineRef;
}

/** Which risks count: those not marked handled in Security Center, those marked, or all. */
export type RiskStatus = 'unhandled' | 'handled' | 'all';

/** Selector inputs and their ImageSelector field, in the order they are shown to users. */
export const SELECTOR_INPUTS = [
  ['repo-region-id', 'repoRegionId'],
  ['repo-instance-id', 'repoInstanceId'],
  ['repo-id', 'repoId'],
  ['image-tag', 'tag'],
  ['image-digest', 'digest'],
  ['image-uuid', 'uuid'],
  ['cluster-id', 'clusterId'],
] as const satisfies ReadonlyArray<readonly [string, keyof ImageSelector]>;

/**
 * Whether a selection names one image: a digest or Security Center's image UUID, or a tag within
 * one repository (a tag alone, such as latest, names an image in every repository that has it).
 * Every other selector only narrows; on its own it would gate a whole repository or registry.
 */
export function namesAnImage(selector: ImageSelector): boolean {
  return (
    selector.digest !== undefined ||
    selector.uuid !== undefined ||
    (selector.tag !== undefined && selector.repoId !== undefined)
  );
}

/** The selection in a log line or message: the digest when there is one, else the selectors. */
export function describeSelection(selector: ImageSelector): string {
  return selector.digest ? `sha256:${selector.digest}` : Object.values(selector).join(' ');
}

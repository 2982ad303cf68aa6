// The image a finding list is read for: its digest (lists are read by digest, never by tag) and
// the count query's repository filters, as request parameters.
import { truncate } from './api-errors.js';
import { bareDigest } from '../core/digest.js';
import { fail } from './findings-wire.js';

/** The image whose findings are listed: its digest and the count query's repository filters. */
export interface ListTarget {
  /** sha256 digest, bare hex (a `sha256:` prefix is stripped). */
  digest: string;
  repoRegionId?: string;
  repoInstanceId?: string;
  repoId?: string;
  /**
   * What the scan proof's rows say of the image (each field only when its rows agree): a list
   * row that says otherwise names another image. A promise when the list is read alongside the
   * proof; rows are then checked once it is known.
   */
  facts?: ImageFacts | Promise<ImageFacts | undefined>;
}

/** Identity fields of an image as DescribeImageInstances and the CVE rows both give them. */
export interface ImageFacts {
  uuid?: string;
  repoNamespace?: string;
  repoName?: string;
}

/** Row field name for each fact. */
export const FACT_FIELDS = [
  ['uuid', 'Uuid'],
  ['repoNamespace', 'RepoNamespace'],
  ['repoName', 'RepoName'],
] as const;

export function digestOf(target: ListTarget): string {
  const digest = bareDigest(target.digest);
  if (!/^[0-9a-f]{64}$/.test(digest))
    throw fail(
      `The image digest "${truncate(target.digest, 80)}" is not a sha256 digest, so Security Center's finding lists cannot be asked for it: give it as sha256:<64 hex digits>.`,
      undefined,
    );
  return digest;
}

export function repoParams(target: ListTarget): Array<[string, string]> {
  const params: Array<[string, string]> = [];
  for (const [name, value] of [
    ['RepoRegionId', target.repoRegionId],
    ['RepoInstanceId', target.repoInstanceId],
    ['RepoId', target.repoId],
  ] as const) {
    if (value !== undefined && value !== '') params.push([name, value]);
  }
  return params;
}

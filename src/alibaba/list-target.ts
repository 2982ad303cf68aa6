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
}

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

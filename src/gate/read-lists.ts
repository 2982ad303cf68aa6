// Reads and counts an image's finding lists. Each category's list is read whole or not at all
// (alibaba/findings-api.ts) and counted by core/count.ts; a list that cannot be read becomes a
// problem sentence, never a shorter list. Loaded only by runs that read lists.
import type { Endpoint } from '../alibaba/endpoints.js';
import type { ImageFacts } from '../alibaba/list-target.js';
import {
  describeImageBaselineCheckResult,
  describeImageGroupedVulList,
  describeImageVulList,
  listMaliciousFiles,
  type SasCaller,
} from '../alibaba/findings-api.js';
import type { ScanApi } from '../alibaba/scan-api.js';
import type { Category } from '../core/categories.js';
import { describeError, GateError } from '../infra/errors.js';
import { countFindings, type CategoryFindings, type CountOptions } from '../core/count.js';
import { toFindings, type CategoryRecords } from '../alibaba/to-findings.js';
import { describeSelection, type ImageSelector } from '../core/selector.js';

/** One category's list: counted, or why it could not be. */
export type ListResult =
  | { ok: true; list: CategoryFindings; requestIds: string[]; answeredAt?: number }
  | { ok: false; problem: string; requestIds: string[] };

export interface ListTargetSpec {
  endpoint: Endpoint;
  /** The image's selectors: the digest (bare hex) and the repository filters. */
  selector: ImageSelector;
  /** The image's Security Center UUID (for the baseline list); undefined: not known. */
  uuid?: string;
  /** Why the UUID is not known, when a lookup said. */
  uuidProblem?: string;
  /** The scan proof's row facts, once known: CVE rows that say otherwise name another image. */
  facts?: Promise<ImageFacts | undefined>;
}

const WHAT: Record<Category, string> = {
  'baseline-risks': 'baseline check list (DescribeImageBaselineCheckResult)',
  'malicious-files':
    'malicious file list (DescribeGroupedMaliciousFiles, DescribeAffectedMaliciousFileImages)',
  'sca-vulns': 'SCA vulnerability list (DescribeImageGroupedVulList)',
  'cve-vulns': 'CVE vulnerability list (DescribeImageVulList)',
};

/** Reads and counts one category's list. Never throws: a failure is the result's problem. */
export async function readFindingList(
  api: SasCaller,
  category: Category,
  target: ListTargetSpec,
  opts: CountOptions,
): Promise<ListResult> {
  try {
    const { digest, repoRegionId, repoInstanceId, repoId } = target.selector;
    if (!digest) {
      throw new GateError(
        'the image has no digest: lists are read by digest, never by tag. Give image-digest, or keep require-scan on so the scan proof resolves the digest.',
      );
    }
    const image = { digest, repoRegionId, repoInstanceId, repoId, facts: target.facts };
    switch (category) {
      case 'cve-vulns': {
        const read = await describeImageVulList(api, target.endpoint, image, opts.riskStatus);
        return counted({ category, records: read.records }, read, opts);
      }
      case 'sca-vulns': {
        const read = await describeImageGroupedVulList(api, target.endpoint, image);
        return counted({ category, records: read.records }, read, opts);
      }
      case 'malicious-files': {
        const read = await listMaliciousFiles(api, target.endpoint, image);
        return counted({ category, records: read.records }, read, opts);
      }
      case 'baseline-risks': {
        if (!target.uuid) {
          throw new GateError(
            `the image's Security Center UUID is not known (${target.uuidProblem ?? `DescribeImageInstances shows no single UUID for ${describeSelection(target.selector)}`}); give image-uuid.`,
          );
        }
        const read = await describeImageBaselineCheckResult(api, target.endpoint, target.uuid);
        return counted({ category, records: read.records }, read, opts);
      }
    }
  } catch (err) {
    const requestId = err instanceof GateError ? err.requestId : undefined;
    return {
      ok: false,
      problem: `The ${WHAT[category]} could not be read: ${describeError(err)}`,
      requestIds: requestId ? [requestId] : [],
    };
  }
}

function counted(
  list: CategoryRecords,
  read: { requestIds: string[]; answeredAt?: number },
  opts: CountOptions,
): ListResult {
  const result: ListResult = {
    ok: true,
    list: countFindings(list.category, toFindings(list), opts),
    requestIds: read.requestIds,
  };
  if (read.answeredAt !== undefined) result.answeredAt = read.answeredAt;
  return result;
}

/**
 * The image's Security Center UUID, for the baseline list of a run without the scan proof: the
 * one UUID of its DescribeImageInstances rows. Undefined (the baseline list then says why) when
 * there is none, several, or the listing fails.
 */
export async function lookUpUuid(
  scan: ScanApi,
  endpoint: Endpoint,
  selector: ImageSelector,
): Promise<{ uuid?: string; problem?: string; requestIds: string[] }> {
  try {
    const listing = await scan.listImages(endpoint, selector);
    const uuids = [...new Set(listing.rows.map((r) => r.uuid))];
    const only = uuids.length === 1 && !listing.truncated ? uuids[0] : undefined;
    return { ...(only === undefined ? {} : { uuid: only }), requestIds: listing.requestIds };
  } catch (err) {
    return {
      problem: describeError(err),
      requestIds: err instanceof GateError && err.requestId ? [err.requestId] : [],
    };
  }
}

// Security Center (Sas 2018-12-03) operations. Each validates the answer's shape and throws
// when anything the gate relies on is missing: a malformed answer never becomes zeros.
import { CATEGORIES, CATEGORY_INFO, type Counts } from '../core/categories.js';
import { GateError } from '../infra/errors.js';
import { truncate } from './api-errors.js';
import type { Endpoint } from './endpoints.js';
import { duplicateKey } from './json-keys.js';
import type { ImageSelector, RiskStatus } from '../core/selector.js';

import { SAS_VERSION, type AcsClient } from './client.js';

/** The count query's Dealed for each risk-status. */
export const DEALED: Record<RiskStatus, string> = { unhandled: 'N', handled: 'Y', all: 'A' };

export interface CountQuery {
  selector: ImageSelector;
  scanRange: readonly string[];
  instanceUuids: readonly string[];
  riskStatus: RiskStatus;
}

export interface CountAnswer {
  counts: Counts;
  requestId?: string;
  /** When Security Center answered, by its own clock (the HTTP Date header). */
  serverTime?: number;
}

export function countParams(q: CountQuery): Array<[string, string]> {
  const s = q.selector;
  const params: Array<[string, string]> = [];
  const add = (name: string, value: string | undefined) => {
    if (value !== undefined && value !== '') params.push([name, value]);
  };
  add('RepoRegionId', s.repoRegionId);
  add('RepoInstanceId', s.repoInstanceId);
  add('RepoId', s.repoId);
  add('ImageTag', s.tag);
  add('ImageDigest', s.digest);
  add('ImageUuid', s.uuid);
  add('ClusterId', s.clusterId);
  add('Dealed', DEALED[q.riskStatus]);
  q.scanRange.forEach((v, i) => add(`ScanRange.${i + 1}`, v));
  q.instanceUuids.forEach((v, i) => add(`Uuids.${i + 1}`, v));
  return params;
}

export async function describeImageSecurityScanCount(
  client: Pick<AcsClient, 'call'>,
  endpoint: Endpoint,
  query: CountQuery,
): Promise<CountAnswer> {
  const action = 'DescribeImageSecurityScanCount';
  const answer = await client.call({
    endpoint,
    action,
    version: SAS_VERSION,
    params: countParams(query),
  });
  // JSON.parse keeps the last of a key given twice: such an answer says two things, and is
  // malformed rather than read in its last word.
  const twice = answer.raw === undefined ? undefined : duplicateKey(answer.raw);
  if (twice !== undefined)
    throw new GateError(
      `${action} answered a JSON object with the key ${truncate(JSON.stringify(twice), 60)} twice, so the counts are unknown (the answer is malformed).`,
      answer.requestId,
    );
  const counts = readCounts(answer.body, action, answer.requestId);
  return { counts, requestId: answer.requestId, serverTime: answer.serverTime };
}

/** Every count must be present and a non-negative integer; anything else is an error. */
export function readCounts(
  body: Record<string, unknown>,
  action: string,
  requestId?: string,
): Counts {
  const data = body['Data'];
  if (!data || typeof data !== 'object' || Array.isArray(data)) {
    throw new GateError(
      `${action} answered without a Data object, so the counts are unknown.`,
      requestId,
    );
  }
  const counts = {} as Counts;
  const problems: string[] = [];
  for (const category of CATEGORIES) {
    const field = CATEGORY_INFO[category].apiField;
    const value = (data as Record<string, unknown>)[field];
    if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0) {
      problems.push(
        `${field} is ${value === undefined ? 'missing' : `not a non-negative integer (${truncate(String(JSON.stringify(value)), 60)})`}`,
      );
    } else {
      counts[category] = value;
    }
  }
  if (problems.length > 0) {
    throw new GateError(`${action} answered malformed counts: ${problems.join('; ')}.`, requestId);
  }
  return counts;
}

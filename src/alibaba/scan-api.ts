// Security Center operations about an image's scan state: which images it knows (and when each
// was last scanned), and starting a scan. Answers are validated: a shape the gate does not
// recognise is an error, never a silent "scanned".
import { GateError } from '../infra/errors.js';
import { truncate } from './api-errors.js';
import type { Endpoint } from './endpoints.js';
import type { ImageSelector } from '../core/selector.js';
import { optNumber, optString } from './fields.js';
import { SAS_VERSION, type AcsClient } from './client.js';

/** The scan-state operations, as the scan proof uses them (a fake in tests, the client in runs). */
import {
  createImageScanTask,
  describeImageLatestScanTask,
  preCheckImageScanTask,
  type CreateTaskAnswer,
  type LatestTask,
  type PreCheckAnswer,
  type ScanTaskRequest,
} from './scan-tasks.js';

export type { CreateTaskAnswer, LatestTask, PreCheckAnswer, ScanTaskRequest };

export interface ScanApi {
  listImages(endpoint: Endpoint, selector: ImageSelector): Promise<RowsAnswer>;
  latestTasks(
    endpoint: Endpoint,
    digest: string,
  ): Promise<{ tasks: LatestTask[]; requestId?: string }>;
  preCheck(endpoint: Endpoint, req: ScanTaskRequest): Promise<PreCheckAnswer>;
  createTask(endpoint: Endpoint, req: ScanTaskRequest): Promise<CreateTaskAnswer>;
}

/** The scan-state operations over a signed client. */
export function scanApi(client: AcsClient): ScanApi {
  return {
    listImages: (endpoint, selector) => describeImageInstances(client, endpoint, selector),
    latestTasks: (endpoint, digest) => describeImageLatestScanTask(client, endpoint, digest),
    preCheck: (endpoint, req) => preCheckImageScanTask(client, endpoint, req),
    createTask: (endpoint, req) => createImageScanTask(client, endpoint, req),
  };
}

export interface ImageRow {
  digest: string;
  tag?: string;
  repoId?: string;
  repoName?: string;
  repoNamespace?: string;
  instanceId?: string;
  regionId?: string;
  uuid?: string;
  /** Epoch milliseconds of the last completed scan; 0 or absent when never scanned. */
  lastScanTime?: number;
  scaStatus?: string;
  scaProgress?: number;
}

export interface RowsAnswer {
  rows: ImageRow[];
  requestIds: string[];
  /** True when the listing had more pages than were read. */
  truncated: boolean;
}

const PAGE_SIZE = 100;
const MAX_PAGES = 5;

/** DescribeImageInstances criteria for the selectors that it can filter on. */
export function criteriaFor(selector: ImageSelector): string {
  const items: Array<[string, string | undefined]> = [
    ['digest', selector.digest],
    ['tag', selector.tag],
    ['repoId', selector.repoId],
    ['instanceId', selector.repoInstanceId],
    ['regionId', selector.repoRegionId],
  ];
  return JSON.stringify(
    items
      .filter(([, v]) => v !== undefined)
      .map(([name, value]) => ({ name, value, logicalExp: 'AND' })),
  );
}

/**
 * The server's filtering is not trusted: every row must carry and match every selector given.
 * The count query filters by the same selectors, so a row accepted on less (a missing field,
 * another tag) could prove a scan of an image the counts then miss: zeros, a false pass.
 */
export function rowMatches(row: ImageRow, selector: ImageSelector): boolean {
  const checks: Array<[string | undefined, string | undefined]> = [
    [selector.digest, row.digest],
    [selector.tag, row.tag],
    [selector.repoId, row.repoId],
    [selector.repoInstanceId, row.instanceId],
    [selector.repoRegionId, row.regionId],
    [selector.uuid, row.uuid],
  ];
  return checks.every(([want, got]) => want === undefined || want === got);
}

export function readRow(raw: unknown, action: string, requestId?: string): ImageRow {
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) {
    throw new GateError(`${action} answered an image entry that is not an object.`, requestId);
  }
  const r = raw as Record<string, unknown>;
  const digest = optString(r, 'Digest');
  if (!digest) {
    throw new GateError(`${action} answered an image entry without a Digest.`, requestId);
  }
  return {
    digest: digest.replace(/^sha256:/i, '').toLowerCase(),
    tag: optString(r, 'Tag'),
    repoId: optString(r, 'RepoId'),
    repoName: optString(r, 'RepoName'),
    repoNamespace: optString(r, 'RepoNamespace'),
    instanceId: optString(r, 'InstanceId'),
    regionId: optString(r, 'RegionId'),
    uuid: optString(r, 'Uuid'),
    lastScanTime: optNumber(r, 'LastScanTime'),
    scaStatus: statusField(r, 'ScaStatus'),
    scaProgress: optNumber(r, 'ScaProgress'),
  };
}

/**
 * A status field: absent or null is "not given"; anything else that is not a non-empty string
 * (a number, an array, '') is kept as an unreadable status, which the gate treats as unknown
 * rather than as "no status".
 */
function statusField(obj: Record<string, unknown>, name: string): string | undefined {
  const v = obj[name];
  if (v === undefined || v === null) return undefined;
  if (typeof v === 'string' && v.trim() !== '') return v;
  return `unreadable ${truncate(String(JSON.stringify(v)), 40)}`;
}

export async function describeImageInstances(
  client: AcsClient,
  endpoint: Endpoint,
  selector: ImageSelector,
): Promise<RowsAnswer> {
  const action = 'DescribeImageInstances';
  const rows: ImageRow[] = [];
  const requestIds: string[] = [];
  const criteria = criteriaFor(selector);
  for (let page = 1; page <= MAX_PAGES; page++) {
    const answer = await client.call({
      endpoint,
      action,
      version: SAS_VERSION,
      params: [
        ['Criteria', criteria],
        ['LogicalExp', 'AND'],
        ['PageSize', String(PAGE_SIZE)],
        ['CurrentPage', String(page)],
      ],
    });
    if (answer.requestId) requestIds.push(answer.requestId);
    const list = answer.body['ImageInstanceList'];
    if (!Array.isArray(list)) {
      throw new GateError(
        `${action} answered without an ImageInstanceList array, so the scan state is unknown.`,
        answer.requestId,
      );
    }
    for (const raw of list) {
      const row = readRow(raw, action, answer.requestId);
      if (rowMatches(row, selector)) rows.push(row);
    }
    const info = answer.body['PageInfo'];
    const total =
      info && typeof info === 'object'
        ? optNumber(info as Record<string, unknown>, 'TotalCount')
        : undefined;
    const seen = (page - 1) * PAGE_SIZE + list.length;
    // Done on a short page, or when the total says so; a full page without a total reads on.
    if (list.length < PAGE_SIZE || (total !== undefined && seen >= total)) {
      return { rows, requestIds, truncated: false };
    }
  }
  return { rows, requestIds, truncated: true };
}

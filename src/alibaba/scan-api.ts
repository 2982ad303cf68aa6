// Security Center operations about an image's scan state: which images it knows (and when each
// was last scanned), and starting a scan. Answers are validated: a shape the gate does not
// recognise is an error, never a silent "scanned".
import { GateError } from '../errors.js';
import { truncate } from './api-errors.js';
import type { Endpoint } from './endpoints.js';
import type { ImageSelector } from '../selector.js';
import { SAS_VERSION, type AcsClient } from './client.js';

/** The scan-state operations, as the scan proof uses them (a fake in tests, the client in runs). */
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

function optString(obj: Record<string, unknown>, name: string): string | undefined {
  const v = obj[name];
  return typeof v === 'string' && v !== '' ? v : undefined;
}

function optNumber(obj: Record<string, unknown>, name: string): number | undefined {
  const v = obj[name];
  if (typeof v === 'number' && Number.isFinite(v)) return v;
  if (typeof v === 'string' && /^\d+$/.test(v)) return Number(v);
  return undefined;
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

export interface ScanTaskRequest {
  digests: string[];
  instanceIds: string[];
  regionIds: string[];
  repoIds: string[];
  tags: string[];
}

function taskParams(req: ScanTaskRequest): Array<[string, string]> {
  const params: Array<[string, string]> = [];
  const add = (name: string, values: string[]) => {
    const unique = [...new Set(values)];
    if (unique.length > 0) params.push([name, unique.join(',')]);
  };
  add('Digests', req.digests);
  add('InstanceIds', req.instanceIds);
  add('RegionIds', req.regionIds);
  add('RepoIds', req.repoIds);
  add('Tags', req.tags);
  return params;
}

export interface PreCheckAnswer {
  needAuthCount?: number;
  scanImageCount?: number;
  requestId?: string;
}

export async function preCheckImageScanTask(
  client: AcsClient,
  endpoint: Endpoint,
  req: ScanTaskRequest,
): Promise<PreCheckAnswer> {
  const answer = await client.call({
    endpoint,
    action: 'PublicPreCheckImageScanTask',
    version: SAS_VERSION,
    params: taskParams(req),
  });
  const data = answer.body['Data'];
  const d = data && typeof data === 'object' ? (data as Record<string, unknown>) : {};
  return {
    needAuthCount: optNumber(d, 'NeedAuthCount'),
    scanImageCount: optNumber(d, 'ScanImageCount'),
    requestId: answer.requestId,
  };
}

export interface CreateTaskAnswer {
  taskId: string;
  requestId?: string;
}

export async function createImageScanTask(
  client: AcsClient,
  endpoint: Endpoint,
  req: ScanTaskRequest,
): Promise<CreateTaskAnswer> {
  const action = 'PublicCreateImageScanTask';
  const answer = await client.call({
    endpoint,
    action,
    version: SAS_VERSION,
    params: taskParams(req),
  });
  const data = answer.body['Data'];
  if (!data || typeof data !== 'object') {
    throw new GateError(
      `${action} answered without Data, so it is unknown whether a scan started.`,
      answer.requestId,
    );
  }
  const d = data as Record<string, unknown>;
  const result = optString(d, 'Result');
  if (result === 'TASK_NOT_SUPPORT_REGION') {
    throw new GateError(
      `${action}: Security Center cannot scan images in this region (TASK_NOT_SUPPORT_REGION).`,
      answer.requestId,
    );
  }
  if (d['CanCreate'] === false) {
    throw new GateError(
      `${action}: Security Center refused to start a scan (CanCreate=false): the image scan quota may be used up, or 10 scan tasks are already running. Wait for running tasks, or buy more image scan quota.`,
      answer.requestId,
    );
  }
  const taskId = optString(d, 'TaskId');
  const status = optString(d, 'Status');
  if (!taskId || status === 'FAIL') {
    throw new GateError(
      `${action} did not start a scan (TaskId ${taskId ?? 'missing'}, Status ${truncate(String(status ?? 'missing'), 40)}).`,
      answer.requestId,
    );
  }
  return { taskId, requestId: answer.requestId };
}

export interface LatestTask {
  status: string;
  /** Epoch ms. */
  startTime?: number;
  /** Epoch ms, only once finished. */
  finishTime?: number;
  /** Number of images the task scanned. */
  finish?: number;
  taskType?: string;
  targetType?: string;
  /** The digest the task scanned (bare hex), when the answer says. */
  target?: string;
  taskId?: string;
}

/** DescribeImageLatestScanTask: the latest scan task(s) for a digest; an empty list when none. */
export async function describeImageLatestScanTask(
  client: AcsClient,
  endpoint: Endpoint,
  digest: string,
): Promise<{ tasks: LatestTask[]; requestId?: string }> {
  const action = 'DescribeImageLatestScanTask';
  const answer = await client.call({
    endpoint,
    action,
    version: SAS_VERSION,
    params: [['Digest', digest]],
  });
  const raw = answer.body['Task'] ?? [];
  const list = Array.isArray(raw) ? raw : [raw];
  const tasks = list.map((t): LatestTask => {
    const o = t && typeof t === 'object' ? (t as Record<string, unknown>) : {};
    const status = optString(o, 'Status');
    if (!status)
      throw new GateError(`${action} answered a task without a Status.`, answer.requestId);
    const target = optString(o, 'Target');
    return {
      status: status.toUpperCase(),
      startTime: optNumber(o, 'StartTime'),
      finishTime: optNumber(o, 'FinishTime'),
      finish: optNumber(o, 'Finish'),
      taskType: optString(o, 'TaskType'),
      targetType: optString(o, 'TargetType'),
      target: target?.replace(/^sha256:/i, '').toLowerCase(),
      taskId: optString(o, 'TaskId'),
    };
  });
  return { tasks, requestId: answer.requestId };
}

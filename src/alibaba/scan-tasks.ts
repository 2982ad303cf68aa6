// Security Center's scan tasks: checking the quota, starting a scan, and the latest task of a
// digest. Answers are validated: a shape the gate does not recognise is an error, never a
// silent "scanned" or "started".
import { GateError } from '../infra/errors.js';
import { truncate } from './api-errors.js';
import { SAS_VERSION, type AcsClient } from './client.js';
import type { Endpoint } from './endpoints.js';
import { optNumber, optString } from './fields.js';

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

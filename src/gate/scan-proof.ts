// Proof that Security Center has scanned an image before its counts are trusted. Zero findings
// and "never scanned" look the same in the count query, so an image whose scan cannot be shown
// complete (and fresh enough) ends in error, never pass.
//
// Proof used: the image's DescribeImageInstances row. It exists only once Security Center has
// synced the image, carries LastScanTime however the scan was started (automatic scan on push,
// console, API) and ScaStatus while a scan runs, and resolves a tag to its digest. When the row
// shows no completed scan, the digest's DescribeImageLatestScanTask is asked as a second
// opinion. This module only polls and waits; every decision is in scan-state.ts.
import type { Endpoint } from '../alibaba/endpoints.js';
import type { ImageFacts } from '../alibaba/list-target.js';
import type { ImageRow, ScanApi, ScanTaskRequest } from '../alibaba/scan-api.js';
import type { Deadline } from '../infra/deadline.js';
import { describeError } from '../infra/errors.js';
import type { Logger } from '../infra/log.js';
import {
  decidePoll,
  taskOpinion,
  unknownImageProblem,
  viewRows,
  waitBudget,
  type ScanSettings,
  type ScanStatus,
  type TaskOpinion,
} from './scan-state.js';
import { describeSelection, type ImageSelector } from '../core/selector.js';

export interface ScanOutcome {
  status: ScanStatus;
  /** Epoch ms of the oldest completed scan among the image's rows. */
  scannedAt?: number;
  taskId?: string;
  /** Digests Security Center resolved the selection to (bare hex). */
  digests: string[];
  /** The image's Security Center UUID, when its rows agree on one. */
  uuid?: string;
  /** Uuid, RepoNamespace and RepoName, each when the image's rows agree on one. */
  rowFacts?: ImageFacts;
  /** The repository the image's rows agree on (RepoId, and InstanceId/RegionId when agreed). */
  repository?: RowRepository;
  /** Epoch ms when the scan that proves it finished (answers asked before it may be stale). */
  provenAt?: number;
  /** How many times the image's rows were listed (1: the proof waited for nothing). */
  polls: number;
  requestIds: string[];
  /** Set exactly when the scan could not be shown complete: the image is an error. */
  problem?: string;
}

export interface StartedScan {
  taskId?: string;
  requestIds: string[];
  /** Set when no scan could be started because Security Center does not know the image. */
  problem?: string;
}

export interface ScanContext {
  api: ScanApi;
  deadline: Deadline;
  log: Logger;
  settings: ScanSettings;
  /** Scans started in this run, by digest (shared by all images): never two for one digest. */
  triggered: Map<string, Promise<StartedScan>>;
  now: () => number;
  sleep: (ms: number) => Promise<void>;
  random: () => number;
  /** Runs a wait without holding the image's turn, so waiting images never block the others. */
  idle?: (wait: () => Promise<void>) => Promise<void>;
  /**
   * The latest task's opinion must be had when asked (a baseline image: "never scanned" gates on
   * all findings, so a call that fails must not read as that): its failure rejects.
   */
  taskRequired?: boolean;
}

const MAX_POLL_MS = 30_000;

export async function ensureScanned(
  selector: ImageSelector,
  endpoint: Endpoint,
  ctx: ScanContext,
): Promise<ScanOutcome> {
  const { settings, log } = ctx;
  const outcome: ScanOutcome = { status: 'unknown', digests: [], requestIds: [], polls: 0 };
  const waitStarted = ctx.now();
  let pause = settings.pollBaseMs;
  let startedTaskId: string | undefined;
  // After starting a scan the row may still show the previous failure until the task begins;
  // only a failure seen after the new scan was observed running ends the wait.
  let sawOurScanRun = false;
  for (let poll = 1; ; poll++) {
    const listing = await ctx.api.listImages(endpoint, selector);
    outcome.polls = poll;
    outcome.requestIds.push(...listing.requestIds);
    const view = viewRows(listing.rows, settings.maxAgeMs, ctx.now());
    outcome.digests = view.digests;
    const uuids = [...new Set(listing.rows.map((r) => r.uuid))];
    if (uuids.length === 1 && uuids[0] !== undefined) outcome.uuid = uuids[0];
    outcome.rowFacts = agreedFacts(listing.rows);
    const repository = agreedRepository(listing.rows);
    if (repository) outcome.repository = repository;
    else delete outcome.repository;
    if (view.scannedAt !== undefined) outcome.scannedAt = view.scannedAt;
    const task = view.askTaskOf
      ? await askLatestTask(view.askTaskOf, endpoint, ctx, outcome)
      : undefined;
    const step = decidePoll({
      selector,
      rows: listing.rows,
      view,
      task,
      truncated: listing.truncated,
      settings,
      now: ctx.now(),
      startedTaskId,
      sawOurScanRun,
    });
    if (step.kind === 'scanned') {
      outcome.status = 'scanned';
      outcome.provenAt = step.provenAt;
      if (step.scannedAt !== undefined) outcome.scannedAt = step.scannedAt;
      return outcome;
    }
    if (step.kind === 'stop') {
      outcome.status = step.status;
      outcome.problem = step.problem;
      return outcome;
    }
    let state = step.kind === 'wait' ? step.state : 'absent';
    outcome.status = step.kind === 'wait' ? step.status : 'not-scanned';
    if (step.kind === 'wait' && step.ourScanRunning) sawOurScanRun = true;
    if (step.kind === 'start-scan') {
      const started = await startOnce(selector, endpoint, outcome, step.absent, ctx);
      outcome.requestIds.push(...started.requestIds);
      if (started.problem !== undefined) {
        outcome.status = 'not-scanned';
        outcome.problem = started.problem;
        return outcome;
      }
      startedTaskId = started.taskId;
      outcome.taskId = startedTaskId;
      outcome.status = 'scanning';
      state = step.absent ? 'absent' : 'never';
    }

    // Wait, within wait-for-scan; the time waited is added to the API deadline.
    const waitedMs = ctx.now() - waitStarted;
    const budget = waitBudget({ state, selector, settings, waitedMs, startedTaskId });
    if ('problem' in budget) {
      outcome.problem = budget.problem;
      return outcome;
    }
    const delay = Math.min(budget.leftMs, pause * (0.8 + ctx.random() * 0.4));
    // Images waiting side by side share one extension of the deadline; when it is spent, a
    // sleep that would outlast the deadline is not started.
    ctx.deadline.extend(delay);
    if (ctx.deadline.remaining() <= delay) {
      outcome.problem = `The image is still ${budget.inProgress ? 'being scanned' : 'not scanned'} after waiting ${Math.round(waitedMs / 1000)} s, and the step deadline (timeout-seconds plus wait-for-scan, shared by all images) leaves no time for another check. Raise wait-for-scan, or re-run when the scan has finished.`;
      return outcome;
    }
    log.info(
      `${describeSelection(selector)}: scan ${budget.inProgress ? 'in progress' : 'pending'}; poll ${poll}, waited ${Math.round(waitedMs / 1000)} s, up to ${Math.round(budget.leftMs / 1000)} s left; next in ${(delay / 1000).toFixed(1)} s.`,
    );
    await (ctx.idle ? ctx.idle(() => ctx.sleep(delay)) : ctx.sleep(delay));
    pause = Math.min(MAX_POLL_MS, pause * 1.5);
  }
}

/**
 * The latest task's opinion; when the call fails (no permission, not offered) the rows decide,
 * except where it is required (a baseline): then the failure rejects.
 */
async function askLatestTask(
  ask: { digest: string; newestScan: number },
  endpoint: Endpoint,
  ctx: ScanContext,
  outcome: ScanOutcome,
): Promise<TaskOpinion | undefined> {
  try {
    const answer = await ctx.api.latestTasks(endpoint, ask.digest);
    if (answer.requestId) outcome.requestIds.push(answer.requestId);
    return taskOpinion(answer.tasks, ask.digest, ask.newestScan, ctx.settings.maxAgeMs, ctx.now());
  } catch (err) {
    if (ctx.taskRequired) throw err;
    ctx.log.debug(`DescribeImageLatestScanTask not used: ${describeError(err)}`);
    return undefined;
  }
}

/** Starts a scan for the image's digests, once per digest however many images share it. */
function startOnce(
  selector: ImageSelector,
  endpoint: Endpoint,
  outcome: ScanOutcome,
  absent: boolean,
  ctx: ScanContext,
): Promise<StartedScan> {
  const digests =
    outcome.digests.length > 0 ? outcome.digests : selector.digest ? [selector.digest] : [];
  // The promise is shared before any await, so concurrent images never start two tasks.
  const running = digests.map((d) => ctx.triggered.get(d)).find((p) => p !== undefined);
  if (running) return running;
  const started = startScan(selector, endpoint, digests, absent, ctx);
  for (const d of digests) ctx.triggered.set(d, started);
  return started;
}

/** Pre-checks, then starts a scan. API errors propagate: they are the image's error. */
async function startScan(
  selector: ImageSelector,
  endpoint: Endpoint,
  digests: string[],
  absent: boolean,
  ctx: ScanContext,
): Promise<StartedScan> {
  const request: ScanTaskRequest = {
    digests,
    instanceIds: selector.repoInstanceId ? [selector.repoInstanceId] : [],
    regionIds: selector.repoRegionId ? [selector.repoRegionId] : [],
    repoIds: selector.repoId ? [selector.repoId] : [],
    tags: selector.tag ? [selector.tag] : [],
  };
  const requestIds: string[] = [];
  const check = await ctx.api.preCheck(endpoint, request);
  if (check.requestId) requestIds.push(check.requestId);
  if (absent && check.needAuthCount === 0) {
    return {
      requestIds,
      problem: `${unknownImageProblem(selector)} The scan pre-check matched no image either (NeedAuthCount=0).`,
    };
  }
  const created = await ctx.api.createTask(endpoint, request);
  if (created.requestId) requestIds.push(created.requestId);
  ctx.log.info(
    `Started Security Center scan task ${created.taskId} for ${describeSelection(selector)}.`,
  );
  return { taskId: created.taskId, requestIds };
}

/** The facts every row agrees on (a field some rows lack or that differs is left out). */
/** A repository as the image rows name it: where a baseline tag is looked up (issue 18). */
export interface RowRepository {
  repoId: string;
  repoInstanceId?: string;
  repoRegionId?: string;
}

/**
 * The repository every row names, or undefined when a row names none or rows disagree: a tag
 * looked up in a repository guessed from one row of several could be another repository's tag.
 */
export function agreedRepository(
  rows: ReadonlyArray<Pick<ImageRow, 'repoId' | 'instanceId' | 'regionId'>>,
): RowRepository | undefined {
  const only = (values: Array<string | undefined>) => {
    const set = new Set(values);
    const [value] = [...set];
    return set.size === 1 && value !== undefined && value !== '' ? value : undefined;
  };
  const repoId = only(rows.map((r) => r.repoId));
  if (repoId === undefined) return undefined;
  const repoInstanceId = only(rows.map((r) => r.instanceId));
  const repoRegionId = only(rows.map((r) => r.regionId));
  return {
    repoId,
    ...(repoInstanceId !== undefined ? { repoInstanceId } : {}),
    ...(repoRegionId !== undefined ? { repoRegionId } : {}),
  };
}

export function agreedFacts(rows: ReadonlyArray<ImageFacts>): ImageFacts {
  const facts: ImageFacts = {};
  for (const field of ['uuid', 'repoNamespace', 'repoName'] as const) {
    const values = new Set(rows.map((r) => r[field]));
    const only = values.size === 1 ? [...values][0] : undefined;
    if (only !== undefined) facts[field] = only;
  }
  return facts;
}

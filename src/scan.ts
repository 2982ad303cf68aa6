// Proof that Security Center has scanned an image before its counts are trusted. Zero findings
// and "never scanned" look the same in the count query, so an image whose scan cannot be shown
// complete (and fresh enough) ends in error, never pass.
//
// Proof used: the image's DescribeImageInstances row. It exists only once Security Center has
// synced the image, carries LastScanTime however the scan was started (automatic scan on push,
// console, API) and ScaStatus while a scan runs, and resolves a tag to its digest. When the row
// shows no completed scan, the digest's DescribeImageLatestScanTask is asked as a second
// opinion: a queued or running task means wait, a finished one proves the scan.
import type { AcsClient } from './alibaba/client.js';
import type { Endpoint } from './alibaba/endpoints.js';
import {
  createImageScanTask,
  describeImageInstances,
  describeImageLatestScanTask,
  preCheckImageScanTask,
  type ImageRow,
  type LatestTask,
} from './alibaba/scan-api.js';
import type { ImageSelector } from './alibaba/sas.js';
import { sleep, type Deadline } from './deadline.js';
import { describeError } from './errors.js';
import type { Logger } from './log.js';

export type ScanStatus = 'scanned' | 'scanning' | 'not-scanned' | 'unknown';

/** Worst first when several images are combined. */
export const SCAN_STATUS_ORDER: readonly ScanStatus[] = [
  'unknown',
  'not-scanned',
  'scanning',
  'scanned',
];

export function worstScanStatus(statuses: readonly ScanStatus[]): ScanStatus {
  for (const s of SCAN_STATUS_ORDER) if (statuses.includes(s)) return s;
  return 'unknown';
}

export interface ScanSettings {
  require: boolean;
  waitMs: number;
  trigger: boolean;
  /** A completed scan older than this counts as not scanned; null: any age. */
  maxAgeMs: number | null;
  /** First pause between polls; grows 1.5× per poll up to 30 s. */
  pollBaseMs: number;
}

export interface ScanOutcome {
  status: ScanStatus;
  /** Epoch ms of the oldest completed scan among the image's rows. */
  scannedAt?: number;
  taskId?: string;
  /** Digests Security Center resolved the selection to (bare hex). */
  digests: string[];
  requestIds: string[];
  /** Set exactly when the scan could not be shown complete: the image is an error. */
  problem?: string;
}

/** The Security Center actions a run with these settings may call (its minimal RAM policy). */
export function ramActionsFor(settings: Pick<ScanSettings, 'require' | 'trigger'>): string[] {
  const actions = ['DescribeImageSecurityScanCount'];
  if (settings.require) actions.push('DescribeImageInstances', 'DescribeImageLatestScanTask');
  if (settings.require && settings.trigger) {
    actions.push('PublicPreCheckImageScanTask', 'PublicCreateImageScanTask');
  }
  return actions;
}

type RowState = 'scanned' | 'scanning' | 'failed' | 'stale' | 'never' | 'unknown';

const RUNNING = new Set([
  'INIT',
  'START',
  'MESSAGE_SEND',
  'START_RUN',
  'DOWNLOAD',
  'PRE_ANALYZER',
  'WEB_SHELL_ANALYZER',
  'CVE_ANALYZER',
  'BIN_ANALYZER',
  'OTHER_ANALYZER',
  'PRE_ANALYZER_SUCCESS',
  'PROCESSING',
]);
const FAILED = new Set(['FAIL', 'TIMEOUT', 'TIMOUT']);
/** DescribeImageLatestScanTask's Status values for a task not finished yet. */
const TASK_RUNNING = new Set(['PROCESSING', 'START', 'MESSAGE_SEND', 'PRE_ANALYZER', 'INIT']);

/** A scan time further ahead than clock skew explains is not believed. */
const FUTURE_TOLERANCE_MS = 5 * 60_000;

export function classifyRow(row: ImageRow, maxAgeMs: number | null, now: number): RowState {
  if ((row.lastScanTime ?? 0) > now + FUTURE_TOLERANCE_MS) return 'unknown';
  const status = row.scaStatus?.toUpperCase();
  if (status !== undefined && RUNNING.has(status)) return 'scanning';
  if (status !== undefined && FAILED.has(status)) return 'failed';
  if (status !== undefined && status !== 'SUCCESS') return 'unknown';
  const last = row.lastScanTime ?? 0;
  // A SUCCESS without a scan time proves nothing: the row may be a placeholder, or a status left
  // over from an earlier image. Only a LastScanTime (or the latest task, asked next) is proof.
  if (last <= 0) return 'never';
  if (maxAgeMs !== null && now - last > maxAgeMs) return 'stale';
  return 'scanned';
}

/** The state of an image is the worst state of its rows. */
export function combineRows(states: readonly RowState[]): RowState | 'absent' {
  if (states.length === 0) return 'absent';
  for (const s of ['unknown', 'failed', 'scanning', 'stale', 'never'] as const)
    if (states.includes(s)) return s;
  return 'scanned';
}

export interface ScanContext {
  client: AcsClient;
  deadline: Deadline;
  log: Logger;
  settings: ScanSettings;
  /** Scans started in this run, by digest (shared by all images): never two for one digest. */
  triggered: Map<string, Promise<StartedScan>>;
  now?: () => number;
  /** Runs a wait without holding the image's turn, so waiting images never block the others. */
  idle?: (wait: () => Promise<void>) => Promise<void>;
}

const MAX_POLL_MS = 30_000;

function describeSelection(selector: ImageSelector): string {
  return selector.digest ? `sha256:${selector.digest}` : Object.values(selector).join(' ');
}

export async function ensureScanned(
  selector: ImageSelector,
  endpoint: Endpoint,
  ctx: ScanContext,
): Promise<ScanOutcome> {
  const { settings, log } = ctx;
  const now = ctx.now ?? Date.now;
  const outcome: ScanOutcome = { status: 'unknown', digests: [], requestIds: [] };
  const waitStarted = now();
  let pause = settings.pollBaseMs;
  let taskId: string | undefined;
  // After starting a scan the row may still show the previous failure until the task begins;
  // only a failure seen after the new scan was observed running ends the wait.
  let sawOurScanRun = false;
  for (let poll = 1; ; poll++) {
    const listing = await describeImageInstances(ctx.client, endpoint, selector);
    outcome.requestIds.push(...listing.requestIds);
    const rows = listing.rows;
    outcome.digests = [...new Set(rows.map((r) => r.digest))];
    const states = rows.map((r) => classifyRow(r, settings.maxAgeMs, now()));
    let state: RowState | 'absent' = combineRows(states);
    const scanTimes = rows.map((r) => r.lastScanTime ?? 0).filter((t) => t > 0);
    if (scanTimes.length > 0) outcome.scannedAt = Math.min(...scanTimes);
    // The rows (all of one digest) show no completed scan: the digest's latest scan task may
    // know better. It never speaks for an image the listing does not show (that would prove a
    // scan of something the count query does not select), and never overrules a failed scan.
    const [firstRow] = rows;
    let taskStatus: string | undefined;
    if (
      firstRow &&
      outcome.digests.length === 1 &&
      (state === 'never' || state === 'stale' || state === 'failed')
    ) {
      const newest = Math.max(0, ...rows.map((r) => r.lastScanTime ?? 0));
      const task = await latestTaskState(firstRow.digest, newest, endpoint, ctx, outcome);
      if (task.state === 'scanned' && state !== 'failed') {
        state = 'scanned';
        outcome.scannedAt = task.finishTime;
      } else if (task.state === 'scanning' || task.state === 'failed' || task.state === 'unknown') {
        state = task.state;
        taskStatus = task.status;
      }
    }
    if (listing.truncated) {
      // Rows not read could be unscanned while the count query covers them: no proof.
      outcome.status = 'unknown';
      outcome.problem = `DescribeImageInstances lists more images for ${describeSelection(selector)} than the gate reads (${rows.length} matching in the pages read), so it cannot show that every one was scanned. Narrow the selection, for example with image-digest.`;
      return outcome;
    }

    if (state === 'scanned') {
      outcome.status = 'scanned';
      return outcome;
    }
    if (state === 'unknown') {
      const odd = rows
        .map((r) => r.scaStatus)
        .filter(
          (s) =>
            s &&
            !RUNNING.has(s.toUpperCase()) &&
            !FAILED.has(s.toUpperCase()) &&
            s.toUpperCase() !== 'SUCCESS',
        );
      if (taskStatus) odd.push(`latest scan task: ${taskStatus}`);
      if (rows.some((r) => (r.lastScanTime ?? 0) > now() + FUTURE_TOLERANCE_MS)) {
        odd.push('LastScanTime in the future');
      }
      outcome.status = 'unknown';
      outcome.problem = `Security Center reports a scan status the gate does not recognise (${[...new Set(odd)].join(', ')}), so the image is not treated as scanned.`;
      return outcome;
    }
    outcome.status = state === 'scanning' ? 'scanning' : 'not-scanned';
    if (taskId !== undefined && state === 'scanning') sawOurScanRun = true;

    // Start a scan when nothing is running and nothing was started yet for these digests.
    const needsScan =
      state === 'absent' || state === 'never' || state === 'stale' || state === 'failed';
    if (needsScan && taskId === undefined) {
      if (!settings.trigger) {
        outcome.problem = notScannedProblem(state, selector, settings);
        return outcome;
      }
      const digests =
        outcome.digests.length > 0 ? outcome.digests : selector.digest ? [selector.digest] : [];
      // The promise is shared before any await, so concurrent images never start two tasks.
      let started = digests.map((d) => ctx.triggered.get(d)).find((p) => p !== undefined);
      if (!started) {
        started = startScan(selector, endpoint, digests, state === 'absent', ctx);
        for (const d of digests) ctx.triggered.set(d, started);
      }
      const task = await started;
      outcome.requestIds.push(...task.requestIds);
      if (task.problem !== undefined) {
        outcome.status = 'not-scanned';
        outcome.problem = task.problem;
        return outcome;
      }
      taskId = task.taskId;
      outcome.taskId = taskId;
      outcome.status = 'scanning';
    } else if (state === 'failed' && sawOurScanRun) {
      outcome.status = 'not-scanned';
      outcome.problem = `The Security Center scan started by this run (task ${taskId}) failed, so the counts are not trusted. See the image in the Security Center console.`;
      return outcome;
    }

    // Wait, within wait-for-scan; the time waited is added to the API deadline.
    const waited = now() - waitStarted;
    const left = settings.waitMs - waited;
    const stillWhat = state === 'scanning' || taskId ? 'being scanned' : 'not scanned';
    if (left <= 0 && state === 'absent') {
      outcome.problem = `${unknownImage(selector)} A scan task was started (${taskId ?? 'none'}), but the image did not appear in the listing within wait-for-scan (${Math.round(settings.waitMs / 1000)} s).`;
      return outcome;
    }
    if (left <= 0) {
      outcome.problem = `The image is still ${stillWhat} after waiting ${Math.round(waited / 1000)} s (wait-for-scan: ${Math.round(settings.waitMs / 1000)}). Raise wait-for-scan, or re-run when the scan has finished.`;
      return outcome;
    }
    const jitter = 0.8 + Math.random() * 0.4;
    const delay = Math.min(left, pause * jitter);
    // Images waiting side by side share one extension of the deadline; when it is spent, a
    // sleep that would outlast the deadline is not started.
    ctx.deadline.extend(delay);
    if (ctx.deadline.remaining() <= delay) {
      outcome.problem = `The image is still ${stillWhat} after waiting ${Math.round(waited / 1000)} s, and the step deadline (timeout-seconds plus wait-for-scan, shared by all images) leaves no time for another check. Raise wait-for-scan, or re-run when the scan has finished.`;
      return outcome;
    }
    log.info(
      `${describeSelection(selector)}: scan ${state === 'scanning' || taskId ? 'in progress' : 'pending'}; poll ${poll}, next in ${(delay / 1000).toFixed(1)} s.`,
    );
    await (ctx.idle ? ctx.idle(() => sleep(delay)) : sleep(delay));
    pause = Math.min(MAX_POLL_MS, pause * 1.5);
  }
}

/**
 * The digest's latest scan task as a row state: a second opinion asked only when the rows show
 * no completed scan. When the call fails (no permission, not offered) the rows alone decide.
 * A task counts only if it is an image scan of this very digest; the latest is the one that
 * started (or finished) last; a success proves a scan only if it finished after the rows' last
 * scan and within max-scan-age, and scanned at least one image.
 */
async function latestTaskState(
  digest: string,
  rowsLastScan: number,
  endpoint: Endpoint,
  ctx: ScanContext,
  outcome: ScanOutcome,
): Promise<{ state: RowState | 'none'; finishTime?: number; status?: string }> {
  let tasks: LatestTask[];
  try {
    const answer = await describeImageLatestScanTask(ctx.client, endpoint, digest);
    if (answer.requestId) outcome.requestIds.push(answer.requestId);
    tasks = answer.tasks.filter(
      (t) =>
        t.target === digest &&
        (t.taskType === undefined || t.taskType === 'IMAGE_SCAN') &&
        (t.targetType === undefined || t.targetType === 'IMAGE'),
    );
  } catch (err) {
    ctx.log.debug(`DescribeImageLatestScanTask not used: ${describeError(err)}`);
    return { state: 'none' };
  }
  const when = (t: LatestTask) => Math.max(t.startTime ?? 0, t.finishTime ?? 0);
  const latest = tasks.reduce<LatestTask | undefined>(
    (a, t) => (!a || when(t) > when(a) ? t : a),
    undefined,
  );
  if (!latest) return { state: 'none' };
  if (TASK_RUNNING.has(latest.status)) return { state: 'scanning' };
  if (FAILED.has(latest.status)) return { state: 'failed' };
  if (latest.status !== 'SUCCESS') return { state: 'unknown', status: latest.status };
  const finished = latest.finishTime ?? 0;
  const now = (ctx.now ?? Date.now)();
  const maxAge = ctx.settings.maxAgeMs;
  const fresh =
    (maxAge === null || now - finished <= maxAge) && finished <= now + FUTURE_TOLERANCE_MS;
  const scannedSomething = latest.finish === undefined || latest.finish >= 1;
  if (finished <= rowsLastScan || finished <= 0 || !fresh || !scannedSomething)
    return { state: 'none' };
  return { state: 'scanned', finishTime: finished };
}

export interface StartedScan {
  taskId?: string;
  requestIds: string[];
  /** Set when no scan could be started because Security Center does not know the image. */
  problem?: string;
}

/** Pre-checks, then starts a scan. API errors propagate: they are the image's error. */
async function startScan(
  selector: ImageSelector,
  endpoint: Endpoint,
  digests: string[],
  absent: boolean,
  ctx: ScanContext,
): Promise<StartedScan> {
  const request = {
    digests,
    instanceIds: selector.repoInstanceId ? [selector.repoInstanceId] : [],
    regionIds: selector.repoRegionId ? [selector.repoRegionId] : [],
    repoIds: selector.repoId ? [selector.repoId] : [],
    tags: selector.tag ? [selector.tag] : [],
  };
  const requestIds: string[] = [];
  const check = await preCheckImageScanTask(ctx.client, endpoint, request);
  if (check.requestId) requestIds.push(check.requestId);
  if (absent && check.needAuthCount === 0) {
    return {
      requestIds,
      problem: `${unknownImage(selector)} The scan pre-check matched no image either (NeedAuthCount=0).`,
    };
  }
  const created = await createImageScanTask(ctx.client, endpoint, request);
  if (created.requestId) requestIds.push(created.requestId);
  ctx.log.info(
    `Started Security Center scan task ${created.taskId} for ${describeSelection(selector)}.`,
  );
  return { taskId: created.taskId, requestIds };
}

function unknownImage(selector: ImageSelector): string {
  return `Security Center does not know the image ${describeSelection(selector)}: it has not been synced from Container Registry yet, or the selectors do not match it. Check the selectors and the Security Center site, and sync the registry instance in Security Center (see README: "Image not known to Security Center").`;
}

function notScannedProblem(
  state: RowState | 'absent',
  selector: ImageSelector,
  settings: ScanSettings,
): string {
  switch (state) {
    case 'absent':
      return unknownImage(selector);
    case 'stale':
      return `The last Security Center scan of ${describeSelection(selector)} is older than max-scan-age (${(settings.maxAgeMs ?? 0) / 3_600_000} h). Set trigger-scan: true to refresh it.`;
    case 'failed':
      return `The last Security Center scan of ${describeSelection(selector)} failed, so its counts are not trusted. Set trigger-scan: true to scan again.`;
    default:
      return `Security Center has not scanned ${describeSelection(selector)}. Enable image scanning for the registry instance in Security Center, or set trigger-scan: true.`;
  }
}

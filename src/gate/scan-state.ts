// What Security Center's answers say about an image's scan: pure decisions, no I/O. The polling
// loop (scan-proof.ts) asks, and follows what these functions decide, so every rule here is
// tested with tables, without a clock or a server.
//
// Fail closed: an image is `scanned` only on positive proof (a row with a completed scan, fresh
// enough, or a finished scan task of this very digest). Anything unreadable is `unknown`.
import type { ScanSettings, ScanStatus } from '../core/scan.js';
import type { ImageRow, LatestTask } from '../alibaba/scan-api.js';
import { describeSelection, type ImageSelector } from '../core/selector.js';

export type { ScanSettings, ScanStatus };

export type RowState = 'scanned' | 'scanning' | 'failed' | 'stale' | 'never' | 'unknown';
export type ImageState = RowState | 'absent';

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
export function combineRows(states: readonly RowState[]): ImageState {
  if (states.length === 0) return 'absent';
  for (const s of ['unknown', 'failed', 'scanning', 'stale', 'never'] as const)
    if (states.includes(s)) return s;
  return 'scanned';
}

/** Answers sent before the proof count only if the scan finished this long before they were given. */
export const ACCEPT_MARGIN_MS = 60_000;

/**
 * Whether an answer asked for before the scan proof may be used: the proof found the scan
 * complete at once (it did not wait or start one), and that scan finished at least
 * ACCEPT_MARGIN_MS before Security Center gave the answer, both times by Security Center's own
 * clock (the answer's HTTP Date), so a runner clock that is off cannot make a stale answer look
 * fresh. An answer without a Date, or a proof without a finish time, is never accepted.
 */
export function acceptsEarly(
  proof: { provenAt?: number; polls: number; taskId?: string },
  answeredAt: number | undefined,
): boolean {
  if (proof.polls !== 1 || proof.taskId !== undefined) return false;
  if (proof.provenAt === undefined || proof.provenAt <= 0 || answeredAt === undefined) return false;
  return proof.provenAt <= answeredAt - ACCEPT_MARGIN_MS;
}

/** What one listing of the image's rows shows. */
export interface RowsView {
  state: ImageState;
  /** Digests the rows resolve the selection to (bare hex). */
  digests: string[];
  /** Epoch ms of the oldest completed scan among the rows. */
  scannedAt?: number;
  /** Epoch ms of the newest completed scan among the rows (0 when none). */
  newestScan: number;
  /** Set when the rows show no completed scan of a single digest: ask its latest scan task. */
  askTaskOf?: { digest: string; newestScan: number };
}

export function viewRows(
  rows: readonly ImageRow[],
  maxAgeMs: number | null,
  now: number,
): RowsView {
  const state = combineRows(rows.map((r) => classifyRow(r, maxAgeMs, now)));
  const digests = [...new Set(rows.map((r) => r.digest))];
  const times = rows.map((r) => r.lastScanTime ?? 0).filter((t) => t > 0);
  const view: RowsView = { state, digests, newestScan: Math.max(0, ...times) };
  if (times.length > 0) view.scannedAt = Math.min(...times);
  // The latest task never speaks for an image the listing does not show (that would prove a
  // scan of something the count query does not select), nor for rows of several digests.
  const [first] = rows;
  if (
    first &&
    digests.length === 1 &&
    (state === 'never' || state === 'stale' || state === 'failed')
  )
    view.askTaskOf = { digest: first.digest, newestScan: view.newestScan };
  return view;
}

export type TaskOpinion =
  | { state: 'none' }
  | { state: 'scanned'; finishTime: number }
  | { state: 'scanning' | 'failed' }
  | { state: 'unknown'; status: string };

/**
 * The digest's latest scan task as an opinion on its scan. A task counts only if it is an image
 * scan of this very digest; the latest is the one that started (or finished) last; a success
 * proves a scan only if it finished after the rows' last scan, within max-scan-age, not in the
 * future, and scanned at least one image.
 */
export function taskOpinion(
  tasks: readonly LatestTask[],
  digest: string,
  rowsNewestScan: number,
  maxAgeMs: number | null,
  now: number,
): TaskOpinion {
  const mine = tasks.filter(
    (t) =>
      t.target === digest &&
      (t.taskType === undefined || t.taskType === 'IMAGE_SCAN') &&
      (t.targetType === undefined || t.targetType === 'IMAGE'),
  );
  const when = (t: LatestTask) => Math.max(t.startTime ?? 0, t.finishTime ?? 0);
  const latest = mine.reduce<LatestTask | undefined>(
    (a, t) => (!a || when(t) > when(a) ? t : a),
    undefined,
  );
  if (!latest) return { state: 'none' };
  if (TASK_RUNNING.has(latest.status)) return { state: 'scanning' };
  if (FAILED.has(latest.status)) return { state: 'failed' };
  if (latest.status !== 'SUCCESS') return { state: 'unknown', status: latest.status };
  const finished = latest.finishTime ?? 0;
  const fresh =
    (maxAgeMs === null || now - finished <= maxAgeMs) && finished <= now + FUTURE_TOLERANCE_MS;
  const scannedSomething = latest.finish === undefined || latest.finish >= 1;
  if (finished <= rowsNewestScan || finished <= 0 || !fresh || !scannedSomething)
    return { state: 'none' };
  return { state: 'scanned', finishTime: finished };
}

/** Everything one poll learnt, and what this run has done so far. */
export interface PollFacts {
  selector: ImageSelector;
  rows: readonly ImageRow[];
  view: RowsView;
  /** The latest task's opinion, when it was asked (undefined: not asked, or the call failed). */
  task?: TaskOpinion;
  /** The listing had more pages than were read. */
  truncated: boolean;
  settings: ScanSettings;
  now: number;
  /** The scan task this run started, if any. */
  startedTaskId?: string;
  /** The scan this run started was seen running (a failure after that is its failure). */
  sawOurScanRun: boolean;
}

export type PollStep =
  | {
      kind: 'scanned';
      scannedAt?: number;
      /** When the scan that proves it finished: the newest row scan, or the task's finish. */
      provenAt: number;
    }
  | { kind: 'stop'; status: ScanStatus; problem: string }
  | { kind: 'start-scan'; absent: boolean }
  | {
      kind: 'wait';
      state: ImageState;
      status: 'scanning' | 'not-scanned';
      ourScanRunning: boolean;
    };

/** What to do after a poll: trust the scan, give up, start a scan, or wait and poll again. */
export function decidePoll(f: PollFacts): PollStep {
  let state: ImageState = f.view.state;
  let scannedAt = f.view.scannedAt;
  let provenAt = f.view.newestScan;
  let taskStatus: string | undefined;
  if (f.task?.state === 'scanned' && state !== 'failed') {
    state = 'scanned';
    scannedAt = f.task.finishTime;
    provenAt = f.task.finishTime;
  } else if (f.task?.state === 'scanning' || f.task?.state === 'failed') {
    state = f.task.state;
  } else if (f.task?.state === 'unknown') {
    state = 'unknown';
    taskStatus = f.task.status;
  }
  if (f.truncated) {
    // Rows not read could be unscanned while the count query covers them: no proof.
    return {
      kind: 'stop',
      status: 'unknown',
      problem: `DescribeImageInstances lists more images for ${describeSelection(f.selector)} than the gate reads (${f.rows.length} matching in the pages read), so it cannot show that every one was scanned. Narrow the selection, for example with image-digest.`,
    };
  }
  if (state === 'scanned')
    return scannedAt === undefined
      ? { kind: 'scanned', provenAt }
      : { kind: 'scanned', scannedAt, provenAt };
  if (state === 'unknown') {
    return { kind: 'stop', status: 'unknown', problem: unrecognisedProblem(f, taskStatus) };
  }
  const ourScanRunning = f.startedTaskId !== undefined && state === 'scanning';
  const needsScan =
    state === 'absent' || state === 'never' || state === 'stale' || state === 'failed';
  if (needsScan && f.startedTaskId === undefined) {
    if (!f.settings.trigger)
      return { kind: 'stop', status: 'not-scanned', problem: notScannedProblem(state, f) };
    return { kind: 'start-scan', absent: state === 'absent' };
  }
  if (state === 'failed' && (f.sawOurScanRun || ourScanRunning)) {
    return {
      kind: 'stop',
      status: 'not-scanned',
      problem: `The Security Center scan started by this run (task ${f.startedTaskId}) failed, so the counts are not trusted. See the image in the Security Center console.`,
    };
  }
  const status = state === 'scanning' || f.startedTaskId ? 'scanning' : 'not-scanned';
  return { kind: 'wait', state, status, ourScanRunning };
}

/**
 * Whether a wait may go on, within wait-for-scan: the time left, or why waiting ends here. A scan
 * this run started counts as in progress even before the listing shows it.
 */
export function waitBudget(f: {
  state: ImageState;
  selector: ImageSelector;
  settings: ScanSettings;
  waitedMs: number;
  startedTaskId?: string;
}): { leftMs: number; inProgress: boolean } | { problem: string } {
  const inProgress = f.state === 'scanning' || f.startedTaskId !== undefined;
  const left = f.settings.waitMs - f.waitedMs;
  const waitFor = Math.round(f.settings.waitMs / 1000);
  if (left > 0) return { leftMs: left, inProgress };
  if (f.state === 'absent') {
    return {
      problem: `${unknownImageProblem(f.selector)} A scan task was started (${f.startedTaskId ?? 'none'}), but the image did not appear in the listing within wait-for-scan (${waitFor} s).`,
    };
  }
  return {
    problem: `The image is still ${inProgress ? 'being scanned' : 'not scanned'} after waiting ${Math.round(f.waitedMs / 1000)} s (wait-for-scan: ${waitFor}). Raise wait-for-scan, or re-run when the scan has finished.`,
  };
}

function unrecognisedProblem(f: PollFacts, taskStatus: string | undefined): string {
  const odd: string[] = [];
  for (const r of f.rows) {
    const s = r.scaStatus?.toUpperCase();
    if (r.scaStatus && s && !RUNNING.has(s) && !FAILED.has(s) && s !== 'SUCCESS')
      odd.push(r.scaStatus);
  }
  if (taskStatus) odd.push(`latest scan task: ${taskStatus}`);
  if (f.rows.some((r) => (r.lastScanTime ?? 0) > f.now + FUTURE_TOLERANCE_MS))
    odd.push('LastScanTime in the future');
  return `Security Center reports a scan status the gate does not recognise (${[...new Set(odd)].join(', ')}), so the image is not treated as scanned.`;
}

export function unknownImageProblem(selector: ImageSelector): string {
  return `Security Center does not know the image ${describeSelection(selector)}: it has not been synced from Container Registry yet, or the selectors do not match it. Check the selectors and the Security Center site, and sync the registry instance in Security Center (see README: "Image not known to Security Center").`;
}

function notScannedProblem(state: ImageState, f: PollFacts): string {
  const what = describeSelection(f.selector);
  switch (state) {
    case 'absent':
      return unknownImageProblem(f.selector);
    case 'stale':
      return `The last Security Center scan of ${what} is older than max-scan-age (${(f.settings.maxAgeMs ?? 0) / 3_600_000} h). Set trigger-scan: true to refresh it.`;
    case 'failed':
      return `The last Security Center scan of ${what} failed, so its counts are not trusted. Set trigger-scan: true to scan again.`;
    default:
      return `Security Center has not scanned ${what}. Enable image scanning for the registry instance in Security Center, or set trigger-scan: true.`;
  }
}

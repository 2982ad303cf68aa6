// The scan proof without a clock or a server: the per-poll decision as tables, and the polling
// loop driven by a scripted ScanApi and a sleep that only records (milliseconds per test).
import type { Endpoint } from '../../../src/alibaba/endpoints.js';
import type { ImageRow, LatestTask, ScanApi } from '../../../src/alibaba/scan-api.js';
import { Deadline } from '../../../src/infra/deadline.js';
import { silentLogger } from '../../../src/infra/log.js';
import { agreedRepository, ensureScanned, type StartedScan } from '../../../src/gate/scan-proof.js';
import {
  acceptsEarly,
  decidePoll,
  taskOpinion,
  viewRows,
  waitBudget,
  type PollFacts,
  type ScanSettings,
  type TaskOpinion,
} from '../../../src/gate/scan-state.js';

const NOW = Date.parse('2026-11-27T12:00:00Z');
const HOUR = 3_600_000;
const D = 'a'.repeat(64);
const SETTINGS: ScanSettings = {
  require: true,
  waitMs: 60_000,
  trigger: false,
  maxAgeMs: null,
  pollBaseMs: 1_000,
};
const row = (over: Partial<ImageRow> = {}): ImageRow => ({ digest: D, uuid: 'u-1', ...over });
const scanned = row({ scaStatus: 'SUCCESS', lastScanTime: NOW - HOUR });

function facts(rows: ImageRow[], over: Partial<PollFacts> = {}): PollFacts {
  return {
    selector: { digest: D },
    rows,
    view: viewRows(rows, over.settings?.maxAgeMs ?? null, NOW),
    truncated: false,
    settings: SETTINGS,
    now: NOW,
    sawOurScanRun: false,
    ...over,
  };
}

describe('decidePoll', () => {
  test.each<[string, ImageRow[], Partial<PollFacts>, string, string | undefined]>([
    ['a completed scan', [scanned], {}, 'scanned', undefined],
    ['no row, no trigger', [], {}, 'stop', 'not-scanned'],
    ['no row, trigger', [], { settings: { ...SETTINGS, trigger: true } }, 'start-scan', undefined],
    ['never scanned', [row()], {}, 'stop', 'not-scanned'],
    ['SUCCESS without a time', [row({ scaStatus: 'SUCCESS' })], {}, 'stop', 'not-scanned'],
    ['running', [row({ scaStatus: 'START' })], {}, 'wait', 'scanning'],
    ['failed', [row({ scaStatus: 'FAIL' })], {}, 'stop', 'not-scanned'],
    ['an unknown status', [row({ scaStatus: 'NEW' })], {}, 'stop', 'unknown'],
    ['a truncated listing', [scanned], { truncated: true }, 'stop', 'unknown'],
    [
      'never scanned, our scan started',
      [row()],
      { startedTaskId: 't-1', settings: { ...SETTINGS, trigger: true } },
      'wait',
      'scanning',
    ],
    [
      'failed after our scan ran',
      [row({ scaStatus: 'FAIL' })],
      { startedTaskId: 't-1', sawOurScanRun: true },
      'stop',
      'not-scanned',
    ],
    [
      'failed before our scan ran: wait for it',
      [row({ scaStatus: 'FAIL' })],
      { startedTaskId: 't-1' },
      'wait',
      'scanning',
    ],
  ])('%s → %s', (_, rows, over, kind, status) => {
    const step = decidePoll(facts(rows, over));
    expect(step.kind).toBe(kind);
    if (status) expect('status' in step ? step.status : undefined).toBe(status);
  });

  test.each<[string, ImageRow[], TaskOpinion, string]>([
    [
      'a finished task proves a never-scanned row',
      [row()],
      { state: 'scanned', finishTime: NOW },
      'scanned',
    ],
    [
      'a finished task never overrules a failed row',
      [row({ scaStatus: 'FAIL' })],
      { state: 'scanned', finishTime: NOW },
      'stop',
    ],
    ['a running task means wait', [row()], { state: 'scanning' }, 'wait'],
    ['an unknown task status stops', [row()], { state: 'unknown', status: 'ODD' }, 'stop'],
    ['no task: the rows decide', [row()], { state: 'none' }, 'stop'],
  ])('%s', (_, rows, task, kind) => {
    expect(decidePoll(facts(rows, { task })).kind).toBe(kind);
  });

  test('the rows ask the latest task only for one digest without a completed scan', () => {
    expect(viewRows([row()], null, NOW).askTaskOf).toEqual({ digest: D, newestScan: 0 });
    expect(viewRows([scanned], null, NOW).askTaskOf).toBeUndefined();
    expect(viewRows([row(), row({ digest: 'b'.repeat(64) })], null, NOW).askTaskOf).toBeUndefined();
    expect(viewRows([], null, NOW).askTaskOf).toBeUndefined();
  });
});

describe('taskOpinion', () => {
  const task = (over: Partial<LatestTask>): LatestTask => ({
    status: 'SUCCESS',
    target: D,
    finishTime: NOW - 60_000,
    ...over,
  });
  test.each<[string, LatestTask[], number, number | null, TaskOpinion['state']]>([
    ['a success after the rows', [task({})], 0, null, 'scanned'],
    ['a success before the rows’ last scan', [task({})], NOW, null, 'none'],
    ['another digest', [task({ target: 'b'.repeat(64) })], 0, null, 'none'],
    ['not an image scan', [task({ taskType: 'OTHER' })], 0, null, 'none'],
    ['too old', [task({ finishTime: NOW - 30 * HOUR })], 0, 24 * HOUR, 'none'],
    ['in the future', [task({ finishTime: NOW + HOUR })], 0, null, 'none'],
    ['scanned nothing', [task({ finish: 0 })], 0, null, 'none'],
    ['running', [task({ status: 'PROCESSING' })], 0, null, 'scanning'],
    ['failed', [task({ status: 'TIMOUT' })], 0, null, 'failed'],
    ['odd', [task({ status: 'HALF' })], 0, null, 'unknown'],
    [
      'the latest of several',
      [
        task({ status: 'FAIL', startTime: NOW - 10 * HOUR, finishTime: NOW - 9 * HOUR }),
        task({ startTime: NOW - HOUR }),
      ],
      0,
      null,
      'scanned',
    ],
  ])('%s', (_, tasks, newest, maxAge, state) => {
    expect(taskOpinion(tasks, D, newest, maxAge, NOW).state).toBe(state);
  });
});

test('waitBudget: time left, or why waiting ends', () => {
  const base = { selector: { digest: D }, settings: SETTINGS };
  expect(waitBudget({ ...base, state: 'scanning', waitedMs: 1_000 })).toEqual({
    leftMs: 59_000,
    inProgress: true,
  });
  expect(waitBudget({ ...base, state: 'scanning', waitedMs: 60_000 })).toEqual({
    problem: expect.stringMatching(/still being scanned after waiting 60 s/) as unknown,
  });
  expect(waitBudget({ ...base, state: 'absent', waitedMs: 60_000, startedTaskId: 't' })).toEqual({
    problem: expect.stringMatching(/did not appear in the listing/) as unknown,
  });
});

/** A ScanApi that answers from scripts, one entry per call (the last one stays). */
function scriptedApi(listings: ImageRow[][], tasks: LatestTask[][] = [[]]) {
  const calls: string[] = [];
  const api: ScanApi = {
    listImages: () => {
      calls.push('list');
      const rows =
        listings[Math.min(calls.filter((c) => c === 'list').length - 1, listings.length - 1)] ?? [];
      return Promise.resolve({ rows, requestIds: [`L${calls.length}`], truncated: false });
    },
    latestTasks: () => {
      calls.push('task');
      const n = calls.filter((c) => c === 'task').length - 1;
      return Promise.resolve({ tasks: tasks[Math.min(n, tasks.length - 1)] ?? [] });
    },
    preCheck: () => {
      calls.push('precheck');
      return Promise.resolve({ needAuthCount: 1 });
    },
    createTask: () => {
      calls.push('create');
      return Promise.resolve({ taskId: 'task-1', requestId: 'C1' });
    },
  };
  return { api, calls };
}

function loop(api: ScanApi, settings: ScanSettings = SETTINGS) {
  let now = NOW;
  const sleeps: number[] = [];
  const ctx = {
    api,
    deadline: new Deadline(60_000, () => now, settings.waitMs),
    log: silentLogger,
    settings,
    triggered: new Map<string, Promise<StartedScan>>(),
    now: () => now,
    sleep: (ms: number) => {
      sleeps.push(ms);
      now += ms;
      return Promise.resolve();
    },
    random: () => 0.5,
  };
  return { run: () => ensureScanned({ digest: D }, {} as Endpoint, ctx), sleeps };
}

test('a running scan is polled with growing pauses until it completes', async () => {
  const { api, calls } = scriptedApi([
    [row({ scaStatus: 'START' })],
    [row({ scaStatus: 'CVE_ANALYZER' })],
    [row({ scaStatus: 'SUCCESS', lastScanTime: NOW })],
  ]);
  const { run, sleeps } = loop(api);
  const outcome = await run();
  expect(outcome).toMatchObject({ status: 'scanned', digests: [D], uuid: 'u-1' });
  expect(calls).toEqual(['list', 'list', 'list']);
  expect(sleeps).toEqual([1_000, 1_500]);
});

test('trigger-scan starts one scan, then waits for it', async () => {
  const { api, calls } = scriptedApi([[row()], [row({ scaStatus: 'INIT' })], [scanned]]);
  const { run } = loop(api, { ...SETTINGS, trigger: true });
  const outcome = await run();
  expect(outcome).toMatchObject({ status: 'scanned', taskId: 'task-1' });
  expect(calls).toEqual(['list', 'task', 'precheck', 'create', 'list', 'list']);
});

test('waiting ends at wait-for-scan with the image still scanning', async () => {
  const { api } = scriptedApi([[row({ scaStatus: 'START' })]]);
  const { run, sleeps } = loop(api, { ...SETTINGS, waitMs: 5_000 });
  const outcome = await run();
  expect(outcome.status).toBe('scanning');
  expect(outcome.problem).toMatch(/still being scanned after waiting 5 s/);
  expect(sleeps.reduce((a, b) => a + b, 0)).toBe(5_000);
});

describe('acceptsEarly: answers sent with the proof, by Security Center’s clock', () => {
  const proof = { provenAt: NOW - 10 * 60_000, polls: 1 };
  test.each<[string, Parameters<typeof acceptsEarly>[0], number | undefined, boolean]>([
    ['a scan long finished', proof, NOW, true],
    ['exactly the margin', { ...proof, provenAt: NOW - 60_000 }, NOW, true],
    ['inside the margin', { ...proof, provenAt: NOW - 59_000 }, NOW, false],
    ['finished after the answer', { ...proof, provenAt: NOW + 1_000 }, NOW, false],
    ['no Date on the answer', proof, undefined, false],
    ['the proof waited', { ...proof, polls: 2 }, NOW, false],
    ['the proof started a scan', { ...proof, taskId: 't-1' }, NOW, false],
    ['no finish time', { polls: 1 }, NOW, false],
  ])('%s → %s', (_, p, answeredAt, accepted) => {
    expect(acceptsEarly(p, answeredAt)).toBe(accepted);
  });
});

describe('agreedRepository: where a baseline tag is looked up when repo-id is not given', () => {
  const r = (repoId?: string, instanceId?: string, regionId?: string) => ({
    repoId,
    instanceId,
    regionId,
  });
  test('every row names the same repository: it, with the instance and region they agree on', () => {
    expect(agreedRepository([r('crr-1', 'cri-1', 'cn-hangzhou'), r('crr-1', 'cri-1')])).toEqual({
      repoId: 'crr-1',
      repoInstanceId: 'cri-1',
    });
    expect(agreedRepository([r('crr-1', 'cri-1', 'cn-hangzhou')])).toEqual({
      repoId: 'crr-1',
      repoInstanceId: 'cri-1',
      repoRegionId: 'cn-hangzhou',
    });
  });
  test('no rows, a row without RepoId, an empty RepoId or rows that disagree: none', () => {
    expect(agreedRepository([])).toBeUndefined();
    expect(agreedRepository([r('crr-1'), r()])).toBeUndefined();
    expect(agreedRepository([r('')])).toBeUndefined();
    expect(agreedRepository([r('crr-1'), r('crr-2')])).toBeUndefined();
  });
});

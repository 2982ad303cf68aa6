import { Deadline } from '../../../src/infra/deadline.js';
import { GateError } from '../../../src/infra/errors.js';
import { NetworkError } from '../../../src/infra/http.js';
import { silentLogger } from '../../../src/infra/log.js';
import { backoffDelay, retrying, type RetryPolicy } from '../../../src/infra/retry.js';

const FAST: RetryPolicy = {
  baseDelayMs: 4,
  maxDelayMs: 16,
  maxAttempts: 4,
  attemptTimeoutMs: 1_000,
};
const ctx = (over: Partial<Parameters<typeof retrying>[0]> = {}) => ({
  what: 'Op',
  host: 'example.test',
  deadline: new Deadline(5_000),
  log: silentLogger,
  policy: FAST,
  ...over,
});

test('equal jitter: between half and all of the capped exponential delay', () => {
  expect(backoffDelay(FAST, 1, () => 0)).toBe(2);
  expect(backoffDelay(FAST, 1, () => 1)).toBe(4);
  expect(backoffDelay(FAST, 10, () => 1)).toBe(16);
});

test('retries until a value, telling the throttling hook the delay it chose', async () => {
  const pauses: number[] = [];
  let calls = 0;
  const value = await retrying(ctx({ onThrottled: (ms: number) => pauses.push(ms) }), async () => {
    calls++;
    return calls < 3 ? { retry: 'Throttling', throttled: true, minDelayMs: 10 } : { value: 'ok' };
  });
  expect(value).toBe('ok');
  expect(calls).toBe(3);
  expect(pauses).toHaveLength(2);
  for (const p of pauses) expect(p).toBeGreaterThanOrEqual(10);
});

test('network errors are retried, then reported with the advice given', async () => {
  let calls = 0;
  const err = await retrying(ctx({ networkAdvice: 'Check the proxy.' }), async () => {
    calls++;
    throw new NetworkError('ECONNRESET: socket hang up', 'ECONNRESET');
  }).catch((e: unknown) => e);
  expect(calls).toBe(FAST.maxAttempts);
  expect(err).toBeInstanceOf(GateError);
  expect((err as GateError).message).toMatch(
    /could not reach example.test after 4 attempt\(s\).*Check the proxy\./,
  );
});

test('done ends at once; final is what a spent retry throws', async () => {
  let calls = 0;
  const done = await retrying(ctx(), async () => {
    calls++;
    return { done: new GateError('permanent') };
  }).catch((e: unknown) => e);
  expect((done as Error).message).toBe('permanent');
  expect(calls).toBe(1);
  const spent = await retrying(ctx(), async () => ({
    retry: '503',
    final: new GateError('gave up'),
  })).catch((e: unknown) => e);
  expect((spent as Error).message).toBe('gave up');
});

test('an expired deadline stops before the next attempt, with the deadline advice', async () => {
  const err = await retrying(
    ctx({ deadline: new Deadline(0), deadlineAdvice: 'Raise it.' }),
    async () => ({
      value: 'never',
    }),
  ).catch((e: unknown) => e);
  expect((err as Error).message).toMatch(
    /did not complete before the deadline .* after 0 attempt\(s\).*Raise it\./,
  );
});

test('an aborted call stops at once: no further attempt, not even after the backoff it was in', async () => {
  const stop = new AbortController();
  const reason = new GateError('stopped');
  let calls = 0;
  const started = Date.now();
  const slow: RetryPolicy = { ...FAST, baseDelayMs: 5_000, maxDelayMs: 5_000 };
  const pending = retrying(ctx({ policy: slow, signal: stop.signal }), async () => {
    calls++;
    return { retry: 'busy' };
  });
  setTimeout(() => stop.abort(reason), 20);
  await expect(pending).rejects.toBe(reason);
  expect(calls).toBe(1);
  expect(Date.now() - started).toBeLessThan(1_000);
  await expect(retrying(ctx({ signal: stop.signal }), async () => ({ value: 1 }))).rejects.toBe(
    reason,
  );
});

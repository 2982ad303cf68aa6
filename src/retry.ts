// A small retry loop for the one-off calls that obtain credentials (ID token, STS), inside the
// step deadline, with the same equal-jitter backoff as the Security Center client.
import { sleep, type Deadline } from './deadline.js';
import { GateError } from './errors.js';
import { NetworkError } from './http.js';
import type { Logger } from './log.js';

export interface SmallRetryPolicy {
  baseDelayMs: number;
  maxDelayMs: number;
  maxAttempts: number;
  attemptTimeoutMs: number;
}

export const CREDENTIAL_RETRY: SmallRetryPolicy = {
  baseDelayMs: 500,
  maxDelayMs: 4_000,
  maxAttempts: 4,
  attemptTimeoutMs: 15_000,
};

export type AttemptResult<T> =
  | { value: T }
  /** Worth another attempt; `final` is thrown if none is left. */
  | { retry: string; final?: Error; minDelayMs?: number }
  | { done: Error };

export interface RetryContext {
  /** "Requesting the GitHub ID token", for messages. */
  what: string;
  host: string;
  deadline: Deadline;
  log: Logger;
  policy?: SmallRetryPolicy;
  random?: () => number;
}

export async function retrying<T>(
  ctx: RetryContext,
  attempt: (timeoutMs: number) => Promise<AttemptResult<T>>,
): Promise<T> {
  const policy = ctx.policy ?? CREDENTIAL_RETRY;
  const random = ctx.random ?? Math.random;
  let lastProblem = 'no attempt was made';
  for (let n = 1; ; n++) {
    if (ctx.deadline.expired()) {
      throw new GateError(
        `${ctx.what} did not complete before the deadline (timeout-seconds) after ${n - 1} attempt(s); last problem: ${lastProblem}. No credentials were obtained.`,
        { retryable: true },
      );
    }
    const timeoutMs = Math.min(policy.attemptTimeoutMs, ctx.deadline.remaining());
    const exp = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (n - 1));
    let delay = exp / 2 + (random() * exp) / 2;
    let final: Error | undefined;
    try {
      const result = await attempt(timeoutMs);
      if ('value' in result) return result.value;
      if ('done' in result) throw result.done;
      lastProblem = result.retry;
      final = result.final;
      delay = Math.max(delay, result.minDelayMs ?? 0);
    } catch (err) {
      if (!(err instanceof NetworkError)) throw err;
      lastProblem = `network error: ${err.message}`;
      final = new GateError(
        `${ctx.what} could not reach ${ctx.host} after ${n} attempt(s): ${err.message}. Check the runner's network and proxy settings (HTTPS_PROXY / NO_PROXY). No credentials were obtained.`,
        { code: err.code, retryable: true },
      );
    }
    if (n >= policy.maxAttempts || delay >= ctx.deadline.remaining()) {
      throw (
        final ??
        new GateError(
          `${ctx.what} failed after ${n} attempt(s): ${lastProblem}. Retries ran out before the deadline. No credentials were obtained.`,
          { retryable: true },
        )
      );
    }
    ctx.log.info(
      `${ctx.what}: attempt ${n} failed (${lastProblem}); retrying in ${Math.round(delay)} ms`,
    );
    await sleep(delay);
  }
}

// The one retry loop for every outgoing call (Security Center, STS, the ID token): attempts
// inside the step deadline, equal-jitter exponential backoff, Retry-After honoured, network
// errors retried. Callers say per attempt whether to return, retry or give up.
import { sleep, type Deadline } from './deadline.js';
import { GateError } from './errors.js';
import { isTlsFailure, NetworkError } from './http.js';
import type { Logger } from './log.js';

export interface RetryPolicy {
  baseDelayMs: number;
  maxDelayMs: number;
  maxAttempts: number;
  /** Per-attempt cap, so one hung connection cannot eat the whole deadline. */
  attemptTimeoutMs: number;
}

export const CREDENTIAL_RETRY: RetryPolicy = {
  baseDelayMs: 500,
  maxDelayMs: 4_000,
  maxAttempts: 4,
  attemptTimeoutMs: 15_000,
};

/** How credential calls end their deadline and network messages. */
export const NO_CREDENTIALS_ADVICE = {
  deadlineAdvice: 'No credentials were obtained.',
  networkAdvice:
    "Check the runner's network and proxy settings (HTTPS_PROXY / NO_PROXY). No credentials were obtained.",
};

const TLS_ADVICE =
  "Retrying cannot change this: check the endpoint, and that the runner trusts the server's certificate (NODE_EXTRA_CA_CERTS adds a CA).";
const ANSWER_ADVICE =
  'Retrying cannot change this; if a proxy sits between the runner and the service, check what it does to answers.';

export type AttemptResult<T> =
  | { value: T }
  /** Worth another attempt; `final` is thrown if none is left. */
  | { retry: string; final?: Error; minDelayMs?: number; throttled?: boolean }
  | { done: Error };

export interface RetryContext {
  /** "Requesting the GitHub ID token", "DescribeImageSecurityScanCount": for messages. */
  what: string;
  host: string;
  deadline: Deadline;
  log: Logger;
  policy?: RetryPolicy;
  random?: () => number;
  /** Ends the deadline and network messages: what to do about them. */
  deadlineAdvice?: string;
  networkAdvice?: string;
  /** Ends the message of a TLS failure no retry can mend (which input to fix, and how). */
  tlsAdvice?: string;
  /** Awaited before every attempt (a pause shared with concurrent calls). */
  beforeAttempt?: () => Promise<void>;
  /** Told the delay chosen after a throttled attempt, to pause the other calls too. */
  onThrottled?: (delayMs: number) => void;
  /** The caller no longer needs the answer: no further attempt, its reason is thrown. */
  signal?: AbortSignal;
}

/** Exponential backoff with equal jitter: half fixed, half random. */
export function backoffDelay(policy: RetryPolicy, attempt: number, random: () => number): number {
  const exp = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1));
  return exp / 2 + (random() * exp) / 2;
}

export async function retrying<T>(
  ctx: RetryContext,
  attempt: (timeoutMs: number, attemptNumber: number) => Promise<AttemptResult<T>>,
): Promise<T> {
  const policy = ctx.policy ?? CREDENTIAL_RETRY;
  const random = ctx.random ?? Math.random;
  let lastProblem = 'no attempt was made';
  for (let n = 1; ; n++) {
    ctx.signal?.throwIfAborted();
    await ctx.beforeAttempt?.();
    ctx.signal?.throwIfAborted();
    if (ctx.deadline.expired()) {
      throw new GateError(
        `${ctx.what} did not complete before the deadline (timeout-seconds) after ${n - 1} attempt(s); last problem: ${lastProblem}. ${ctx.deadlineAdvice ?? 'Raise timeout-seconds if the service is slow to answer.'}`,
      );
    }
    const timeoutMs = Math.max(1, Math.min(policy.attemptTimeoutMs, ctx.deadline.remaining()));
    let delay = backoffDelay(policy, n, random);
    let final: Error | undefined;
    let throttled = false;
    try {
      const result = await attempt(timeoutMs, n);
      if ('value' in result) return result.value;
      if ('done' in result) throw result.done;
      lastProblem = result.retry;
      final = result.final;
      throttled = result.throttled ?? false;
      delay = Math.max(delay, result.minDelayMs ?? 0);
    } catch (err) {
      if (!(err instanceof NetworkError)) throw err;
      if (err.permanent) {
        const advice = isTlsFailure(err) ? (ctx.tlsAdvice ?? TLS_ADVICE) : ANSWER_ADVICE;
        throw new GateError(`${ctx.what} to ${ctx.host} failed: ${err.message}. ${advice}`);
      }
      lastProblem = `network error: ${err.message}`;
      final = new GateError(
        `${ctx.what} could not reach ${ctx.host} after ${n} attempt(s): ${err.message}. ${ctx.networkAdvice ?? "Check the runner's network and proxy settings (HTTPS_PROXY / NO_PROXY)."}`,
      );
    }
    if (n >= policy.maxAttempts || delay >= ctx.deadline.remaining()) {
      throw (
        final ??
        new GateError(
          `${ctx.what} failed after ${n} attempt(s): ${lastProblem}. Retries ran out before the deadline.`,
        )
      );
    }
    if (throttled) ctx.onThrottled?.(delay);
    ctx.log.info(
      `${ctx.what}: attempt ${n} failed (${lastProblem}); retrying in ${Math.round(delay)} ms`,
    );
    await sleep(delay, ctx.signal);
  }
}

/**
 * x-acs-retry-after's unit is undocumented; the newer SDK core reads milliseconds, so do we.
 * A standard Retry-After (seconds) is honoured too. The caller caps both by the deadline.
 */
export function retryAfterMs(headers: Record<string, string>): number {
  const acs = Number(headers['x-acs-retry-after']);
  if (Number.isFinite(acs) && acs > 0) return acs;
  const std = Number(headers['retry-after']);
  if (Number.isFinite(std) && std > 0) return std * 1000;
  return 0;
}

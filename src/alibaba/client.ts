// Signed RPC calls to Alibaba Cloud with retries inside the step deadline. Every Security Center
// operation goes through here, so all share signing, backoff and error mapping.
import type { Deadline } from '../deadline.js';
import { sleep } from '../deadline.js';
import { GateError } from '../errors.js';
import { NetworkError, type HttpResponse, type Transport } from '../http.js';
import type { Logger } from '../log.js';
import { apiError, isThrottling, isRetryable, parseAnswer, truncate } from './api-errors.js';
import type { Endpoint } from './endpoints.js';
import { redactedCanonicalRequest, signRequest, type SigningKey } from './signer.js';

export interface RpcCall {
  endpoint: Endpoint;
  action: string;
  version: string;
  params: ReadonlyArray<readonly [string, string]>;
}

export interface RpcAnswer {
  body: Record<string, unknown>;
  requestId?: string;
  attempts: number;
}

export interface RetryPolicy {
  baseDelayMs: number;
  maxDelayMs: number;
  maxAttempts: number;
  /** Per-attempt cap, so one hung connection cannot eat the whole deadline. */
  attemptTimeoutMs: number;
}

export const DEFAULT_RETRY: RetryPolicy = {
  baseDelayMs: 400,
  maxDelayMs: 8_000,
  maxAttempts: 8,
  attemptTimeoutMs: 20_000,
};

/**
 * Throttling seen by one request pauses all of them: concurrent calls wait for the same
 * moment instead of each retrying on its own (no retry storm).
 */
export class SharedBackoff {
  private resumeAt = 0;

  pause(ms: number, now = Date.now()): void {
    this.resumeAt = Math.max(this.resumeAt, now + ms);
  }

  async wait(deadline: Deadline): Promise<void> {
    const ms = this.resumeAt - Date.now();
    if (ms > 0) await sleep(Math.min(ms, deadline.remaining()));
  }
}

export interface ClientOptions {
  transport: Transport;
  credentials: () => Promise<SigningKey>;
  deadline: Deadline;
  log: Logger;
  retry?: RetryPolicy;
  backoff?: SharedBackoff;
  random?: () => number;
  userAgent?: string;
  /** Most requests in flight at once, over all images (max-concurrency). */
  maxConcurrency?: number;
  /** Every Security Center action this run may call, for the policy a permission error shows. */
  ramActions?: readonly string[];
}

/** A counting semaphore: at most `size` holders; waiters are served first come, first served. */
export class Slots {
  private free: number;
  private readonly waiting: Array<() => void> = [];

  constructor(size: number) {
    this.free = Math.max(1, size);
  }

  async acquire(): Promise<() => void> {
    if (this.free > 0) this.free--;
    else await new Promise<void>((resolve) => this.waiting.push(resolve));
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const next = this.waiting.shift();
      if (next) next();
      else this.free++;
    };
  }
}

export class AcsClient {
  private readonly retry: RetryPolicy;
  private readonly backoff: SharedBackoff;
  private readonly random: () => number;
  private readonly slots: Slots;

  constructor(private readonly opts: ClientOptions) {
    this.slots = new Slots(opts.maxConcurrency ?? 4);
    this.retry = opts.retry ?? DEFAULT_RETRY;
    this.backoff = opts.backoff ?? new SharedBackoff();
    this.random = opts.random ?? Math.random;
  }

  /** Exponential backoff with equal jitter: half fixed, half random. */
  backoffDelay(attempt: number): number {
    const exp = Math.min(this.retry.maxDelayMs, this.retry.baseDelayMs * 2 ** (attempt - 1));
    return exp / 2 + (this.random() * exp) / 2;
  }

  /**
   * One signed request, holding one of the max-concurrency slots. Signing happens after the
   * slot is granted, so x-acs-date is fresh however long the request queued.
   */
  private async attempt(call: RpcCall, attempt: number): Promise<HttpResponse> {
    const release = await this.slots.acquire();
    try {
      const { deadline, log } = this.opts;
      const key = await this.opts.credentials();
      const signed = signRequest(
        {
          method: 'POST',
          host: call.endpoint.host,
          action: call.action,
          version: call.version,
          query: call.params,
        },
        key,
      );
      log.debug(
        `${call.action} attempt ${attempt} to ${call.endpoint.host}; canonical request (signature not shown):\n${redactedCanonicalRequest(signed, key)}`,
      );
      const headers: Record<string, string> = { ...signed.headers, accept: 'application/json' };
      if (this.opts.userAgent) headers['user-agent'] = this.opts.userAgent;
      return await this.opts.transport.send({
        method: 'POST',
        url: `${call.endpoint.origin}/?${signed.queryString}`,
        headers,
        timeoutMs: Math.max(1, Math.min(this.retry.attemptTimeoutMs, deadline.remaining())),
      });
    } finally {
      release();
    }
  }

  async call(call: RpcCall): Promise<RpcAnswer> {
    const { deadline, log } = this.opts;
    let lastProblem = 'no attempt was made';
    for (let attempt = 1; ; attempt++) {
      await this.backoff.wait(deadline);
      if (deadline.expired()) {
        throw new GateError(
          `${call.action} did not complete before the deadline (timeout-seconds) after ${attempt - 1} attempt(s); last problem: ${lastProblem}. Raise timeout-seconds if Security Center is slow to answer.`,
          { retryable: true },
        );
      }
      let delay: number;
      try {
        const res = await this.attempt(call, attempt);
        const answer = parseAnswer(res.body, res.headers);
        if (res.status >= 200 && res.status < 300 && answer.json) {
          return { body: answer.json, requestId: answer.requestId, attempts: attempt };
        }
        const ok2xx = res.status >= 200 && res.status < 300;
        if (ok2xx) {
          // A success status with an unreadable body: never trust it, and never retry into a pass.
          throw new GateError(
            `${call.action} answered HTTP ${res.status} with a body that is not a JSON object (content-type ${res.headers['content-type'] ?? 'none'}): "${truncate(res.body, 200)}". The counts could not be read.${answer.requestId ? ` RequestId: ${answer.requestId}.` : ''}`,
            { requestId: answer.requestId },
          );
        }
        const retryable = isRetryable(res.status, answer.code);
        const outOfAttempts = attempt >= this.retry.maxAttempts;
        const runActions = this.opts.ramActions ?? [];
        if (!retryable) throw apiError(call.action, res.status, answer, false, runActions);
        delay = Math.max(this.backoffDelay(attempt), retryAfterMs(res.headers));
        if (outOfAttempts || delay >= deadline.remaining()) {
          throw apiError(call.action, res.status, answer, true, runActions);
        }
        if (isThrottling(answer.code) || res.status === 429) this.backoff.pause(delay);
        lastProblem = `${answer.code ?? `HTTP ${res.status}`}${answer.requestId ? ` (RequestId ${answer.requestId})` : ''}`;
      } catch (err) {
        if (!(err instanceof NetworkError)) throw err;
        lastProblem = `network error: ${err.message}`;
        delay = this.backoffDelay(attempt);
        if (attempt >= this.retry.maxAttempts || delay >= deadline.remaining()) {
          throw new GateError(
            `${call.action} could not reach ${call.endpoint.host} after ${attempt} attempt(s): ${err.message}. Check the runner's network, proxy settings (HTTPS_PROXY / NO_PROXY) and the endpoint.`,
            { code: err.code, retryable: true },
          );
        }
      }
      log.info(
        `${call.action}: attempt ${attempt} failed (${lastProblem}); retrying in ${Math.round(delay)} ms`,
      );
      await sleep(delay);
    }
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

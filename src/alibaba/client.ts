// Signed RPC calls to Alibaba Cloud with retries inside the step deadline. Every Security Center
// operation goes through here, so all share signing, request slots, the shared throttling pause
// and error mapping; the retry loop itself is the one in retry.ts.
import { sleep, type Deadline } from '../infra/deadline.js';
import { GateError } from '../infra/errors.js';
import type { HttpResponse, Transport } from '../infra/http.js';
import type { Logger } from '../infra/log.js';
import { retryAfterMs, retrying, type RetryPolicy } from '../infra/retry.js';
import { Slots } from '../infra/slots.js';
import { apiError, isThrottling, isRetryable, parseAnswer, truncate } from './api-errors.js';
import { tlsAdvice, type Endpoint } from './endpoints.js';
import { redactedCanonicalRequest, signRequest, type SigningKey } from './signer.js';

/** Security Center's API version (Sas 2018-12-03). */
export const SAS_VERSION = '2018-12-03';

export interface RpcCall {
  endpoint: Endpoint;
  action: string;
  version: string;
  params: ReadonlyArray<readonly [string, string]>;
  /** Aborts the call, its request in flight and its retries: the answer is no longer needed. */
  signal?: AbortSignal;
}

export interface RpcAnswer {
  body: Record<string, unknown>;
  requestId?: string;
  /** Epoch ms of the answer's HTTP Date header (Security Center's clock), when it has one. */
  serverTime?: number;
  /** The body as received, for checks JSON.parse cannot make (a key twice). */
  raw?: string;
}

export type { RetryPolicy };

/** Most a server Date may differ from the runner's clock at receipt and still be believed. */
export const MAX_CLOCK_SKEW_MS = 5 * 60_000;

/**
 * The answer's HTTP Date as epoch ms, when it is readable and within MAX_CLOCK_SKEW_MS of the
 * runner's clock at receipt, in either direction; otherwise undefined, as if absent (an early
 * answer is then asked again): a Date of `now + 10 min` or 2099 must not vouch for an answer.
 */
export function trustedDate(header: string | undefined, receivedAt: number): number | undefined {
  const t = Date.parse(header ?? '');
  return Number.isFinite(t) && Math.abs(t - receivedAt) <= MAX_CLOCK_SKEW_MS ? t : undefined;
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

  /**
   * One signed request, holding one of the max-concurrency slots. Signing happens after the
   * slot is granted, so x-acs-date is fresh however long the request queued.
   */
  private async attempt(call: RpcCall, attempt: number, timeoutMs: number): Promise<HttpResponse> {
    const release = await this.slots.acquire();
    try {
      call.signal?.throwIfAborted();
      const { log } = this.opts;
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
        // Bounded again here: the slot may have taken a while to come.
        timeoutMs: Math.max(1, Math.min(timeoutMs, this.opts.deadline.remaining())),
        signal: call.signal,
      });
    } finally {
      release();
    }
  }

  async call(call: RpcCall): Promise<RpcAnswer> {
    const { deadline, log } = this.opts;
    const runActions = this.opts.ramActions ?? [];
    return retrying<RpcAnswer>(
      {
        what: call.action,
        host: call.endpoint.host,
        deadline,
        log,
        policy: this.retry,
        random: this.random,
        deadlineAdvice: 'Raise timeout-seconds if Security Center is slow to answer.',
        networkAdvice:
          "Check the runner's network, proxy settings (HTTPS_PROXY / NO_PROXY) and the endpoint.",
        tlsAdvice: tlsAdvice(call.endpoint, 'endpoint'),
        beforeAttempt: () => this.backoff.wait(deadline),
        onThrottled: (delayMs) => this.backoff.pause(delayMs),
        signal: call.signal,
      },
      async (timeoutMs, attempt) => {
        const res = await this.attempt(call, attempt, timeoutMs);
        const answer = parseAnswer(res.body, res.headers);
        // A success status whose body still reports an error is an error answer.
        const ok2xx = res.status >= 200 && res.status < 300 && !answer.failedInBody;
        if (ok2xx) {
          if (answer.json) {
            const value: RpcAnswer = {
              body: answer.json,
              requestId: answer.requestId,
              raw: res.body,
            };
            const serverTime = trustedDate(res.headers['date'], Date.now());
            if (serverTime !== undefined) value.serverTime = serverTime;
            return { value };
          }
          // A success status with an unreadable body: never trust it, and never retry into a pass.
          return {
            done: new GateError(
              `${call.action} answered HTTP ${res.status} with a body that is not a JSON object (content-type ${res.headers['content-type'] ?? 'none'}): "${truncate(res.body, 200)}". Its answer could not be read.`,
              answer.requestId,
            ),
          };
        }
        if (!isRetryable(res.status, answer.code)) {
          return { done: apiError(call.action, res.status, answer, false, runActions) };
        }
        return {
          retry: `${answer.code ?? `HTTP ${res.status}`}${answer.requestId ? ` (RequestId ${answer.requestId})` : ''}`,
          final: apiError(call.action, res.status, answer, true, runActions),
          minDelayMs: retryAfterMs(res.headers),
          throttled: isThrottling(answer.code) || res.status === 429,
        };
      },
    );
  }
}

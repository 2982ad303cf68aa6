// A fake Security Center port on a fake clock, for collect.ts's orchestration tests: every call
// is recorded with the (fake) time it was made, and answers after the latency its script says,
// or never (until the image's signal aborts it, as the real adapter's requests are). No HTTP.
import type { CountAnswer, CountQuery } from '../../src/alibaba/counts.js';
import type { Endpoint } from '../../src/alibaba/endpoints.js';
import { CATEGORIES, type Category, type Counts } from '../../src/core/categories.js';
import type { CategoryFindings, CountOptions } from '../../src/core/count.js';
import type { Finding, Level } from '../../src/core/findings.js';
import type { ImageSelector } from '../../src/core/selector.js';
import type { ListResult, ListTargetSpec } from '../../src/gate/read-lists.js';
import type { SecurityCenterPort, UuidLookup } from '../../src/gate/sas-port.js';
import type { ScanOutcome } from '../../src/gate/scan-proof.js';

/** Timers on a clock that only moves when told to. */
export class FakeClock {
  private t = 0;
  private seq = 0;
  private timers: Array<{ at: number; seq: number; fire: () => void }> = [];

  constructor(start = 0) {
    this.t = start;
  }

  now = (): number => this.t;

  sleep = (ms: number): Promise<void> =>
    new Promise((resolve) => {
      this.timers.push({ at: this.t + Math.max(0, ms), seq: this.seq++, fire: resolve });
    });

  random = (): number => 0.5;

  /** Runs every timer in time order, letting every promise settle in between, until none is left. */
  async run(): Promise<void> {
    for (;;) {
      await settleAll();
      this.timers.sort((a, b) => a.at - b.at || a.seq - b.seq);
      const next = this.timers.shift();
      if (!next) return;
      this.t = next.at;
      next.fire();
    }
  }
}

/** Lets every queued promise reaction run. */
export async function settleAll(): Promise<void> {
  for (let i = 0; i < 5; i++) await new Promise<void>((resolve) => setImmediate(resolve));
}

/** How one call ends: after `after` ms with a value or a failure, or never (`hang`). */
export type Reply<T> = { after: number; value: T } | { after: number; error: Error } | 'hang';

export interface PortCall {
  op: 'proof' | 'count' | 'list' | 'uuid';
  category?: Category;
  selector: ImageSelector;
  /** The UUID a list was asked with. */
  uuid?: string;
  at: number;
  /** When the image's signal aborted it while it was still pending. */
  abortedAt?: number;
  /** When it answered (or failed). */
  endedAt?: number;
}

export interface PortScript {
  proof?: (selector: ImageSelector) => Reply<ScanOutcome>;
  /** `n`: how many count queries were made before this one. */
  count?: (n: number, selector: ImageSelector) => Reply<CountAnswer>;
  list?: (category: Category, n: number, spec: ListTargetSpec) => Reply<ListResult>;
  uuid?: () => Reply<UuidLookup>;
}

export class FakePort implements SecurityCenterPort {
  readonly calls: PortCall[] = [];

  constructor(
    private readonly clock: FakeClock,
    readonly script: PortScript,
  ) {}

  of(op: PortCall['op'], category?: Category): PortCall[] {
    return this.calls.filter(
      (c) => c.op === op && (category === undefined || c.category === category),
    );
  }

  proveScanned(_endpoint: Endpoint, selector: ImageSelector): Promise<ScanOutcome> {
    const reply = this.script.proof?.(selector) ?? { after: 100, value: proven() };
    return this.answer({ op: 'proof', selector }, reply);
  }

  countQuery(_endpoint: Endpoint, query: CountQuery, signal: AbortSignal): Promise<CountAnswer> {
    const n = this.of('count').length;
    const reply = this.script.count?.(n, query.selector) ?? {
      after: 50,
      value: countAnswer(zeroCounts(), this.clock.now() + 50),
    };
    return this.answer({ op: 'count', selector: query.selector }, reply, signal);
  }

  readList(
    category: Category,
    spec: ListTargetSpec,
    _opts: CountOptions,
    signal: AbortSignal,
  ): Promise<ListResult> {
    const n = this.of('list', category).length;
    const reply = this.script.list?.(category, n, spec) ?? {
      after: 50,
      value: okList(category, {}, this.clock.now() + 50),
    };
    const call: Omit<PortCall, 'at'> = { op: 'list', category, selector: spec.selector };
    if (spec.uuid !== undefined) call.uuid = spec.uuid;
    // Like the real reader: a failure is the result's problem, never a rejection.
    return this.answer(call, reply, signal).catch((err: unknown) => ({
      ok: false as const,
      problem: `The list could not be read: ${String(err)}`,
      requestIds: [],
    }));
  }

  lookUpUuid(_endpoint: Endpoint, selector: ImageSelector): Promise<UuidLookup> {
    const reply = this.script.uuid?.() ?? {
      after: 20,
      value: { uuid: 'uuid-1', requestIds: ['U1'] },
    };
    return this.answer({ op: 'uuid', selector }, reply);
  }

  private answer<T>(call: Omit<PortCall, 'at'>, reply: Reply<T>, signal?: AbortSignal): Promise<T> {
    const record: PortCall = { ...call, at: this.clock.now() };
    this.calls.push(record);
    return new Promise<T>((resolve, reject) => {
      const onAbort = () => {
        record.abortedAt = this.clock.now();
        reject(signal?.reason as Error);
      };
      if (signal?.aborted) return onAbort();
      signal?.addEventListener('abort', onAbort, { once: true });
      if (reply === 'hang') return;
      void this.clock.sleep(reply.after).then(() => {
        if (record.abortedAt !== undefined) return;
        signal?.removeEventListener('abort', onAbort);
        record.endedAt = this.clock.now();
        if ('error' in reply) reject(reply.error);
        else resolve(reply.value);
      });
    });
  }
}

export const ENDPOINT: Endpoint = {
  origin: 'https://tds.example.com',
  host: 'tds.example.com',
  site: 'tds.example.com',
};

export const DIGEST = 'a'.repeat(64);

export function zeroCounts(over: Partial<Counts> = {}): Counts {
  return { ...Object.fromEntries(CATEGORIES.map((c) => [c, 0])), ...over } as Counts;
}

export function countAnswer(counts: Counts, serverTime?: number, requestId = 'C'): CountAnswer {
  const answer: CountAnswer = { counts, requestId };
  if (serverTime !== undefined) answer.serverTime = serverTime;
  return answer;
}

/** A proof that found the scan complete at once, its scan finished at `provenAt` (default: just after 0). */
export function proven(over: Partial<ScanOutcome> = {}): ScanOutcome {
  return {
    status: 'scanned',
    digests: [DIGEST],
    uuid: 'uuid-1',
    provenAt: 1,
    polls: 1,
    requestIds: ['P1'],
    ...over,
  };
}

function finding(category: Category, level: Level, i: number): Finding {
  const key = `${category}-${level}-${i}`;
  return { category, key, id: key, cveIds: [], title: '', level, rawLevel: level, packages: [] };
}

/** A list read whole: `levels` findings at each level. */
export function okList(
  category: Category,
  levels: Partial<Record<Level, number>>,
  answeredAt?: number,
  requestIds: string[] = [`L-${category}`],
): ListResult {
  const counts = { high: levels.high ?? 0, medium: levels.medium ?? 0, low: levels.low ?? 0 };
  const findings = (['high', 'medium', 'low'] as const).flatMap((l) =>
    Array.from({ length: counts[l] }, (_, i) => finding(category, l, i)),
  );
  const list: CategoryFindings = {
    findings,
    levels: counts,
    unfixableIgnored: 0,
    unfixable: [],
    beforeUnfixable: findings.length,
    unknownLevels: 0,
  };
  const result: ListResult = { ok: true, list, requestIds };
  if (answeredAt !== undefined) result.answeredAt = answeredAt;
  return result;
}

export function failedList(problem: string, requestIds: string[] = []): ListResult {
  return { ok: false, problem, requestIds };
}

// The Security Center as the gate's evidence collection sees it: a port of four operations (scan
// proof, count query, one category's finding list, the image's UUID), so collect.ts can be run
// against a fake in tests, and its real adapter over the signed AcsClient. The finding-list code
// is loaded on first use only: a run that reads no list never loads it. Every operation but the
// proof takes the image's AbortSignal: once the image's verdict is decided, what it still has in
// flight is aborted rather than left to hold the step open until the deadline.
import type { AcsClient, RpcCall } from '../alibaba/client.js';
import {
  describeImageSecurityScanCount,
  type CountAnswer,
  type CountQuery,
} from '../alibaba/counts.js';
import type { Endpoint } from '../alibaba/endpoints.js';
import { scanApi } from '../alibaba/scan-api.js';
import type { Category } from '../core/categories.js';
import type { CountOptions } from '../core/count.js';
import type { ImageSelector } from '../core/selector.js';
import type { Deadline } from '../infra/deadline.js';
import type { Logger } from '../infra/log.js';
import type { ListResult, ListTargetSpec } from './read-lists.js';
import { ensureScanned, type ScanOutcome, type StartedScan } from './scan-proof.js';
import type { ScanSettings } from './scan-state.js';

/** The image's Security Center UUID as a lookup found it, or why it found none. */
export interface UuidLookup {
  uuid?: string;
  problem?: string;
  requestIds: string[];
}

export interface SecurityCenterPort {
  /**
   * Proves the image scanned (polling, waiting, starting a scan as the settings say); a
   * baseline image is only looked at: one listing, no waiting, no scan started.
   */
  proveScanned(
    endpoint: Endpoint,
    selector: ImageSelector,
    baseline?: boolean,
  ): Promise<ScanOutcome>;
  /** DescribeImageSecurityScanCount; rejects when the counts cannot be established. */
  countQuery(endpoint: Endpoint, query: CountQuery, signal: AbortSignal): Promise<CountAnswer>;
  /** Reads and counts one category's list. Never rejects: a failure is the result's problem. */
  readList(
    category: Category,
    spec: ListTargetSpec,
    opts: CountOptions,
    signal: AbortSignal,
  ): Promise<ListResult>;
  /** The image's UUID for the baseline list of a run without the scan proof. Never rejects. */
  lookUpUuid(endpoint: Endpoint, selector: ImageSelector): Promise<UuidLookup>;
}

/** Time and chance, handed in so that tests can run the waits on a fake clock. */
export interface Clock {
  now: () => number;
  sleep: (ms: number) => Promise<void>;
  random: () => number;
}

export interface SasPortOptions {
  client: AcsClient;
  deadline: Deadline;
  log: Logger;
  scan: ScanSettings;
  /** Scan tasks started in this run, by digest, shared by every image. */
  triggered: Map<string, Promise<StartedScan>>;
  clock: Clock;
  /** The finding-list code, loaded on first use only. */
  lists: () => Promise<typeof import('./read-lists.js')>;
  /** Runs a wait without holding the image's turn. */
  idle?: (wait: () => Promise<void>) => Promise<void>;
}

/** The port over the signed client; one per image (its turn is the image's own). */
export function sasPort(o: SasPortOptions): SecurityCenterPort {
  const scan = scanApi(o.client);
  const aborting = (signal: AbortSignal) => ({
    call: (call: RpcCall) => o.client.call({ ...call, signal }),
  });
  return {
    proveScanned: (endpoint, selector, baseline) =>
      ensureScanned(selector, endpoint, {
        api: scan,
        deadline: o.deadline,
        log: o.log,
        settings: baseline ? { ...o.scan, require: true, trigger: false, waitMs: 0 } : o.scan,
        triggered: o.triggered,
        now: o.clock.now,
        sleep: o.clock.sleep,
        random: o.clock.random,
        idle: o.idle,
        ...(baseline ? { taskRequired: true } : {}),
      }),
    countQuery: (endpoint, query, signal) =>
      describeImageSecurityScanCount(aborting(signal), endpoint, query),
    readList: async (category, spec, opts, signal) =>
      (await o.lists()).readFindingList(aborting(signal), category, spec, opts),
    lookUpUuid: async (endpoint, selector) =>
      (await o.lists()).lookUpUuid(scan, endpoint, selector),
  };
}

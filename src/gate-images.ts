// Gates each image: prove it was scanned, query its counts and evaluate them. One image's
// failure never hides the others: every image ends with either an evaluation or an error, and
// never both.
import type { AcsClient } from './alibaba/client.js';
import { describeImageSecurityScanCount } from './alibaba/counts.js';
import { scanApi } from './alibaba/scan-api.js';
import { sleep, type Deadline } from './deadline.js';
import { describeError, GateError } from './errors.js';
import type { Config } from './inputs/config.js';
import type { Logger } from './log.js';
import type { ImageOutcome } from './report/model.js';
import { ensureScanned, type ScanContext, type StartedScan } from './scan-proof.js';
import type { ImageTarget } from './selector.js';
import { Slots } from './slots.js';
import { evaluate } from './verdict.js';

export interface GateContext {
  client: AcsClient;
  deadline: Deadline;
  log: Logger;
  /** Scan tasks started in this run, by digest, shared by every image. */
  triggered: Map<string, Promise<StartedScan>>;
  /** Runs a wait without holding the image's turn. */
  idle?: (wait: () => Promise<void>) => Promise<void>;
}

export async function gateImage(
  target: ImageTarget,
  config: Config,
  ctx: GateContext,
): Promise<ImageOutcome> {
  const outcome: ImageOutcome = { target, requestIds: [] };
  try {
    let selector = target.selector;
    if (config.scan.require) {
      const scanContext: ScanContext = {
        api: scanApi(ctx.client),
        deadline: ctx.deadline,
        log: ctx.log,
        settings: config.scan,
        triggered: ctx.triggered,
        now: Date.now,
        sleep,
        random: Math.random,
        idle: ctx.idle,
      };
      const scan = await ensureScanned(selector, target.endpoint, scanContext);
      outcome.scan = scan;
      outcome.requestIds.push(...scan.requestIds);
      if (scan.problem !== undefined || scan.status !== 'scanned') {
        throw new GateError(scan.problem ?? `The scan state is ${scan.status}, not scanned.`);
      }
      // Pin the count query to what was checked: a tag that moves meanwhile cannot swap images.
      if (!selector.digest && scan.digests.length === 1)
        selector = { ...selector, digest: scan.digests[0] };
    }
    const answer = await describeImageSecurityScanCount(ctx.client, target.endpoint, {
      selector,
      scanRange: config.scanRange,
      instanceUuids: config.instanceUuids,
      riskStatus: config.riskStatus,
    });
    if (answer.requestId) outcome.requestIds.push(answer.requestId);
    outcome.requestId = answer.requestId;
    outcome.gatedDigests = selector.digest ? [selector.digest] : (outcome.scan?.digests ?? []);
    outcome.evaluation = evaluate(answer.counts, config.limits);
  } catch (err) {
    outcome.evaluation = undefined;
    outcome.gatedDigests = undefined;
    outcome.error = describeError(err);
    // The check was required but could not finish: say so, not "not checked".
    if (config.scan.require && !outcome.scan) {
      outcome.scan = { status: 'unknown', digests: [], requestIds: [] };
    }
    if (err instanceof GateError && err.requestId) outcome.requestIds.push(err.requestId);
    // The last call's RequestId is the one support needs for this error.
    outcome.requestId = outcome.requestIds.at(-1);
  }
  return outcome;
}

/** Filters that narrow what is counted without naming the image: zeros may mean "nothing selected". */
function narrowsCounts(target: ImageTarget, config: Config): boolean {
  return (
    target.selector.clusterId !== undefined ||
    config.instanceUuids.length > 0 ||
    config.scanRange.length > 0
  );
}

function allZero(outcome: ImageOutcome): boolean {
  return Object.values(outcome.evaluation?.categories ?? {}).every((c) => c.count === 0);
}

export async function gateImages(
  config: Config,
  client: AcsClient,
  log: Logger,
  deadline: Deadline,
): Promise<ImageOutcome[]> {
  const shared = { client, deadline, log, triggered: new Map<string, Promise<StartedScan>>() };
  // max-concurrency images work at a time (which also keeps memory flat with hundreds of
  // images); an image waiting for its scan gives up its turn, so it never holds up the others.
  const turns = new Slots(config.maxConcurrency);
  return Promise.all(
    config.images.map(async (target, index) => {
      let release = await turns.acquire();
      const idle = async (wait: () => Promise<void>) => {
        release();
        try {
          await wait();
        } finally {
          release = await turns.acquire();
        }
      };
      let outcome: ImageOutcome;
      try {
        outcome = await gateImage(target, config, { ...shared, idle });
      } finally {
        release();
      }
      const label = config.images.length > 1 ? `image ${index + 1}` : 'image';
      if (outcome.evaluation && narrowsCounts(target, config) && allZero(outcome)) {
        log.warning(
          `${config.images.length > 1 ? `image ${index + 1}` : 'the image'}: every count is 0 with cluster-id, instance-uuids or scan-range narrowing the query. A value that selects nothing also counts 0: check those inputs.`,
        );
      }
      if (outcome.evaluation) {
        const counts = Object.values(outcome.evaluation.categories)
          .map((c) => c.count)
          .join('/');
        log.info(
          `${label}: ${outcome.evaluation.result} (baseline/malicious/sca/cve = ${counts}) at ${target.endpoint.site}`,
        );
      } else {
        log.info(`${label}: error: ${outcome.error}`);
      }
      return outcome;
    }),
  );
}

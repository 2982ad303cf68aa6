// Gates every image: max-concurrency images at work at a time, each collecting its evidence
// (collect.ts, through the Security Center port) and then judged (judge.ts). One image's failure
// never hides the others: every image ends with either an evaluation or an error, never both.
import type { AcsClient } from '../alibaba/client.js';
import { CATEGORIES } from '../core/categories.js';
import type { ImageTarget } from '../core/selector.js';
import { sleep, type Deadline } from '../infra/deadline.js';
import type { Logger } from '../infra/log.js';
import { Slots } from '../infra/slots.js';
import type { Config } from '../inputs/config.js';
import { collectEvidence, type CollectSettings } from './collect.js';
import { judge } from './judge.js';
import type { ImageOutcome } from './outcome.js';
import { sasPort, type SecurityCenterPort } from './sas-port.js';
import type { StartedScan } from './scan-proof.js';

/** One image: its evidence, judged. Never rejects. */
export async function gateImage(
  target: ImageTarget,
  settings: CollectSettings,
  port: SecurityCenterPort,
): Promise<ImageOutcome> {
  const evidence = await collectEvidence(target, settings, port);
  const judged = judge(evidence, settings);
  const outcome: ImageOutcome = {
    target,
    requestIds: judged.requestIds,
    lists: judged.lists,
    notes: judged.notes,
  };
  if (evidence.scan) outcome.scan = evidence.scan;
  if (judged.evaluation) outcome.evaluation = judged.evaluation;
  if (judged.gatedDigests) outcome.gatedDigests = judged.gatedDigests;
  if (judged.requestId !== undefined) outcome.requestId = judged.requestId;
  if (judged.policy) outcome.policy = judged.policy;
  if (judged.comparison) outcome.comparison = judged.comparison;
  if (judged.baseline) outcome.baseline = judged.baseline;
  if (judged.error !== undefined) {
    outcome.error = judged.error;
    // The check was required but could not finish: say so, not "not checked".
    if (settings.scan.require && !outcome.scan)
      outcome.scan = { status: 'unknown', digests: [], requestIds: [], polls: 0 };
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

export async function gateImages(
  config: Config,
  client: AcsClient,
  log: Logger,
  deadline: Deadline,
): Promise<ImageOutcome[]> {
  let listCode: Promise<typeof import('./read-lists.js')> | undefined;
  const shared = {
    client,
    deadline,
    log,
    scan: config.scan,
    triggered: new Map<string, Promise<StartedScan>>(),
    clock: { now: Date.now, sleep: (ms: number) => sleep(ms), random: Math.random },
    lists: () => (listCode ??= import('./read-lists.js')),
  };
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
        outcome = await gateImage(target, config, sasPort({ ...shared, idle }));
      } finally {
        release();
      }
      const label = config.images.length > 1 ? `image ${index + 1}` : 'image';
      const evaluation = outcome.evaluation;
      if (evaluation) {
        const counts = CATEGORIES.map((c) => evaluation.categories[c].count);
        if (narrowsCounts(target, config) && counts.every((n) => n === 0)) {
          log.warning(
            `${config.images.length > 1 ? label : 'the image'}: every count is 0 with cluster-id, instance-uuids or scan-range narrowing the query. A value that selects nothing also counts 0: check those inputs.`,
          );
        }
        log.info(
          `${label}: ${evaluation.result} (baseline/malicious/sca/cve = ${counts.join('/')}) at ${target.endpoint.site}`,
        );
      } else {
        log.info(`${label}: error: ${outcome.error}`);
      }
      return outcome;
    }),
  );
}

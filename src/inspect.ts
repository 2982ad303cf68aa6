// Gates each image: query its counts and evaluate them. One image's failure never hides the
// others: every image ends with either an evaluation or an error, and never both.
import type { AcsClient } from './alibaba/client.js';
import { describeImageSecurityScanCount } from './alibaba/sas.js';
import { describeError, GateError } from './errors.js';
import { evaluate } from './gate.js';
import type { Config, ImageTarget } from './inputs.js';
import type { Logger } from './log.js';
import type { ImageOutcome } from './report/model.js';

export async function inspectImage(
  target: ImageTarget,
  config: Config,
  client: AcsClient,
): Promise<ImageOutcome> {
  const outcome: ImageOutcome = { target, requestIds: [] };
  try {
    const answer = await describeImageSecurityScanCount(client, target.endpoint, {
      selector: target.selector,
      scanRange: config.scanRange,
      instanceUuids: config.instanceUuids,
      riskStatus: config.riskStatus,
    });
    if (answer.requestId) outcome.requestIds.push(answer.requestId);
    outcome.evaluation = evaluate(answer.counts, config.limits);
  } catch (err) {
    outcome.evaluation = undefined;
    outcome.error = describeError(err);
    if (err instanceof GateError && err.details.requestId)
      outcome.requestIds.push(err.details.requestId);
  }
  return outcome;
}

/** Runs `work` over `items` with at most `limit` in flight; results keep the input order. */
export async function mapConcurrent<T, R>(
  items: readonly T[],
  limit: number,
  work: (item: T, index: number) => Promise<R>,
): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await work(items[index] as T, index);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

export async function inspectAll(
  config: Config,
  client: AcsClient,
  log: Logger,
): Promise<ImageOutcome[]> {
  return mapConcurrent(config.images, config.maxConcurrency, async (target, index) => {
    const outcome = await inspectImage(target, config, client);
    const label = config.images.length > 1 ? `image ${index + 1}` : 'image';
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
  });
}

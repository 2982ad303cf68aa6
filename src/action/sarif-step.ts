// Writes the SARIF log for code scanning when `sarif-file` is set: every finding read, of every
// image, in one run whose category comes from the comment key (so matrix legs keep their own
// alerts). Loaded only by runs that write one. A log that cannot be written is a warning: the
// verdict never depends on it.
import { describeError } from '../infra/errors.js';
import type { Config } from '../inputs/config.js';
import type { Logger } from '../infra/log.js';
import type { ImageOutcome } from '../report/model.js';
import { buildSarif } from '../report/sarif.js';
import { automationId, incompleteFindings, sarifImages } from '../report/sarif-images.js';
import { scrubDeep } from '../infra/secrets.js';
import { VERSION } from '../infra/version.js';
import { removeStale, replaceFile } from '../infra/workspace-path.js';

/** Writes the log; returns its absolute path, or '' when it could not be written. */
export function writeSarif(
  config: Config,
  outcomes: readonly ImageOutcome[],
  env: NodeJS.ProcessEnv,
  log: Logger,
): string {
  // A log missing an image or a category would tell code scanning that its alerts were fixed.
  const missing = incompleteFindings(outcomes);
  if (missing) {
    log.warning(
      `SARIF log not written to ${config.sarifFile}: ${missing} Uploading a log without those findings would close their alerts as fixed.`,
    );
    removeOld(config.sarifFile, log);
    return '';
  }
  try {
    const images = sarifImages(outcomes);
    const built = buildSarif({
      toolVersion: VERSION,
      automationId: automationId(config, env),
      dockerfile: config.dockerfile,
      images,
    });
    // Scrubbed as values, before JSON escaping could hide a secret from the scrubber. A symlink
    // at the path is replaced, never written through.
    replaceFile(config.sarifFile, JSON.stringify(scrubDeep(built.log)));
    log.info(
      `SARIF log with ${built.resultCount} result(s) written to ${config.sarifFile}${built.truncated > 0 ? ` (${built.truncated} less severe result(s) left out: GitHub accepts at most 25,000 results and 10 MB)` : ''}.`,
    );
    if (built.truncated > 0)
      log.warning(
        `The SARIF log leaves out ${built.truncated} less severe result(s) to stay within GitHub's limits; the job summary and the report output list the findings by image.`,
      );
    return config.sarifFile;
  } catch (err) {
    log.warning(`SARIF log not written to ${config.sarifFile}: ${describeError(err)}`);
    removeOld(config.sarifFile, log);
    return '';
  }
}

/**
 * No log was written this run: one left at the path by an earlier run (self-hosted runners keep
 * workspaces) must not be uploaded as if it were this run's.
 */
function removeOld(file: string, log: Logger): void {
  try {
    if (removeStale(file))
      log.info(`The old SARIF file at ${file} (left by an earlier run) was removed.`);
  } catch (err) {
    log.warning(`The old SARIF file at ${file} could not be removed: ${describeError(err)}`);
  }
}

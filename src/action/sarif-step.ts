// Writes the SARIF log for code scanning when `sarif-file` is set: every finding read, of every
// image, in one run whose category comes from the comment key (so matrix legs keep their own
// alerts). Loaded only by runs that write one. A log that cannot be written is a warning: the
// verdict never depends on it.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describeError } from '../infra/errors.js';
import type { Config } from '../inputs/config.js';
import type { Logger } from '../infra/log.js';
import type { ImageOutcome } from '../report/model.js';
import { buildSarif } from '../report/sarif.js';
import { automationId, incompleteFindings, sarifImages } from '../report/sarif-images.js';
import { scrubDeep } from '../infra/secrets.js';
import { VERSION } from '../infra/version.js';

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
    mkdirSync(path.dirname(config.sarifFile), { recursive: true });
    // Scrubbed as values, before JSON escaping could hide a secret from the scrubber.
    writeFileSync(config.sarifFile, JSON.stringify(scrubDeep(built.log)));
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
    return '';
  }
}

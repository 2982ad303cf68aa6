// Writes the SARIF log for code scanning when `sarif-file` is set: every finding read, of every
// image, in one run whose category comes from the comment key (so matrix legs keep their own
// alerts). Loaded only by runs that write one. A log that cannot be written is a warning: the
// verdict never depends on it.
import { CATEGORIES, type Category } from '../core/categories.js';
import { describeError } from '../infra/errors.js';
import type { Finding } from '../core/findings.js';
import type { Config } from '../inputs/config.js';
import type { Logger } from '../infra/log.js';
import { commentKeyMaterial, keyHash, repositoryKey } from '../report/comment.js';
import type { ImageOutcome } from '../report/model.js';
import { buildSarif, sarifMarks, type SarifImage } from '../report/sarif.js';
import { scrubDeep } from '../infra/secrets.js';
import { describeSelection } from '../core/selector.js';
import { VERSION } from '../infra/version.js';
import { removeStale, replaceFile } from '../infra/workspace-path.js';

/** The code scanning category: stable per workflow, job and comment key (or repositories). */
export function automationId(
  config: Pick<Config, 'images' | 'comment'>,
  env: NodeJS.ProcessEnv,
): string {
  return `sas-image-gate/${keyHash(commentKeyMaterial(config, env)).slice(0, 16)}/`;
}

/** Why the findings read are not the whole picture, or undefined when they are. */
function incomplete(outcomes: readonly ImageOutcome[]): string | undefined {
  for (const [i, o] of outcomes.entries()) {
    const which = outcomes.length > 1 ? `image ${i + 1}` : 'the image';
    if (o.error !== undefined) return `${which} could not be checked.`;
    const unread = CATEGORIES.filter((c) => !o.lists[c]);
    if (unread.length > 0) return `the ${unread.join(', ')} list(s) of ${which} could not be read.`;
  }
  return undefined;
}

/** Writes the log; returns its absolute path, or '' when it could not be written. */
export function writeSarif(
  config: Config,
  outcomes: readonly ImageOutcome[],
  env: NodeJS.ProcessEnv,
  log: Logger,
): string {
  // A log missing an image or a category would tell code scanning that its alerts were fixed.
  const missing = incomplete(outcomes);
  if (missing) {
    log.warning(
      `SARIF log not written to ${config.sarifFile}: ${missing} Uploading a log without those findings would close their alerts as fixed.`,
    );
    removeOld(config.sarifFile, log);
    return '';
  }
  try {
    const images: SarifImage[] = outcomes.map((o) => {
      const findings: Partial<Record<Category, Finding[]>> = {};
      for (const c of CATEGORIES) {
        const list = o.lists[c];
        // Every finding read: those left out of the limits as unfixable are still findings.
        if (list) findings[c] = [...list.findings, ...list.unfixable];
      }
      const repository = repositoryKey(o.target.selector);
      const digest = o.gatedDigests?.[0] ?? o.target.selector.digest;
      const name = digest ? `sha256:${digest.slice(0, 12)}…` : describeSelection(o.target.selector);
      return {
        label: repository ? `${name} (${repository})` : name,
        identity: `${o.target.endpoint.site} ${repository}`,
        findings,
        ...sarifMarks(o),
      };
    });
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

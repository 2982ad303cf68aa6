// Writes the SARIF log for code scanning when `sarif-file` is set: every finding read, of every
// image, in one run whose category comes from the comment key (so matrix legs keep their own
// alerts). Loaded only by runs that write one. A log that cannot be written is a warning: the
// verdict never depends on it.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { CATEGORIES, type Category } from './categories.js';
import { describeError } from './errors.js';
import type { Finding } from './findings.js';
import type { Config } from './inputs/config.js';
import type { Logger } from './log.js';
import { commentKeyMaterial, keyHash, repositoryKey } from './report/comment.js';
import type { ImageOutcome } from './report/model.js';
import { buildSarif, type SarifImage } from './report/sarif.js';
import { scrub } from './secrets.js';
import { describeSelection } from './selector.js';
import { VERSION } from './version.js';

/** The code scanning category: stable per workflow, job and comment key (or repositories). */
export function automationId(
  config: Pick<Config, 'images' | 'comment'>,
  env: NodeJS.ProcessEnv,
): string {
  return `sas-image-gate/${keyHash(commentKeyMaterial(config, env)).slice(0, 16)}/`;
}

/** Writes the log; returns its absolute path, or '' when it could not be written. */
export function writeSarif(
  config: Config,
  outcomes: readonly ImageOutcome[],
  env: NodeJS.ProcessEnv,
  log: Logger,
): string {
  try {
    const images: SarifImage[] = outcomes.map((o) => {
      const findings: Partial<Record<Category, Finding[]>> = {};
      for (const c of CATEGORIES) {
        const list = o.lists[c];
        if (list) findings[c] = list.findings;
      }
      const repository = repositoryKey(o.target.selector);
      const digest = o.gatedDigests?.[0] ?? o.target.selector.digest;
      const name = digest ? `sha256:${digest.slice(0, 12)}…` : describeSelection(o.target.selector);
      return {
        label: repository ? `${name} (${repository})` : name,
        identity: `${o.target.endpoint.site} ${repository}`,
        findings,
      };
    });
    const built = buildSarif({
      toolVersion: VERSION,
      automationId: automationId(config, env),
      dockerfile: config.dockerfile,
      images,
    });
    mkdirSync(path.dirname(config.sarifFile), { recursive: true });
    writeFileSync(config.sarifFile, scrub(JSON.stringify(built.log)));
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

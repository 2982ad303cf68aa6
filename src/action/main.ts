// The pipeline: inputs → credentials → Security Center → verdict → report → comment → outputs.
// Any path that does not establish what the limits need ends as `error`; nothing here can end
// in `pass` by accident. Code a run may not need (keyless authentication, the PR comment) is
// loaded only when the run needs it.
import { appendFileSync } from 'node:fs';
import * as core from '@actions/core';
import { CATEGORIES } from '../core/categories.js';
import type { CommentConfig } from './comment-step.js';
import { Deadline } from '../infra/deadline.js';
import { describeError, InputError } from '../infra/errors.js';
import { forkRestricted, pullRequestEvent, PULL_REQUEST_EVENTS } from '../github/event.js';
import { parseConfig, type Config, type PartialConfig } from '../inputs/config.js';
import { runGate } from '../gate/run.js';
import { armWatchdog, WATCHDOG_GRACE_MS, writeVerdict } from './lifecycle.js';
import type { Logger } from '../infra/log.js';
import { actionLog, annotatePolicyFile, failStep } from './log.js';
import { policySource } from '../inputs/policy-source.js';
import { buildReport, failedRunReport, reportJson, type Report } from '../report/model.js';
import { outputValues } from '../report/outputs.js';
import { renderMarkdown, verdictHeadline } from '../report/render.js';
import { registerSecret, scrub, scrubDeep, setMasker } from '../infra/secrets.js';
import { replaceFile } from '../infra/workspace-path.js';

const SUMMARY_MAX_BYTES = 512 * 1024; // UTF-8 bytes: half the runner's 1 MiB per step
/** A bad-input run has spent no time yet; this bounds its PR comment. */
const BAD_INPUT_COMMENT_MS = 15_000;

export async function run(env: NodeJS.ProcessEnv = process.env, log: Logger = actionLog) {
  setMasker((s) => core.setSecret(s));
  const now = new Date();
  const parsed = parseConfig(
    env,
    registerSecret,
    forkHint(env),
    await policySource(env, env['GITHUB_WORKSPACE'] || process.cwd(), now),
  );
  if ('problems' in parsed) return reportBadInput(parsed.problems, parsed.partial, env, log);
  const config = parsed.config;
  armWatchdog(
    config.timeoutMs + (config.scan.require ? config.scan.waitMs : 0) + WATCHDOG_GRACE_MS,
  );
  log.info(
    `Gating ${config.images.length} image(s) with credentials from ${config.credentials.source}; limits ${CATEGORIES.map((c) => `${c} ${config.limits[c].text}`).join(', ')}`,
  );
  // A slice of timeout-seconds is kept for the PR comment, so a run that timed out against
  // Security Center can still report it, and the step still ends within the one deadline.
  const commentReserveMs = commenting(config, env) ? Math.min(5_000, config.timeoutMs / 4) : 0;
  // wait-for-scan is granted on top of timeout-seconds, only as time is actually spent waiting.
  const deadline = new Deadline(
    config.timeoutMs - commentReserveMs,
    Date.now,
    config.scan.require ? config.scan.waitMs : 0,
  );
  const outcomes = await runGate(config, {
    env,
    deadline,
    log,
    // The GitHub ID token, for keyless runs only.
    idTokenSource: async (opts) => {
      const { fetchIdToken } = await import('../github/id-token.js');
      return (audience) => fetchIdToken({ ...opts, env, audience });
    },
  });
  const report = scrubDeep(buildReport(config, outcomes));
  writeSummary(report, config, env, log);
  if (config.reportFile) writeReportFile(report, config.reportFile, log);
  if (report.policy) annotatePolicyFile(report.policy);
  const sarifFile = config.sarifFile
    ? (await import('./sarif-step.js')).writeSarif(config, outcomes, env, log)
    : '';
  const commentUrl = await comment(
    report,
    config,
    env,
    deadline.remaining() + commentReserveMs,
    log,
  );
  writeVerdict({ ...outputValues(report), 'comment-url': commentUrl, 'sarif-file': sarifFile });
  conclude(report, config, log);
}

/** Bad input always fails the step, whatever on-error says, and is reported everywhere. */
async function reportBadInput(
  problems: string[],
  partial: PartialConfig,
  env: NodeJS.ProcessEnv,
  log: Logger,
): Promise<void> {
  const message = new InputError(problems).message;
  const report = scrubDeep(failedRunReport(message, problems));
  const policy = { failBuild: true, onError: 'fail' } as const;
  writeSummary(report, { ...policy, jobSummary: partial.jobSummary }, env, log);
  // The pull request learns of the failure too, so an earlier "pass" comment is not left
  // standing; keyed by the raw step-level selectors, as a valid run would key it.
  const commentConfig = { ...policy, comment: partial.comment, images: partial.images };
  const commentUrl = await comment(report, commentConfig, env, BAD_INPUT_COMMENT_MS, log);
  writeVerdict({ ...outputValues(report), 'comment-url': commentUrl });
  failStep(message);
}

function commenting(config: Pick<CommentConfig, 'comment'>, env: NodeJS.ProcessEnv): boolean {
  const mode = config.comment?.mode ?? 'never';
  return mode !== 'never' && PULL_REQUEST_EVENTS.has(env['GITHUB_EVENT_NAME'] ?? '');
}

/**
 * The PR comment, when this run may write one; its code is loaded only then. Never throws: a
 * comment never changes the verdict.
 */
async function comment(
  report: Report,
  config: CommentConfig,
  env: NodeJS.ProcessEnv,
  budgetMs: number,
  log: Logger,
): Promise<string> {
  if (!commenting(config, env)) {
    log.debug(
      `Pull request comment: none (comment-on-pr ${config.comment?.mode ?? 'unreadable'}, event ${env['GITHUB_EVENT_NAME'] || 'none'}).`,
    );
    return '';
  }
  try {
    const { postPullRequestComment } = await import('./comment-step.js');
    return await postPullRequestComment(
      report,
      config,
      env,
      new Deadline(Math.max(0, budgetMs)),
      log,
    );
  } catch (err) {
    log.warning(`Pull request comment not written: unexpected error: ${describeError(err)}.`);
    return '';
  }
}

function writeSummary(
  report: Report,
  config: Pick<Config, 'failBuild' | 'onError' | 'jobSummary'>,
  env: NodeJS.ProcessEnv,
  log: Logger,
): void {
  if (!config.jobSummary) return;
  const file = env['GITHUB_STEP_SUMMARY'];
  if (!file) {
    log.debug('Job summary skipped: GITHUB_STEP_SUMMARY is not set (not running on a runner).');
    return;
  }
  try {
    const markdown = renderMarkdown(report, { ...config, maxBytes: SUMMARY_MAX_BYTES });
    appendFileSync(file, scrub(markdown));
  } catch (err) {
    // The verdict does not depend on the summary; say why it is missing and go on.
    log.warning(`Job summary not written: ${describeError(err)}`);
  }
}

/** The complete report, unbounded (the output is bounded); a file not written is a warning. */
function writeReportFile(report: Report, file: string, log: Logger): void {
  try {
    replaceFile(file, reportJson(report));
    log.info(`Report written to ${file}.`);
  } catch (err) {
    log.warning(`Report file not written to ${file}: ${describeError(err)}`);
  }
}

function conclude(report: Report, config: Config, log: Logger): void {
  const headline = verdictHeadline(report);
  const errors = report.images
    .map((image, i) =>
      image.error ? `${report.images.length > 1 ? `image ${i + 1}: ` : ''}${image.error}` : '',
    )
    .filter((e) => e !== '');
  const detail = [headline, ...errors].join('\n');
  if (report.result === 'pass') {
    log.info(headline);
  } else if (report.result === 'fail') {
    if (config.failBuild) failStep(detail);
    else log.warning(`${detail}\n(fail-build: false, so the step does not fail; result is fail)`);
  } else if (config.onError === 'fail') {
    failStep(detail);
  } else {
    log.warning(`${detail}\n(on-error: warn, so the step does not fail; result is error)`);
  }
}

/** A fork's pull request gets no secrets and no ID token: say so when no credentials are found. */
function forkHint(env: NodeJS.ProcessEnv): string {
  return forkRestricted(pullRequestEvent(env))
    ? ' This run is for a pull request from a fork: GitHub gives such runs no secrets and no ID token, so see the README section "Pull requests from forks".'
    : '';
}

// The pipeline: inputs → credentials → Security Center → verdict → report → comment → outputs.
// Any path that does not establish what the limits need ends as `error`; nothing here can end
// in `pass` by accident. Code a run may not need (keyless authentication, the PR comment) is
// loaded only when the run needs it.
import { appendFileSync } from 'node:fs';
import * as core from '@actions/core';
import { AcsClient } from '../alibaba/client.js';
import { CATEGORIES } from '../core/categories.js';
import type { SigningKey } from '../alibaba/signer.js';
import type { CommentConfig } from './comment-step.js';
import { Deadline } from '../infra/deadline.js';
import { describeError, InputError } from '../infra/errors.js';
import { gateImages } from '../gate/images.js';
import { PULL_REQUEST_EVENTS } from '../github/event.js';
import { createTransport, type Transport } from '../infra/http.js';
import { parseConfig, type Config, type PartialConfig } from '../inputs/config.js';
import { armWatchdog, WATCHDOG_GRACE_MS, writeVerdict } from './lifecycle.js';
import { actionLog, failStep, type Logger } from '../infra/log.js';
import { buildReport, failedRunReport, type ImageOutcome, type Report } from '../report/model.js';
import { outputValues } from '../report/outputs.js';
import { renderMarkdown, verdictHeadline } from '../report/render.js';
import { ramActionsFor } from '../gate/ram-policy.js';
import { registerSecret, scrub, scrubDeep, setMasker } from '../infra/secrets.js';
import { USER_AGENT } from '../infra/version.js';
import { replaceFile } from '../infra/workspace-path.js';

const SUMMARY_MAX_BYTES = 512 * 1024; // UTF-8 bytes: half the runner's 1 MiB per step
/** A bad-input run has spent no time yet; this bounds its PR comment. */
const BAD_INPUT_COMMENT_MS = 15_000;

export async function run(env: NodeJS.ProcessEnv = process.env, log: Logger = actionLog) {
  setMasker((s) => core.setSecret(s));
  const parsed = parseConfig(env, registerSecret);
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
  const outcomes = await gate(config, env, deadline, log);
  const report = scrubDeep(buildReport(config, outcomes));
  writeSummary(report, config, env, log);
  if (config.reportFile) writeReportFile(report, config.reportFile, log);
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

/** Every image ends with established counts or an error; nothing here can throw past it. */
async function gate(
  config: Config,
  env: NodeJS.ProcessEnv,
  deadline: Deadline,
  log: Logger,
): Promise<ImageOutcome[]> {
  let transport: Transport | undefined;
  try {
    transport = createTransport(env, config.maxConcurrency);
    const credentials = await credentialProvider(config, env, transport, deadline, log);
    const client = new AcsClient({
      transport,
      credentials,
      deadline,
      log,
      userAgent: USER_AGENT,
      maxConcurrency: config.maxConcurrency,
      ramActions: ramActionsFor(config),
    });
    return await gateImages(config, client, log, deadline);
  } catch (err) {
    // Nothing was established (e.g. no credentials could be obtained): every image is an error.
    const error = describeError(err);
    return config.images.map((target) => ({ target, requestIds: [], error, lists: {}, notes: [] }));
  } finally {
    // Never let a slow close hold the step open; keep-alive sockets are dropped with the process.
    void transport?.close().catch(() => {});
  }
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

/** Where each request's signing key comes from; keyless credentials are obtained once, here. */
async function credentialProvider(
  config: Config,
  env: NodeJS.ProcessEnv,
  transport: Transport,
  deadline: Deadline,
  log: Logger,
): Promise<() => Promise<SigningKey>> {
  const creds = config.credentials;
  if (creds.kind === 'keys') return () => Promise.resolve(creds);
  for (const notice of creds.notices) log.notice(notice);
  const { keylessSigningKey } = await import('../gate/credentials.js');
  const key = await keylessSigningKey(creds, {
    env,
    transport,
    deadline,
    log,
    mask: registerSecret,
    userAgent: USER_AGENT,
  });
  return () => Promise.resolve(key);
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
    replaceFile(file, JSON.stringify(report));
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

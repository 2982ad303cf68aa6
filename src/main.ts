// Thin orchestration: inputs → credentials → Security Center → gate → report. Any path that
// does not establish the counts ends as `error`; nothing here can end in `pass` by accident.
import * as core from '@actions/core';
import { AcsClient } from './alibaba/client.js';
import { Deadline } from './deadline.js';
import type { SigningKey } from './alibaba/signer.js';
import { describeError, InputError } from './errors.js';
import { createTransport, type Transport } from './http.js';
import { inputReader, parseConfig, rawStepSelectors, type Config } from './inputs.js';
import { inspectAll } from './inspect.js';
import { actionLog, failStep } from './log.js';
import { keylessSigningKey } from './oidc.js';
import { buildReport, failedRunReport, type Report } from './report/model.js';
import { outputValues } from './report/outputs.js';
import { mayComment, postPullRequestComment } from './report/comment.js';
import { readCommentSettings } from './report/comment-settings.js';
import { renderMarkdown, verdictHeadline } from './report/render.js';
import { ramActionsFor } from './scan.js';
import { registerSecret, scrub, scrubDeep, setMasker } from './secrets.js';

export const USER_AGENT = 'sas-image-gate/0.1.0';
const SUMMARY_MAX_CHARS = 512 * 1024; // far below the runner's 1 MiB per step
/** A bad-input run has spent no time yet; this bounds its PR comment. */
const BAD_INPUT_COMMENT_MS = 15_000;

const logger = actionLog;

export async function run(env: NodeJS.ProcessEnv = process.env): Promise<void> {
  setMasker((s) => core.setSecret(s));
  let config: Config;
  try {
    config = parseConfig(env, registerSecret);
  } catch (err) {
    await reportBadInput(err, env);
    return;
  }
  armWatchdog(
    config.timeoutMs + (config.scan.require ? config.scan.waitMs : 0) + WATCHDOG_GRACE_MS,
  );
  logger.info(
    `Gating ${config.images.length} image(s) with credentials from ${config.credentials.source}; limits ${JSON.stringify(config.limits)}`,
  );
  // A slice of timeout-seconds is kept for the PR comment, so a run that timed out against
  // Security Center can still report it, and the step still ends within the one deadline.
  const commentReserveMs = mayComment(config, env) ? Math.min(5_000, config.timeoutMs / 4) : 0;
  // wait-for-scan is granted on top of timeout-seconds, only as time is actually spent waiting.
  const deadline = new Deadline(
    config.timeoutMs - commentReserveMs,
    Date.now,
    config.scan.require ? config.scan.waitMs : 0,
  );
  const report = scrubDeep(await gateImages(config, env, deadline));
  await writeSummary(report, config);
  // Never throws; a comment problem is one notice and leaves the verdict alone.
  const commentUrl = await postPullRequestComment(
    report,
    config,
    env,
    deadline.remaining() + commentReserveMs,
  );
  writeOutputs(report, { 'comment-url': commentUrl });
  conclude(report, config);
}

/** Every image ends with established counts or an error; nothing here can throw past it. */
async function gateImages(
  config: Config,
  env: NodeJS.ProcessEnv,
  deadline: Deadline,
): Promise<Report> {
  let transport: Transport | undefined;
  try {
    transport = createTransport(env, config.maxConcurrency);
    const credentials = await credentialProvider(config, env, transport, deadline);
    const client = new AcsClient({
      transport,
      credentials,
      deadline,
      log: logger,
      userAgent: USER_AGENT,
      maxConcurrency: config.maxConcurrency,
      ramActions: ramActionsFor(config.scan),
    });
    return buildReport(config, await inspectAll(config, client, logger, deadline));
  } catch (err) {
    // Nothing was established (e.g. no credentials could be obtained): every image is an error.
    const error = describeError(err);
    return buildReport(
      config,
      config.images.map((target) => ({ target, requestIds: [], error })),
    );
  } finally {
    // Never let a slow close hold the step open; keep-alive sockets are dropped with the process.
    void transport?.close().catch(() => {});
  }
}

/** Bad input always fails the step, whatever on-error says, and is reported everywhere. */
async function reportBadInput(err: unknown, env: NodeJS.ProcessEnv): Promise<void> {
  const message = describeError(err);
  const report = scrubDeep(
    failedRunReport(message, undefined, err instanceof InputError ? err.problems : undefined),
  );
  const input = inputReader(env);
  await writeSummary(report, {
    failBuild: true,
    onError: 'fail',
    jobSummary: input('job-summary').toLowerCase() !== 'false',
  });
  // The pull request learns of the failure too, so an earlier "pass" comment is not left
  // standing; keyed by the raw step-level selectors, as a valid run would key it.
  const problems: string[] = [];
  const comment = readCommentSettings(input, env, registerSecret, problems);
  const commentUrl =
    problems.length === 0
      ? await postPullRequestComment(
          report,
          {
            comment,
            images: [{ selector: rawStepSelectors(env) }],
            timeoutMs: BAD_INPUT_COMMENT_MS,
            failBuild: true,
            onError: 'fail',
          },
          env,
        )
      : '';
  writeOutputs(report, { 'comment-url': commentUrl });
  failStep(
    err instanceof InputError ? message : `Unexpected error while reading inputs: ${message}`,
  );
}

/** Where each request's signing key comes from; keyless credentials are obtained once, here. */
async function credentialProvider(
  config: Config,
  env: NodeJS.ProcessEnv,
  transport: Transport,
  deadline: Deadline,
): Promise<() => Promise<SigningKey>> {
  const creds = config.credentials;
  if (creds.kind === 'keys') return async () => creds;
  for (const notice of creds.notices) logger.notice(notice);
  const key = await keylessSigningKey(creds, {
    env,
    transport,
    deadline,
    log: logger,
    mask: registerSecret,
    userAgent: USER_AGENT,
  });
  return async () => key;
}

async function writeSummary(
  report: Report,
  config: Pick<Config, 'failBuild' | 'onError' | 'jobSummary'>,
): Promise<void> {
  if (!config.jobSummary) return;
  if (!process.env['GITHUB_STEP_SUMMARY']) {
    logger.debug('Job summary skipped: GITHUB_STEP_SUMMARY is not set (not running on a runner).');
    return;
  }
  try {
    const markdown = renderMarkdown(report, { ...config, maxChars: SUMMARY_MAX_CHARS });
    await core.summary.addRaw(scrub(markdown)).write();
  } catch (err) {
    // The verdict does not depend on the summary; say why it is missing and go on.
    logger.warning(`Job summary not written: ${describeError(err)}`);
  }
}

let verdictWritten = false;

/** True once outputs were written by the run, or by failUnexpected. */
export function verdictReached(): boolean {
  return verdictWritten;
}

/** Written last, once: `result` is never set before the verdict is final. */
function writeOutputs(report: Report, extra: Record<string, string>): void {
  verdictWritten = true;
  const values = { ...outputValues(report), ...extra };
  for (const [name, value] of Object.entries(values)) core.setOutput(name, scrub(value));
}

function conclude(report: Report, config: Config): void {
  const headline = verdictHeadline(report);
  const errors = report.images
    .map((image, i) =>
      image.error ? `${report.images.length > 1 ? `image ${i + 1}: ` : ''}${image.error}` : '',
    )
    .filter((e) => e !== '');
  const detail = scrub([headline, ...errors].join('\n'));
  if (report.result === 'pass') {
    logger.info(headline);
  } else if (report.result === 'fail') {
    if (config.failBuild) failStep(detail);
    else
      logger.warning(`${detail}\n(fail-build: false, so the step does not fail; result is fail)`);
  } else if (config.onError === 'fail') {
    failStep(detail);
  } else {
    logger.warning(`${detail}\n(on-error: warn, so the step does not fail; result is error)`);
  }
}

/** Last line of defence: whatever was thrown, the run ends as error and the step fails. */
let failing = false;

/** Slack past timeout-seconds + wait-for-scan before the watchdog calls the run stuck. */
const WATCHDOG_GRACE_MS = 60_000;

/**
 * If something never settles (a request a library lost, say) while other handles keep the
 * process alive, fail the step instead of running until the job's own timeout. Unref'd, so it
 * never keeps an otherwise finished process alive.
 */
function armWatchdog(ms: number): void {
  setTimeout(() => {
    failUnexpected(new Error(`the run did not finish within ${Math.round(ms / 1000)} s`));
    process.exit(1);
  }, ms).unref();
}

export function failUnexpected(err: unknown): void {
  // The exit code first: whatever happens while reporting, the step fails.
  process.exitCode = 1;
  // A failure while reporting a failure (a closed stdout, say) must not loop: report once.
  if (failing) return;
  failing = true;
  verdictWritten = true;
  const message = scrub(`Unexpected error: ${describeError(err)}`);
  try {
    const report = failedRunReport(message);
    for (const [name, value] of Object.entries(outputValues(report))) core.setOutput(name, value);
  } catch {
    // outputs are best effort here; the failure below is what matters
  }
  failStep(message);
}

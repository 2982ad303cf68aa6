// The report files the command line writes (--summary-file, --report-file, --sarif-file,
// --outputs-file, --gitlab-report, --junit-file): each optional, relative to the working
// directory, missing parent folders created, written afresh, on every run that got past input
// validation (an error run included: its files say error). The formats are the pure builders of
// report/; this module only decides what goes where and does the file I/O.
//
// Fail closed on files too. CI workspaces persist between builds, so a file this run does not
// write (the SARIF log's no-partial-log rule, a list that could not be read, bad input) must not
// be left from an earlier run to pass as current: it is removed, and standard error says so. A
// requested file that cannot be written or removed is an error of the run (exit 2, whatever
// --on-error says). Everything written is scrubbed of secrets, as values, before serialising.
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describeSelection } from '../core/selector.js';
import { describeError } from '../infra/errors.js';
import type { Logger } from '../infra/log.js';
import { scrub, scrubDeep } from '../infra/secrets.js';
import { VERSION } from '../infra/version.js';
import type { Config } from '../inputs/config.js';
import { buildDotenv } from '../report/dotenv.js';
import { buildGitlabReport, type GitlabImage } from '../report/gitlab.js';
import { buildJunit } from '../report/junit.js';
import { reportJson, type ImageOutcome, type Report } from '../report/model.js';
import { outputValues } from '../report/outputs.js';
import { renderMarkdown } from '../report/render.js';
import { buildSarif } from '../report/sarif.js';
import {
  automationId,
  everyFinding,
  incompleteFindings,
  sarifImages,
} from '../report/sarif-images.js';
import { FILE_OPTIONS } from './options.js';

export type FileOption = (typeof FILE_OPTIONS)[number];

/** Requested files: option name → the path as given. */
export type FileRequests = Partial<Record<FileOption, string>>;

const SUMMARY_MAX_BYTES = 512 * 1024; // UTF-8 bytes, as the action's summary

export interface FileRun {
  requests: FileRequests;
  cwd: string;
  log: Logger;
  /** Problems that make the run exit 2 (a file that could not be written or removed). */
  failures: string[];
}

function absolute(run: FileRun, option: FileOption): string | undefined {
  const given = run.requests[option];
  return given === undefined ? undefined : path.resolve(run.cwd, given.trim());
}

/** Writes one requested file afresh (parents created); a failure is recorded. */
function put(run: FileRun, option: FileOption, text: string, what: string): boolean {
  const file = absolute(run, option);
  if (file === undefined) return false;
  try {
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, text);
    run.log.info(`${what} written to ${run.requests[option]}.`);
    return true;
  } catch (err) {
    run.failures.push(`--${option}: cannot write ${file}: ${describeError(err)}`);
    return false;
  }
}

/** A requested file this run does not write: one left from an earlier run is removed. */
export function withhold(run: FileRun, option: FileOption, why: string): void {
  const file = absolute(run, option);
  if (file === undefined) return;
  run.log.warning(`--${option}: ${run.requests[option]} not written: ${why}`);
  try {
    if (!existsSync(file)) return;
    rmSync(file, { force: true });
    run.log.warning(
      `--${option}: removed ${run.requests[option]} left from an earlier run, so it cannot pass for this run's.`,
    );
  } catch (err) {
    run.failures.push(
      `--${option}: ${file} is left from an earlier run and cannot be removed: ${describeError(err)}`,
    );
  }
}

/** The image as GitLab shows it: repository, tag and digest as far as known. */
function gitlabImage(outcome: ImageOutcome): GitlabImage {
  const s = outcome.target.selector;
  const hex = outcome.gatedDigests?.[0] ?? s.digest;
  const digest = hex ? `sha256:${hex}` : undefined;
  const repo = s.repoId ?? '';
  const named = `${repo}${s.tag ? `:${s.tag}` : ''}${digest ? `${repo || s.tag ? '@' : ''}${digest}` : ''}`;
  // Accepted findings are left out, as from the SARIF log: the merge request widget would flag
  // exceptions already decided in the policy file.
  const accepted = new Set(
    Object.values(outcome.policy ?? {}).flatMap((app) => app.accepted.map((a) => a.finding)),
  );
  const findings = Object.values(everyFinding(outcome))
    .flat()
    .filter((f) => !accepted.has(f));
  return {
    imageName: named || describeSelection(s),
    ...(digest ? { digest } : {}),
    findings,
  };
}

export interface ReportFilesInput {
  report: Report;
  outcomes: readonly ImageOutcome[];
  config: Config;
  startTime: Date;
  endTime: Date;
}

/** Writes every requested file of a run that got past input validation. */
export function writeReportFiles(run: FileRun, input: ReportFilesInput): void {
  const { report, outcomes, config } = input;
  let sarifWritten = '';
  if (run.requests['sarif-file'] !== undefined) {
    const missing = incompleteFindings(outcomes);
    if (missing)
      withhold(
        run,
        'sarif-file',
        `${missing} A log without those findings would close their code scanning alerts as fixed.`,
      );
    else {
      const built = buildSarif({
        toolVersion: VERSION,
        automationId: automationId({ images: config.images }, {}),
        dockerfile: config.dockerfile,
        images: sarifImages(outcomes),
      });
      const what = `SARIF log with ${built.resultCount} result(s)${built.truncated > 0 ? ` (${built.truncated} less severe left out: GitHub accepts at most 25,000 results and 10 MB)` : ''}`;
      if (put(run, 'sarif-file', JSON.stringify(scrubDeep(built.log)), what))
        sarifWritten = run.requests['sarif-file'] ?? '';
    }
  }
  if (run.requests['gitlab-report'] !== undefined) {
    // An error run writes its report marked failed; a run that gated but could not read a
    // vulnerability list would report its findings as gone, so it writes none.
    const missing =
      report.result === 'error'
        ? undefined
        : incompleteFindings(outcomes, ['sca-vulns', 'cve-vulns']);
    if (missing)
      withhold(
        run,
        'gitlab-report',
        `${missing} A report without those findings would show them as no longer detected.`,
      );
    else {
      const gitlab = buildGitlabReport({
        report,
        images: outcomes.map(gitlabImage),
        startTime: input.startTime,
        endTime: input.endTime,
        toolVersion: VERSION,
      });
      put(
        run,
        'gitlab-report',
        JSON.stringify(scrubDeep(gitlab)),
        'GitLab container-scanning report',
      );
    }
  }
  writeVerdictFiles(run, report, config, sarifWritten);
}

/** The files every run writes from the report alone (a bad-input run too, where asked). */
export function writeVerdictFiles(
  run: FileRun,
  report: Report,
  policy: Pick<Config, 'failBuild' | 'onError'>,
  sarifWritten = '',
): void {
  if (run.requests['junit-file'] !== undefined)
    put(run, 'junit-file', scrub(buildJunit(report)), 'JUnit XML');
  if (run.requests['report-file'] !== undefined)
    put(run, 'report-file', reportJson(report), 'Report JSON');
  if (run.requests['summary-file'] !== undefined) {
    const markdown = renderMarkdown(report, { ...policy, maxBytes: SUMMARY_MAX_BYTES });
    put(run, 'summary-file', scrub(markdown), 'Markdown summary');
  }
  if (run.requests['outputs-file'] !== undefined) {
    const dotenv = buildDotenv({ ...outputValues(report), 'sarif-file': sarifWritten });
    put(run, 'outputs-file', scrub(dotenv.text), 'Outputs');
    if (dotenv.altered.length > 0)
      run.log.warning(
        `--outputs-file: characters a dotenv file cannot hold were replaced by _ in ${dotenv.altered.join(', ')}.`,
      );
    if (dotenv.shortened.length > 0)
      run.log.warning(
        `--outputs-file: ${dotenv.shortened.join(', ')} shortened to keep the file under 5 KB (the report file and the report JSON have them all).`,
      );
  }
}

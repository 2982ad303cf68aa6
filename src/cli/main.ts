// The command line's pipeline, the twin of action/main.ts: flags and environment → the action's
// settings → the shared engine (runGate) → the report → standard output, the report files and
// the exit code (0 pass, 1 fail, 2 error). Standard output carries only the verdict: the text
// (its first line says pass, fail or error) or exactly one JSON document; everything else
// (version, settings, progress, warnings) goes to standard error, scrubbed and inert.
//
// Fail closed: bad input is reported all at once before any request and always exits 2 (even
// with --on-error warn); a file that cannot be written exits 2; an escape of any kind (a throw,
// a rejection, a stuck request) ends as error with exit 2, never as a pass.
import { CATEGORIES } from '../core/categories.js';
import { Deadline } from '../infra/deadline.js';
import { describeError, InputError } from '../infra/errors.js';
import { registerSecret, scrub, scrubDeep } from '../infra/secrets.js';
import { VERSION } from '../infra/version.js';
import { parseConfig, type Config } from '../inputs/config.js';
import { runGate } from '../gate/run.js';
import { buildReport, failedRunReport, reportJson, type Report } from '../report/model.js';
import { renderText } from '../report/text.js';
import { parseArgs, type ParsedArgs } from './args.js';
import { withhold, writeReportFiles, type FileRequests, type FileRun } from './files.js';
import { stderrLogger, type StderrLogger } from './log.js';
import { FILE_OPTIONS, helpText } from './options.js';
import { cliWording, readSettings, registerEnvSecrets } from './settings.js';
import { policySource } from '../inputs/policy-source.js';

export const EXIT = { pass: 0, fail: 1, error: 2 } as const;

/** Slack past timeout-seconds + wait-for-scan before the watchdog calls the run stuck. */
const WATCHDOG_GRACE_MS = 60_000;
/** A silent engine gets a "still waiting" line this often (the contract: at least every 30 s). */
const HEARTBEAT_MS = 20_000;

/** Standard output holds one verdict: a crash after it was printed must not print a second. */
let verdictPrinted = false;

export interface CliIo {
  argv: readonly string[];
  env: NodeJS.ProcessEnv;
  cwd: string;
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  /** Standard output is a terminal (colour only then, and only without NO_COLOR or TERM=dumb). */
  stdoutIsTty: boolean;
}

function processIo(): CliIo {
  const write = (stream: NodeJS.WriteStream) => (text: string) => {
    try {
      stream.write(text);
    } catch {
      // a closed stream: the exit code still tells
    }
  };
  return {
    argv: process.argv.slice(2),
    env: process.env,
    cwd: process.cwd(),
    stdout: write(process.stdout),
    stderr: write(process.stderr),
    stdoutIsTty: process.stdout.isTTY === true,
  };
}

/** The bin's entry (called by src/cli.ts once the Node version is known to be enough). */
export function start(): void {
  const io = processIo();
  let settled = false;
  const format = (): string => (io.argv.some((a) => /^--format[= ]?json$/.test(a)) ? 'json' : '');
  const die = (err: unknown) => {
    if (settled) return;
    settled = true;
    const message = `Unexpected error: ${describeError(err)}`;
    io.stderr(`error: ${scrub(message)}\n`);
    const json = format() === 'json' || io.env['SAS_IMAGE_GATE_FORMAT']?.trim() === 'json';
    if (json && !verdictPrinted)
      io.stdout(`${JSON.stringify(scrubDeep(failedRunReport(message)))}\n`);
    process.exitCode = EXIT.error;
  };
  process.stdout.on('error', () => {});
  process.stderr.on('error', () => {});
  process.on('unhandledRejection', die);
  process.on('uncaughtException', die);
  process.on('beforeExit', () => {
    if (!settled) die(new Error('the run stopped before reaching a verdict'));
  });
  runCli(io).then(
    (code) => {
      if (settled) return;
      settled = true;
      process.exitCode = code;
    },
    (err: unknown) => die(err),
  );
}

/** One run; resolves to the exit code. */
export async function runCli(io: CliIo): Promise<number> {
  // Secrets first: whatever fails later, they are already known to the scrubber.
  registerEnvSecrets(io.env);
  const parsed = parseArgs(io.argv, io.env);
  if (parsed.help) {
    io.stdout(`${helpText()}\n`);
    return EXIT.pass;
  }
  if (parsed.version) {
    io.stdout(`${VERSION}\n`);
    return EXIT.pass;
  }
  const log = stderrLogger(io.stderr);
  log.info(`sas-image-gate ${VERSION} (Node.js ${process.version})`);
  const json = parsed.values['format']?.value === 'json';
  const requests = fileRequests(parsed);

  const settings = readSettings(parsed, io.env, io.cwd);
  const source = await policySource(settings.inputEnv, io.cwd, new Date(), 'the working directory');
  const result = parseConfig(settings.inputEnv, registerSecret, '', source, settings.label);
  const problems = [...parsed.problems, ...settings.problems];
  if ('problems' in result)
    // Withheld credentials would show up again as "none found": each problem is said once.
    problems.push(
      ...result.problems.filter((p) => !/^credentials: none found;/.test(p)).map(cliWording),
    );
  if (problems.length > 0 || 'problems' in result) {
    return badInput(io, log, problems, json, requests);
  }
  for (const notice of settings.notices) log.notice(notice);

  const fromConfig = result.config;
  const config: Config = {
    ...fromConfig,
    // The GitLab report lists every CVE and SCA finding: every list is read, as for SARIF.
    readEveryList: fromConfig.readEveryList === true || requests['gitlab-report'] !== undefined,
  };
  const creds = config.credentials;
  const how =
    creds.kind === 'keys'
      ? `access key ${creds.accessKeyId}${creds.securityToken ? ' (STS)' : ''}`
      : `OIDC → STS AssumeRoleWithOIDC (role ${creds.roleArn}, session ${creds.roleSessionName})`;
  log.info(
    `Gating ${config.images.length} image(s) with ${how}; limits ${CATEGORIES.map((c) => `${c} ${config.limits[c].text}`).join(', ')}`,
  );
  const waitMs = config.scan.require ? config.scan.waitMs : 0;
  const startTime = new Date();
  const stopHeartbeat = heartbeat(log, startTime.getTime(), config.timeoutMs + waitMs);
  const watchdog = setTimeout(
    () => {
      io.stderr(
        `error: the run did not finish within ${Math.round((config.timeoutMs + waitMs + WATCHDOG_GRACE_MS) / 1000)} s\n`,
      );
      if (json && !verdictPrinted)
        io.stdout(`${JSON.stringify(failedRunReport('the run did not finish in time'))}\n`);
      process.exit(EXIT.error);
    },
    config.timeoutMs + waitMs + WATCHDOG_GRACE_MS,
  );
  watchdog.unref();

  let outcomes;
  try {
    const deadline = new Deadline(config.timeoutMs, Date.now, waitMs);
    const token = settings.oidcToken;
    outcomes = await runGate(config, {
      env: io.env,
      deadline,
      log,
      // Keyless runs only: the token read from ALIBABA_CLOUD_OIDC_TOKEN_FILE or the variable.
      idTokenSource: () =>
        Promise.resolve(() =>
          token === undefined
            ? Promise.reject(new Error('no ID token was read'))
            : Promise.resolve(token),
        ),
    });
  } finally {
    stopHeartbeat();
    clearTimeout(watchdog);
  }
  const report = scrubDeep(buildReport(config, outcomes));
  const files: FileRun = { requests, cwd: io.cwd, log, failures: [] };
  writeReportFiles(files, { report, outcomes, config, startTime, endTime: new Date() });
  for (const failure of files.failures) log.warning(failure);

  print(io, report, json);
  return exitCode(io, report, config, files.failures);
}

function fileRequests(parsed: ParsedArgs): FileRequests {
  const requests: FileRequests = {};
  for (const option of FILE_OPTIONS) {
    const value = parsed.values[option]?.value.trim();
    if (value) requests[option] = value;
  }
  return requests;
}

/** Bad input: exit 2 whatever --on-error says; no request was made, no file is written. */
function badInput(
  io: CliIo,
  log: StderrLogger,
  problems: string[],
  json: boolean,
  requests: FileRequests,
): number {
  const message = new InputError(problems).message;
  for (const line of message.split('\n')) log.info(line);
  // A file of a requested name left from an earlier run must not pass for this run's.
  const files: FileRun = { requests, cwd: io.cwd, log, failures: [] };
  for (const option of FILE_OPTIONS) withhold(files, option, 'the input is bad (see above).');
  for (const failure of files.failures) log.warning(failure);
  print(io, scrubDeep(failedRunReport(message, problems)), json);
  return EXIT.error;
}

function print(io: CliIo, report: Report, json: boolean): void {
  verdictPrinted = true;
  if (json) {
    io.stdout(`${reportJson(report)}\n`);
    return;
  }
  const env = io.env;
  const color = io.stdoutIsTty && env['NO_COLOR'] === undefined && env['TERM'] !== 'dumb';
  io.stdout(scrub(renderText(report, { color })));
}

function exitCode(io: CliIo, report: Report, config: Config, failures: string[]): number {
  const say = (text: string) => io.stderr(`${scrub(text)}\n`);
  if (failures.length > 0) {
    say(
      `exit 2: ${failures.length} requested file(s) could not be written; the result was ${report.result}.`,
    );
    return EXIT.error;
  }
  if (report.result === 'pass') return EXIT.pass;
  if (report.result === 'fail') {
    if (config.failBuild) return EXIT.fail;
    say('--fail-build false: exit 0 although the result is fail.');
    return EXIT.pass;
  }
  if (config.onError === 'warn') {
    say('--on-error warn: exit 0 although the result is error (nothing was established).');
    return EXIT.pass;
  }
  return EXIT.error;
}

/** "Still waiting" on standard error whenever the engine has been silent for a while. */
function heartbeat(log: StderrLogger, startedAt: number, budgetMs: number): () => void {
  const timer = setInterval(() => {
    const now = Date.now();
    if (now - log.lastWrite() < HEARTBEAT_MS) return;
    const waited = Math.round((now - startedAt) / 1000);
    const left = Math.max(0, Math.round((startedAt + budgetMs - now) / 1000));
    log.info(`Still waiting for Security Center: ${waited} s so far, at most ${left} s left.`);
  }, 5_000);
  timer.unref();
  return () => clearInterval(timer);
}

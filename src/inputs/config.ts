// Every action input is read, validated and typed through here (with images.ts, limits.ts,
// credentials.ts and comment-settings.ts), and nowhere else. All problems are collected and
// reported together, before any network request; when there are any, what could still be read
// (the job-summary switch, the comment settings and key) comes back too, so that nothing reads
// the inputs a second time to report them.
import {
  endpointForRegion,
  nearestRegion,
  readEndpointInput,
  REGION_SITES,
  type Endpoint,
} from '../alibaba/endpoints.js';
import type { ScanSettings } from '../core/scan.js';
import {
  SELECTOR_INPUTS,
  type ImageSelector,
  type ImageTarget,
  type RiskStatus,
} from '../core/selector.js';
import { readCommentSettings, type CommentSettings } from './comment-settings.js';
import { readCredentials, type Credentials } from './credentials.js';
import { rawStepSelectors, readImages } from './images.js';
import type { LimitSpecs } from '../core/limits.js';
import { show } from '../infra/text.js';
import { readLimits } from './limits.js';
import { InputReader } from './reader.js';
import { confineToWorkspace } from '../infra/workspace-path.js';
import { applyBaselines, readStepBaseline, type BaselineSource } from './baseline.js';
import { readPolicyInputs, type ParsePolicy, type ReadPolicyFile } from './policy.js';
import type { Policy } from '../policy/policy-file.js';

export interface Config {
  images: ImageTarget[];
  scanRange: string[];
  instanceUuids: string[];
  riskStatus: RiskStatus;
  limits: LimitSpecs;
  /** Vulnerabilities Security Center marks as having no fix are left out of the limits. */
  ignoreUnfixable: boolean;
  /** How many findings per category the reports list for each image. */
  listFindings: number;
  /** Absolute path of the SARIF log to write, or '' for none (inside the workspace). */
  sarifFile: string;
  /** Absolute path of the complete report JSON to write, or '' for none (inside the workspace). */
  reportFile: string;
  /**
   * Every finding list of every image is read and kept, for reports of every finding (the SARIF
   * log; the command line's GitLab report). Set when sarif-file is; a front end may set it too.
   */
  readEveryList?: boolean;
  /** Repository-relative path every SARIF result points at. */
  dockerfile: string;
  failBuild: boolean;
  onError: 'fail' | 'warn';
  timeoutMs: number;
  jobSummary: boolean;
  /** Pull request comment settings. */
  comment: CommentSettings;
  maxConcurrency: number;
  credentials: Credentials;
  scan: ScanSettings;
  /** The checked policy file (accepted risks); absent when there is none to read. */
  policy?: Policy;
  /** Now, as the policy file was checked against: its UTC date is "today" for expiry rules. */
  today?: Date;
  /**
   * `max-accept-days`: the longest an acceptance may run, in days; 0 means no cap. Always set by
   * parseConfig; optional so settings built by hand (tests, a CLI) need not repeat it: it only
   * matters while the policy file is checked.
   */
  maxAcceptDays?: number;
}

/** What parseConfig reads besides the named values: the front end's ports (issue 18). */
export interface ConfigSource {
  /** Reads the policy file the `policy-file` input names (the front end confines the path). */
  readPolicyFile?: ReadPolicyFile;
  /** Checks the policy file's text (policy/policy-file.ts's parsePolicy, loaded on demand). */
  parsePolicy?: ParsePolicy;
  /** Now: its UTC date is "today" for the policy file's expiry rules. */
  now?: Date;
  /** How messages name the root the policy file is read under (default: the workspace). */
  rootName?: string;
}

/** What a run with bad input can still use to report it. */
export interface PartialConfig {
  jobSummary: boolean;
  /** Undefined when the comment inputs are themselves bad: then no comment is written. */
  comment?: CommentSettings;
  /** Keys the comment as a valid run would: the step-level selectors as given. */
  images: Array<{ selector: ImageSelector }>;
}

export type ParseResult = { config: Config } | { problems: string[]; partial: PartialConfig };

export const DEFAULT_REGION = 'cn-shanghai';
const MAX_CONCURRENCY = 20;
const MAX_TIMEOUT_SECONDS = 3600;
const MAX_LIST_FINDINGS = 1000;
/** Test and demo knob: the first pause between scan-state polls (default 5 s). */
export const FIRST_POLL_ENV = 'SAS_IMAGE_GATE_FIRST_POLL_MS';

export function parseConfig(
  env: NodeJS.ProcessEnv,
  mask: (secret: string) => void,
  /** The front end's advice when no credentials are found at all. */
  noCredentialsHint = '',
  source: ConfigSource = {},
  /** How problems name a setting (the command line's `--name`); default: the input name. */
  label?: (name: string) => string,
): ParseResult {
  const input = new InputReader(env, label);
  const credentials = readCredentials(input, mask, noCredentialsHint);
  const limits = readLimits(input);
  const ignoreUnfixable = input.bool('ignore-unfixable', false);
  const listFindings = input.integer('list-findings', 10, 0, MAX_LIST_FINDINGS);
  const sarifFile = readWorkspaceFile(input, 'sarif-file', 'results.sarif');
  const reportFile = readWorkspaceFile(input, 'report-file', 'sas-report.json');
  const dockerfile = readDockerfile(input);
  const riskStatus = input.choice(
    'risk-status',
    ['unhandled', 'handled', 'all'] as const,
    'unhandled',
  );
  const failBuild = input.bool('fail-build', true);
  const onError = input.choice('on-error', ['fail', 'warn'] as const, 'fail');
  const jobSummary = input.bool('job-summary', true);
  const maxConcurrency = input.integer('max-concurrency', 4, 1, MAX_CONCURRENCY);
  const comment = readCommentSettings(input, mask);
  const scan = readScanSettings(input);
  const timeoutSeconds = input.positive('timeout-seconds', 60, {
    unit: 'seconds',
    max: MAX_TIMEOUT_SECONDS,
  });
  const scanRange: string[] = [];
  for (const v of input.list('scan-range')) {
    const lower = v.toLowerCase();
    if (lower !== 'image' && lower !== 'container') {
      input.problem(
        `scan-range: ${show(v)} is not accepted; use image and/or container (comma- or newline-separated)`,
      );
    } else if (!scanRange.includes(lower)) scanRange.push(lower);
  }
  const instanceUuids: string[] = [];
  for (const v of input.list('instance-uuids')) {
    if (!SAFE_ID.test(v)) input.problem(`instance-uuids: ${show(v)} is not an instance id`);
    else if (!instanceUuids.includes(v)) instanceUuids.push(v);
  }
  const images = readTargets(input);
  const { policy, maxAcceptDays } = readPolicyInputs(input, source);

  if (input.problems.length > 0 || !credentials || !comment) {
    return {
      problems: input.problems,
      partial: { jobSummary, comment, images: [{ selector: rawStepSelectors(input) }] },
    };
  }
  return {
    config: {
      images,
      scanRange,
      instanceUuids,
      riskStatus,
      limits,
      ignoreUnfixable,
      listFindings,
      sarifFile,
      reportFile,
      readEveryList: sarifFile !== '',
      dockerfile,
      failBuild,
      onError,
      timeoutMs: Math.round((timeoutSeconds ?? 60) * 1000),
      jobSummary,
      comment,
      maxConcurrency,
      credentials,
      scan,
      ...(policy ? { policy, ...(source.now ? { today: source.now } : {}) } : {}),
      maxAcceptDays,
    },
  };
}

// eslint-disable-next-line no-control-regex -- control characters are exactly what is refused
const SAFE_ID = /^[^\s\u0000-\u001f\u007f]{1,256}$/;

// eslint-disable-next-line no-control-regex -- control characters are exactly what is refused
const CONTROL = /[\u0000-\u001f\u007f]/;

/**
 * sarif-file, report-file: a path relative to the workspace (the working directory when
 * GITHUB_WORKSPACE is unset), or absolute; it must lead inside the workspace.
 */
function readWorkspaceFile(input: InputReader, name: string, example: string): string {
  const raw = input.raw(name);
  if (raw === '') return '';
  if (CONTROL.test(raw) || raw.length > 4096) {
    input.problem(`${name}: ${show(raw)} is not a file path; give a path such as ${example}`);
    return '';
  }
  const confined = confineToWorkspace(raw, input.env['GITHUB_WORKSPACE'] || process.cwd());
  if ('problem' in confined) {
    input.problem(`${name}: ${show(raw)} ${confined.problem}`);
    return '';
  }
  return confined.path;
}

const MAX_DOCKERFILE = 1_024;

/** dockerfile: the repository-relative path SARIF results point at (default Dockerfile). */
function readDockerfile(input: InputReader): string {
  const raw = input.raw('dockerfile');
  if (raw === '') return 'Dockerfile';
  const clean = raw.replace(/\\/g, '/').replace(/^(\.\/)+/, '');
  const bad =
    CONTROL.test(raw) ||
    raw.length > MAX_DOCKERFILE ||
    clean === '' ||
    clean === '.' ||
    clean.endsWith('/') ||
    clean.endsWith('/.') ||
    clean.startsWith('/') ||
    /^[a-z][a-z0-9+.-]*:/i.test(clean) ||
    clean.split('/').includes('..');
  if (bad) {
    input.problem(
      `dockerfile: ${show(raw)} is not accepted; give the Dockerfile's path (a file, not a folder) relative to the repository root, at most ${MAX_DOCKERFILE.toLocaleString('en-US')} characters, e.g. docker/Dockerfile (code scanning shows the alerts there)`,
    );
    return 'Dockerfile';
  }
  return clean;
}

function readScanSettings(input: InputReader): ScanSettings {
  const require = input.bool('require-scan', true);
  const waitSeconds = input.integer('wait-for-scan', 600, 0, 6 * 3600);
  const trigger = input.bool('trigger-scan', false);
  const hours = input.positive('max-scan-age', null, { unit: 'hours', off: true });
  const rawPoll = (input.env[FIRST_POLL_ENV] ?? '').trim();
  const pollBaseMs = /^\d+$/.test(rawPoll) && Number(rawPoll) > 0 ? Number(rawPoll) : 5_000;
  return {
    require,
    waitMs: waitSeconds * 1000,
    trigger,
    maxAgeMs: hours === null ? null : Math.round(hours * 3_600_000),
    pollBaseMs,
  };
}

/**
 * Each image with the Security Center site that holds its data: `endpoint` overrides
 * everything; else `region-id`; else the image's own `repo-region-id` (default cn-shanghai).
 * Duplicates (same site and selectors) are gated once.
 */
function readTargets(input: InputReader): ImageTarget[] {
  let fixed: Endpoint | undefined;
  const rawEndpoint = input.raw('endpoint');
  if (rawEndpoint !== '') {
    const parsed = readEndpointInput('endpoint', rawEndpoint);
    if (typeof parsed === 'string') input.problem(parsed);
    else fixed = parsed;
  }
  const regionId = input.raw('region-id');
  if (regionId !== '' && !fixed) {
    fixed = endpointForRegion(regionId);
    if (!fixed) input.problem(unknownRegion('region-id', regionId));
  }

  const targets: ImageTarget[] = [];
  const seen = new Map<string, BaselineSource>();
  const stepBaseline = readStepBaseline(input);
  for (const { selector, where, baseline } of readImages(input)) {
    let endpoint = fixed;
    if (!endpoint && rawEndpoint === '' && regionId === '') {
      const region = selector.repoRegionId ?? DEFAULT_REGION;
      endpoint = endpointForRegion(region);
      if (!endpoint) input.problem(`${where}${unknownRegion('repo-region-id', region)}`);
    }
    if (!endpoint) continue;
    const key = JSON.stringify([
      endpoint.origin,
      SELECTOR_INPUTS.map(([, f]) => selector[f] ?? null),
    ]);
    const earlier = seen.get(key);
    if (earlier) {
      if (JSON.stringify(earlier.target.baseline) !== JSON.stringify(baseline))
        input.problem(
          `${where}the same image is listed ${earlier.where ? `on ${earlier.where.replace(/: $/, '')} ` : ''}with another baseline; give each image once`,
        );
      continue;
    }
    const target: ImageTarget = baseline
      ? { selector, endpoint, baseline }
      : { selector, endpoint };
    seen.set(key, { target, where });
    targets.push(target);
  }
  applyBaselines(input, stepBaseline, [...seen.values()]);
  return targets;
}

function unknownRegion(name: string, region: string): string {
  const near = nearestRegion(region);
  const guess = near ? `did you mean ${near}? ` : '';
  return `${name}: ${show(region)} is not a known region (no Security Center site is known for it); ${guess}Known regions: ${[...REGION_SITES.keys()].join(', ')}. Or set endpoint to the Security Center endpoint`;
}

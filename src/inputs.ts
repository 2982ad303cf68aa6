// Every action input is read, validated and typed here, and nowhere else. All problems are
// collected and reported together, before any network request.
import { CATEGORIES, CATEGORY_INFO, type Limits } from './categories.js';
import { readCredentials, type Credentials } from './credentials.js';
import {
  endpointForRegion,
  readEndpointInput,
  nearestRegion,
  REGION_SITES,
  type Endpoint,
} from './alibaba/endpoints.js';
import type { ImageSelector, RiskStatus } from './alibaba/sas.js';
import { InputError } from './errors.js';
import { readCommentSettings, type CommentSettings } from './report/comment-settings.js';
import type { ScanSettings } from './scan.js';

export interface ImageTarget {
  selector: ImageSelector;
  endpoint: Endpoint;
}

export interface Config {
  images: ImageTarget[];
  scanRange: string[];
  instanceUuids: string[];
  riskStatus: RiskStatus;
  limits: Limits;
  failBuild: boolean;
  onError: 'fail' | 'warn';
  timeoutMs: number;
  jobSummary: boolean;
  /** Pull request comment settings (parseConfig always sets them; absent means no comment). */
  comment?: CommentSettings;
  maxConcurrency: number;
  credentials: Credentials;
  scan: ScanSettings;
}

/** Selector inputs, their ImageSelector field, in the order they are shown to users. */
export const SELECTOR_INPUTS = [
  ['repo-region-id', 'repoRegionId'],
  ['repo-instance-id', 'repoInstanceId'],
  ['repo-id', 'repoId'],
  ['image-tag', 'tag'],
  ['image-digest', 'digest'],
  ['image-uuid', 'uuid'],
  ['cluster-id', 'clusterId'],
] as const satisfies ReadonlyArray<readonly [string, keyof ImageSelector]>;

export const DEFAULT_REGION = 'cn-shanghai';
const MAX_CONCURRENCY = 20;
const MAX_TIMEOUT_SECONDS = 3600;

/** Reads an input the way the runner passes it: INPUT_<NAME upper-cased>, trimmed. */
export function inputReader(env: NodeJS.ProcessEnv): (name: string) => string {
  return (name) => (env[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`] ?? '').trim();
}

/**
 * The step-level selectors exactly as given, unvalidated: only for keying the PR comment of a
 * run whose inputs were refused (they are hashed, never shown).
 */
export function rawStepSelectors(env: NodeJS.ProcessEnv): ImageSelector {
  const input = inputReader(env);
  const selector: ImageSelector = {};
  for (const [name, field] of SELECTOR_INPUTS) {
    const value = input(name);
    if (value !== '' && field !== 'digest') selector[field] = value;
  }
  return selector;
}

/** `sha256:<64 hex>` or 64 bare hex digits, any case; returns lower-case bare hex. */
export function normalizeDigest(raw: string): string | undefined {
  const m = /^(?:sha256:)?([0-9a-f]{64})$/i.exec(raw.trim());
  return m?.[1]?.toLowerCase();
}

export function splitList(raw: string): string[] {
  return raw
    .split(/[,\n]/)
    .map((s) => s.trim())
    .filter((s) => s !== '');
}

/**
 * Whether a selection names one image: a digest or Security Center's image UUID, or a tag within
 * one repository (a tag alone, such as latest, names an image in every repository that has it).
 * Every other selector only narrows; on its own it would gate a whole repository or registry.
 */
export function namesAnImage(selector: ImageSelector): boolean {
  return (
    selector.digest !== undefined ||
    selector.uuid !== undefined ||
    (selector.tag !== undefined && selector.repoId !== undefined)
  );
}

const UNNAMED_IMAGE =
  'image selection: no image is named; set image-digest (recommended) or image-uuid, or image-tag together with repo-id (a tag alone, such as latest, names many images). repo-id, repo-instance-id, repo-region-id and cluster-id only narrow a selection. The usual cause is an empty image-digest: the step output it was given, such as ${{ steps.<id>.outputs.digest }}, was not set';

// eslint-disable-next-line no-control-regex -- control characters are exactly what is refused
const SAFE_VALUE = /^[^\s\u0000-\u001f\u007f]{1,256}$/;
/** Step-level selector values may contain spaces (only `images` lines split on them). */
// eslint-disable-next-line no-control-regex -- control characters are exactly what is refused
const SAFE_TEXT = /^[^\u0000-\u001f\u007f]{1,256}$/;

function show(value: string): string {
  const v = value.length > 80 ? `${value.slice(0, 77)}...` : value;
  return JSON.stringify(v);
}

export function parseConfig(env: NodeJS.ProcessEnv, mask: (secret: string) => void): Config {
  const input = inputReader(env);
  const problems: string[] = [];

  const credentials = readCredentials(input, env, mask, problems);

  const choice = <T extends string>(name: string, accepted: readonly T[], fallback: T): T => {
    const raw = input(name);
    if (raw === '') return fallback;
    const hit = accepted.find((a) => a === raw.toLowerCase());
    if (hit) return hit;
    problems.push(`${name}: ${show(raw)} is not accepted; use one of: ${accepted.join(', ')}`);
    return fallback;
  };
  const bool = (name: string, fallback: boolean): boolean => {
    const raw = input(name);
    if (raw === '') return fallback;
    if (['true', 'True', 'TRUE'].includes(raw)) return true;
    if (['false', 'False', 'FALSE'].includes(raw)) return false;
    problems.push(`${name}: ${show(raw)} is not a boolean; use true or false`);
    return fallback;
  };
  const integer = (name: string, fallback: number, min: number, max: number): number => {
    const raw = input(name);
    if (raw === '') return fallback;
    const n = /^\d+$/.test(raw) ? Number(raw) : NaN;
    if (Number.isSafeInteger(n) && n >= min && n <= max) return n;
    problems.push(
      `${name}: ${show(raw)} is not accepted; use a whole number from ${min} to ${max}`,
    );
    return fallback;
  };

  // Limits: a non-negative integer or "off"; empty means the default, 0.
  const limits = {} as Limits;
  for (const category of CATEGORIES) {
    const name = CATEGORY_INFO[category].limitInput;
    const raw = input(name);
    if (raw === '') limits[category] = 0;
    else if (raw.toLowerCase() === 'off') limits[category] = 'off';
    else if (/^\d+$/.test(raw) && Number.isSafeInteger(Number(raw))) limits[category] = Number(raw);
    else {
      problems.push(
        `${name}: ${show(raw)} is not accepted; use a non-negative whole number or off`,
      );
      limits[category] = 0;
    }
  }

  const riskStatus = choice('risk-status', ['unhandled', 'handled', 'all'] as const, 'unhandled');
  const failBuild = bool('fail-build', true);
  const onError = choice('on-error', ['fail', 'warn'] as const, 'fail');
  const jobSummary = bool('job-summary', true);
  const maxConcurrency = integer('max-concurrency', 4, 1, MAX_CONCURRENCY);
  const comment = readCommentSettings(input, env, mask, problems);
  const scan = readScanSettings(input, env, problems, { bool, integer });

  let timeoutMs = 60_000;
  const rawTimeout = input('timeout-seconds');
  if (rawTimeout !== '') {
    const t = /^\d+(\.\d+)?$/.test(rawTimeout) ? Number(rawTimeout) : NaN;
    if (t > 0 && t <= MAX_TIMEOUT_SECONDS) timeoutMs = Math.round(t * 1000);
    else
      problems.push(
        `timeout-seconds: ${show(rawTimeout)} is not accepted; use a number of seconds above 0 and at most ${MAX_TIMEOUT_SECONDS}`,
      );
  }

  const scanRange: string[] = [];
  for (const v of splitList(input('scan-range'))) {
    const lower = v.toLowerCase();
    if (lower !== 'image' && lower !== 'container') {
      problems.push(
        `scan-range: ${show(v)} is not accepted; use image and/or container (comma- or newline-separated)`,
      );
    } else if (!scanRange.includes(lower)) scanRange.push(lower);
  }
  const instanceUuids: string[] = [];
  for (const v of splitList(input('instance-uuids'))) {
    if (!SAFE_VALUE.test(v)) problems.push(`instance-uuids: ${show(v)} is not an instance id`);
    else if (!instanceUuids.includes(v)) instanceUuids.push(v);
  }

  // Site: endpoint overrides everything; else region-id; else each image's repo-region-id.
  let fixedEndpoint: Endpoint | undefined;
  const rawEndpoint = input('endpoint');
  if (rawEndpoint !== '') {
    const parsed = readEndpointInput('endpoint', rawEndpoint);
    if (typeof parsed === 'string') problems.push(parsed);
    else fixedEndpoint = parsed;
  }
  const regionId = input('region-id');
  if (regionId !== '' && !fixedEndpoint) {
    fixedEndpoint = endpointForRegion(regionId);
    if (!fixedEndpoint) problems.push(unknownRegion('region-id', regionId));
  }

  const images = parseImages(input, problems);
  const targets: ImageTarget[] = [];
  const seen = new Set<string>();
  for (const { selector, where } of images) {
    let endpoint = fixedEndpoint;
    if (!endpoint && rawEndpoint === '' && regionId === '') {
      const region = selector.repoRegionId ?? DEFAULT_REGION;
      endpoint = endpointForRegion(region);
      if (!endpoint) {
        problems.push(`${where}${unknownRegion('repo-region-id', region)}`);
      }
    }
    if (!endpoint) continue;
    const key = JSON.stringify([
      endpoint.origin,
      SELECTOR_INPUTS.map(([, f]) => selector[f] ?? null),
    ]);
    if (seen.has(key)) continue;
    seen.add(key);
    targets.push({ selector, endpoint });
  }

  if (problems.length > 0 || !credentials) throw new InputError(problems);
  return {
    images: targets,
    scanRange,
    instanceUuids,
    riskStatus,
    limits,
    failBuild,
    onError,
    timeoutMs,
    jobSummary,
    comment,
    maxConcurrency,
    credentials,
    scan,
  };
}

/** Test and demo knob: the first pause between scan-state polls (default 5 s). */
export const FIRST_POLL_ENV = 'SAS_IMAGE_GATE_FIRST_POLL_MS';

function readScanSettings(
  input: (name: string) => string,
  env: NodeJS.ProcessEnv,
  problems: string[],
  parse: {
    bool: (name: string, fallback: boolean) => boolean;
    integer: (name: string, fallback: number, min: number, max: number) => number;
  },
): ScanSettings {
  const require = parse.bool('require-scan', true);
  const waitSeconds = parse.integer('wait-for-scan', 600, 0, 6 * 3600);
  const trigger = parse.bool('trigger-scan', false);
  let maxAgeMs: number | null = null;
  const rawAge = input('max-scan-age');
  if (rawAge !== '' && rawAge.toLowerCase() !== 'off') {
    const hours = /^\d+(\.\d+)?$/.test(rawAge) ? Number(rawAge) : NaN;
    if (hours > 0) maxAgeMs = Math.round(hours * 3_600_000);
    else
      problems.push(
        `max-scan-age: ${show(rawAge)} is not accepted; use a number of hours above 0, or off`,
      );
  }
  const rawPoll = (env[FIRST_POLL_ENV] ?? '').trim();
  const pollBaseMs = /^\d+$/.test(rawPoll) && Number(rawPoll) > 0 ? Number(rawPoll) : 5_000;
  return { require, waitMs: waitSeconds * 1000, trigger, maxAgeMs, pollBaseMs };
}

function unknownRegion(name: string, region: string): string {
  const near = nearestRegion(region);
  const guess = near ? `did you mean ${near}? ` : '';
  return `${name}: ${show(region)} is not a known region (no Security Center site is known for it); ${guess}Known regions: ${[...REGION_SITES.keys()].join(', ')}. Or set endpoint to the Security Center endpoint`;
}

interface ParsedImage {
  selector: ImageSelector;
  /** Prefix for problems: '' for step-level selectors, 'images line N: ' for a line. */
  where: string;
}

/**
 * The images to gate: one per `image-digest` entry and one per `images` line, each merged over
 * the step-level selectors. With neither, the step-level selectors name the single image.
 */
function parseImages(input: (name: string) => string, problems: string[]): ParsedImage[] {
  const base: ImageSelector = {};
  // A refused step-level selector may be the one that named the image: do not add a second,
  // misleading problem about the selection.
  let baseRejected = false;
  for (const [name, field] of SELECTOR_INPUTS) {
    if (field === 'digest') continue;
    const raw = input(name);
    if (raw === '') continue;
    if (!SAFE_TEXT.test(raw)) {
      problems.push(`${name}: ${show(raw)} must be 1 to 256 characters without control characters`);
      baseRejected = true;
    } else base[field] = raw;
  }

  const images: ParsedImage[] = [];
  const seenDigests = new Set<string>();
  // Separated by commas and newlines only, as documented: other white space inside an entry is
  // a mistake to report (a space after "sha256:"), never a separator.
  const digestTokens = splitList(input('image-digest').replace(/\r/g, ''));
  for (const raw of digestTokens) {
    const digest = normalizeDigest(raw);
    if (/\s/.test(raw)) {
      problems.push(
        `image-digest: ${show(raw)} contains a space; a digest is sha256:<64 hex digits> or 64 bare hex digits with no spaces, and several digests are separated by commas or newlines`,
      );
    } else if (!digest) {
      problems.push(
        `image-digest: ${show(raw)} is not a digest; use sha256:<64 hex digits> or 64 bare hex digits (several: comma- or newline-separated)`,
      );
    } else if (!seenDigests.has(digest)) {
      seenDigests.add(digest);
      images.push({ selector: { ...base, digest }, where: '' });
    }
  }

  const lines = input('images').split('\n');
  let hasLines = false;
  lines.forEach((line, index) => {
    const text = line.trim();
    if (text === '' || text.startsWith('#')) return;
    hasLines = true;
    const problemsBefore = problems.length;
    const where = `images line ${index + 1}: `;
    const selector: ImageSelector = { ...base };
    const given = new Set<string>();
    for (const token of text.split(/\s+/)) {
      const eq = token.indexOf('=');
      const key = eq > 0 ? token.slice(0, eq) : '';
      const value = eq > 0 ? token.slice(eq + 1) : '';
      const entry = SELECTOR_INPUTS.find(([name]) => name === key);
      if (!entry) {
        problems.push(
          `${where}${show(token)} is not key=value with a key among ${SELECTOR_INPUTS.map(([n]) => n).join(', ')}`,
        );
        continue;
      }
      if (given.has(key)) {
        problems.push(`${where}${key} is given twice`);
        continue;
      }
      given.add(key);
      const [, field] = entry;
      if (field === 'digest') {
        const digest = normalizeDigest(value);
        if (!digest)
          problems.push(
            `${where}image-digest ${show(value)} is not a digest; use sha256:<64 hex digits> or 64 bare hex digits`,
          );
        else selector.digest = digest;
      } else if (!SAFE_VALUE.test(value)) {
        problems.push(
          `${where}${key} ${show(value)} must be 1 to 256 characters without spaces or control characters`,
        );
      } else selector[field] = value;
    }
    // A line with problems is reported for those alone; it is never gated.
    if (problems.length === problemsBefore) images.push({ selector, where });
  });

  // Separators alone (two empty step outputs joined by a comma) mean the digests went missing
  // upstream: refuse rather than gate something else.
  if (input('image-digest') !== '' && digestTokens.length === 0) {
    problems.push(
      `image-digest: ${show(input('image-digest'))} contains no digest; use sha256:<64 hex digits> or 64 bare hex digits. The usual cause is a step output, such as \${{ steps.<id>.outputs.digest }}, that was not set`,
    );
    return images;
  }
  if (digestTokens.length === 0 && !hasLines) images.push({ selector: base, where: '' });
  for (const { selector, where } of images) {
    if (!namesAnImage(selector) && !baseRejected) problems.push(`${where}${UNNAMED_IMAGE}`);
  }
  return images;
}

// The findings read in a run, as a SARIF 2.1.0 log for GitHub code scanning
// (github/codeql-action/upload-sarif). Pure: the same input gives byte-identical JSON.
//
// Shape (GitHub's rules, see the SARIF section of the findings reference):
// - one run; one rule per category and finding id (a CVE found in three images, or in several
//   packages, is one rule with several results); `security-severity` on the rule, as a string;
// - one result per finding per image, or per package for findings that name packages; every
//   result points at the Dockerfile (no region: given a line, upload-sarif would hash it and warn
//   for every result whose fingerprint differs) and carries `partialFingerprints.
//   primaryLocationLineHash`: a hash of (repository identity, category, finding key, package),
//   so a re-upload updates the alert instead of opening another;
// - at most 25,000 results and 9 MB compressed, the most severe kept; `automationDetails.id`
//   ends with '/'.
// Every string from Security Center is flattened to one line and shortened: JSON encoding keeps
// the file well-formed, but GitHub renders rule and message text.
import { gzipSync } from 'node:zlib';
import { CATEGORIES, CATEGORY_INFO, type Category } from '../categories.js';
import type { Finding, FindingPackage, Level } from '../findings.js';
import {
  byText,
  cap,
  clean,
  CVES_SHOWN,
  dockerfileUri,
  fingerprint,
  findingSeverity,
  flatten,
  LIMIT,
  list,
  ruleIdFor,
  SEMVER,
  severityText,
  unique,
} from './sarif-text.js';

export {
  cap,
  DEFAULT_SEVERITY,
  dockerfileUri,
  fingerprint,
  findingSeverity,
  flatten,
  MALICIOUS_HIGH_SEVERITY,
  ruleIdFor,
} from './sarif-text.js';

/** GitHub rejects a run with more results, or more rules (each rule here has a result). */
export const MAX_RESULTS = 25_000;
/**
 * GitHub rejects an upload over 10 MB gzip-compressed (upload-sarif compresses the compact JSON).
 * Kept under it with room for what upload-sarif adds (provenance, its own properties).
 */
export const MAX_GZIP_BYTES = 9_000_000;
export const SARIF_SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';
export const TOOL_NAME = 'sas-image-gate';

const RESULT_LEVEL: Record<Level, SarifLevel> = { high: 'error', medium: 'warning', low: 'note' };
const LEVEL_RANK: Record<Level, number> = { high: 0, medium: 1, low: 2 };

const KIND_TAG: Record<Category, string> = {
  'baseline-risks': 'misconfiguration',
  'malicious-files': 'malware',
  'sca-vulns': 'vulnerability',
  'cve-vulns': 'vulnerability',
};

const HELP: Record<Category, string> = {
  'cve-vulns':
    'Alibaba Cloud Security Center found this vulnerability in an operating-system package of a ' +
    'container image built from this repository. Each alert names the image and the package, ' +
    'its installed version and Security Center’s fix command where it gives one. Upgrade the ' +
    'package in the Dockerfile (or move to a patched base image), rebuild and push the image, ' +
    'and let Security Center scan it again: the alert closes when a later analysis no longer ' +
    'reports it.',
  'sca-vulns':
    'Alibaba Cloud Security Center found this vulnerability in an application dependency (software ' +
    'composition analysis) of a container image built from this repository. Upgrade the ' +
    'dependency to a fixed version, rebuild and push the image, and let Security Center scan it ' +
    'again: the alert closes when a later analysis no longer reports it.',
  'malicious-files':
    'Alibaba Cloud Security Center found a malicious file (the alert gives its MD5 and paths) in ' +
    'a container image built from this repository. Find the Dockerfile step or base image that ' +
    'adds it, remove it, rebuild and push the image, and treat the build inputs as possibly ' +
    'compromised until you know how it got there. The alert closes when a later analysis no ' +
    'longer reports it.',
  'baseline-risks':
    'Alibaba Cloud Security Center’s baseline check found a risky configuration in a container ' +
    'image built from this repository (the alert gives the check’s class and its items per risk ' +
    'level; Security Center’s console lists the items). Change the configuration in the ' +
    'Dockerfile, rebuild and push the image, and let Security Center scan it again: the alert ' +
    'closes when a later analysis no longer reports it.',
};

export interface SarifImage {
  /** How messages name the image, e.g. "sha256:abcd… (repo-id crr-1)". */
  label: string;
  /**
   * Stable identity of the image's repository, for fingerprints: never the digest, which
   * changes on every push. Two images of one identity in one run share their alerts.
   */
  identity: string;
  findings: Partial<Record<Category, Finding[]>>;
}

export interface SarifInput {
  /** The action's version, e.g. '0.2.0' (also `semanticVersion` when it is one). */
  toolVersion: string;
  /** The code scanning category, derived by the caller; a missing trailing '/' is added. */
  automationId: string;
  /** Repository-relative path of the Dockerfile every result points at. */
  dockerfile: string;
  images: SarifImage[];
  /** Absolute URI describing the tool (driver.informationUri); left out when absent. */
  informationUri?: string;
}

export type SarifLevel = 'error' | 'warning' | 'note';

export interface SarifText {
  text: string;
  markdown?: string;
}

export interface SarifRule {
  id: string;
  name: string;
  shortDescription: SarifText;
  fullDescription: SarifText;
  help: SarifText;
  defaultConfiguration: { level: SarifLevel };
  properties: { 'security-severity': string; tags: string[] };
}

export interface SarifResult {
  ruleId: string;
  ruleIndex: number;
  level: SarifLevel;
  message: { text: string };
  locations: {
    physicalLocation: { artifactLocation: { uri: string } };
  }[];
  partialFingerprints: { primaryLocationLineHash: string };
}

export interface SarifLog {
  $schema: string;
  version: '2.1.0';
  runs: [
    {
      tool: {
        driver: {
          name: string;
          version: string;
          semanticVersion?: string;
          informationUri?: string;
          rules: SarifRule[];
        };
      };
      automationDetails: { id: string };
      results: SarifResult[];
    },
  ];
}

export interface SarifBuild {
  log: SarifLog;
  /** Results in the log. */
  resultCount: number;
  /** Results left out (the least severe): over the 25,000 limit or the size limit. */
  truncated: number;
  /** Of those, left out only to bring the compressed log under the size limit. */
  droppedForSize: number;
  /** Size of the log as upload-sarif sends it: compact JSON, gzip-compressed. */
  gzipBytes: number;
}

/** One result before it is written: a finding (and package) of one or more images. */
interface Entry {
  fingerprint: string;
  ruleId: string;
  category: Category;
  finding: Finding;
  /** The package group this result is about (same name), when the finding names packages. */
  packageName?: string;
  packages: FindingPackage[];
  labels: string[];
  level: Level;
  severity: number;
  /** The message, once written. */
  message?: string;
}

interface RuleAcc {
  id: string;
  category: Category;
  findings: Finding[];
  severity: number;
  level: Level;
  /** The rule, once written. */
  built?: SarifRule;
}

/** The finding's level words, and whether it has a fix, as a closing sentence. */
function levelNote(finding: Finding): string {
  const raw = clean(finding.rawLevel, LIMIT.field);
  const word = finding.levelUnknown
    ? `${raw || 'unknown'} (not a level the gate knows: counted as high)`
    : raw || finding.level;
  const fix = finding.fixable === false ? ' Security Center marks it as having no fix.' : '';
  return `Security Center level: ${word}.${fix}`;
}

function message(entry: Entry): string {
  const f = entry.finding;
  const id = clean(f.id || f.key, LIMIT.field) || '(unnamed)';
  const images = entry.labels.map((l) => clean(l, LIMIT.field));
  const where = images.length === 1 ? `image ${images[0]}` : `images ${list(images)}`;
  const parts: string[] = [];
  switch (entry.category) {
    case 'malicious-files': {
      const md5 = clean(f.md5 ?? f.key, LIMIT.field);
      const paths = unique((f.paths ?? []).map((p) => clean(p, LIMIT.field)));
      parts.push(`Malicious file ${id} (MD5 ${md5}) in ${where}`);
      parts[0] += paths.length > 0 ? ` at ${list(paths)}.` : ' (no path given).';
      break;
    }
    case 'baseline-risks': {
      const cls = clean(f.className, LIMIT.field);
      parts.push(`Baseline check ${id}${cls ? ` (class ${cls})` : ''} fails on ${where}.`);
      const c = f.itemCounts;
      if (c) {
        parts.push(
          `Items at risk: ${c.high} high, ${c.medium} medium, ${c.low} low (shown, not gated).`,
        );
      }
      break;
    }
    default: {
      if (entry.packageName !== undefined) {
        const name = clean(entry.packageName, LIMIT.field) || '(unnamed package)';
        const versions = unique(entry.packages.map((p) => clean(p.version, LIMIT.field)));
        const installed = versions.length > 0 ? ` ${list(versions)}` : '';
        parts.push(`${id} in package ${name}${installed} of ${where}.`);
        const fixes = unique(entry.packages.map((p) => clean(p.fixCommand, LIMIT.field)));
        if (fixes.length > 0) parts.push(`Fix: ${list(fixes, 2)}.`);
        const paths = unique(entry.packages.map((p) => clean(p.path, LIMIT.field)));
        if (paths.length > 0) parts.push(`Path: ${list(paths)}.`);
      } else {
        parts.push(`${id} in ${where}.`);
      }
      const cves = unique(f.cveIds.map((c) => clean(c, 40))).filter((c) => c !== id);
      if (cves.length > 0) parts.push(`Also: ${list(cves)}.`);
    }
  }
  parts.push(levelNote(f));
  return cap(parts.join(' '), LIMIT.message);
}

const CVE_ID = /^CVE-\d{4}-\d{4,}$/;

function buildRule(acc: RuleAcc): SarifRule {
  // Findings of one rule share an id; take the text of the first (by key) that has a title.
  const sorted = [...acc.findings].sort((a, b) => byText(a.key, b.key));
  const first = sorted.find((f) => flatten(f.title) !== '') ?? sorted[0]!;
  const label = CATEGORY_INFO[acc.category].label;
  const id = clean(first.id || first.key, LIMIT.ruleName) || '(unnamed)';
  const title = clean(first.title, LIMIT.title);
  const cves = unique(sorted.flatMap((f) => f.cveIds.map(flatten)))
    .filter((c) => CVE_ID.test(c))
    .sort(byText);
  const keys = unique(sorted.map((f) => clean(f.key, LIMIT.field))).sort(byText);

  const full = [`${label}: ${title ? `${id}, ${title}` : id}.`];
  if (keys.length > 0 && !(keys.length === 1 && keys[0] === id)) {
    full.push(`Security Center reports it as ${list(keys)}.`);
  }
  if (cves.length > 0) full.push(`CVE: ${list(cves, CVES_SHOWN)}.`);
  full.push('Reported by Alibaba Cloud Security Center for a container image of this repository.');

  const shown = cves.slice(0, CVES_SHOWN);
  const links = shown.map((c) => `https://avd.aliyun.com/detail/${c}`);
  const helpText = [HELP[acc.category]];
  if (links.length > 0) helpText.push(`Details: ${links.join(' ')}`);
  // Markdown of fixed text and checked CVE ids only: nothing from Security Center is rendered
  // as Markdown (the title is the alert's title, from shortDescription).
  const md = [HELP[acc.category]];
  if (shown.length > 0) {
    md.push(
      '',
      `Details: ${shown.map((c) => `[${c}](https://avd.aliyun.com/detail/${c})`).join(', ')}`,
    );
  }

  return {
    id: acc.id,
    name: id,
    shortDescription: {
      text: cap(title ? `${id}: ${title}` : `${label}: ${id}`, LIMIT.shortDescription),
    },
    fullDescription: { text: cap(full.join(' '), LIMIT.description) },
    help: { text: cap(helpText.join(' '), LIMIT.description), markdown: md.join('\n') },
    defaultConfiguration: { level: RESULT_LEVEL[acc.level] },
    properties: {
      'security-severity': severityText(acc.severity),
      tags: ['security', acc.category, KIND_TAG[acc.category], 'container-image'],
    },
  };
}

/** Groups a finding's packages by name, names in first-seen order; none → one group without. */
function packageGroups(finding: Finding): { name?: string; packages: FindingPackage[] }[] {
  if (finding.packages.length === 0) return [{ packages: [] }];
  const groups = new Map<string, FindingPackage[]>();
  for (const p of finding.packages) {
    const group = groups.get(p.name);
    if (group) group.push(p);
    else groups.set(p.name, [p]);
  }
  return [...groups].map(([name, packages]) => ({ name, packages }));
}

function compareEntries(a: Entry, b: Entry): number {
  return (
    LEVEL_RANK[a.level] - LEVEL_RANK[b.level] ||
    b.severity - a.severity ||
    CATEGORIES.indexOf(a.category) - CATEGORIES.indexOf(b.category) ||
    byText(a.ruleId, b.ruleId) ||
    byText(a.finding.key, b.finding.key) ||
    byText(a.packageName ?? '', b.packageName ?? '') ||
    byText(a.fingerprint, b.fingerprint)
  );
}

/**
 * The SARIF log for the findings of a run. Results beyond 25,000, or beyond what fits in
 * MAX_GZIP_BYTES compressed, are dropped, least severe first (level, then security-severity),
 * and counted in `truncated`.
 */
export function buildSarif(input: SarifInput): SarifBuild {
  const uri = dockerfileUri(input.dockerfile);
  const entries = new Map<string, Entry>();
  const rules = new Map<string, RuleAcc>();

  for (const image of input.images) {
    for (const category of CATEGORIES) {
      for (const finding of image.findings[category] ?? []) {
        const ruleId = ruleIdFor(category, finding);
        const severity = findingSeverity(category, finding);
        const level: Level = LEVEL_RANK[finding.level] === undefined ? 'high' : finding.level;
        const rule = rules.get(ruleId);
        if (rule) {
          rule.findings.push(finding);
          rule.severity = Math.max(rule.severity, severity);
          if (LEVEL_RANK[level] < LEVEL_RANK[rule.level]) rule.level = level;
        } else {
          rules.set(ruleId, { id: ruleId, category, findings: [finding], severity, level });
        }
        const key = finding.key || finding.id;
        for (const group of packageGroups(finding)) {
          const fp = fingerprint(image.identity, category, key, group.name);
          const seen = entries.get(fp);
          if (seen) {
            // The same finding of another image of this repository (or read twice): one alert.
            if (!seen.labels.includes(image.label)) seen.labels.push(image.label);
            seen.packages.push(...group.packages);
            if (LEVEL_RANK[level] < LEVEL_RANK[seen.level]) seen.level = level;
            seen.severity = Math.max(seen.severity, severity);
            continue;
          }
          entries.set(fp, {
            fingerprint: fp,
            ruleId,
            category,
            finding,
            packageName: group.name,
            packages: [...group.packages],
            labels: [image.label],
            level,
            severity,
          });
        }
      }
    }
  }

  const ordered = [...entries.values()].sort(compareEntries);
  const rulesOf = (id: string): SarifRule => {
    const rule = rules.get(id)!;
    return (rule.built ??= buildRule(rule));
  };
  // GitHub's count limit first, then its size limit: while the compressed log is too large,
  // keep fewer results in proportion (a few rounds at most; one in any ordinary run).
  let count = Math.min(ordered.length, MAX_RESULTS);
  let log = assemble(input, uri, ordered.slice(0, count), rulesOf);
  let size = gzipSync(JSON.stringify(log)).length;
  let droppedForSize = 0;
  while (size > MAX_GZIP_BYTES && count > 0) {
    const next = Math.min(count - 1, Math.floor(count * (MAX_GZIP_BYTES / size) * 0.95));
    droppedForSize += count - next;
    count = next;
    log = assemble(input, uri, ordered.slice(0, count), rulesOf);
    size = gzipSync(JSON.stringify(log)).length;
  }
  return {
    log,
    resultCount: count,
    truncated: ordered.length - count,
    droppedForSize,
    gzipBytes: size,
  };
}

function assemble(
  input: SarifInput,
  uri: string,
  kept: Entry[],
  ruleOf: (id: string) => SarifRule,
): SarifLog {
  const keptRules = [...new Set(kept.map((e) => e.ruleId))].sort(byText);
  const ruleIndex = new Map(keptRules.map((id, i) => [id, i]));
  const driver: SarifLog['runs'][0]['tool']['driver'] = {
    name: TOOL_NAME,
    version: input.toolVersion,
    ...(SEMVER.test(input.toolVersion) ? { semanticVersion: input.toolVersion } : {}),
    ...(input.informationUri ? { informationUri: input.informationUri } : {}),
    rules: keptRules.map(ruleOf),
  };

  const automationId = flatten(input.automationId);
  return {
    $schema: SARIF_SCHEMA,
    version: '2.1.0',
    runs: [
      {
        tool: { driver },
        automationDetails: { id: automationId.endsWith('/') ? automationId : `${automationId}/` },
        results: kept.map((e) => ({
          ruleId: e.ruleId,
          ruleIndex: ruleIndex.get(e.ruleId)!,
          level: RESULT_LEVEL[e.level],
          message: { text: (e.message ??= message(e)) },
          locations: [{ physicalLocation: { artifactLocation: { uri } } }],
          partialFingerprints: { primaryLocationLineHash: e.fingerprint },
        })),
      },
    ],
  };
}

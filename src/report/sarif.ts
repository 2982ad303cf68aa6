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
import { CATEGORIES } from '../core/categories.js';
import { levelRank, type Finding, type FindingPackage, type Level } from '../core/findings.js';
export type * from './sarif-types.js';
import type { ImageOutcome } from '../gate/outcome.js';
import type { SarifImage } from './sarif-types.js';
import { buildRule, message, RESULT_LEVEL } from './sarif-rules.js';
import type {
  BaselineState,
  Entry,
  RuleAcc,
  SarifBuild,
  SarifInput,
  SarifLog,
  SarifRule,
} from './sarif-types.js';
import {
  byText,
  dockerfileUri,
  fingerprint,
  findingSeverity,
  flatten,
  ruleIdFor,
  SEMVER,
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
    levelRank(a.level) - levelRank(b.level) ||
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
    const accepted = new Set(image.accepted ?? []);
    const inherited = image.baseline ? new Set(image.baseline.inherited) : undefined;
    for (const category of CATEGORIES) {
      const compared = image.baseline?.compared.includes(category) === true;
      for (const finding of image.findings[category] ?? []) {
        if (accepted.has(finding)) continue;
        const state: BaselineState | undefined =
          inherited && compared ? (inherited.has(finding) ? 'unchanged' : 'new') : undefined;
        const ruleId = ruleIdFor(category, finding);
        const severity = findingSeverity(category, finding);
        const level: Level = levelRank(finding.level) < 0 ? 'high' : finding.level;
        const rule = rules.get(ruleId);
        if (rule) {
          rule.findings.push(finding);
          rule.severity = Math.max(rule.severity, severity);
          if (levelRank(level) < levelRank(rule.level)) rule.level = level;
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
            if (levelRank(level) < levelRank(seen.level)) seen.level = level;
            seen.severity = Math.max(seen.severity, severity);
            if (state && seen.baselineState !== 'new') seen.baselineState = state;
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
            ...(state ? { baselineState: state } : {}),
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
          ...(e.baselineState ? { baselineState: e.baselineState } : {}),
        })),
      },
    ],
  };
}

/**
 * Issue 18's parts of an image for the log: its accepted findings (left out) and, when it was
 * compared with a baseline, the findings it inherited.
 */
export function sarifMarks(outcome: ImageOutcome): Pick<SarifImage, 'accepted' | 'baseline'> {
  const accepted = CATEGORIES.flatMap(
    (c) => outcome.policy?.[c]?.accepted.map((a) => a.finding) ?? [],
  );
  const out: Pick<SarifImage, 'accepted' | 'baseline'> = {};
  if (accepted.length > 0) out.accepted = accepted;
  if (outcome.baseline?.used)
    out.baseline = {
      compared: CATEGORIES.filter(
        (c) => outcome.comparison?.[c] !== undefined || c === 'malicious-files',
      ),
      inherited: CATEGORIES.flatMap((c) => outcome.comparison?.[c]?.inherited ?? []),
    };
  return out;
}

// The shape of the SARIF log this action writes (the part of SARIF 2.1.0 it uses), and what
// the builder works with between reading findings and writing the log.
import type { Category } from '../core/categories.js';
import type { Finding, FindingPackage, Level } from '../core/findings.js';

export interface SarifImage {
  /** How messages name the image, e.g. "sha256:abcd… (repo-id crr-1)". */
  label: string;
  /**
   * Stable identity of the image's repository, for fingerprints: never the digest, which
   * changes on every push. Two images of one identity in one run share their alerts.
   */
  identity: string;
  findings: Partial<Record<Category, Finding[]>>;
  /**
   * Findings the policy file accepted (the same objects as in `findings`): left out of the log,
   * because code scanning does not honour SARIF `suppressions` and would raise alerts for them.
   */
  accepted?: readonly Finding[];
  /**
   * Set when the image was compared with a baseline: in the categories `compared` (malicious
   * files always: they are always new), the findings it inherited (same objects as in
   * `findings`) are `unchanged`, every other result `new`. Results of a category not compared
   * (its limit `off`: the baseline's list was not read) carry no `baselineState`: the gate does
   * not know, and calling them new would raise alerts for what the baseline already had.
   */
  baseline?: { compared: readonly Category[]; inherited: readonly Finding[] };
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
  /** With a baseline: whether the baseline image has the finding. */
  baselineState?: BaselineState;
}

export type BaselineState = 'new' | 'unchanged';

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
export interface Entry {
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
  /** With a baseline (any image of the entry): new unless every such image inherited it. */
  baselineState?: BaselineState;
  /** The message, once written. */
  message?: string;
}

export interface RuleAcc {
  id: string;
  category: Category;
  findings: Finding[];
  severity: number;
  level: Level;
  /** The rule, once written. */
  built?: SarifRule;
}

// The findings behind the counts: one normalised shape for every category, which the verdict
// counts by level, the summary and comment list, and the SARIF log reports to code scanning.
// Security Center's four finding lists each speak their own vocabulary (asap/later/nntf,
// serious/suspicious/remind, high/medium/low); everything downstream sees only this.
import type { Category } from './categories.js';

export const LEVELS = ['high', 'medium', 'low'] as const;
export type Level = (typeof LEVELS)[number];
export type LevelCounts = Record<Level, number>;

/** Most severe first: the one order of levels (0 is high). */
export function levelRank(level: Level): number {
  return LEVELS.indexOf(level);
}

export function zeroLevels(): LevelCounts {
  return { high: 0, medium: 0, low: 0 };
}

/**
 * What Security Center says of a finding's handling, one statement per record that carries a
 * state: 'unhandled' or 'handled' (the user's decision), 'other' (verifying, unknown: counts in
 * every mode), 'fixed' (a baseline check that passes now: never counts).
 */
export type HandlingState = 'unhandled' | 'handled' | 'other' | 'fixed';

/** Each category's own words for the three levels (map by name, never by position). */
export const LEVEL_WORDS: Record<Category, Record<Level, string>> = {
  'baseline-risks': { high: 'high', medium: 'medium', low: 'low' },
  'malicious-files': { high: 'serious', medium: 'suspicious', low: 'remind' },
  'sca-vulns': { high: 'asap', medium: 'later', low: 'nntf' },
  'cve-vulns': { high: 'asap', medium: 'later', low: 'nntf' },
};

/** The level a word names for a category: high/medium/low or the category's own word. */
export function levelOf(category: Category, word: string): Level | undefined {
  const w = word.trim().toLowerCase();
  return LEVELS.find((l) => l === w || LEVEL_WORDS[category][l] === w);
}

const CVE_ID = /^CVE-\d{4}-\d{4,}$/i;

/**
 * The advisory page of a CVE id, or undefined when the text is not one: the one check that
 * lets Security Center text become a link (only A-Z, digits and '-' reach the URL).
 */
export function advisoryLink(id: string): string | undefined {
  return CVE_ID.test(id) ? `https://avd.aliyun.com/detail/${id.toUpperCase()}` : undefined;
}

/** A vulnerable package of a CVE record: what to upgrade, and how. */
export interface FindingPackage {
  name: string;
  /** Installed version. */
  version?: string;
  /** Security Center's fix command (e.g. an `apt-get install --only-upgrade` line). */
  fixCommand?: string;
  /** Where the package sits in the image. */
  path?: string;
}

/** One finding of one image, with the fields a developer needs to act on it. */
export interface Finding {
  category: Category;
  /**
   * Identity within its category and image, stable across runs: the CVE record's or SCA item's
   * Name, the malicious sample's MD5, the baseline check's BaselineNameKey.
   */
  key: string;
  /**
   * The id shown: the first CVE id of `Related` when there is one, else Name (vulnerabilities);
   * the sample's name (malicious files); the check's name (baseline).
   */
  id: string;
  /** Every CVE id the finding names (`CVE-YYYY-N…`), for links; empty when none. */
  cveIds: string[];
  /** Title: AliasName, MaliciousName or BaselineNameAlias ('' when none). */
  title: string;
  level: Level;
  /** Security Center's own word for the level, as answered (asap, serious, high, …). */
  rawLevel: string;
  /** True when Security Center's level word was not one the gate knows: counted as high. */
  levelUnknown?: boolean;
  /**
   * Vulnerabilities only: false when Security Center marks it as having no fix (CanFix no), true
   * for yes, undefined when it does not say (counted as fixable).
   */
  fixable?: boolean;
  /** Vulnerable packages (CVE records); empty when the record names none. */
  packages: FindingPackage[];
  /** CVSS score in (0, 10] when Security Center gives one (SCA items' CveScore). */
  cvss?: number;
  /** Malicious files: the sample's MD5 and the file paths it was found at in this image. */
  md5?: string;
  paths?: string[];
  /** Baseline checks: the check's class and its item counts per level (shown, not gated). */
  className?: string;
  itemCounts?: LevelCounts;
  /**
   * How Security Center marks it handled, as said by each record that says (the malicious
   * sample's grouped row and its file rows each say); absent when the list carries no state
   * (CVE records, which the request already filtered).
   */
  handling?: HandlingState[];
}

// The four risk categories Security Center counts for an image, in the one order every
// output, table and list uses.
export const CATEGORIES = ['baseline-risks', 'malicious-files', 'sca-vulns', 'cve-vulns'] as const;
export type Category = (typeof CATEGORIES)[number];

export interface CategoryInfo {
  /** Field of DescribeImageSecurityScanCount's Data. */
  apiField: string;
  /** The action input that holds this category's limit. */
  limitInput: string;
  /** Human label for tables. */
  label: string;
}

export const CATEGORY_INFO: Record<Category, CategoryInfo> = {
  'baseline-risks': {
    apiField: 'ImageBaselineCount',
    limitInput: 'max-baseline-risks',
    label: 'Baseline risks',
  },
  'malicious-files': {
    apiField: 'ImageMaliciousFileCount',
    limitInput: 'max-malicious-files',
    label: 'Malicious files',
  },
  'sca-vulns': {
    apiField: 'ImageScaVulCount',
    limitInput: 'max-sca-vulns',
    label: 'SCA vulnerabilities',
  },
  'cve-vulns': {
    apiField: 'ImageCveVulCount',
    limitInput: 'max-cve-vulns',
    label: 'CVE vulnerabilities',
  },
};

export type Counts = Record<Category, number>;
/**
 * A limit as the report shows it: a whole number for a plain total limit, 'off' (reported,
 * never enforced), or the terms as written (e.g. "high:0,medium:2").
 */
export type Limit = number | string;
export type Limits = Record<Category, Limit>;

/** The vulnerability categories: those whose findings may have no fix (ignore-unfixable). */
export const VULNERABILITY_CATEGORIES: readonly Category[] = ['sca-vulns', 'cve-vulns'];

export function isVulnerability(category: Category): boolean {
  return VULNERABILITY_CATEGORIES.includes(category);
}

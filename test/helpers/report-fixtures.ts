// Reports and findings for the presentation tests (text, JUnit, GitLab, outputs file), written
// as the report model's plain objects so each test states exactly what it renders.
import { CATEGORIES, type Category } from '../../src/core/categories.js';
import type { Finding } from '../../src/core/findings.js';
import type { CategoryEntry, ImageReport, Report, ReportFinding } from '../../src/report/model.js';

export const DIGEST_A = `sha256:${'a'.repeat(64)}`;
export const DIGEST_B = `sha256:${'b'.repeat(64)}`;

export function finding(category: Category, over: Partial<Finding> & { key: string }): Finding {
  return {
    category,
    id: over.key,
    cveIds: [],
    title: '',
    level: 'high',
    rawLevel: 'asap',
    packages: [],
    ...over,
  };
}

export function listed(f: Finding): ReportFinding {
  const { category: _category, ...rest } = f;
  return { ...rest, links: f.cveIds.map((id) => `https://avd.aliyun.com/detail/${id}`) };
}

export function entry(over: Partial<CategoryEntry> = {}): CategoryEntry {
  return { count: 0, limit: 0, limitText: '0', status: 'pass', exceededTerms: [], ...over };
}

/** Image fields to set; categories may be given in part (the rest pass with 0 of 0). */
export type ImageOver = Partial<Omit<ImageReport, 'categories'>> & {
  categories?: Partial<Record<Category, CategoryEntry>>;
};

export function image(over: ImageOver = {}): ImageReport {
  const categories = {} as Record<Category, CategoryEntry>;
  for (const c of CATEGORIES) categories[c] = entry(over.categories?.[c]);
  const base: ImageReport = {
    selectors: { 'image-digest': DIGEST_A },
    site: 'cn-shanghai',
    result: 'pass',
    exceeded: [],
    categories,
    requestId: 'REQ-1',
    requestIds: ['REQ-1'],
    scan: { checked: true, status: 'scanned', scannedAt: null, taskId: null, digests: [DIGEST_A] },
    gatedDigests: [DIGEST_A],
    levels: {},
    findings: {},
    unfixableIgnored: {},
    notes: [],
  };
  return { ...base, ...over, categories };
}

/** An image whose counts were not established. */
export function errorImage(error: string, over: ImageOver = {}): ImageReport {
  const categories = {} as Record<Category, CategoryEntry>;
  for (const c of CATEGORIES) categories[c] = entry({ count: null, status: 'unknown' });
  return image({ result: 'error', gatedDigests: [], error, ...over, categories });
}

export function report(images: ImageReport[], over: Partial<Report> = {}): Report {
  const results = images.map((i) => i.result);
  // As the model decides: a run-level error, no image, or an image in error is an error.
  const result =
    over.error !== undefined || results.length === 0 || results.includes('error')
      ? 'error'
      : results.includes('fail')
        ? 'fail'
        : 'pass';
  const exceeded = CATEGORIES.filter((c) => images.some((i) => i.exceeded.includes(c)));
  return {
    schemaVersion: 1,
    result,
    exceeded,
    limits: { 'baseline-risks': 0, 'malicious-files': 0, 'sca-vulns': 0, 'cve-vulns': 0 },
    riskStatus: 'unhandled',
    counts: null,
    images,
    ...over,
  };
}

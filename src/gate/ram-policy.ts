// Which Security Center actions a run with these settings may call: its minimal RAM policy. A
// permission error shows the whole policy, so that fixing one refusal does not just reveal the
// next.
import type { Category } from '../core/categories.js';
import { mayRead, planLists } from '../core/plan.js';
import { planSettingsOf } from './judge.js';
import type { Config } from '../inputs/config.js';

/** Security Center actions (without `yundun-sas:`) each category's finding list needs. */
export const FINDING_RAM_ACTIONS: Record<Category, readonly string[]> = {
  'baseline-risks': ['DescribeImageBaselineCheckResult'],
  'malicious-files': ['DescribeGroupedMaliciousFiles', 'DescribeAffectedMaliciousFileImages'],
  'sca-vulns': ['DescribeImageGroupedVulList'],
  'cve-vulns': ['DescribeImageVulList'],
};

export type PolicySettings = Pick<
  Config,
  'scan' | 'limits' | 'ignoreUnfixable' | 'listFindings' | 'readEveryList' | 'policy' | 'today'
> & { images?: Config['images'] };

/** Whether any image is compared with a baseline. */
const hasBaseline = (config: PolicySettings) => config.images?.some((t) => t.baseline) === true;

/** Categories whose list a run may read: to enforce, for SARIF, or to list an image's findings. */
export function listedCategories(config: PolicySettings): Category[] {
  return mayRead(planLists(planSettingsOf(config, hasBaseline(config))));
}

export function ramActionsFor(config: PolicySettings): string[] {
  const actions = new Set(['DescribeImageSecurityScanCount']);
  // A baseline's scan is looked up (never started) whether or not require-scan is on.
  if (hasBaseline(config)) actions.add('DescribeImageInstances').add('DescribeImageLatestScanTask');
  if (config.scan.require) {
    actions.add('DescribeImageInstances').add('DescribeImageLatestScanTask');
    if (config.scan.trigger)
      actions.add('PublicPreCheckImageScanTask').add('PublicCreateImageScanTask');
  }
  const lists = listedCategories(config);
  for (const c of lists) for (const a of FINDING_RAM_ACTIONS[c]) actions.add(a);
  // Without the scan proof, the baseline list's image UUID comes from the image's row.
  if (lists.includes('baseline-risks')) actions.add('DescribeImageInstances');
  return [...actions];
}

// The step outputs, derived from the report alone so they can never disagree with it.
import { CATEGORIES } from '../core/categories.js';
import { worstScanStatus } from '../core/scan.js';
import { boundedReport } from './bounded.js';
import { reportJson, type Report } from './model.js';
import { acceptedCount, comparedWithBaseline, newCount } from './policy-model.js';

export function outputValues(report: Report): Record<string, string> {
  const out: Record<string, string> = { result: report.result };
  for (const c of CATEGORIES) out[c] = report.counts ? String(report.counts[c]) : '';
  out['exceeded'] = report.exceeded.join(',');
  out['request-id'] = report.images
    .map((i) => i.requestId)
    .filter((id) => id !== '')
    .join(',');
  const images = report.images;
  out['scan-status'] = worstScanStatus(images.map((i) => i.scan.status));
  const times = images
    .map((i) => i.scan.scannedAt)
    .filter((t): t is string => t !== null)
    .sort();
  out['scanned-at'] = times[0] ?? '';
  out['scan-task-id'] = [
    ...new Set(images.map((i) => i.scan.taskId).filter((t): t is string => t !== null)),
  ].join(',');
  out['gated-digests'] = [...new Set(images.flatMap((i) => i.gatedDigests))].join(',');
  // Issue 18: accepted risks (empty without a policy file) and new findings (empty when no image
  // was compared with a baseline); images whose counts were not established add nothing.
  const counted = images.filter((i) => i.result !== 'error');
  out['accepted'] = report.policy ? String(counted.reduce((n, i) => n + acceptedCount(i), 0)) : '';
  const compared = counted.filter(comparedWithBaseline);
  out['new-findings'] =
    compared.length > 0 ? String(compared.reduce((n, i) => n + newCount(i), 0)) : '';
  out['sarif-file'] = '';
  // Bounded: report-file holds the complete document.
  out['report'] = reportJson(boundedReport(report));
  return out;
}

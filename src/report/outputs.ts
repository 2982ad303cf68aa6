// The step outputs, derived from the report alone so they can never disagree with it.
import { CATEGORIES } from '../core/categories.js';
import { worstScanStatus } from '../core/scan.js';
import { boundedReport } from './bounded.js';
import type { Report } from './model.js';

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
  out['sarif-file'] = '';
  // Bounded: report-file holds the complete document.
  out['report'] = JSON.stringify(boundedReport(report));
  return out;
}

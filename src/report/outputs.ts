// The step outputs, derived from the report alone so they can never disagree with it.
import { CATEGORIES } from '../categories.js';
import type { Report } from './model.js';

export function outputValues(report: Report): Record<string, string> {
  const out: Record<string, string> = { result: report.result };
  for (const c of CATEGORIES) out[c] = report.counts ? String(report.counts[c]) : '';
  out['exceeded'] = report.exceeded.join(',');
  out['request-id'] = report.images
    .map((i) => i.requestId)
    .filter((id) => id !== '')
    .join(',');
  out['report'] = JSON.stringify(report);
  return out;
}

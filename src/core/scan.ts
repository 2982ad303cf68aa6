// The scan proof's vocabulary: what an image's scan state can be, and the settings that decide
// how it is proven (require-scan, wait, trigger, max age). The decisions are gate/scan-state.ts's.

export type ScanStatus = 'scanned' | 'scanning' | 'not-scanned' | 'unknown';

/** Worst first when several images are combined. */
export const SCAN_STATUS_ORDER: readonly ScanStatus[] = [
  'unknown',
  'not-scanned',
  'scanning',
  'scanned',
];

export function worstScanStatus(statuses: readonly ScanStatus[]): ScanStatus {
  for (const s of SCAN_STATUS_ORDER) if (statuses.includes(s)) return s;
  return 'unknown';
}

export interface ScanSettings {
  require: boolean;
  waitMs: number;
  trigger: boolean;
  /** A completed scan older than this counts as not scanned; null: any age. */
  maxAgeMs: number | null;
  /** First pause between polls; grows 1.5× per poll up to 30 s. */
  pollBaseMs: number;
}

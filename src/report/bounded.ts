// The `report` output within what GitHub accepts. GitHub allows 1 MB per step output, and a
// workflow that passes the output on through an environment variable meets a far smaller bound
// (about 128 KiB for one variable on Linux), so the output is kept within REPORT_OUTPUT_MAX_BYTES
// of UTF-8: paths and packages per finding are capped (with a count of those left out), then the
// listed findings per image are halved until it fits, as the summary does. Whatever the output
// leaves out, `report-file` holds: the output then says `"truncated": true`. Pure.
import { CATEGORIES, type Category } from '../core/categories.js';
import { shorten, utf8Bytes } from '../infra/text.js';
import { reportJson, type ImageReport, type Report, type ReportFinding } from './model.js';

/** The `report` output's bound, in UTF-8 bytes: half of GitHub's 1 MB per output. */
export const REPORT_OUTPUT_MAX_BYTES = 512 * 1024;
/** Paths and packages listed per finding in the output. */
export const LISTED_PER_FINDING = 20;
/** Notes per image, and characters per note or error, once findings no longer fit. */
const LAST_NOTES = 5;
const LAST_TEXT = 500;

function capFinding(f: ReportFinding): { finding: ReportFinding; cut: boolean } {
  const out: ReportFinding = { ...f };
  let cut = false;
  if (f.paths && f.paths.length > LISTED_PER_FINDING) {
    out.paths = f.paths.slice(0, LISTED_PER_FINDING);
    out.pathsLeftOut = f.paths.length - LISTED_PER_FINDING;
    cut = true;
  }
  if (f.packages.length > LISTED_PER_FINDING) {
    out.packages = f.packages.slice(0, LISTED_PER_FINDING);
    out.packagesLeftOut = f.packages.length - LISTED_PER_FINDING;
    cut = true;
  }
  return { finding: out, cut };
}

/** An image with at most `max` findings listed per category (the rest counted). */
function listFewer(image: ImageReport, max: number): { image: ImageReport; cut: boolean } {
  const findings: ImageReport['findings'] = {};
  const leftOut: Partial<Record<Category, number>> = { ...image.findingsLeftOut };
  let cut = false;
  for (const c of CATEGORIES) {
    const list = image.findings[c];
    if (!list) continue;
    findings[c] = list.slice(0, max);
    if (list.length > max) {
      leftOut[c] = (leftOut[c] ?? 0) + list.length - max;
      cut = true;
    }
  }
  const out: ImageReport = { ...image, findings };
  if (Object.keys(leftOut).length > 0) out.findingsLeftOut = leftOut;
  return { image: out, cut };
}

const size = (r: Report) => utf8Bytes(reportJson(r));

/** The report as the `report` output carries it: within `maxBytes`, marked when anything is left out. */
export function boundedReport(report: Report, maxBytes = REPORT_OUTPUT_MAX_BYTES): Report {
  let truncated = false;
  const images = report.images.map((image) => {
    const findings: ImageReport['findings'] = {};
    for (const c of CATEGORIES) {
      const list = image.findings[c];
      if (!list) continue;
      findings[c] = list.map((f) => {
        const capped = capFinding(f);
        truncated ||= capped.cut;
        return capped.finding;
      });
    }
    return { ...image, findings };
  });
  const mark = (r: Report): Report => (truncated ? { ...r, truncated: true } : r);
  let bounded = mark({ ...report, images });
  if (size(bounded) <= maxBytes) return bounded;

  // Fewer findings listed per image, halving as the summary does.
  const most = Math.max(
    0,
    ...images.flatMap((i) => Object.values(i.findings).map((f) => f.length)),
  );
  for (let n = Math.floor(most / 2); ; n = Math.floor(n / 2)) {
    const fewer = images.map((i) => listFewer(i, n));
    truncated ||= fewer.some((f) => f.cut);
    bounded = mark({ ...report, images: fewer.map((f) => f.image) });
    if (size(bounded) <= maxBytes || n === 0) break;
  }
  if (size(bounded) <= maxBytes) return bounded;

  // Still too large (thousands of images): shorter notes and errors, then fewer images.
  truncated = true;
  const short = (t: string) => shorten(t, LAST_TEXT);
  const lean = bounded.images.map((i) => {
    const out: ImageReport = { ...i, notes: i.notes.slice(0, LAST_NOTES).map(short) };
    if (i.error !== undefined) out.error = short(i.error);
    return out;
  });
  bounded = mark({ ...report, images: lean });
  for (let keep = lean.length; size(bounded) > maxBytes && keep > 0;) {
    keep = Math.floor(keep / 2);
    bounded = mark({ ...report, images: lean.slice(0, keep), imagesLeftOut: lean.length - keep });
  }
  return bounded;
}

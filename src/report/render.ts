// One Markdown renderer for the job summary and the pull request comment. Everything that
// came from inputs, the event or the API goes through escapeText.
import { CATEGORIES, CATEGORY_INFO } from '../core/categories.js';
import type { Result } from '../core/verdict.js';
import { shortenBytes, utf8Bytes } from '../infra/text.js';
import { escapeShort, escapeText } from './escape.js';
import type { CategoryEntry, ImageReport, Report } from './model.js';
import {
  code,
  exceededText,
  findingsSection,
  levelsCell,
  limitCell,
  notesSection,
} from './render-findings.js';
import {
  acceptedSection,
  baselineLines,
  extraCells,
  extraHeadings,
  policySection,
  rowSuffix,
} from './render-policy.js';
import type { PolicyReport } from './policy-model.js';

export interface RenderOptions {
  /**
   * Hard cap on the output size in UTF-8 bytes, the unit GitHub limits (summary: 512 KiB of the
   * runner's 1 MiB per step; comment: 60,000 of GitHub's 65,536).
   */
  maxBytes: number;
  failBuild: boolean;
  onError: 'fail' | 'warn';
  /** Extra lines after the verdict (comment: resolved note), already safe Markdown. */
  preamble?: string[];
  /** Trailing lines (comment: run link and time), already safe Markdown. */
  footer?: string[];
}

const TITLE = 'Security Center image gate';
const ICON: Record<Result, string> = { pass: '✅', fail: '❌', error: '⚠️' };
const STATUS_TEXT: Record<CategoryEntry['status'], string> = {
  pass: '✅ within limit',
  fail: '❌ over limit',
  off: '➖ not enforced',
  unknown: '❔ unknown',
};

export function verdictHeadline(report: Report): string {
  const n = report.images.length;
  const what = n === 1 ? 'the image is' : `all ${n} images are`;
  switch (report.result) {
    case 'pass':
      return `${ICON.pass} ${TITLE}: passed (${what} within limits)`;
    case 'fail':
      return `${ICON.fail} ${TITLE}: failed (limits exceeded: ${report.exceeded.map((c) => CATEGORY_INFO[c].label).join(', ')})`;
    default:
      return `${ICON.error} ${TITLE}: error (${n === 0 ? 'nothing was checked' : 'the counts could not be established'})`;
  }
}

function consequence(report: Report, opts: RenderOptions): string {
  if (report.result === 'pass') return 'The step passes.';
  if (report.result === 'fail') {
    return opts.failBuild ? 'The step fails.' : 'The step only warns: fail-build is false.';
  }
  if (report.images.length === 0) return 'The step fails: the run could not start.';
  return opts.onError === 'fail'
    ? 'The step fails: an unchecked image is never a pass.'
    : 'The step only warns (on-error: warn); the result is still error, not pass.';
}

function fmtCount(count: number | null): string {
  return count === null ? '—' : String(count);
}

function imageIdentity(image: ImageReport): string {
  const parts = Object.entries(image.selectors).map(([k, v]) => `${escapeText(k)} ${code(v, 120)}`);
  return parts.length > 0 ? parts.join(' · ') : '(no selector)';
}

function singleImage(
  image: ImageReport,
  maxFindings: number,
  policy: PolicyReport | undefined,
): string[] {
  // Issue 18: Accepted and New / inherited / fixed beside the count, when there are any.
  const extra = extraHeadings(image);
  const lines = [
    `| Category | Count | ${extra.names.map((n) => `${n} | `).join('')}High / medium / low | Limit | Status |`,
    `| --- | ---: | ${extra.aligns.map((a) => `${a} | `).join('')}:---: | --- | --- |`,
  ];
  for (const c of CATEGORIES) {
    const e = image.categories[c];
    const more = extraCells(image, c)
      .map((cell) => `${cell} | `)
      .join('');
    lines.push(
      `| ${CATEGORY_INFO[c].label} | ${fmtCount(e.count)} | ${more}${levelsCell(image, c)} | ${limitCell(e.limitText)} | ${STATUS_TEXT[e.status]}${exceededText(e)} |`,
    );
  }
  lines.push('');
  lines.push(`**Image:** ${imageIdentity(image)}  `);
  lines.push(`**Scan:** ${scanText(image)}  `);
  lines.push(`**Security Center site:** ${code(image.site)}  `);
  lines.push(`**Request ID:** ${image.requestId ? code(image.requestId) : '—'}`);
  if (image.error) lines.push('', `**Error:** ${escapeShort(image.error, 2000)}`);
  lines.push(
    ...baselineLines(image),
    ...notesSection(image),
    ...findingsSection(image, maxFindings),
    ...acceptedSection(image, policy, maxFindings),
  );
  return lines;
}

/** Scan state and time, shown next to the counts. */
export function scanText(image: ImageReport): string {
  const scan = image.scan;
  if (!scan.checked) return 'not checked (require-scan: false)';
  const when = scan.scannedAt
    ? ` at ${scan.scannedAt.replace('T', ' ').replace(/\.\d+Z$|Z$/, ' UTC')}`
    : '';
  const task = scan.taskId ? `, task ${code(scan.taskId, 64)}` : '';
  const digests =
    scan.digests.length > 0 && !image.selectors['image-digest']
      ? `, resolved to ${scan.digests.map((d) => code(d, 80)).join(', ')}`
      : '';
  return `${escapeText(scan.status)}${when}${task}${digests}`;
}

function imageRow(image: ImageReport, index: number): string {
  const cells = CATEGORIES.map((c) => {
    const e = image.categories[c];
    const count = e.status === 'fail' ? `**${fmtCount(e.count)}**` : fmtCount(e.count);
    // High / medium / low beside the total, when the category's list was read.
    const cell = image.levels[c] ? `${count} (${levelsCell(image, c)})` : count;
    return `${cell}${rowSuffix(image, c)}`;
  });
  return `| ${index + 1} | ${imageIdentity(image)} | ${ICON[image.result]} ${image.result} | ${cells.join(' | ')} | ${scanText(image)} | ${code(image.site, 80)} | ${image.requestId ? code(image.requestId, 80) : '—'} |`;
}

const ROW_HEADER = [
  `| # | Image | Result | ${CATEGORIES.map((c) => CATEGORY_INFO[c].label).join(' | ')} | Scan | Site | Request ID |`,
  `| ---: | --- | --- | ${CATEGORIES.map(() => '---:').join(' | ')} | --- | --- | --- |`,
];

/** One image's notes and listed findings, folded away; nothing when it has neither. */
function imageDetails(
  image: ImageReport,
  index: number,
  maxFindings: number,
  policy?: PolicyReport,
): string[] {
  const details = [
    ...baselineLines(image),
    ...notesSection(image),
    ...findingsSection(image, maxFindings),
    ...acceptedSection(image, policy, maxFindings),
  ];
  if (details.length === 0) return [];
  return [
    '',
    `<details><summary>Findings of image ${index + 1}</summary>`,
    ...details,
    '',
    '</details>',
  ];
}

/** Several images: totals first, then problem rows, then passing rows folded away. */
function manyImages(
  report: Report,
  listPassing: boolean,
  maxProblemRows: number,
  maxFindings: number,
): string[] {
  const lines: string[] = [];
  const over = (c: (typeof CATEGORIES)[number]) =>
    report.images.filter((i) => i.categories[c].status === 'fail').length;
  lines.push(
    '| Category | Total | Limit (per image) | Images over limit |',
    '| --- | ---: | ---: | ---: |',
  );
  for (const c of CATEGORIES) {
    lines.push(
      `| ${CATEGORY_INFO[c].label} | ${report.counts ? report.counts[c] : '—'} | ${limitCell(String(report.limits[c]))} | ${over(c)} |`,
    );
  }
  const counts = { pass: 0, fail: 0, error: 0 };
  for (const i of report.images) counts[i.result]++;
  lines.push(
    '',
    `**Images:** ${counts.pass} passed, ${counts.fail} failed, ${counts.error} could not be checked.`,
  );

  const indexed = report.images.map((image, index) => ({ image, index }));
  const problems = indexed.filter(({ image }) => image.result !== 'pass');
  const passing = indexed.filter(({ image }) => image.result === 'pass');
  if (problems.length > 0) {
    lines.push('', ...ROW_HEADER);
    for (const { image, index } of problems.slice(0, maxProblemRows))
      lines.push(imageRow(image, index));
    if (problems.length > maxProblemRows) {
      lines.push(
        '',
        `…and ${problems.length - maxProblemRows} more images with problems (all are in the report output).`,
      );
    }
    const errors = problems.filter(({ image }) => image.error).slice(0, maxProblemRows);
    if (errors.length > 0) {
      lines.push('', '**Errors:**');
      for (const { image, index } of errors)
        lines.push(`- image ${index + 1}: ${escapeShort(image.error ?? '', 600)}`);
    }
    for (const { image, index } of problems.slice(0, maxProblemRows)) {
      lines.push(...imageDetails(image, index, maxFindings, report.policy));
    }
  }
  if (passing.length > 0) {
    if (listPassing) {
      lines.push(
        '',
        `<details><summary>${passing.length} passing image(s)</summary>`,
        '',
        ...ROW_HEADER,
      );
      for (const { image, index } of passing) lines.push(imageRow(image, index));
      for (const { image, index } of passing)
        lines.push(...imageDetails(image, index, maxFindings, report.policy));
      lines.push('', '</details>');
    } else {
      lines.push(
        '',
        `${passing.length} passing image(s) are not listed here for size; all are in the report output.`,
      );
    }
  }
  return lines;
}

export function renderMarkdown(report: Report, opts: RenderOptions): string {
  const attempt = (listPassing: boolean, maxProblemRows: number, maxFindings: number): string => {
    const lines = [`### ${verdictHeadline(report)}`, '', consequence(report, opts)];
    if (opts.preamble?.length) lines.push('', ...opts.preamble);
    if (report.problems?.length) {
      lines.push('', '**Invalid input:**', '');
      for (const problem of report.problems) lines.push(`- ${escapeShort(problem, 1000)}`);
    } else if (report.error) lines.push('', `**Error:** ${escapeShort(report.error, 4000)}`);
    lines.push('');
    if (report.images.length === 1)
      lines.push(...singleImage(report.images[0] as ImageReport, maxFindings, report.policy));
    else if (report.images.length > 1)
      lines.push(...manyImages(report, listPassing, maxProblemRows, maxFindings));
    // A run that gated nothing states no settings: some may be the very input that was refused.
    lines.push(...policySection(report));
    if (report.images.length > 0)
      lines.push('', `Risk status counted: ${escapeText(report.riskStatus)}.`);
    if (opts.footer?.length) lines.push('', ...opts.footer);
    return lines.join('\n') + '\n';
  };
  // Shrink step by step until it fits, never cutting a table: list fewer findings, then fold
  // passing rows away, then list fewer problem rows.
  const most = Math.max(
    0,
    ...report.images.flatMap((i) => Object.values(i.findings).map((f) => f.length)),
    ...report.images.map((i) => i.accepted?.length ?? 0),
  );
  for (let n = most; n > 0; n = Math.floor(n / 2)) {
    const text = attempt(true, Number.MAX_SAFE_INTEGER, n);
    if (utf8Bytes(text) <= opts.maxBytes) return text;
  }
  let text = attempt(true, Number.MAX_SAFE_INTEGER, 0);
  if (utf8Bytes(text) <= opts.maxBytes) return text;
  for (
    let rows = report.images.length;
    rows >= 0;
    rows = rows > 10 ? Math.floor(rows / 2) : rows - 1
  ) {
    text = attempt(false, rows, 0);
    if (utf8Bytes(text) <= opts.maxBytes) return text;
  }
  const cut = `\n\n…(cut to fit ${opts.maxBytes} bytes; the report output has everything)\n`;
  if (utf8Bytes(cut) >= opts.maxBytes) return shortenBytes(cut, opts.maxBytes);
  return shortenBytes(text, opts.maxBytes - utf8Bytes(cut)) + cut;
}

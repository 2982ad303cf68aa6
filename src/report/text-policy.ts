// The command line's text output for issue 18: per image the baseline it was compared with (or
// why none was) with its new, inherited and fixed numbers, and the findings the policy file
// accepted; for the run, the policy file's entries that need a look (expired, expiring, unused,
// not checked). The same facts as the Markdown summary's (render-policy.ts), as plain lines for a
// CI log: every text from the policy file or Security Center goes through `plain`.
import { CATEGORIES } from '../core/categories.js';
import type { ImageReport, Report } from './model.js';
import { plain } from './text.js';

function sum(image: ImageReport, field: 'new' | 'inherited' | 'fixed' | 'accepted'): number {
  return CATEGORIES.reduce((n, c) => n + (image.categories[c][field] ?? 0), 0);
}

/** The image's baseline line and, with a policy file, its accepted findings (as listed). */
export function imagePolicyLines(image: ImageReport): string[] {
  const out: string[] = [];
  const b = image.baseline;
  if (b) {
    const which = Object.entries(b.selectors)
      .map(([k, v]) => `${k}=${plain(v, 120)}`)
      .join(' ');
    if ('digest' in b) {
      const when = b.scannedAt ? `, scanned ${b.scannedAt}` : '';
      out.push(
        `  baseline ${which} (${plain(b.digest, 80)}${when}): ${sum(image, 'new')} new, ${sum(image, 'inherited')} inherited, ${sum(image, 'fixed')} fixed; only new findings count`,
      );
    } else out.push(`  baseline ${which} not used: ${plain(b.reason, 600)}`);
  }
  const accepted = image.accepted;
  if (accepted && image.result !== 'error') {
    const total = sum(image, 'accepted');
    out.push(
      `  accepted by the policy file: ${total} finding${total === 1 ? '' : 's'} (not counted)`,
    );
    for (const a of accepted)
      out.push(
        `    ${a.level.padEnd(6)} ${plain(a.id, 120)}${a.package ? ` [${plain(a.package, 80)}]` : ''}: ${plain(a.reason, 300)} (until ${plain(a.expires, 20)}, policy line ${a.policyLine})`,
      );
  }
  return out;
}

/** The run's policy file: the entries that need a look, one line each. */
export function runPolicyLines(report: Report): string[] {
  const p = report.policy;
  if (!p) return [];
  const name = (e: { id: string; line: number }) => `${plain(e.id, 120)} (line ${e.line})`;
  const out = ['', `Policy file ${plain(p.path, 200)}:`];
  for (const e of p.expiring)
    out.push(
      `  expiring: ${name(e)} expires in ${e.days} day${e.days === 1 ? '' : 's'} (${plain(e.expires, 20)})`,
    );
  for (const e of p.expired)
    out.push(
      `  expired: ${name(e)} on ${plain(e.expires, 20)}${e.matched > 0 ? `; would still match ${e.matched} (those no entry in force accepts count)` : ''}`,
    );
  for (const e of p.unused) out.push(`  unused: ${name(e)}: matched no finding`);
  for (const e of p.notChecked) out.push(`  not checked: ${name(e)}`);
  if (out.length === 2) out.push('  every entry in force was used');
  return out;
}

// Comparing an image's findings with those of a baseline image (typically the `main` tag), so a
// change is gated on what it introduces. Only findings read and identified in both lists can be
// called inherited; everything else is new, which is never looser than gating all findings.
//
// Identity (issue 18): category and identity key (the CVE record's or SCA item's name, the
// baseline check's key), plus for CVE findings the package names, never their versions (an
// upgrade that does not fix a CVE is not new).
// Decisions where the issue is silent:
// - A CVE finding names a set of packages. It is inherited when the baseline has the same key
//   with at least one package name in common, or when neither names a package: a record that
//   moved from one package to another is new. Package names compare exactly.
// - When the baseline holds the finding more than once (several matching records), its highest
//   level is the one compared.
// - Keys compare exactly, as Security Center writes them.
// - Level: a finding the baseline has at a lower level is new (the rise is this change's).
// - Malicious files are always new, never inherited and never fixed.
// - Fixed: baseline findings (malicious files excepted) with no finding of the same identity in
//   the image at any level. An accepted finding is still in the image, so it fixes nothing.
import type { Category } from '../core/categories.js';
import { LEVELS, type Finding, type Level } from '../core/findings.js';

export interface BaselineComparison {
  category: Category;
  /** The image's findings the baseline does not have (at this level or above). */
  new: Finding[];
  /** The image's findings the baseline has at the same level or higher. */
  inherited: Finding[];
  /** The baseline's findings gone from the image. */
  fixed: Finding[];
  counts: { new: number; inherited: number; fixed: number };
}

/** 0 for high: a smaller rank is more severe. */
function rank(level: Level): number {
  return LEVELS.indexOf(level);
}

function packageNames(f: Finding): Set<string> {
  return new Set(f.packages.map((p) => p.name));
}

/** Same finding, whatever the level: category, key and (CVE findings) a common package. */
export function sameFinding(a: Finding, b: Finding): boolean {
  if (a.category !== b.category || a.key !== b.key) return false;
  if (a.category === 'malicious-files') return false;
  if (a.category !== 'cve-vulns') return true;
  const names = packageNames(a);
  if (names.size === 0 && b.packages.length === 0) return true;
  return b.packages.some((p) => names.has(p.name));
}

function byKey(findings: readonly Finding[]): Map<string, Finding[]> {
  const map = new Map<string, Finding[]>();
  for (const f of findings) {
    const list = map.get(f.key);
    if (list) list.push(f);
    else map.set(f.key, [f]);
  }
  return map;
}

/** The counterparts of `finding` in an index of the other image's findings. */
function counterparts(finding: Finding, index: Map<string, Finding[]>): Finding[] {
  return (index.get(finding.key) ?? []).filter((other) => sameFinding(finding, other));
}

/**
 * Compares one category's findings of an image with the baseline image's findings of the same
 * category (both after risk-status and ignore-unfixable).
 */
export function compareWithBaseline(
  category: Category,
  findings: readonly Finding[],
  baseline: readonly Finding[],
): BaselineComparison {
  for (const f of [...findings, ...baseline])
    if (f.category !== category) throw new Error(`a ${f.category} finding in the ${category} list`);
  const inBaseline = byKey(baseline);
  const inImage = byKey(findings);
  const out: BaselineComparison = {
    category,
    new: [],
    inherited: [],
    fixed: [],
    counts: { new: 0, inherited: 0, fixed: 0 },
  };
  for (const finding of findings) {
    const before = counterparts(finding, inBaseline);
    const inherited = before.some((b) => rank(b.level) <= rank(finding.level));
    (inherited ? out.inherited : out.new).push(finding);
  }
  if (category !== 'malicious-files') {
    for (const old of baseline) if (counterparts(old, inImage).length === 0) out.fixed.push(old);
  }
  out.counts = { new: out.new.length, inherited: out.inherited.length, fixed: out.fixed.length };
  return out;
}

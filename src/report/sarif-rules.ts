// The rules and result messages of the SARIF log: what GitHub shows for an alert. Security
// Center text is flattened and capped before it is used (sarif-text.ts).
import { CATEGORY_INFO, type Category } from '../core/categories.js';
import { advisoryLink, type Finding, type Level } from '../core/findings.js';
import {
  byText,
  cap,
  clean,
  CVES_SHOWN,
  flatten,
  LIMIT,
  list,
  severityText,
  unique,
} from './sarif-text.js';
import type { Entry, RuleAcc, SarifLevel, SarifRule } from './sarif-types.js';

export const RESULT_LEVEL: Record<Level, SarifLevel> = {
  high: 'error',
  medium: 'warning',
  low: 'note',
};

const KIND_TAG: Record<Category, string> = {
  'baseline-risks': 'misconfiguration',
  'malicious-files': 'malware',
  'sca-vulns': 'vulnerability',
  'cve-vulns': 'vulnerability',
};

const HELP: Record<Category, string> = {
  'cve-vulns':
    'Alibaba Cloud Security Center found this vulnerability in an operating-system package of a ' +
    'container image built from this repository. Each alert names the image and the package, ' +
    'its installed version and Security Center’s fix command where it gives one. Upgrade the ' +
    'package in the Dockerfile (or move to a patched base image), rebuild and push the image, ' +
    'and let Security Center scan it again: the alert closes when a later analysis no longer ' +
    'reports it.',
  'sca-vulns':
    'Alibaba Cloud Security Center found this vulnerability in an application dependency (software ' +
    'composition analysis) of a container image built from this repository. Upgrade the ' +
    'dependency to a fixed version, rebuild and push the image, and let Security Center scan it ' +
    'again: the alert closes when a later analysis no longer reports it.',
  'malicious-files':
    'Alibaba Cloud Security Center found a malicious file (the alert gives its MD5 and paths) in ' +
    'a container image built from this repository. Find the Dockerfile step or base image that ' +
    'adds it, remove it, rebuild and push the image, and treat the build inputs as possibly ' +
    'compromised until you know how it got there. The alert closes when a later analysis no ' +
    'longer reports it.',
  'baseline-risks':
    'Alibaba Cloud Security Center’s baseline check found a risky configuration in a container ' +
    'image built from this repository (the alert gives the check’s class and its items per risk ' +
    'level; Security Center’s console lists the items). Change the configuration in the ' +
    'Dockerfile, rebuild and push the image, and let Security Center scan it again: the alert ' +
    'closes when a later analysis no longer reports it.',
};

/** The finding's level words, and whether it has a fix, as a closing sentence. */
function levelNote(finding: Finding): string {
  const raw = clean(finding.rawLevel, LIMIT.field);
  const word = finding.levelUnknown
    ? `${raw || 'unknown'} (not a level the gate knows: counted as high)`
    : raw || finding.level;
  const fix = finding.fixable === false ? ' Security Center marks it as having no fix.' : '';
  return `Security Center level: ${word}.${fix}`;
}

export function message(entry: Entry): string {
  const f = entry.finding;
  const id = clean(f.id || f.key, LIMIT.field) || '(unnamed)';
  const images = entry.labels.map((l) => clean(l, LIMIT.field));
  const where = images.length === 1 ? `image ${images[0]}` : `images ${list(images)}`;
  const parts: string[] = [];
  switch (entry.category) {
    case 'malicious-files': {
      const md5 = clean(f.md5 ?? f.key, LIMIT.field);
      const paths = unique((f.paths ?? []).map((p) => clean(p, LIMIT.field)));
      parts.push(`Malicious file ${id} (MD5 ${md5}) in ${where}`);
      parts[0] += paths.length > 0 ? ` at ${list(paths)}.` : ' (no path given).';
      break;
    }
    case 'baseline-risks': {
      const cls = clean(f.className, LIMIT.field);
      parts.push(`Baseline check ${id}${cls ? ` (class ${cls})` : ''} fails on ${where}.`);
      const c = f.itemCounts;
      if (c) {
        parts.push(
          `Items at risk: ${c.high} high, ${c.medium} medium, ${c.low} low (shown, not gated).`,
        );
      }
      break;
    }
    default: {
      if (entry.packageName !== undefined) {
        const name = clean(entry.packageName, LIMIT.field) || '(unnamed package)';
        const versions = unique(entry.packages.map((p) => clean(p.version, LIMIT.field)));
        const installed = versions.length > 0 ? ` ${list(versions)}` : '';
        parts.push(`${id} in package ${name}${installed} of ${where}.`);
        const fixes = unique(entry.packages.map((p) => clean(p.fixCommand, LIMIT.field)));
        if (fixes.length > 0) parts.push(`Fix: ${list(fixes, 2)}.`);
        const paths = unique(entry.packages.map((p) => clean(p.path, LIMIT.field)));
        if (paths.length > 0) parts.push(`Path: ${list(paths)}.`);
      } else {
        parts.push(`${id} in ${where}.`);
      }
      const cves = unique(f.cveIds.map((c) => clean(c, 40))).filter((c) => c !== id);
      if (cves.length > 0) parts.push(`Also: ${list(cves)}.`);
    }
  }
  parts.push(levelNote(f));
  return cap(parts.join(' '), LIMIT.message);
}

export function buildRule(acc: RuleAcc): SarifRule {
  // Findings of one rule share an id; take the text of the first (by key) that has a title.
  const sorted = [...acc.findings].sort((a, b) => byText(a.key, b.key));
  const first = sorted.find((f) => flatten(f.title) !== '') ?? sorted[0]!;
  const label = CATEGORY_INFO[acc.category].label;
  const id = clean(first.id || first.key, LIMIT.ruleName) || '(unnamed)';
  const title = clean(first.title, LIMIT.title);
  const cves = unique(sorted.flatMap((f) => f.cveIds.map(flatten)))
    .filter((c) => advisoryLink(c) !== undefined)
    .map((c) => c.toUpperCase())
    .sort(byText);
  const keys = unique(sorted.map((f) => clean(f.key, LIMIT.field))).sort(byText);

  const full = [`${label}: ${title ? `${id}, ${title}` : id}.`];
  if (keys.length > 0 && !(keys.length === 1 && keys[0] === id)) {
    full.push(`Security Center reports it as ${list(keys)}.`);
  }
  if (cves.length > 0) full.push(`CVE: ${list(cves, CVES_SHOWN)}.`);
  full.push('Reported by Alibaba Cloud Security Center for a container image of this repository.');

  const shown = cves.slice(0, CVES_SHOWN);
  const links = shown.map((c) => `https://avd.aliyun.com/detail/${c}`);
  const helpText = [HELP[acc.category]];
  if (links.length > 0) helpText.push(`Details: ${links.join(' ')}`);
  // Markdown of fixed text and checked CVE ids only: nothing from Security Center is rendered
  // as Markdown (the title is the alert's title, from shortDescription).
  const md = [HELP[acc.category]];
  if (shown.length > 0) {
    md.push(
      '',
      `Details: ${shown.map((c) => `[${c}](https://avd.aliyun.com/detail/${c})`).join(', ')}`,
    );
  }

  return {
    id: acc.id,
    name: id,
    shortDescription: {
      text: cap(title ? `${id}: ${title}` : `${label}: ${id}`, LIMIT.shortDescription),
    },
    fullDescription: { text: cap(full.join(' '), LIMIT.description) },
    help: { text: cap(helpText.join(' '), LIMIT.description), markdown: md.join('\n') },
    defaultConfiguration: { level: RESULT_LEVEL[acc.level] },
    properties: {
      'security-severity': severityText(acc.severity),
      tags: ['security', acc.category, KIND_TAG[acc.category], 'container-image'],
    },
  };
}

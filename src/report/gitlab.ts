// The CVE and SCA findings read in a run as a GitLab container-scanning report (schema 15.2.x),
// for `artifacts:reports:container_scanning`: GitLab shows them in the pipeline's security tab
// and the vulnerability report. Since 15.0 GitLab drops a report that does not validate against
// its schema, so every field here keeps to the published one's rules (required fields, patterns,
// enums, lengths); test/unit/report/gitlab.test.ts checks the output against them.
//
// Pure: the same input gives the same JSON (times are handed in). One vulnerability per finding
// and vulnerable package (name and version), because a location names one package; its id is a
// hash of the image, category, finding key and package, so it is unique in the report and the
// same on every run for the same finding. GitLab renders `description` and `solution` as
// Markdown: text from Security Center goes in as inert entities, never as markup or links.
import { createHash } from 'node:crypto';
import type { Category } from '../core/categories.js';
import type { Finding, FindingPackage, Level } from '../core/findings.js';
import type { Report } from './model.js';

/** The schema version the report declares. */
export const GITLAB_SCHEMA_VERSION = '15.2.1';
/** `location.operating_system` when the image's is not known (the schema requires a value). */
export const OS_UNKNOWN = 'unknown';
/** `location.dependency.package.name` of a finding that names no package (SCA items). */
export const PACKAGE_UNKNOWN = 'unknown';
/** Identifier type of Security Center's own vulnerability name. */
export const SAS_IDENTIFIER = 'alibaba-cloud-security-center';
/** Security Center's API version, reported as the scanner's version. */
export const SAS_API_VERSION = '2018-12-03';

/** One image: how GitLab should name it, and every finding read for it. */
export interface GitlabImage {
  /** The image as GitLab shows it (e.g. registry/namespace/repo:tag, else the digest). */
  imageName: string;
  /** sha256:… when known; identifies the image in vulnerability ids (else imageName does). */
  digest?: string;
  /** The image's operating system when known (e.g. debian:12); else OS_UNKNOWN. */
  operatingSystem?: string;
  /** Every finding read; only CVE and SCA findings are reported. */
  findings: readonly Finding[];
}

export interface GitlabInput {
  /** The run's report: its result sets scan.status, its errors scan.messages. */
  report: Pick<Report, 'result' | 'error' | 'images'>;
  images: readonly GitlabImage[];
  startTime: Date;
  endTime: Date;
  toolVersion: string;
}

export interface GitlabIdentifier {
  type: string;
  name: string;
  value: string;
  url?: string;
}

export interface GitlabVulnerability {
  id: string;
  name: string;
  description: string;
  severity: 'High' | 'Medium' | 'Low';
  solution?: string;
  identifiers: GitlabIdentifier[];
  links?: Array<{ name: string; url: string }>;
  location: {
    dependency: { package: { name: string }; version: string };
    operating_system: string;
    image: string;
  };
}

interface Party {
  id: string;
  name: string;
  version: string;
  vendor: { name: string };
}

export interface GitlabReport {
  version: string;
  scan: {
    analyzer: Party;
    scanner: Party;
    type: 'container_scanning';
    start_time: string;
    end_time: string;
    status: 'success' | 'failure';
    messages?: Array<{ level: 'info' | 'warn' | 'fatal'; value: string }>;
  };
  vulnerabilities: GitlabVulnerability[];
}

const SEVERITY: Record<Level, GitlabVulnerability['severity']> = {
  high: 'High',
  medium: 'Medium',
  low: 'Low',
};
const REPORTED: readonly Category[] = ['cve-vulns', 'sca-vulns'];
const CVE_ID = /^CVE-\d{4}-\d{4,}$/i;
const MAX_NAME = 255;
const MAX_SOLUTION = 7000;
const MAX_DESCRIPTION = 20_000;
const MAX_MESSAGES = 50;

/** yyyy-mm-ddThh:mm:ss in UTC, the schema's time format (no zone, no fraction). */
export function gitlabTime(date: Date): string {
  return date.toISOString().slice(0, 19);
}

/** A UUID-shaped id (version 8, "custom") from a SHA-256 of the parts. */
export function vulnerabilityId(parts: readonly string[]): string {
  const hex = createHash('sha256').update(JSON.stringify(parts)).digest('hex');
  const variant = ((parseInt(hex[16] ?? '0', 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-8${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/** One line: control characters and line breaks become spaces; at most `max` characters. */
function line(text: string, max: number): string {
  // eslint-disable-next-line no-control-regex -- control characters are what is replaced
  const flat = text.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}

const ENTITY = /[&<>"'|`[\]\\*_@~#!$%:]/g;

/** Cut to at most `max` characters without splitting an entity. */
function cut(text: string, max: number): string {
  if (text.length <= max) return text;
  return `${text.slice(0, max - 1).replace(/&#?\d*$/, '')}…`;
}

/**
 * Untrusted text for a Markdown field: one line, every markup character an entity (no tags,
 * links, mentions or references), at most `max` characters once encoded.
 */
function inert(text: string, max: number): string {
  const encoded = line(text, max)
    .replace(ENTITY, (c) => `&#${c.charCodeAt(0)};`)
    .replace(/\bwww\./gi, (w) => `${w.slice(0, 3)}&#46;`);
  return cut(encoded, max);
}

function advisory(cve: string): string {
  return `https://avd.aliyun.com/detail/${cve}`;
}

function identifiersOf(f: Finding): GitlabIdentifier[] {
  const cves = [...new Set(f.cveIds.filter((id) => CVE_ID.test(id)).map((id) => id.toUpperCase()))];
  const sasName = line(f.key || f.id, MAX_NAME) || 'unknown';
  const sas: GitlabIdentifier = { type: SAS_IDENTIFIER, name: sasName, value: sasName };
  const cveIdentifiers = cves.map((id) => ({
    type: 'cve',
    name: id,
    value: id,
    url: advisory(id),
  }));
  // The first identifier is GitLab's primary one: the CVE id when there is one.
  return [...cveIdentifiers, sas];
}

/** Distinct (name, version) pairs of a finding's packages; none → one unknown package. */
function packagesOf(f: Finding): Array<{ name: string; version: string; pkg?: FindingPackage }> {
  const out = new Map<string, { name: string; version: string; pkg?: FindingPackage }>();
  for (const p of f.packages) {
    const name = line(p.name, MAX_NAME) || PACKAGE_UNKNOWN;
    const version = line(p.version ?? '', MAX_NAME);
    const key = JSON.stringify([name, version]);
    if (!out.has(key)) out.set(key, { name, version, pkg: p });
  }
  if (out.size === 0) return [{ name: PACKAGE_UNKNOWN, version: '' }];
  return [...out.values()];
}

function describe(f: Finding, pkg: FindingPackage | undefined): string {
  const parts: string[] = [];
  if (f.title) parts.push(inert(f.title, 2000));
  const word = f.rawLevel && f.rawLevel !== f.level ? ` (${inert(f.rawLevel, 40)})` : '';
  const unknown = f.levelUnknown ? ', an unrecognised level counted as high' : '';
  parts.push(`Security Center level: ${f.level}${word}${unknown}.`);
  const fix = f.fixable === false ? 'no' : f.fixable === true ? 'yes' : 'not said';
  parts.push(`Fix available: ${fix}.`);
  if (pkg?.path) parts.push(`Found at ${inert(pkg.path, 1000)}.`);
  if (f.cvss !== undefined) parts.push(`CVSS score: ${f.cvss}.`);
  return cut(parts.join(' '), MAX_DESCRIPTION);
}

function vulnerabilitiesOf(image: GitlabImage, seen: Set<string>): GitlabVulnerability[] {
  const imageName = line(image.imageName, 1000) || line(image.digest ?? '', 200) || 'unknown';
  const identity = image.digest ?? imageName;
  const os = line(image.operatingSystem ?? '', 200) || OS_UNKNOWN;
  const out: GitlabVulnerability[] = [];
  for (const f of image.findings) {
    if (!REPORTED.includes(f.category)) continue;
    const identifiers = identifiersOf(f);
    const links = identifiers.flatMap((i) => (i.url ? [{ name: i.name, url: i.url }] : []));
    for (const p of packagesOf(f)) {
      const id = vulnerabilityId([identity, f.category, f.key, p.name, p.version]);
      // The same finding twice (an image given twice, a repeated row) is one vulnerability.
      if (seen.has(id)) continue;
      seen.add(id);
      const solution = p.pkg?.fixCommand ? inert(p.pkg.fixCommand, MAX_SOLUTION) : '';
      out.push({
        id,
        name: line(f.title || f.id || f.key, MAX_NAME) || 'unknown',
        description: describe(f, p.pkg),
        severity: SEVERITY[f.level],
        ...(solution ? { solution } : {}),
        identifiers,
        ...(links.length > 0 ? { links } : {}),
        location: {
          dependency: { package: { name: p.name }, version: p.version },
          operating_system: os,
          image: imageName,
        },
      });
    }
  }
  return out;
}

function messagesOf(report: GitlabInput['report']): NonNullable<GitlabReport['scan']['messages']> {
  const messages: NonNullable<GitlabReport['scan']['messages']> = [];
  if (report.error) messages.push({ level: 'fatal', value: line(report.error, 2000) || 'error' });
  report.images.forEach((image, i) => {
    const which = `image ${i + 1}`;
    if (image.error)
      messages.push({ level: 'fatal', value: `${which}: ${line(image.error, 2000)}` });
    for (const note of image.notes)
      messages.push({ level: 'warn', value: `${which}: ${line(note, 2000)}` });
  });
  return messages.slice(0, MAX_MESSAGES);
}

export function buildGitlabReport(input: GitlabInput): GitlabReport {
  const seen = new Set<string>();
  const vulnerabilities = input.images.flatMap((image) => vulnerabilitiesOf(image, seen));
  const messages = messagesOf(input.report);
  const version = line(input.toolVersion, 100) || 'unknown';
  return {
    version: GITLAB_SCHEMA_VERSION,
    scan: {
      analyzer: {
        id: 'sas-image-gate',
        name: 'sas-image-gate',
        version,
        vendor: { name: 'sas-image-gate' },
      },
      scanner: {
        id: 'alibaba-cloud-security-center',
        name: 'Alibaba Cloud Security Center',
        version: SAS_API_VERSION,
        vendor: { name: 'Alibaba Cloud' },
      },
      type: 'container_scanning',
      start_time: gitlabTime(input.startTime),
      end_time: gitlabTime(input.endTime),
      // An error run still writes its report, marked failed: never a clean scan with no findings.
      status: input.report.result === 'error' ? 'failure' : 'success',
      ...(messages.length > 0 ? { messages } : {}),
    },
    vulnerabilities,
  };
}

// Builders of findings and policy entries for the policy-rule tests: every field a rule reads,
// with defaults a test overrides only where it matters.
import type { Finding, Level } from '../../../src/core/findings.js';
import type { AcceptEntry, Policy } from '../../../src/policy/policy-file.js';

export function cve(key: string, level: Level, packages: string[], cveIds: string[] = []): Finding {
  return {
    category: 'cve-vulns',
    key,
    id: cveIds[0] ?? key,
    cveIds,
    title: '',
    level,
    rawLevel: level,
    packages: packages.map((name) => ({ name, version: '1.0' })),
  };
}

export function sca(key: string, level: Level, cveIds: string[] = []): Finding {
  return {
    category: 'sca-vulns',
    key,
    id: cveIds[0] ?? key,
    cveIds,
    title: '',
    level,
    rawLevel: level,
    packages: [],
  };
}

export function malicious(md5: string, name: string, level: Level = 'high'): Finding {
  return {
    category: 'malicious-files',
    key: md5,
    id: name,
    cveIds: [],
    title: '',
    level,
    rawLevel: level,
    packages: [],
    md5,
    paths: ['/var/www/x.php'],
  };
}

export function check(key: string, name: string, level: Level, items = 1): Finding {
  return {
    category: 'baseline-risks',
    key,
    id: name,
    cveIds: [],
    title: name,
    level,
    rawLevel: level,
    packages: [],
    itemCounts: {
      high: level === 'high' ? items : 0,
      medium: level === 'medium' ? items : 0,
      low: level === 'low' ? items : 0,
    },
  };
}

/** An entry expiring on 2027-03-31 unless told otherwise (`policy()` sets index and line). */
export function entry(fields: Partial<AcceptEntry> & { id: string }): AcceptEntry {
  return {
    index: 0,
    line: 3,
    reason: 'tracked in SEC-142',
    expires: '2027-03-31',
    ...fields,
  };
}

/** A policy whose entries are re-indexed in order (index and line follow the position). */
export function policy(...entries: AcceptEntry[]): Policy {
  return {
    path: '.github/sas-image-gate.yml',
    entries: entries.map((e, index) => ({ ...e, index, line: 3 + 4 * index })),
  };
}

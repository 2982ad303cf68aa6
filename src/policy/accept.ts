// Which findings the policy file accepts: an entry accepts a finding when its id names the finding
// and every scope it gives (category, package, images) covers it, on a day before its expiry.
// Only findings the gate has read and identified can be accepted, so this works on one image's
// finding list of one category, already filtered by risk-status and ignore-unfixable; the caller
// applies it only to categories whose limit is enforced.
//
// Rules (issue 18):
// - `id` matches, case-insensitively, the finding's identity key, its shown id or any of its CVE
//   ids. A malicious file matches by its MD5 only: the sample name (`WebShell.PHP.Generic`) is
//   shared by many files and must never accept them all.
// - `package` (CVE findings only) matches any of the finding's package names, exactly as Security
//   Center writes them; `images` matches the image's repository id, `namespace/name` or digest.
// - An entry stops applying at 00:00 UTC on its `expires` date. An expired entry never accepts;
//   a finding it alone matches counts and is shown with it ("acceptance expired on …").
// - When several entries in force match a finding, it is shown with the one that runs longest
//   (then the first in the file): that date is when the finding would start to count again.
import { bareDigest } from '../core/digest.js';
import { CATEGORIES, type Category } from '../core/categories.js';
import type { Finding } from '../core/findings.js';
import { dayOf, parseDay, type Today } from './dates.js';
import type { AcceptEntry, Policy } from './policy-file.js';

/** The names an image is known by, for `images` scopes. */
export interface ImageScope {
  /** Container Registry repository id (`repo-id`), when known. */
  repoId?: string;
  /** `namespace/name`, when known. */
  repoName?: string;
  /** The image's digests (`sha256:<hex>` or bare hex, any case). */
  digests: string[];
}

/** A finding with the entry that accepted it (or whose expired acceptance it would have had). */
export interface Acceptance {
  finding: Finding;
  entry: AcceptEntry;
}

/** The policy applied to one image's list of one category. */
export interface PolicyApplication {
  category: Category;
  image: ImageScope;
  /** The findings that still count (not accepted by an entry in force), in list order. */
  counted: Finding[];
  accepted: Acceptance[];
  /** Counted findings matched by an expired entry only, each with the latest such entry. */
  expiredMatches: Acceptance[];
  /** Per entry (aligned with `policy.entries`): findings it matched here, in force or expired. */
  hits: number[];
  /**
   * Per entry: whether it could match this category (its list was read whole here) and the gate
   * knows whether its `images` scope covers this image (it does, or surely does not): an entry
   * checked that matched nothing is unused (usage.ts).
   */
  checked: boolean[];
  /**
   * Per entry: it could match this category but its scope may cover this image without the gate
   * knowing (a repo-id or `namespace/name` not learnt: no scan proof's rows). Such an entry is
   * never called unused: it may be what this image needed.
   */
  undecided: boolean[];
}

/** Days from today until the entry's `expires` date: 0 or less means expired. */
export function daysLeft(entry: AcceptEntry, today: Today): number {
  const expires = parseDay(entry.expires);
  if (expires === undefined) throw new Error(`unchecked expires date "${entry.expires}"`);
  return expires - dayOf(today);
}

/** In force: before 00:00 UTC of its `expires` date. */
export function isInForce(entry: AcceptEntry, today: Today): boolean {
  return daysLeft(entry, today) > 0;
}

/** The categories an entry could match: its category, cve-vulns with `package`, else all. */
export function matchableCategories(entry: AcceptEntry): Category[] {
  if (entry.category) return [entry.category];
  return entry.package === undefined ? [...CATEGORIES] : ['cve-vulns'];
}

/**
 * The categories whose lists must be read for the policy: those an entry in force could match
 * (for `image` only, when given: entries that `cover` it, or that `may-cover` it when some of its
 * names are not known yet). The caller intersects them with the enforced categories.
 */
export function categoriesToRead(
  policy: Policy,
  today: Today,
  image?: ImageScope,
  rule: 'covers' | 'may-cover' = 'covers',
): Category[] {
  const covers = rule === 'covers' ? coversImage : mayCoverImage;
  const wanted = new Set<Category>();
  for (const entry of policy.entries) {
    if (!isInForce(entry, today) || (image && !covers(entry, image))) continue;
    for (const c of matchableCategories(entry)) wanted.add(c);
  }
  return CATEGORIES.filter((c) => wanted.has(c));
}

/** A digest as one comparable text: `sha256:` and lower-case hex (core/digest.ts's rule). */
function normalDigest(digest: string): string {
  return `sha256:${bareDigest(digest)}`;
}

/** Whether the entry's `images` scope (absent: every image) covers the image. */
export function coversImage(entry: AcceptEntry, image: ImageScope): boolean {
  if (!entry.images) return true;
  const digests = new Set(image.digests.map(normalDigest));
  return entry.images.some((ref) => {
    switch (ref.kind) {
      case 'repo-id':
        return image.repoId !== undefined && ref.value === image.repoId;
      case 'repo-name':
        return image.repoName !== undefined && ref.value === image.repoName;
      case 'digest':
        return digests.has(ref.value);
    }
  });
}

/**
 * Whether the entry's scope could still cover the image once all its names are known: a name not
 * known yet (no repo-id before the scan proof's rows, no digest before a tag is resolved) may be
 * any. What the gate reads up front for an image; coversImage decides what is accepted.
 */
export function mayCoverImage(entry: AcceptEntry, image: ImageScope): boolean {
  if (!entry.images) return true;
  const digests = new Set(image.digests.map(normalDigest));
  return entry.images.some((ref) => {
    switch (ref.kind) {
      case 'repo-id':
        return image.repoId === undefined || ref.value === image.repoId;
      case 'repo-name':
        return image.repoName === undefined || ref.value === image.repoName;
      case 'digest':
        return digests.size === 0 || digests.has(ref.value);
    }
  });
}

/** The names an entry's id is compared with (lower case); malicious files by MD5 only. */
function namesOf(finding: Finding): string[] {
  const names =
    finding.category === 'malicious-files'
      ? [finding.md5 ?? finding.key]
      : [finding.key, finding.id, ...finding.cveIds];
  return names.map((n) => n.toLowerCase());
}

/** Whether `id` names the finding (case-insensitive); malicious files by MD5 only. */
export function idMatches(id: string, finding: Finding): boolean {
  return namesOf(finding).includes(id.toLowerCase());
}

/** Id and every scope (category, package, images), whatever the date. */
export function entryMatches(entry: AcceptEntry, finding: Finding, image: ImageScope): boolean {
  return scopeMatches(entry, finding) && coversImage(entry, image) && idMatches(entry.id, finding);
}

/** The category and package scopes. */
function scopeMatches(entry: AcceptEntry, finding: Finding): boolean {
  if (entry.category !== undefined && entry.category !== finding.category) return false;
  if (entry.package === undefined) return true;
  return finding.category === 'cve-vulns' && finding.packages.some((p) => p.name === entry.package);
}

/** Entry positions by lower-case id, for the entries that may match here. */
function indexById(entries: readonly AcceptEntry[], eligible: boolean[]): Map<string, number[]> {
  const index = new Map<string, number[]>();
  entries.forEach((entry, i) => {
    if (!eligible[i]) return;
    const id = entry.id.toLowerCase();
    const list = index.get(id);
    if (list) list.push(i);
    else index.set(id, [i]);
  });
  return index;
}

/** The entry that runs longest, then the first in the file. */
function longest(entries: AcceptEntry[]): AcceptEntry | undefined {
  let best: AcceptEntry | undefined;
  for (const e of entries) if (!best || e.expires > best.expires) best = e;
  return best;
}

/**
 * Applies the policy to one image's findings of one category (after risk-status and
 * ignore-unfixable; every finding must be of `category`).
 */
export function applyPolicy(
  findings: readonly Finding[],
  options: { policy: Policy; category: Category; image: ImageScope; today: Today },
): PolicyApplication {
  const { policy, category, image, today } = options;
  const entries = policy.entries;
  const inForce = entries.map((e) => isInForce(e, today));
  const app: PolicyApplication = {
    category,
    image,
    counted: [],
    accepted: [],
    expiredMatches: [],
    hits: entries.map(() => 0),
    checked: [],
    undecided: [],
  };
  const covers = entries.map((e) => coversImage(e, image));
  entries.forEach((e, i) => {
    const here = matchableCategories(e).includes(category);
    const decided = covers[i] === true || !mayCoverImage(e, image);
    app.checked.push(here && decided);
    app.undecided.push(here && !decided);
  });
  const byId = indexById(
    entries,
    entries.map((e, i) => app.checked[i] === true && covers[i] === true),
  );
  for (const finding of findings) {
    if (finding.category !== category)
      throw new Error(`a ${finding.category} finding in the ${category} list`);
    // Each entry once, even when the finding's key and shown id are the same text.
    const candidates = new Set(namesOf(finding).flatMap((n) => byId.get(n) ?? []));
    const live: AcceptEntry[] = [];
    const expired: AcceptEntry[] = [];
    for (const i of [...candidates].sort((a, b) => a - b)) {
      const entry = entries[i];
      if (!entry || !scopeMatches(entry, finding)) continue;
      app.hits[i] = (app.hits[i] ?? 0) + 1;
      (inForce[i] ? live : expired).push(entry);
    }
    const accepting = longest(live);
    const lapsed = longest(expired);
    if (accepting) app.accepted.push({ finding, entry: accepting });
    else {
      app.counted.push(finding);
      if (lapsed) app.expiredMatches.push({ finding, entry: lapsed });
    }
  }
  return app;
}

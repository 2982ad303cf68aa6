// What became of each policy entry over a whole run, for the report's `policy` object and the
// one warning annotation: entries that expired (with how many findings they would have matched),
// entries expiring soon, entries in force that matched nothing (stale exceptions to clean up),
// and entries that could not be checked because no list they could match was read.
//
// "Checked" follows the lists: an entry is checked when a list of a category it could match was
// read whole (for the policy, a limit or a comparison) for a gated image whose names tell
// whether the entry's `images` scope covers it. An entry checked that matched nothing in any
// gated image is unused, whatever its scope: a scope naming only images this run does not gate
// matches nothing here either. An entry is not checked when its categories were read for no
// image (an `off` category, a count-only limit no entry in force could touch), or when it may
// cover an image the gate could not look at (the image ended in error, or its repo-id or
// `namespace/name` was not learnt): a stale-looking entry may be what that image needed. None of
// this is an error.
import type { Today } from './dates.js';
import { daysLeft, mayCoverImage, type ImageScope, type PolicyApplication } from './accept.js';
import type { AcceptEntry, Policy } from './policy-file.js';

/** Entries expiring within this many days are flagged. */
export const EXPIRING_DAYS = 14;

/** An entry as the report names it. */
export interface EntryRef {
  id: string;
  line: number;
  expires: string;
}

export interface ExpiredRef extends EntryRef {
  /** Findings it would have matched, over every image and category read. */
  matched: number;
}

export interface ExpiringRef extends EntryRef {
  /**
   * Whole UTC days from today to `expires` (1 to 14), for the summary's "expires in N days". Not
   * in the report's JSON (report/model.ts's reportJson), which names each entry by `{id, line,
   * expires}` only (issue 18).
   */
  days: number;
}

/** The report's top-level `policy` object. */
export interface PolicyReport {
  path: string;
  /** Every expired entry, matched or not. */
  expired: ExpiredRef[];
  /** In force and expiring within 14 days. */
  expiring: ExpiringRef[];
  /** In force, checked, and matched no finding in any gated image. */
  unused: EntryRef[];
  /**
   * In force, matched nothing, and no list it could match was read whole for any gated image, or
   * it may cover an image the gate could not look at.
   */
  notChecked: EntryRef[];
}

function ref(entry: AcceptEntry): EntryRef {
  return { id: entry.id, line: entry.line, expires: entry.expires };
}

/** Collects the applications of one policy over a run; `report()` may be called at any time. */
export class PolicyUsage {
  private readonly hits: number[];
  private readonly checked: boolean[];
  private readonly undecided: boolean[];

  constructor(
    private readonly policy: Policy,
    private readonly today: Today,
  ) {
    this.hits = policy.entries.map(() => 0);
    this.checked = policy.entries.map(() => false);
    this.undecided = policy.entries.map(() => false);
  }

  /** Records one image-category application (its list was read). */
  record(app: PolicyApplication): void {
    if (app.hits.length !== this.hits.length)
      throw new Error('a policy application of another policy');
    app.hits.forEach((n, i) => (this.hits[i] = (this.hits[i] ?? 0) + n));
    app.checked.forEach((c, i) => (this.checked[i] = (this.checked[i] ?? false) || c));
    app.undecided.forEach((u, i) => (this.undecided[i] = (this.undecided[i] ?? false) || u));
  }

  /** An image whose lists could not be used (it ended in error): entries that may cover it. */
  recordUnread(image: ImageScope): void {
    this.policy.entries.forEach((entry, i) => {
      if (mayCoverImage(entry, image)) this.undecided[i] = true;
    });
  }

  report(): PolicyReport {
    const out: PolicyReport = {
      path: this.policy.path,
      expired: [],
      expiring: [],
      unused: [],
      notChecked: [],
    };
    this.policy.entries.forEach((entry, i) => {
      const days = daysLeft(entry, this.today);
      if (days <= 0) {
        out.expired.push({ ...ref(entry), matched: this.hits[i] ?? 0 });
        return;
      }
      if (days <= EXPIRING_DAYS) out.expiring.push({ ...ref(entry), days });
      if ((this.hits[i] ?? 0) > 0) return;
      if (this.checked[i] && !this.undecided[i]) out.unused.push(ref(entry));
      else out.notChecked.push(ref(entry));
    });
    return out;
  }
}

/** The report's `policy` object from every application of a run. */
export function policyReport(
  policy: Policy,
  today: Today,
  applications: Iterable<PolicyApplication>,
  /** The images that ended in error (their lists could not be used), by what is known of them. */
  unread: Iterable<ImageScope> = [],
): PolicyReport {
  const usage = new PolicyUsage(policy, today);
  for (const app of applications) usage.record(app);
  for (const image of unread) usage.recordUnread(image);
  return usage.report();
}

// The Security Center finding lists of one image (Sas 2018-12-03), read whole or not at all.
// Each reader returns faithful typed records (text raw but capped) and the RequestIds; a list
// that cannot be shown complete and well-formed, or that names another image, is a GateError,
// and one over MAX_LIST_ROWS a ListBoundError. Wire shapes follow the official SDK models
// (alibabacloud-go/sas-20181203, aliyun/alibabacloud-typescript-sdk sas-20181203).
import type { RiskStatus } from '../core/selector.js';
import { truncate } from './api-errors.js';
import type { Endpoint } from './endpoints.js';
import {
  digestOf,
  FACT_FIELDS,
  repoParams,
  type ImageFacts,
  type ListTarget,
} from './list-target.js';
import {
  asObject,
  checkDigest,
  fail,
  identity,
  optInt,
  optText,
  readAllPages,
  rowObject,
  splitIds,
  type FindingList,
  type SasCaller,
} from './findings-wire.js';

export type { ListTarget } from './list-target.js';
export * from './malicious-api.js';
export {
  ListBoundError,
  MAX_LIST_ROWS,
  MAX_TEXT,
  type FindingList,
  type SasCaller,
} from './findings-wire.js';

export interface CvePackage {
  name: string;
  /** Installed version: FullVersion, else Version. */
  version?: string;
  updateCmd?: string;
  path?: string;
  /** Layer sha256. */
  layer?: string;
}

/** A DescribeImageVulList record (one vulnerability of the image). */
export interface CveRecord {
  /** PrimaryId, else the name with its image's repository, namespace, UUID and tag. */
  identity: string;
  name: string;
  aliasName?: string;
  /** CVE or advisory ids from `Related`. */
  related: string[];
  /** asap | later | nntf as answered; '' when absent. */
  necessity: string;
  canFix?: string;
  /** 1 unfixed, 4 being fixed, 7 fixed. */
  status?: number;
  packages: CvePackage[];
}

/** A DescribeImageGroupedVulList item (Type sca). */
export interface ScaRecord {
  name: string;
  aliasName?: string;
  /** Counts per level: 0 when absent, NaN when present but unreadable (the level is then unknown). */
  asapCount: number;
  laterCount: number;
  nntfCount: number;
  canFix?: string;
  /** 0 unhandled, 1 handled, 2 verifying, 3 whitelisted. */
  status?: number;
  /** CVSS as answered (text). */
  cveScore?: string;
  related: string[];
}

/** A DescribeImageBaselineCheckResult row: one check. */
export interface BaselineRecord {
  key: string;
  /** BaselineNameAlias; '' when absent. */
  alias: string;
  classAlias?: string;
  /** high | medium | low as answered; '' when absent. */
  level: string;
  /** 0 unfixed, 1 fixed. */
  status?: number;
  itemCount?: number;
  highCount?: number;
  mediumCount?: number;
  lowCount?: number;
}

const MAX_PACKAGES = 100;
/** Which CVE records: not handled (Dealed=n), handled (y), or all (no Dealed). */
const DEALED: Record<RiskStatus, string | undefined> = {
  unhandled: 'n',
  handled: 'y',
  all: undefined,
};

/**
 * An SCA item's count at one level: absent is 0; present but unreadable (a fraction, a negative,
 * text) is NaN, which makes the item's level unknown, counted as high, rather than quietly lower.
 */
function levelCount(v: unknown): number {
  // Only an absent field is 0: null, or anything not a whole number >= 0, leaves the level unknown.
  if (v === undefined) return 0;
  return optInt(v) ?? NaN;
}

/** ExtendContentJson.RpmEntityList, from an object or a JSON string; malformed → none. */
function readPackages(v: unknown): CvePackage[] {
  let json = v;
  if (typeof v === 'string') {
    try {
      json = JSON.parse(v) as unknown;
    } catch {
      return [];
    }
  }
  const list = asObject(json)?.['RpmEntityList'];
  if (!Array.isArray(list)) return [];
  const packages: CvePackage[] = [];
  for (const raw of list) {
    const e = asObject(raw);
    const name = e && identity(e['Name']);
    if (!e || !name) continue;
    packages.push({
      name,
      version: optText(e['FullVersion']) ?? optText(e['Version']),
      updateCmd: optText(e['UpdateCmd']),
      path: optText(e['Path']),
      layer: optText(e['Layer']),
    });
    if (packages.length >= MAX_PACKAGES) break;
  }
  return packages;
}

/** DescribeImageVulList (Type cve): the image's CVE records. Never sends the image tag. */
export async function describeImageVulList(
  api: SasCaller,
  endpoint: Endpoint,
  target: ListTarget,
  riskStatus: RiskStatus,
): Promise<FindingList<CveRecord>> {
  const digest = digestOf(target);
  const dealed = DEALED[riskStatus];
  // Each row's image fields, to hold against the proof's once it is known.
  const rowsSaid: Array<{ said: ImageFacts; page: number; requestId?: string }> = [];
  const list = await readAllPages<CveRecord>(api, {
    endpoint,
    action: 'DescribeImageVulList',
    params: [
      ['Type', 'cve'],
      ['Digest', digest],
      ...repoParams(target),
      ...(dealed ? [['Dealed', dealed] as const] : []),
    ],
    paging: 'top',
    listField: 'VulRecords',
    what: 'CVE findings',
    // A record is one vulnerability of one image: PrimaryId names it, else its name with the
    // image it belongs to. Seen twice, the pages overlapped and another record went unread.
    key: (r) => r.identity,
    readRow: (raw, ctx) => {
      const { row, id } = rowObject(raw, ctx, 'VulRecords', 'Name');
      checkDigest(row, 'ImageDigest', digest, ctx);
      const said: ImageFacts = {};
      for (const [fact, field] of FACT_FIELDS) said[fact] = optText(row[field]);
      rowsSaid.push({ said, page: ctx.page, requestId: ctx.requestId });
      const primary = optInt(row['PrimaryId']);
      return {
        identity:
          primary !== undefined
            ? `#${primary}`
            : JSON.stringify([
                id,
                ...['RepoName', 'RepoNamespace', 'Uuid', 'Tag'].map((f) => optText(row[f]) ?? ''),
              ]),
        name: id,
        aliasName: optText(row['AliasName']),
        related: splitIds(row['Related']),
        necessity: optText(row['Necessity']) ?? '',
        canFix: optText(row['CanFix']),
        status: optInt(row['Status'], true),
        packages: readPackages(row['ExtendContentJson']),
      };
    },
  });
  const facts = await target.facts;
  if (facts) checkFacts('DescribeImageVulList', facts, rowsSaid);
  return list;
}

/**
 * A row whose Uuid, RepoNamespace or RepoName differs from the scan proof's, where both give
 * it, names another image: the list is not used. (Tag does not count: a digest has many tags.)
 */
function checkFacts(
  action: string,
  facts: ImageFacts,
  rows: ReadonlyArray<{ said: ImageFacts; page: number; requestId?: string }>,
): void {
  for (const { said, page, requestId } of rows) {
    for (const [fact, field] of FACT_FIELDS) {
      const want = facts[fact];
      const got = said[fact];
      if (want === undefined || got === undefined || got === want) continue;
      throw fail(
        `${action} answered a row for another image (page ${page}: ${field} ${truncate(got, 80)} where the image's own row says ${truncate(want, 80)}): Security Center's image filter cannot be trusted, so the list is not used. Check that digest, region and repository filters name one image.`,
        requestId,
      );
    }
  }
}

/** DescribeImageGroupedVulList (Type sca): the image's SCA vulnerabilities, one item each. */
export async function describeImageGroupedVulList(
  api: SasCaller,
  endpoint: Endpoint,
  target: ListTarget,
): Promise<FindingList<ScaRecord>> {
  const digest = digestOf(target);
  return readAllPages(api, {
    endpoint,
    action: 'DescribeImageGroupedVulList',
    params: [['Type', 'sca'], ['ImageDigest', digest], ...repoParams(target)],
    paging: 'top',
    listField: 'GroupedVulItems',
    what: 'SCA findings',
    key: (r) => r.name,
    readRow: (raw, ctx) => {
      const { row, id } = rowObject(raw, ctx, 'GroupedVulItems', 'Name');
      return {
        name: id,
        aliasName: optText(row['AliasName']),
        asapCount: levelCount(row['AsapCount']),
        laterCount: levelCount(row['LaterCount']),
        nntfCount: levelCount(row['NntfCount']),
        canFix: optText(row['CanFix']),
        status: optInt(row['Status'], true),
        cveScore: optText(row['CveScore']),
        related: splitIds(row['Related']),
      };
    },
  });
}

/** DescribeImageBaselineCheckResult: the image's baseline checks, by its Security Center UUID. */
export async function describeImageBaselineCheckResult(
  api: SasCaller,
  endpoint: Endpoint,
  imageUuid: string,
): Promise<FindingList<BaselineRecord>> {
  const uuid = imageUuid.trim();
  if (!uuid)
    throw fail(
      'DescribeImageBaselineCheckResult needs the image UUID (from DescribeImageInstances), and none was given.',
      undefined,
    );
  return readAllPages(api, {
    endpoint,
    action: 'DescribeImageBaselineCheckResult',
    params: [['ImageUuid', uuid]],
    paging: 'pageInfo',
    listField: 'BaselineResult',
    what: 'baseline findings',
    key: (r) => r.key,
    readRow: (raw, ctx) => {
      const { row, id } = rowObject(raw, ctx, 'BaselineResult', 'BaselineNameKey');
      return {
        key: id,
        alias: optText(row['BaselineNameAlias']) ?? '',
        classAlias: optText(row['BaselineClassAlias']),
        level: optText(row['BaselineNameLevel']) ?? '',
        status: optInt(row['Status'], true),
        itemCount: optInt(row['BaselineItemCount']),
        highCount: optInt(row['HighRiskItemCount']),
        mediumCount: optInt(row['MiddleRiskItemCount']),
        lowCount: optInt(row['LowRiskItemCount']),
      };
    },
  });
}

// The Security Center finding lists, served by the simulator (sas-simulator.ts) from the
// `findings` of its images. Wire shapes follow the official SDK models (Go
// alibabacloud-go/sas-20181203 @ c6f3e6b, client/<op>_{request,response_body}_model.go;
// TypeScript aliyun/alibabacloud-typescript-sdk @ 071f1f3, sas-20181203/src/models/):
//
//   DescribeImageVulList                 Type (required) = cve; Digest; repo filters; Necessity (one
//                                        value, exact); Dealed (y/n, absent = all); StatusList
//                                        (comma list of 1/4/7); Tag = the vulnerability's tag
//                                        (SimCve.tag, default 'oval'), never the image tag.
//                                        Answer: top-level CurrentPage/PageSize/TotalCount,
//                                        VulRecords[] (ExtendContentJson is an object). Default
//                                        PageSize 10.
//   DescribeImageGroupedVulList          Type (cve|sca; absent = both, a guess); ImageDigest,
//                                        ImageTag, repo filters; Necessity (one value: items with
//                                        a non-zero count at that level). IsLatest is accepted and
//                                        ignored. Items of one Type+Name are merged across the
//                                        selected images (counts summed). Answer: top-level paging,
//                                        GroupedVulItems[]. Default PageSize 20.
//   DescribeGroupedMaliciousFiles        CurrentPage and PageSize required; ImageDigest, ImageTag,
//                                        ImageLayer, repo filters, Levels (comma list),
//                                        MaliciousMd5. One row per MD5 over the selected images.
//                                        Answer: PageInfo{Count,CurrentPage,PageSize,TotalCount},
//                                        GroupedMaliciousFileResponse[]. Default PageSize 20.
//   DescribeAffectedMaliciousFileImages  CurrentPage and PageSize required; MaliciousMd5,
//                                        ImageDigest, ImageTag, ImageLayer, repo filters, Levels,
//                                        Status (0-3). One row per sample path per image. Answer:
//                                        PageInfo, AffectedMaliciousFileImagesResponse[].
//   DescribeImageBaselineCheckResult     ImageUuid required (the Uuid DescribeImageInstances
//                                        serves: img.uuid ?? 'uuid-' + digest.slice(0, 8));
//                                        RiskLevel (comma list), Criteria + CriteriaType
//                                        (BaselineNameAlias | BaselineClassAlias; substring, any
//                                        case). Answer: PageInfo, BaselineResult[].
//
// Data model (each field is documented on its interface below): SimImage.findings: SimFindings
// = { cve?: SimCve[] (packages?: SimPackage[]), sca?: SimScaItem[], malicious?: SimMalicious[]
// (paths: SimMaliciousPath[]), baseline?: SimBaselineCheck[] }. generateFindings(opts) makes a
// deterministic, realistic SimFindings.
//
// Shared behaviour:
// - Every parameter arrives as text in the signed query. A missing required parameter answers
//   400 MissingParameter ('The input parameter "X" that is mandatory for processing this request
//   is not supplied.'); a CurrentPage/PageSize that is not a positive integer answers 400
//   InvalidParameter.
// - Images are selected like the count query selects them (unsynced images included). Repo ids
//   and region match exactly, RepoName/RepoNamespace by case-insensitive substring (the API
//   documents them as fuzzy). Digests are compared as given: 'sha256:<hex>' matches nothing.
// - Paging: 1-based; the page size is min(requested or the operation's default,
//   sim.maxPageSize) and is reported back as used; TotalCount is the number of matching rows.
// - Lang: unless Lang=en, the *Zh variants of text fields are served where given (the real
//   default is zh).
// - Values are served as given (hostile text, unknown levels, a missing CanFix: leave the field
//   undefined and it is absent from the row). Level filters match exact strings, so an unknown
//   level never matches a filter.
// - sim.listQuirks.set(action, quirks) makes one operation misbehave (see ListQuirks).
// - sim.unknownDealed decides what a Dealed other than y/n does: 'error' (default, 400
//   InvalidParameter), 'all' (ignored), 'none' (matches nothing).
//
// Count derivation (DescribeImageSecurityScanCount): an image with findings for a category and
// no explicit counts/handled entry for it counts from its findings: CVE records (N: not
// handled, Y: handled, A: all); SCA items and malicious samples by Status (N: 0, Y: 1 or 3,
// A: all); baseline checks by Status (N: 0 unfixed, Y: 1 fixed, A: all). Explicit counts win.
import { createHash } from 'node:crypto';
import type { ActionContext, SasSimulator, SimCounts, SimImage } from './sas-simulator.js';

/** One vulnerable package of a CVE record (ExtendContentJson.RpmEntityList[]). */
export interface SimPackage {
  name: string;
  version?: string;
  fullVersion?: string;
  path?: string;
  /** Layer sha256 (bare hex). */
  layer?: string;
  updateCmd?: string;
  matchDetail?: string;
  /** Default: [matchDetail] when matchDetail is given. */
  matchList?: string[];
}

/** A DescribeImageVulList record (one per vulnerability x image). */
export interface SimCve {
  /** e.g. 'debian:10:CVE-2019-9893'. */
  name: string;
  aliasName?: string;
  /** Served instead of aliasName unless Lang=en. */
  aliasNameZh?: string;
  /** CVE ids, comma-separated. */
  related?: string;
  /** asap | later | nntf (any text is served as given). */
  necessity: string;
  /** yes | no; undefined = the field is absent. */
  canFix?: string;
  canUpdate?: boolean;
  /** TS SDK only (boolean on this operation). */
  agentlessCanFix?: boolean;
  /** 1 unfixed (default), 4 being fixed, 7 fixed. */
  status?: number;
  /** Dealed=y lists it, Dealed=n does not. Default false. */
  handled?: boolean;
  /** The vulnerability's tag (request and record `Tag`). Default 'oval'. */
  tag?: string;
  /** ExtendContentJson.Os / OsRelease. Default: from the name ('debian:10:…'). */
  os?: string;
  osRelease?: string;
  packages?: SimPackage[];
  /** Served instead of the built ExtendContentJson object (e.g. a JSON string). */
  rawExtendContentJson?: unknown;
  /** Default: a stable number derived from name and digest. */
  primaryId?: number;
}

/** A DescribeImageGroupedVulList item (Type sca unless given). */
export interface SimScaItem {
  name: string;
  aliasName?: string;
  aliasNameZh?: string;
  /** Default 'sca'. */
  type?: string;
  /** AsapCount / LaterCount / NntfCount; default 0. */
  asap?: number;
  later?: number;
  nntf?: number;
  canFix?: string;
  /** 0 unhandled (default), 1 handled, 2 verifying, 3 whitelisted. */
  status?: number;
  tags?: string;
  /** TS SDK only: CVSS as text, e.g. '7.5'. */
  cveScore?: string;
  /** TS SDK only: comma-separated ids. */
  related?: string;
  /** TS SDK only: 'true' | 'false' (a string on this operation). */
  agentlessCanFix?: string;
  /** Epoch ms. Default: the simulator's findings time. */
  lastScanTime?: number;
}

/** One file of a malicious sample in an image (an affected-images row). */
export interface SimMaliciousPath {
  filePath: string;
  /** Layer sha256 (bare hex). */
  layer?: string;
  /** Per-image status; default the sample's status. */
  status?: number;
  /** Alert id (int64). Default: a stable number. */
  id?: number;
  downloadUrl?: string;
}

/** A malicious sample (one grouped row per MD5). */
export interface SimMalicious {
  md5: string;
  name: string;
  nameZh?: string;
  /** MaliciousKey, e.g. 'WEBSHELL_IMG'. */
  key?: string;
  /** serious | suspicious | remind (any text is served as given). */
  level: string;
  /** 0 unhandled (default), 1 handled, 2 verifying, 3 whitelisted. */
  status?: number;
  paths: SimMaliciousPath[];
}

/** A DescribeImageBaselineCheckResult row (one per check). */
export interface SimBaselineCheck {
  /** BaselineNameKey. */
  key: string;
  /** BaselineNameAlias. */
  alias: string;
  aliasZh?: string;
  /** BaselineClassAlias. */
  classAlias?: string;
  classAliasZh?: string;
  /** BaselineNameLevel: high | medium | low (any text is served as given). */
  level: string;
  /** 0 unfixed, 1 fixed. */
  status: number;
  /** BaselineItemCount, HighRiskItemCount, MiddleRiskItemCount, LowRiskItemCount. */
  itemCount?: number;
  high?: number;
  medium?: number;
  low?: number;
}

export interface SimFindings {
  cve?: SimCve[];
  sca?: SimScaItem[];
  malicious?: SimMalicious[];
  baseline?: SimBaselineCheck[];
}

/**
 * Misbehaviour of one list operation (sim.listQuirks.set(action, quirks)); stays until deleted.
 */
export interface ListQuirks {
  /** That page (1-based) serves one row fewer than it should; TotalCount is unchanged. */
  shortPage?: number;
  /** That page serves no rows. */
  emptyPage?: number;
  /** Added to the TotalCount reported (the rows served stay right). */
  totalCountDelta?: number;
  /** TotalCount is left out of the answer. */
  omitTotal?: boolean;
  /**
   * Pages are cut at the operation's default size (10 or 20) while the answer reports the
   * requested (capped) PageSize.
   */
  ignorePageSize?: boolean;
  /**
   * Each non-empty page gains one extra row for another digest (a copy of its first row with
   * ImageDigest / Digest changed). Only operations whose rows carry a digest:
   * DescribeImageVulList and DescribeAffectedMaliciousFileImages.
   */
  wrongDigestRows?: boolean;
  /** The row array is left out of the answer. */
  omitList?: boolean;
  /** CurrentPage, PageSize, TotalCount (and Count) served as strings. */
  pagingAsText?: boolean;
}

export const FINDING_ACTIONS = [
  'DescribeImageVulList',
  'DescribeImageGroupedVulList',
  'DescribeGroupedMaliciousFiles',
  'DescribeAffectedMaliciousFileImages',
  'DescribeImageBaselineCheckResult',
] as const;

type Answer = { status?: number; body: Record<string, unknown> };
type Row = Record<string, unknown>;

/** The digest wrongDigestRows puts on its foreign rows. */
export const FOREIGN_DIGEST = 'f0'.repeat(32);

export function imageUuid(img: SimImage): string {
  return img.uuid ?? `uuid-${img.digest.slice(0, 8)}`;
}

function missing(name: string): Answer {
  return {
    status: 400,
    body: {
      Code: 'MissingParameter',
      Message: `The input parameter "${name}" that is mandatory for processing this request is not supplied.`,
    },
  };
}

function invalid(name: string): Answer {
  return {
    status: 400,
    body: { Code: 'InvalidParameter', Message: `The specified parameter "${name}" is not valid.` },
  };
}

function given(params: Record<string, string>, name: string): string | undefined {
  const v = params[name];
  return v === undefined || v === '' ? undefined : v;
}

function list(value: string | undefined): string[] | undefined {
  return value === undefined ? undefined : value.split(',').map((s) => s.trim());
}

function stableNumber(...parts: string[]): number {
  const h = createHash('sha256').update(parts.join('\0')).digest();
  return 100_000 + (h.readUInt32BE(0) % 900_000_000);
}

function zh(params: Record<string, string>, en: string | undefined, zhText: string | undefined) {
  return params['Lang'] !== 'en' && zhText !== undefined ? zhText : en;
}

/** Images the request selects (digest/tag/uuid keys as named by the operation, repo filters). */
function selectImages(
  sim: SasSimulator,
  params: Record<string, string>,
  keys: { digest?: string; tag?: string },
): SimImage[] {
  const exact: Array<[keyof SimImage, string | undefined]> = [
    ['digest', keys.digest ? given(params, keys.digest) : undefined],
    ['tag', keys.tag ? given(params, keys.tag) : undefined],
    ['repoId', given(params, 'RepoId')],
    ['repoInstanceId', given(params, 'RepoInstanceId')],
    ['repoRegionId', given(params, 'RepoRegionId')],
  ];
  const fuzzy: Array<[keyof SimImage, string | undefined]> = [
    ['repoName', given(params, 'RepoName')],
    ['repoNamespace', given(params, 'RepoNamespace')],
  ];
  return sim.images.filter(
    (img) =>
      exact.every(([f, v]) => v === undefined || img[f] === v) &&
      fuzzy.every(
        ([f, v]) =>
          v === undefined ||
          (typeof img[f] === 'string' && img[f].toLowerCase().includes(v.toLowerCase())),
      ),
  );
}

function imageName(img: SimImage): string | undefined {
  if (!img.repoName) return undefined;
  const host = img.repoRegionId ? `registry.${img.repoRegionId}.aliyuncs.com/` : '';
  const ns = img.repoNamespace ? `${img.repoNamespace}/` : '';
  return `${host}${ns}${img.repoName}:${img.tag ?? 'latest'}`;
}

function parsePositive(value: string | undefined, fallback: number): number | undefined {
  if (value === undefined) return fallback;
  if (!/^\d{1,9}$/.test(value)) return undefined;
  const n = Number(value);
  return n >= 1 ? n : undefined;
}

interface ListSpec {
  action: string;
  defaultSize: number;
  required?: string[];
  shape: 'top' | 'pageInfo';
  listField: string;
  /** The row field that names the image's digest, for wrongDigestRows. */
  digestField?: string;
}

/** Validation, paging, quirks and the answer's shape, shared by the five operations. */
function listAnswer(
  sim: SasSimulator,
  params: Record<string, string>,
  spec: ListSpec,
  rows: () => Row[] | Answer,
): Answer {
  for (const name of spec.required ?? [])
    if (given(params, name) === undefined) return missing(name);
  const page = parsePositive(params['CurrentPage'], 1);
  if (page === undefined) return invalid('CurrentPage');
  const asked = parsePositive(params['PageSize'], spec.defaultSize);
  if (asked === undefined) return invalid('PageSize');
  const all = rows();
  if (!Array.isArray(all)) return all;
  const quirks = sim.listQuirks.get(spec.action) ?? {};
  const size = Math.min(asked, sim.maxPageSize);
  const cut = quirks.ignorePageSize ? Math.min(spec.defaultSize, sim.maxPageSize) : size;
  let served = all.slice((page - 1) * cut, page * cut);
  if (quirks.emptyPage === page) served = [];
  if (quirks.shortPage === page) served = served.slice(0, -1);
  const first = served[0];
  if (quirks.wrongDigestRows && spec.digestField && first)
    served = [...served, { ...first, [spec.digestField]: FOREIGN_DIGEST }];
  const num = (n: number) => (quirks.pagingAsText ? String(n) : n);
  const paging: Row = { CurrentPage: num(page), PageSize: num(size) };
  if (!quirks.omitTotal) paging['TotalCount'] = num(all.length + (quirks.totalCountDelta ?? 0));
  const body: Row =
    spec.shape === 'top' ? { ...paging } : { PageInfo: { Count: num(served.length), ...paging } };
  if (!quirks.omitList) body[spec.listField] = served;
  return { body };
}

function defaultOs(name: string): { os?: string; release?: string } {
  const parts = name.split(':');
  return parts.length >= 3 ? { os: parts[0], release: parts[1] } : {};
}

function vulRecords(sim: SasSimulator, params: Record<string, string>): Row[] | Answer {
  const dealed = given(params, 'Dealed');
  let handledFilter: boolean | undefined;
  if (dealed === 'y') handledFilter = true;
  else if (dealed === 'n') handledFilter = false;
  else if (dealed !== undefined) {
    if (sim.unknownDealed === 'error') return invalid('Dealed');
    if (sim.unknownDealed === 'none') return [];
  }
  if (params['Type'] !== 'cve') return []; // 'sca' is undocumented on this operation
  const necessity = given(params, 'Necessity');
  const statuses = list(given(params, 'StatusList'));
  const tag = given(params, 'Tag');
  const rows: Row[] = [];
  for (const img of selectImages(sim, params, { digest: 'Digest' })) {
    for (const c of img.findings?.cve ?? []) {
      if (handledFilter !== undefined && (c.handled ?? false) !== handledFilter) continue;
      if (necessity !== undefined && c.necessity !== necessity) continue;
      if (statuses && !statuses.includes(String(c.status ?? 1))) continue;
      if (tag !== undefined && (c.tag ?? 'oval') !== tag) continue;
      const os = defaultOs(c.name);
      const extend =
        'rawExtendContentJson' in c
          ? c.rawExtendContentJson
          : {
              Os: c.os ?? os.os,
              OsRelease: c.osRelease ?? os.release,
              RpmEntityList: (c.packages ?? []).map((p) => ({
                Name: p.name,
                Version: p.version,
                FullVersion: p.fullVersion,
                Path: p.path,
                Layer: p.layer,
                UpdateCmd: p.updateCmd,
                MatchDetail: p.matchDetail,
                MatchList: p.matchList ?? (p.matchDetail !== undefined ? [p.matchDetail] : []),
              })),
            };
      rows.push({
        Name: c.name,
        AliasName: zh(params, c.aliasName, c.aliasNameZh),
        Related: c.related,
        Necessity: c.necessity,
        Status: c.status ?? 1,
        CanFix: c.canFix,
        CanUpdate: c.canUpdate,
        AgentlessCanFix: c.agentlessCanFix,
        Type: 'cve',
        Tag: c.tag ?? 'oval',
        ImageDigest: img.digest,
        Image: imageName(img),
        RepoName: img.repoName,
        RepoNamespace: img.repoNamespace,
        Uuid: imageUuid(img),
        PrimaryId: c.primaryId ?? stableNumber('cve', c.name, img.digest),
        Layers: [...new Set((c.packages ?? []).flatMap((p) => (p.layer ? [p.layer] : [])))],
        FirstTs: sim.findingsTime - 86_400_000,
        LastTs: sim.findingsTime,
        ModifyTs: sim.findingsTime,
        ScanTime: sim.findingsTime,
        ExtendContentJson: extend,
      });
    }
  }
  return rows;
}

function groupedVulItems(sim: SasSimulator, params: Record<string, string>): Row[] {
  const type = given(params, 'Type');
  const necessity = given(params, 'Necessity');
  const groups = new Map<string, Row>();
  const add = (key: string, row: Row) => {
    const had = groups.get(key);
    if (!had) {
      groups.set(key, row);
      return;
    }
    for (const f of ['AsapCount', 'LaterCount', 'NntfCount'])
      had[f] = Number(had[f] ?? 0) + Number(row[f] ?? 0);
  };
  for (const img of selectImages(sim, params, { digest: 'ImageDigest', tag: 'ImageTag' })) {
    if (type === undefined || type === 'sca') {
      for (const s of img.findings?.sca ?? []) {
        const t = s.type ?? 'sca';
        if (type !== undefined && t !== type) continue;
        add(`${t}\0${s.name}`, {
          Name: s.name,
          AliasName: zh(params, s.aliasName, s.aliasNameZh),
          Type: t,
          AsapCount: s.asap ?? 0,
          LaterCount: s.later ?? 0,
          NntfCount: s.nntf ?? 0,
          CanFix: s.canFix,
          Status: s.status ?? 0,
          Tags: s.tags,
          CveScore: s.cveScore,
          Related: s.related,
          AgentlessCanFix: s.agentlessCanFix,
          GmtLast: s.lastScanTime ?? sim.findingsTime,
          LastScanTime: s.lastScanTime ?? sim.findingsTime,
        });
      }
    }
    if (type === undefined || type === 'cve') {
      for (const c of img.findings?.cve ?? []) {
        add(`cve\0${c.name}`, {
          Name: c.name,
          AliasName: zh(params, c.aliasName, c.aliasNameZh),
          Type: 'cve',
          AsapCount: c.necessity === 'asap' ? 1 : 0,
          LaterCount: c.necessity === 'later' ? 1 : 0,
          NntfCount: c.necessity === 'nntf' ? 1 : 0,
          CanFix: c.canFix,
          Status: c.handled ? 1 : 0,
          Related: c.related,
          GmtLast: sim.findingsTime,
          LastScanTime: sim.findingsTime,
        });
      }
    }
  }
  const field = { asap: 'AsapCount', later: 'LaterCount', nntf: 'NntfCount' }[necessity ?? ''];
  return [...groups.values()].filter(
    (r) => necessity === undefined || (field !== undefined && Number(r[field]) > 0),
  );
}

function maliciousMatches(
  m: SimMalicious,
  params: Record<string, string>,
  levels: string[] | undefined,
): boolean {
  const md5 = given(params, 'MaliciousMd5');
  const layer = given(params, 'ImageLayer');
  return (
    (levels === undefined || levels.includes(m.level)) &&
    (md5 === undefined || m.md5 === md5) &&
    (layer === undefined || m.paths.some((p) => p.layer === layer))
  );
}

function groupedMalicious(sim: SasSimulator, params: Record<string, string>): Row[] {
  const levels = list(given(params, 'Levels'));
  const groups = new Map<string, { row: Row; images: Set<string> }>();
  for (const img of selectImages(sim, params, { digest: 'ImageDigest', tag: 'ImageTag' })) {
    for (const m of img.findings?.malicious ?? []) {
      if (!maliciousMatches(m, params, levels)) continue;
      const had = groups.get(m.md5);
      if (had) {
        had.images.add(img.digest);
        continue;
      }
      groups.set(m.md5, {
        images: new Set([img.digest]),
        row: {
          MaliciousName: zh(params, m.name, m.nameZh),
          MaliciousKey: m.key,
          MaliciousMd5: m.md5,
          Level: m.level,
          Status: m.status ?? 0,
          FirstScanTimestamp: sim.findingsTime - 86_400_000,
          LatestScanTimestamp: sim.findingsTime,
        },
      });
    }
  }
  return [...groups.values()].map((g) => ({ ...g.row, ImageCount: g.images.size }));
}

function affectedMalicious(sim: SasSimulator, params: Record<string, string>): Row[] {
  const levels = list(given(params, 'Levels'));
  const status = given(params, 'Status');
  const layer = given(params, 'ImageLayer');
  const rows: Row[] = [];
  for (const img of selectImages(sim, params, { digest: 'ImageDigest', tag: 'ImageTag' })) {
    for (const m of img.findings?.malicious ?? []) {
      if (!maliciousMatches(m, params, levels)) continue;
      for (const p of m.paths) {
        const st = p.status ?? m.status ?? 0;
        if (status !== undefined && String(st) !== status) continue;
        if (layer !== undefined && p.layer !== layer) continue;
        rows.push({
          FilePath: p.filePath,
          Layer: p.layer,
          MaliciousMd5: m.md5,
          Level: m.level,
          Status: st,
          Digest: img.digest,
          Tag: img.tag,
          Image: imageName(img),
          ImageUuid: imageUuid(img),
          Uuid: imageUuid(img),
          Id: p.id ?? stableNumber('malicious', m.md5, img.digest, p.filePath),
          DownloadUrl:
            p.downloadUrl ?? `https://aegis-metadata-file.oss-cn-shanghai.aliyuncs.com/${m.md5}`,
          RepoName: img.repoName,
          RepoId: img.repoId,
          RepoInstanceId: img.repoInstanceId,
          RepoRegionId: img.repoRegionId,
          Namespace: img.repoNamespace,
          FirstScanTimestamp: sim.findingsTime - 86_400_000,
          LatestScanTimestamp: sim.findingsTime,
        });
      }
    }
  }
  return rows;
}

function baselineRows(sim: SasSimulator, params: Record<string, string>): Row[] {
  const uuid = given(params, 'ImageUuid');
  const levels = list(given(params, 'RiskLevel'));
  const criteria = given(params, 'Criteria')?.toLowerCase();
  const criteriaType = given(params, 'CriteriaType');
  const rows: Row[] = [];
  for (const img of sim.images.filter((i) => imageUuid(i) === uuid)) {
    for (const b of img.findings?.baseline ?? []) {
      if (levels && !levels.includes(b.level)) continue;
      if (criteria !== undefined) {
        const fields =
          criteriaType === 'BaselineNameAlias'
            ? [b.alias, b.aliasZh]
            : criteriaType === 'BaselineClassAlias'
              ? [b.classAlias, b.classAliasZh]
              : [b.alias, b.aliasZh, b.classAlias, b.classAliasZh];
        if (!fields.some((f) => f?.toLowerCase().includes(criteria))) continue;
      }
      rows.push({
        BaselineNameKey: b.key,
        BaselineNameAlias: zh(params, b.alias, b.aliasZh),
        BaselineClassAlias: zh(params, b.classAlias, b.classAliasZh),
        BaselineNameLevel: b.level,
        BaselineItemCount: b.itemCount ?? (b.high ?? 0) + (b.medium ?? 0) + (b.low ?? 0),
        HighRiskItemCount: b.high ?? 0,
        MiddleRiskItemCount: b.medium ?? 0,
        LowRiskItemCount: b.low ?? 0,
        Status: b.status,
        FirstScanTime: sim.findingsTime - 86_400_000,
        LastScanTime: sim.findingsTime,
      });
    }
  }
  return rows;
}

/** Registers the five list operations on the simulator. */
export function installFindingHandlers(sim: SasSimulator): void {
  const on = (spec: ListSpec, rows: (params: Record<string, string>) => Row[] | Answer) =>
    sim.handlers.set(spec.action, (ctx: ActionContext) =>
      listAnswer(sim, ctx.params, spec, () => rows(ctx.params)),
    );
  on(
    {
      action: 'DescribeImageVulList',
      defaultSize: 10,
      required: ['Type'],
      shape: 'top',
      listField: 'VulRecords',
      digestField: 'ImageDigest',
    },
    (p) => vulRecords(sim, p),
  );
  on(
    {
      action: 'DescribeImageGroupedVulList',
      defaultSize: 20,
      shape: 'top',
      listField: 'GroupedVulItems',
    },
    (p) => groupedVulItems(sim, p),
  );
  on(
    {
      action: 'DescribeGroupedMaliciousFiles',
      defaultSize: 20,
      required: ['CurrentPage', 'PageSize'],
      shape: 'pageInfo',
      listField: 'GroupedMaliciousFileResponse',
    },
    (p) => groupedMalicious(sim, p),
  );
  on(
    {
      action: 'DescribeAffectedMaliciousFileImages',
      defaultSize: 20,
      required: ['CurrentPage', 'PageSize'],
      shape: 'pageInfo',
      listField: 'AffectedMaliciousFileImagesResponse',
      digestField: 'Digest',
    },
    (p) => affectedMalicious(sim, p),
  );
  on(
    {
      action: 'DescribeImageBaselineCheckResult',
      defaultSize: 20,
      required: ['ImageUuid'],
      shape: 'pageInfo',
      listField: 'BaselineResult',
    },
    (p) => baselineRows(sim, p),
  );
}

export type DealedMode = 'N' | 'Y' | 'A';

const HANDLED_STATUS = new Set([1, 3]);

function byStatus(status: number, dealed: DealedMode): boolean {
  if (dealed === 'A') return true;
  return dealed === 'Y' ? HANDLED_STATUS.has(status) : status === 0;
}

/**
 * The count of one category derived from an image's findings, or undefined when the image has
 * no findings for that category.
 */
export function derivedCount(
  img: SimImage,
  key: keyof SimCounts,
  dealed: DealedMode,
): number | undefined {
  const f = img.findings;
  if (!f) return undefined;
  switch (key) {
    case 'ImageCveVulCount':
      return f.cve?.filter((c) =>
        dealed === 'A' ? true : (c.handled ?? false) === (dealed === 'Y'),
      ).length;
    case 'ImageScaVulCount':
      return f.sca?.filter((s) => byStatus(s.status ?? 0, dealed)).length;
    case 'ImageMaliciousFileCount':
      return f.malicious?.filter((m) => byStatus(m.status ?? 0, dealed)).length;
    case 'ImageBaselineCount':
      return f.baseline?.filter((b) =>
        dealed === 'A' ? true : dealed === 'Y' ? b.status === 1 : b.status === 0,
      ).length;
  }
}

// ---------------------------------------------------------------------------------------------
// A deterministic generator of realistic findings.

export interface GenerateOptions {
  cve: number;
  sca: number;
  malicious: number;
  baseline: number;
  /** Default 1. */
  seed?: number;
}

function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const DEB_PACKAGES = [
  ['openssl', '1.1.1n-0+deb11u4', '/usr/bin/openssl'],
  ['libssl1.1', '1.1.1n-0+deb11u4', '/usr/lib/x86_64-linux-gnu/libssl.so.1.1'],
  ['zlib1g', '1:1.2.11.dfsg-2+deb11u2', '/lib/x86_64-linux-gnu/libz.so.1'],
  ['libc6', '2.31-13+deb11u5', '/lib/x86_64-linux-gnu/libc.so.6'],
  ['curl', '7.74.0-1.3+deb11u7', '/usr/bin/curl'],
  ['libcurl4', '7.74.0-1.3+deb11u7', '/usr/lib/x86_64-linux-gnu/libcurl.so.4'],
  ['libexpat1', '2.2.10-2+deb11u5', '/lib/x86_64-linux-gnu/libexpat.so.1'],
  ['libxml2', '2.9.10+dfsg-6.7+deb11u3', '/usr/lib/x86_64-linux-gnu/libxml2.so.2'],
  ['libsqlite3-0', '3.34.1-3', '/usr/lib/x86_64-linux-gnu/libsqlite3.so.0'],
  ['libseccomp2', '2.5.1-1+deb11u1', '/lib/x86_64-linux-gnu/libseccomp.so.2'],
  ['perl-base', '5.32.1-4+deb11u2', '/usr/bin/perl'],
  ['libgnutls30', '3.7.1-5+deb11u3', '/usr/lib/x86_64-linux-gnu/libgnutls.so.30'],
] as const;

const FLAWS = [
  'heap-based buffer overflow',
  'out-of-bounds read',
  'use-after-free',
  'integer overflow',
  'NULL pointer dereference',
  'denial of service via crafted input',
  'improper certificate validation',
  'path traversal',
];

const SCA_COMPONENTS = [
  ['org.apache.logging.log4j:log4j-core', 'remote code execution via JNDI lookup'],
  ['com.fasterxml.jackson.core:jackson-databind', 'deserialization of untrusted data'],
  ['org.springframework:spring-beans', 'remote code execution (Spring4Shell)'],
  ['lodash', 'prototype pollution'],
  ['minimist', 'prototype pollution'],
  ['requests', 'proxy credentials leak'],
  ['urllib3', 'cookie header not stripped on redirect'],
  ['golang.org/x/net', 'HTTP/2 rapid reset denial of service'],
  ['github.com/opencontainers/runc', 'container breakout through leaked fd'],
  ['org.yaml:snakeyaml', 'arbitrary code execution'],
] as const;

const SAMPLES = [
  ['Webshell', 'WEBSHELL_IMG', '/var/www/html/'],
  ['Mining program', 'MINING_IMG', '/usr/local/bin/'],
  ['Backdoor', 'BACKDOOR_IMG', '/usr/sbin/'],
  ['Trojan', 'TROJAN_IMG', '/tmp/'],
  ['Hacking tool', 'HACKTOOL_IMG', '/opt/tools/'],
  ['Malicious script', 'MALSCRIPT_IMG', '/etc/cron.d/'],
] as const;

const BASELINES = [
  ['ak_leak', 'AccessKey leak', 'Sensitive information'],
  ['weak_password', 'Weak password in system accounts', 'Identity authentication'],
  ['ssh_root_login', 'SSH permits root login', 'Identity authentication'],
  ['private_key_leak', 'Private key file in image', 'Sensitive information'],
  ['env_secret', 'Password in environment variables', 'Sensitive information'],
  ['sudo_nopasswd', 'sudo without password', 'Privilege'],
  ['world_writable', 'World-writable system files', 'File permissions'],
  ['suid_binaries', 'Unexpected SUID binaries', 'File permissions'],
  ['root_user', 'Container runs as root', 'Container configuration'],
  ['healthcheck', 'No HEALTHCHECK instruction', 'Container configuration'],
] as const;

/** Deterministic, realistic findings for one image (same options, same findings). */
export function generateFindings(opts: GenerateOptions): SimFindings {
  const rnd = prng(opts.seed ?? 1);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)] as T;
  const hex = (n: number) =>
    Array.from({ length: n }, () => Math.floor(rnd() * 16).toString(16)).join('');
  const level3 = <T>(high: T, medium: T, low: T): T => {
    const r = rnd();
    return r < 0.3 ? high : r < 0.75 ? medium : low;
  };
  const layers = Array.from({ length: 6 }, () => hex(64));

  const cve: SimCve[] = [];
  for (let i = 0; i < opts.cve; i++) {
    const year = 2018 + Math.floor(rnd() * 8);
    const id = `CVE-${year}-${10_000 + Math.floor(rnd() * 40_000) + i}`;
    const [pkg, version, path] = pick(DEB_PACKAGES);
    const fixable = rnd() >= 0.2;
    const extra = rnd() < 0.15 ? `,CVE-${year}-${60_000 + i}` : '';
    const packages: SimPackage[] =
      rnd() < 0.9
        ? [
            {
              name: pkg,
              version,
              fullVersion: version,
              path,
              layer: pick(layers),
              updateCmd: fixable
                ? `apt-get update && apt-get install ${pkg} --only-upgrade`
                : undefined,
              matchDetail: `${pkg} version less than equals ${version}`,
            },
          ]
        : [];
    const handled = rnd() < 0.1;
    const alias = `${id}: ${pkg} ${pick(FLAWS)}`;
    cve.push({
      name: `debian:11:${id}`,
      aliasName: alias,
      aliasNameZh: `${id}: ${pkg} 漏洞`,
      related: id + extra,
      necessity: level3('asap', 'later', 'nntf'),
      canFix: fixable ? 'yes' : 'no',
      canUpdate: fixable,
      status: handled && rnd() < 0.5 ? 7 : 1,
      handled,
      packages,
      primaryId: 700_000 + i,
    });
  }

  const sca: SimScaItem[] = [];
  for (let i = 0; i < opts.sca; i++) {
    const [component, flaw] = pick(SCA_COMPONENTS);
    const id = `CVE-${2019 + Math.floor(rnd() * 7)}-${20_000 + Math.floor(rnd() * 30_000) + i}`;
    const level = level3('asap', 'later', 'nntf');
    const r = rnd();
    const status = r < 0.8 ? 0 : r < 0.9 ? 1 : r < 0.95 ? 3 : 2;
    const score =
      level === 'asap' ? 7 + rnd() * 3 : level === 'later' ? 4 + rnd() * 3 : 0.1 + rnd() * 3.8;
    sca.push({
      name: `sca:${component}:${id}`,
      aliasName: `${id}: ${component} ${flaw}`,
      aliasNameZh: `${id}: ${component} 漏洞`,
      asap: level === 'asap' ? 1 : 0,
      later: level === 'later' ? 1 : 0,
      nntf: level === 'nntf' ? 1 : 0,
      canFix: rnd() < 0.25 ? 'no' : 'yes',
      status,
      tags: rnd() < 0.3 ? 'EXP exists' : undefined,
      cveScore: score.toFixed(1),
      related: id,
      agentlessCanFix: rnd() < 0.5 ? 'true' : 'false',
    });
  }

  const malicious: SimMalicious[] = [];
  for (let i = 0; i < opts.malicious; i++) {
    const [name, key, dir] = SAMPLES[i % SAMPLES.length] as (typeof SAMPLES)[number];
    const r = rnd();
    const level = r < 0.5 ? 'serious' : r < 0.8 ? 'suspicious' : 'remind';
    const files = 1 + Math.floor(rnd() * 2);
    malicious.push({
      md5: hex(32),
      name,
      nameZh: `恶意样本 ${name}`,
      key,
      level,
      status: rnd() < 0.85 ? 0 : 1,
      paths: Array.from({ length: files }, (_, j) => ({
        filePath: `${dir}${key.toLowerCase().replace('_img', '')}${i}${j ? `.${j}` : ''}`,
        layer: pick(layers),
      })),
    });
  }

  const baseline: SimBaselineCheck[] = [];
  for (let i = 0; i < opts.baseline; i++) {
    const [key, alias, cls] = BASELINES[i % BASELINES.length] as (typeof BASELINES)[number];
    const round = Math.floor(i / BASELINES.length);
    const level = level3('high', 'medium', 'low');
    const high = level === 'high' ? 1 + Math.floor(rnd() * 3) : 0;
    const medium = Math.floor(rnd() * 3);
    const low = Math.floor(rnd() * 4);
    baseline.push({
      key: round ? `${key}_${round}` : key,
      alias: round ? `${alias} (${round + 1})` : alias,
      aliasZh: `基线检查 ${key}`,
      classAlias: cls,
      level,
      status: rnd() < 0.8 ? 0 : 1,
      itemCount: high + medium + low,
      high,
      medium,
      low,
    });
  }
  return { cve, sca, malicious, baseline };
}

// The malicious-file lists of one image: the samples (DescribeGroupedMaliciousFiles) joined with
// where each sits in this image (DescribeAffectedMaliciousFileImages), read whole or not at all.
import { truncate } from './api-errors.js';
import type { Endpoint } from './endpoints.js';
import {
  checkDigest,
  fail,
  MAX_FILE_PATHS,
  optInt,
  optText,
  readAllPages,
  rowObject,
  type FindingList,
  type SasCaller,
} from './findings-wire.js';
import { digestOf, repoParams, type ListTarget } from './list-target.js';

/** A DescribeGroupedMaliciousFiles row: one sample (MD5). */
export interface MaliciousSample {
  md5: string;
  /** MaliciousName; '' when absent. */
  name: string;
  /** MaliciousKey, e.g. WEBSHELL_IMG. */
  key?: string;
  /** serious | suspicious | remind as answered; '' when absent. */
  level: string;
  /** 0 unhandled, 1 handled, 2 verifying, 3 whitelisted (over the images it was found in). */
  status?: number;
}

/** A DescribeAffectedMaliciousFileImages row: where a sample sits in this image. */
export interface MaliciousFile {
  /** The row's Id when it has one: its identity across pages. */
  id?: string;
  path: string;
  layer?: string;
  /** This image's status of the sample. */
  status?: number;
}

export interface MaliciousRecord extends MaliciousSample {
  files: MaliciousFile[];
}

/** DescribeGroupedMaliciousFiles: the malicious samples found in the image, without paths. */
export async function describeGroupedMaliciousFiles(
  api: SasCaller,
  endpoint: Endpoint,
  target: ListTarget,
): Promise<FindingList<MaliciousSample>> {
  const digest = digestOf(target);
  return readAllPages(api, {
    endpoint,
    action: 'DescribeGroupedMaliciousFiles',
    params: [['ImageDigest', digest], ...repoParams(target)],
    paging: 'pageInfo',
    listField: 'GroupedMaliciousFileResponse',
    what: 'malicious-file findings',
    key: (r) => r.md5,
    readRow: (raw, ctx) => {
      const { row, id } = rowObject(raw, ctx, 'GroupedMaliciousFileResponse', 'MaliciousMd5');
      return {
        md5: id,
        name: optText(row['MaliciousName']) ?? '',
        key: optText(row['MaliciousKey']),
        level: optText(row['Level']) ?? '',
        status: optInt(row['Status'], true),
      };
    },
  });
}

/** DescribeAffectedMaliciousFileImages: where one sample (MD5) sits in the image. */
export async function describeAffectedMaliciousFileImages(
  api: SasCaller,
  endpoint: Endpoint,
  target: ListTarget,
  md5: string,
  shared: { budget?: { used: number; limit: number }; signal?: AbortSignal } = {},
): Promise<FindingList<MaliciousFile>> {
  const digest = digestOf(target);
  return readAllPages(api, {
    endpoint,
    action: 'DescribeAffectedMaliciousFileImages',
    params: [['MaliciousMd5', md5], ['ImageDigest', digest], ...repoParams(target)],
    paging: 'pageInfo',
    listField: 'AffectedMaliciousFileImagesResponse',
    what: 'malicious file paths (over all its samples)',
    ...shared,
    // A repeated row (pages that overlap) must be noticed: Id when present, else path and layer.
    key: (f) => (f.id !== undefined ? `id ${f.id}` : `${f.path} in layer ${f.layer ?? '(none)'}`),
    readRow: (raw, ctx) => {
      const { row, id } = rowObject(raw, ctx, 'AffectedMaliciousFileImagesResponse', 'FilePath');
      checkDigest(row, 'Digest', digest, ctx);
      const rowMd5 = optText(row['MaliciousMd5']);
      if (rowMd5 !== undefined && rowMd5.toLowerCase() !== md5.toLowerCase())
        throw fail(
          `${ctx.action} answered a row for another sample (MaliciousMd5 ${truncate(rowMd5, 80)}) when asked for ${truncate(md5, 80)}: its filter cannot be trusted, so the list is not used.`,
          ctx.requestId,
        );
      const rowId = optText(row['Id']);
      return {
        ...(rowId === undefined ? {} : { id: rowId }),
        path: id,
        layer: optText(row['Layer']),
        status: optInt(row['Status'], true),
      };
    },
  });
}

/**
 * The image's malicious samples, each with the files it was found at in this image. The
 * per-sample lists are read concurrently (the client's slots bound how many are in flight);
 * the samples are findings (MAX_LIST_ROWS bounds them, as every category); their file rows share
 * a bound of their own, MAX_FILE_PATHS per image, and the first failure stops the others paging on.
 */
export async function listMaliciousFiles(
  api: SasCaller,
  endpoint: Endpoint,
  target: ListTarget,
): Promise<FindingList<MaliciousRecord>> {
  const samples = await describeGroupedMaliciousFiles(api, endpoint, target);
  const stop = new AbortController();
  const shared = { budget: { used: 0, limit: MAX_FILE_PATHS }, signal: stop.signal };
  const reads = samples.records.map((s) =>
    describeAffectedMaliciousFileImages(api, endpoint, target, s.md5, shared).catch(
      (err: unknown) => {
        // The reason is what the others throw when they stop: the caller sees this GateError.
        stop.abort(err);
        throw err;
      },
    ),
  );
  for (const r of reads) r.catch(() => undefined);
  const records: MaliciousRecord[] = [];
  const requestIds = [...samples.requestIds];
  const times = [samples.answeredAt];
  for (const [i, sample] of samples.records.entries()) {
    const files = await (reads[i] as Promise<FindingList<MaliciousFile>>);
    requestIds.push(...files.requestIds);
    times.push(files.answeredAt);
    if (files.records.length === 0)
      throw fail(
        `DescribeAffectedMaliciousFileImages lists no file of sample ${truncate(sample.md5, 80)} in this image, though DescribeGroupedMaliciousFiles lists the sample for it, so where it is and whether it is handled are unknown. Re-run the job; if it persists, report the RequestIds to Alibaba Cloud support.`,
        files.requestIds[0],
      );
    records.push({ ...sample, files: files.records });
  }
  const list: FindingList<MaliciousRecord> = {
    records,
    totalCount: samples.totalCount,
    requestIds,
  };
  // Answered when the earliest of its lists was, if every one of them says when.
  if (times.every((t) => t !== undefined)) list.answeredAt = Math.min(...times);
  return list;
}

// Reading the Security Center finding lists off the wire: field readers that keep text raw but
// bounded, and the one paged reader the five list operations share. The reader fails closed: a
// list it cannot show complete and well-formed is a GateError, never a shorter list.
import { bareDigest } from '../core/digest.js';
import { GateError } from '../infra/errors.js';
import { shorten } from '../infra/text.js';
import { truncate } from './api-errors.js';
import { SAS_VERSION, type RpcAnswer, type RpcCall } from './client.js';
import type { Endpoint } from './endpoints.js';

/** The Security Center API as the finding readers use it; AcsClient satisfies it. */
export interface SasCaller {
  call(call: RpcCall): Promise<RpcAnswer>;
}

/** Most findings one category list of one image may have; a longer list is not read. */
export const MAX_LIST_ROWS = 2_000;
/** Most malicious file paths read per image, over all its samples (a bound of its own). */
export const MAX_FILE_PATHS = 20_000;
/** Longest text field kept (characters); longer text is cut and ends in '…'. */
export const MAX_TEXT = 2_000;
/** Page size asked for; the server may cap it and reports the size it used. */
export const REQUEST_PAGE_SIZE = 100;

const SHAPE_ADVICE =
  'Re-run the job; if it persists, report the RequestId to Alibaba Cloud support (the answer is not of the documented shape).';
const INCOMPLETE_ADVICE =
  'Security Center may have changed the list while it was read (a scan finishing): re-run the job; if it persists, report the RequestId to Alibaba Cloud support.';

export function fail(message: string, requestId: string | undefined): GateError {
  return new GateError(message, requestId);
}

/**
 * A list longer than MAX_LIST_ROWS: recognisable (instanceof, or kind 'list-bound') so the
 * caller can tell "too many to read" from "could not be read".
 */
export class ListBoundError extends GateError {
  readonly kind = 'list-bound';

  constructor(
    readonly action: string,
    readonly totalCount: number,
    readonly limit: number,
    what: string,
    requestId?: string,
  ) {
    super(
      `${action} lists ${totalCount.toLocaleString('en-US')} ${what} for this image, more than the ${limit.toLocaleString('en-US')} the gate reads, so the list was not read and nothing counted from it can be checked. Handle or fix findings in Security Center, or turn off the limits that need this list.`,
      requestId,
    );
    this.name = 'ListBoundError';
  }
}

/** Cut to `max` characters (infra/text.ts: scrubbed first, ending in '…', pairs kept whole). */
export function capText(s: string, max = MAX_TEXT): string {
  return shorten(s, max);
}

/** A text field, kept raw but capped; numbers and booleans as their text; '' and others absent. */
export function optText(v: unknown): string | undefined {
  if (typeof v === 'string') return v === '' ? undefined : capText(v);
  if ((typeof v === 'number' && Number.isFinite(v)) || typeof v === 'boolean') return String(v);
  return undefined;
}

/** A JSON integer or a string of digits (optionally negative); undefined when unreadable. */
export function optInt(v: unknown, allowNegative = false): number | undefined {
  let n: number | undefined;
  if (typeof v === 'number') n = v;
  else if (typeof v === 'string' && /^\s*-?\d{1,15}\s*$/.test(v)) n = Number(v);
  if (n === undefined || !Number.isSafeInteger(n)) return undefined;
  return n < 0 && !allowNegative ? undefined : n;
}

/** An identity field: a non-blank string, capped; undefined otherwise. */
export function identity(v: unknown): string | undefined {
  return typeof v === 'string' && v.trim() !== '' ? capText(v) : undefined;
}

/** Ids from a comma-separated list (or an array of strings): trimmed, de-duplicated. */
export function splitIds(v: unknown): string[] {
  const parts: string[] = [];
  if (typeof v === 'string') {
    const capped = capText(v);
    const pieces = capped.split(',');
    if (capped !== v) pieces.pop(); // the cut piece is not an id
    parts.push(...pieces);
  } else if (Array.isArray(v)) {
    for (const x of v.slice(0, 100)) if (typeof x === 'string') parts.push(capText(x, 200));
  }
  return [...new Set(parts.map((p) => p.trim()).filter((p) => p !== ''))];
}

export function asObject(v: unknown): Record<string, unknown> | undefined {
  return v && typeof v === 'object' && !Array.isArray(v)
    ? (v as Record<string, unknown>)
    : undefined;
}

/** Where a row came from, for the row readers' messages. */
export interface RowContext {
  action: string;
  page: number;
  requestId?: string;
}

/** The row as an object with its identity field, or a GateError naming the operation. */
export function rowObject(
  raw: unknown,
  ctx: RowContext,
  listField: string,
  idField: string,
): { row: Record<string, unknown>; id: string } {
  const row = asObject(raw);
  if (!row)
    throw fail(
      `${ctx.action} answered a ${listField} entry that is not an object (page ${ctx.page}), so the list cannot be read. ${SHAPE_ADVICE}`,
      ctx.requestId,
    );
  const id = identity(row[idField]);
  if (id === undefined)
    throw fail(
      `${ctx.action} answered a ${listField} entry without ${idField} (page ${ctx.page}), so the list cannot be read. ${SHAPE_ADVICE}`,
      ctx.requestId,
    );
  return { row, id };
}

/** A row naming another image means the server's filter cannot be trusted. */
export function checkDigest(
  row: Record<string, unknown>,
  field: string,
  digest: string,
  ctx: RowContext,
) {
  const got = optText(row[field]);
  if (got === undefined || bareDigest(got) === digest) return;
  throw fail(
    `${ctx.action} answered a row for another image (${field} ${truncate(got, 80)}) when asked for sha256:${digest}: Security Center's image filter cannot be trusted, so the list is not used. Check that digest, region and repository filters name one image.`,
    ctx.requestId,
  );
}

export interface PagedSpec<T> {
  endpoint: Endpoint;
  action: string;
  /** Filters; Lang, CurrentPage and PageSize are added. */
  params: ReadonlyArray<readonly [string, string]>;
  /** 'top': CurrentPage/PageSize/TotalCount beside the rows; 'pageInfo': inside PageInfo. */
  paging: 'top' | 'pageInfo';
  listField: string;
  /** Reads one row; throws a GateError when it is malformed or not of the image asked for. */
  readRow: (raw: unknown, ctx: RowContext) => T;
  /** Identity of a record the list holds once at most (a repeat means the pages overlapped). */
  key?: (record: T) => string | undefined;
  /** What the rows are, for the bound's message ('findings'). */
  what: string;
  /**
   * Rows this list shares a bound with (several lists of one image, e.g. the files of every
   * malicious sample) and that bound; default: MAX_LIST_ROWS for this list alone.
   */
  budget?: { used: number; limit: number };
  /**
   * Aborted (with that failure as the reason, which is then thrown) when a list read alongside
   * has failed: no further pages are asked for.
   */
  signal?: AbortSignal;
}

export interface FindingList<T> {
  records: T[];
  /** TotalCount the server reported (= records.length). */
  totalCount: number;
  /** RequestIds of every answer read, in page order. */
  requestIds: string[];
  /** When Security Center answered the earliest page, by its clock; undefined when a page had no Date. */
  answeredAt?: number;
}

interface Page {
  list: unknown[];
  total: number;
  pageSize?: number;
  requestId?: string;
  serverTime?: number;
}

function quote(v: unknown): string {
  return v === undefined ? 'missing' : truncate(String(JSON.stringify(v)), 60);
}

async function fetchPage<T>(
  api: SasCaller,
  spec: PagedSpec<T>,
  page: number,
  size: number,
): Promise<Page> {
  const { action } = spec;
  const answer = await api.call({
    endpoint: spec.endpoint,
    action,
    version: SAS_VERSION,
    params: [
      ['Lang', 'en'],
      ...spec.params,
      ['CurrentPage', String(page)],
      ['PageSize', String(size)],
    ],
  });
  const { requestId } = answer;
  const incomplete = (what: string) =>
    fail(
      `${action} answered page ${page} ${what}, so the list is treated as incomplete. ${SHAPE_ADVICE}`,
      requestId,
    );
  const info = spec.paging === 'top' ? answer.body : asObject(answer.body['PageInfo']);
  if (!info) throw incomplete('without a PageInfo object');
  const total = optInt(info['TotalCount']);
  if (total === undefined)
    throw incomplete(`without a readable TotalCount (${quote(info['TotalCount'])})`);
  const pageSize = info['PageSize'] === undefined ? undefined : optInt(info['PageSize']);
  if (pageSize === 0 || (pageSize === undefined && info['PageSize'] !== undefined))
    throw incomplete(`with an unreadable PageSize (${quote(info['PageSize'])})`);
  // A later page must say which page it is: a server that ignores CurrentPage would otherwise
  // answer page 1 again, and rows counted twice could hide others.
  if (page > 1 && info['CurrentPage'] === undefined) throw incomplete('without CurrentPage');
  if (info['CurrentPage'] !== undefined && optInt(info['CurrentPage']) !== page)
    throw incomplete(`as page ${quote(info['CurrentPage'])}`);
  const list = answer.body[spec.listField];
  if (!Array.isArray(list)) throw incomplete(`without a ${spec.listField} array`);
  if (info['Count'] !== undefined && optInt(info['Count']) !== list.length)
    throw incomplete(`with Count ${quote(info['Count'])} beside ${list.length} rows`);
  return { list, total, pageSize, requestId, serverTime: answer.serverTime };
}

/**
 * Every row of one list. Page 1 gives TotalCount and the page size the server used; all later
 * pages are then asked for at once. Complete only when every page has exactly the rows it
 * should and they add up to TotalCount, which every page reports alike.
 */
export async function readAllPages<T>(api: SasCaller, spec: PagedSpec<T>): Promise<FindingList<T>> {
  const { action } = spec;
  const budget = spec.budget ?? { used: 0, limit: MAX_LIST_ROWS };
  const first = await fetchPage(api, spec, 1, REQUEST_PAGE_SIZE);
  const total = first.total;
  budget.used += total;
  if (budget.used > budget.limit)
    throw new ListBoundError(action, budget.used, budget.limit, spec.what, first.requestId);

  const size = first.pageSize ?? (first.list.length === total ? Math.max(total, 1) : undefined);
  if (size === undefined)
    throw fail(
      `${action} answered page 1 with ${first.list.length} of ${total} rows and no PageSize, so the other pages cannot be located and the list is treated as incomplete. ${SHAPE_ADVICE}`,
      first.requestId,
    );
  const pageCount = Math.ceil(total / size);
  const expected = (p: number) => Math.max(0, Math.min(size, total - (p - 1) * size));

  spec.signal?.throwIfAborted();
  const records: T[] = [];
  const requestIds: string[] = [];
  const seen = new Set<string>();
  const incomplete = (page: number, answer: Page, what: string) =>
    fail(
      `${action} answered an incomplete list: page ${page} ${what} (TotalCount ${total}, PageSize ${size}). ${INCOMPLETE_ADVICE}`,
      answer.requestId,
    );
  /** One page's rows, each read and the page checked against page 1, as soon as it answers. */
  const check = (page: number, answer: Page): { answer: Page; rows: T[] } => {
    const ctx: RowContext = { action, page, requestId: answer.requestId };
    const rows = answer.list.map((raw) => spec.readRow(raw, ctx));
    const why = (what: string) => incomplete(page, answer, what);
    if (answer.total !== total) throw why(`reports TotalCount ${answer.total}`);
    if (answer.pageSize !== undefined && answer.pageSize !== size)
      throw why(`reports PageSize ${answer.pageSize}`);
    if (rows.length !== expected(page))
      throw why(`has ${rows.length} rows where ${expected(page)} were expected`);
    return { answer, rows };
  };
  /** Rows taken in page order: a row listed twice means the pages overlapped. */
  const take = (page: number, { answer, rows }: { answer: Page; rows: T[] }) => {
    if (answer.requestId) requestIds.push(answer.requestId);
    const why = (what: string) => incomplete(page, answer, what);
    for (const r of rows) {
      const k = spec.key?.(r);
      if (k === undefined) continue;
      if (seen.has(k)) throw why(`lists ${truncate(k, 80)} a second time`);
      seen.add(k);
    }
    records.push(...rows);
  };
  take(1, check(1, first));
  const later = Array.from({ length: Math.max(0, pageCount - 1) }, (_, i) =>
    fetchPage(api, spec, i + 2, size).then((answer) => check(i + 2, answer)),
  );
  // The first page to fail, whichever it is, ends the read at once: a later page's failure is
  // never kept waiting behind an earlier page still in flight (the caller then stops the rest).
  const failed = new Promise<never>((_, reject) => {
    for (const p of later) p.catch(reject);
  });
  failed.catch(() => undefined);
  const pages = [first];
  for (const [i, p] of later.entries()) {
    const page = await Promise.race([p, failed]);
    take(i + 2, page);
    pages.push(page.answer);
  }
  if (records.length !== total)
    throw fail(
      `${action} answered ${records.length} rows where TotalCount is ${total}, so the list is incomplete. ${INCOMPLETE_ADVICE}`,
      first.requestId,
    );
  const times = pages.map((p) => p.serverTime);
  const answeredAt = times.every((t) => t !== undefined) ? Math.min(...times) : undefined;
  return answeredAt === undefined
    ? { records, totalCount: total, requestIds }
    : { records, totalCount: total, requestIds, answeredAt };
}

export const id = 618;
export const ids = [618];
export const modules = {

/***/ 9618:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  lookUpUuid: () => (/* binding */ lookUpUuid),
  readFindingList: () => (/* binding */ readFindingList)
});

// EXTERNAL MODULE: ./src/alibaba/api-errors.ts
var api_errors = __webpack_require__(6802);
// EXTERNAL MODULE: ./src/core/digest.ts
var core_digest = __webpack_require__(5543);
// EXTERNAL MODULE: ./src/infra/errors.ts
var errors = __webpack_require__(639);
// EXTERNAL MODULE: ./src/infra/text.ts
var infra_text = __webpack_require__(1671);
// EXTERNAL MODULE: ./src/alibaba/client.ts
var client = __webpack_require__(7597);
;// CONCATENATED MODULE: ./src/alibaba/findings-wire.ts
// Reading the Security Center finding lists off the wire: field readers that keep text raw but
// bounded, and the one paged reader the five list operations share. The reader fails closed: a
// list it cannot show complete and well-formed is a GateError, never a shorter list.





/** Most findings one category list of one image may have; a longer list is not read. */
const MAX_LIST_ROWS = 2_000;
/** Most malicious file paths read per image, over all its samples (a bound of its own). */
const MAX_FILE_PATHS = 20_000;
/** Longest text field kept (characters); longer text is cut and ends in '…'. */
const MAX_TEXT = 2_000;
/** Page size asked for; the server may cap it and reports the size it used. */
const REQUEST_PAGE_SIZE = 100;
const SHAPE_ADVICE = 'Re-run the job; if it persists, report the RequestId to Alibaba Cloud support (the answer is not of the documented shape).';
const INCOMPLETE_ADVICE = 'Security Center may have changed the list while it was read (a scan finishing): re-run the job; if it persists, report the RequestId to Alibaba Cloud support.';
function fail(message, requestId) {
    return new errors/* GateError */.ue(message, requestId);
}
/**
 * A list longer than MAX_LIST_ROWS: recognisable (instanceof, or kind 'list-bound') so the
 * caller can tell "too many to read" from "could not be read".
 */
class ListBoundError extends errors/* GateError */.ue {
    action;
    totalCount;
    limit;
    kind = 'list-bound';
    constructor(action, totalCount, limit, what, requestId) {
        super(`${action} lists ${totalCount.toLocaleString('en-US')} ${what} for this image, more than the ${limit.toLocaleString('en-US')} the gate reads, so the list was not read and nothing counted from it can be checked. Handle or fix findings in Security Center, or turn off the limits that need this list.`, requestId);
        this.action = action;
        this.totalCount = totalCount;
        this.limit = limit;
        this.name = 'ListBoundError';
    }
}
/** Cut to `max` characters (infra/text.ts: scrubbed first, ending in '…', pairs kept whole). */
function capText(s, max = MAX_TEXT) {
    return (0,infra_text/* shorten */.ml)(s, max);
}
/** A text field, kept raw but capped; numbers and booleans as their text; '' and others absent. */
function optText(v) {
    if (typeof v === 'string')
        return v === '' ? undefined : capText(v);
    if ((typeof v === 'number' && Number.isFinite(v)) || typeof v === 'boolean')
        return String(v);
    return undefined;
}
/** A JSON integer or a string of digits (optionally negative); undefined when unreadable. */
function optInt(v, allowNegative = false) {
    let n;
    if (typeof v === 'number')
        n = v;
    else if (typeof v === 'string' && /^\s*-?\d{1,15}\s*$/.test(v))
        n = Number(v);
    if (n === undefined || !Number.isSafeInteger(n))
        return undefined;
    return n < 0 && !allowNegative ? undefined : n;
}
/** An identity field: a non-blank string, capped; undefined otherwise. */
function identity(v) {
    return typeof v === 'string' && v.trim() !== '' ? capText(v) : undefined;
}
/** Ids from a comma-separated list (or an array of strings): trimmed, de-duplicated. */
function splitIds(v) {
    const parts = [];
    if (typeof v === 'string') {
        const capped = capText(v);
        const pieces = capped.split(',');
        if (capped !== v)
            pieces.pop(); // the cut piece is not an id
        parts.push(...pieces);
    }
    else if (Array.isArray(v)) {
        for (const x of v.slice(0, 100))
            if (typeof x === 'string')
                parts.push(capText(x, 200));
    }
    return [...new Set(parts.map((p) => p.trim()).filter((p) => p !== ''))];
}
function asObject(v) {
    return v && typeof v === 'object' && !Array.isArray(v)
        ? v
        : undefined;
}
/** The row as an object with its identity field, or a GateError naming the operation. */
function rowObject(raw, ctx, listField, idField) {
    const row = asObject(raw);
    if (!row)
        throw fail(`${ctx.action} answered a ${listField} entry that is not an object (page ${ctx.page}), so the list cannot be read. ${SHAPE_ADVICE}`, ctx.requestId);
    const id = identity(row[idField]);
    if (id === undefined)
        throw fail(`${ctx.action} answered a ${listField} entry without ${idField} (page ${ctx.page}), so the list cannot be read. ${SHAPE_ADVICE}`, ctx.requestId);
    return { row, id };
}
/** A row naming another image means the server's filter cannot be trusted. */
function checkDigest(row, field, digest, ctx) {
    const got = optText(row[field]);
    if (got === undefined || (0,core_digest/* bareDigest */.$)(got) === digest)
        return;
    throw fail(`${ctx.action} answered a row for another image (${field} ${(0,api_errors/* truncate */.xv)(got, 80)}) when asked for sha256:${digest}: Security Center's image filter cannot be trusted, so the list is not used. Check that digest, region and repository filters name one image.`, ctx.requestId);
}
function quote(v) {
    return v === undefined ? 'missing' : (0,api_errors/* truncate */.xv)(String(JSON.stringify(v)), 60);
}
async function fetchPage(api, spec, page, size) {
    const { action } = spec;
    const answer = await api.call({
        endpoint: spec.endpoint,
        action,
        version: client/* SAS_VERSION */.Bs,
        params: [
            ['Lang', 'en'],
            ...spec.params,
            ['CurrentPage', String(page)],
            ['PageSize', String(size)],
        ],
    });
    const { requestId } = answer;
    const incomplete = (what) => fail(`${action} answered page ${page} ${what}, so the list is treated as incomplete. ${SHAPE_ADVICE}`, requestId);
    const info = spec.paging === 'top' ? answer.body : asObject(answer.body['PageInfo']);
    if (!info)
        throw incomplete('without a PageInfo object');
    const total = optInt(info['TotalCount']);
    if (total === undefined)
        throw incomplete(`without a readable TotalCount (${quote(info['TotalCount'])})`);
    const pageSize = info['PageSize'] === undefined ? undefined : optInt(info['PageSize']);
    if (pageSize === 0 || (pageSize === undefined && info['PageSize'] !== undefined))
        throw incomplete(`with an unreadable PageSize (${quote(info['PageSize'])})`);
    // A later page must say which page it is: a server that ignores CurrentPage would otherwise
    // answer page 1 again, and rows counted twice could hide others.
    if (page > 1 && info['CurrentPage'] === undefined)
        throw incomplete('without CurrentPage');
    if (info['CurrentPage'] !== undefined && optInt(info['CurrentPage']) !== page)
        throw incomplete(`as page ${quote(info['CurrentPage'])}`);
    const list = answer.body[spec.listField];
    if (!Array.isArray(list))
        throw incomplete(`without a ${spec.listField} array`);
    if (info['Count'] !== undefined && optInt(info['Count']) !== list.length)
        throw incomplete(`with Count ${quote(info['Count'])} beside ${list.length} rows`);
    return { list, total, pageSize, requestId, serverTime: answer.serverTime };
}
/**
 * Every row of one list. Page 1 gives TotalCount and the page size the server used; all later
 * pages are then asked for at once. Complete only when every page has exactly the rows it
 * should and they add up to TotalCount, which every page reports alike.
 */
async function readAllPages(api, spec) {
    const { action } = spec;
    const budget = spec.budget ?? { used: 0, limit: MAX_LIST_ROWS };
    const first = await fetchPage(api, spec, 1, REQUEST_PAGE_SIZE);
    const total = first.total;
    budget.used += total;
    if (budget.used > budget.limit)
        throw new ListBoundError(action, budget.used, budget.limit, spec.what, first.requestId);
    const size = first.pageSize ?? (first.list.length === total ? Math.max(total, 1) : undefined);
    if (size === undefined)
        throw fail(`${action} answered page 1 with ${first.list.length} of ${total} rows and no PageSize, so the other pages cannot be located and the list is treated as incomplete. ${SHAPE_ADVICE}`, first.requestId);
    const pageCount = Math.ceil(total / size);
    const expected = (p) => Math.max(0, Math.min(size, total - (p - 1) * size));
    spec.signal?.throwIfAborted();
    const records = [];
    const requestIds = [];
    const seen = new Set();
    const incomplete = (page, answer, what) => fail(`${action} answered an incomplete list: page ${page} ${what} (TotalCount ${total}, PageSize ${size}). ${INCOMPLETE_ADVICE}`, answer.requestId);
    /** One page's rows, each read and the page checked against page 1, as soon as it answers. */
    const check = (page, answer) => {
        const ctx = { action, page, requestId: answer.requestId };
        const rows = answer.list.map((raw) => spec.readRow(raw, ctx));
        const why = (what) => incomplete(page, answer, what);
        if (answer.total !== total)
            throw why(`reports TotalCount ${answer.total}`);
        if (answer.pageSize !== undefined && answer.pageSize !== size)
            throw why(`reports PageSize ${answer.pageSize}`);
        if (rows.length !== expected(page))
            throw why(`has ${rows.length} rows where ${expected(page)} were expected`);
        return { answer, rows };
    };
    /** Rows taken in page order: a row listed twice means the pages overlapped. */
    const take = (page, { answer, rows }) => {
        if (answer.requestId)
            requestIds.push(answer.requestId);
        const why = (what) => incomplete(page, answer, what);
        for (const r of rows) {
            const k = spec.key?.(r);
            if (k === undefined)
                continue;
            if (seen.has(k))
                throw why(`lists ${(0,api_errors/* truncate */.xv)(k, 80)} a second time`);
            seen.add(k);
        }
        records.push(...rows);
    };
    take(1, check(1, first));
    const later = Array.from({ length: Math.max(0, pageCount - 1) }, (_, i) => fetchPage(api, spec, i + 2, size).then((answer) => check(i + 2, answer)));
    // The first page to fail, whichever it is, ends the read at once: a later page's failure is
    // never kept waiting behind an earlier page still in flight (the caller then stops the rest).
    const failed = new Promise((_, reject) => {
        for (const p of later)
            p.catch(reject);
    });
    failed.catch(() => undefined);
    const pages = [first];
    for (const [i, p] of later.entries()) {
        const page = await Promise.race([p, failed]);
        take(i + 2, page);
        pages.push(page.answer);
    }
    if (records.length !== total)
        throw fail(`${action} answered ${records.length} rows where TotalCount is ${total}, so the list is incomplete. ${INCOMPLETE_ADVICE}`, first.requestId);
    const times = pages.map((p) => p.serverTime);
    const answeredAt = times.every((t) => t !== undefined) ? Math.min(...times) : undefined;
    return answeredAt === undefined
        ? { records, totalCount: total, requestIds }
        : { records, totalCount: total, requestIds, answeredAt };
}

;// CONCATENATED MODULE: ./src/alibaba/list-target.ts
// The image a finding list is read for: its digest (lists are read by digest, never by tag) and
// the count query's repository filters, as request parameters.



/** Row field name for each fact. */
const FACT_FIELDS = [
    ['uuid', 'Uuid'],
    ['repoNamespace', 'RepoNamespace'],
    ['repoName', 'RepoName'],
];
function digestOf(target) {
    const digest = (0,core_digest/* bareDigest */.$)(target.digest);
    if (!/^[0-9a-f]{64}$/.test(digest))
        throw fail(`The image digest "${(0,api_errors/* truncate */.xv)(target.digest, 80)}" is not a sha256 digest, so Security Center's finding lists cannot be asked for it: give it as sha256:<64 hex digits>.`, undefined);
    return digest;
}
function repoParams(target) {
    const params = [];
    for (const [name, value] of [
        ['RepoRegionId', target.repoRegionId],
        ['RepoInstanceId', target.repoInstanceId],
        ['RepoId', target.repoId],
    ]) {
        if (value !== undefined && value !== '')
            params.push([name, value]);
    }
    return params;
}

;// CONCATENATED MODULE: ./src/alibaba/malicious-api.ts
// The malicious-file lists of one image: the samples (DescribeGroupedMaliciousFiles) joined with
// where each sits in this image (DescribeAffectedMaliciousFileImages), read whole or not at all.



/** DescribeGroupedMaliciousFiles: the malicious samples found in the image, without paths. */
async function describeGroupedMaliciousFiles(api, endpoint, target) {
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
async function describeAffectedMaliciousFileImages(api, endpoint, target, md5, shared = {}) {
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
                throw fail(`${ctx.action} answered a row for another sample (MaliciousMd5 ${(0,api_errors/* truncate */.xv)(rowMd5, 80)}) when asked for ${(0,api_errors/* truncate */.xv)(md5, 80)}: its filter cannot be trusted, so the list is not used.`, ctx.requestId);
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
async function listMaliciousFiles(api, endpoint, target) {
    const samples = await describeGroupedMaliciousFiles(api, endpoint, target);
    const stop = new AbortController();
    const shared = { budget: { used: 0, limit: MAX_FILE_PATHS }, signal: stop.signal };
    const reads = samples.records.map((s) => describeAffectedMaliciousFileImages(api, endpoint, target, s.md5, shared).catch((err) => {
        // The reason is what the others throw when they stop: the caller sees this GateError.
        stop.abort(err);
        throw err;
    }));
    for (const r of reads)
        r.catch(() => undefined);
    const records = [];
    const requestIds = [...samples.requestIds];
    const times = [samples.answeredAt];
    for (const [i, sample] of samples.records.entries()) {
        const files = await reads[i];
        requestIds.push(...files.requestIds);
        times.push(files.answeredAt);
        if (files.records.length === 0)
            throw fail(`DescribeAffectedMaliciousFileImages lists no file of sample ${(0,api_errors/* truncate */.xv)(sample.md5, 80)} in this image, though DescribeGroupedMaliciousFiles lists the sample for it, so where it is and whether it is handled are unknown. Re-run the job; if it persists, report the RequestIds to Alibaba Cloud support.`, files.requestIds[0]);
        records.push({ ...sample, files: files.records });
    }
    const list = {
        records,
        totalCount: samples.totalCount,
        requestIds,
    };
    // Answered when the earliest of its lists was, if every one of them says when.
    if (times.every((t) => t !== undefined))
        list.answeredAt = Math.min(...times);
    return list;
}

;// CONCATENATED MODULE: ./src/alibaba/findings-api.ts





const MAX_PACKAGES = 100;
/** Which CVE records: not handled (Dealed=n), handled (y), or all (no Dealed). */
const DEALED = {
    unhandled: 'n',
    handled: 'y',
    all: undefined,
};
/**
 * An SCA item's count at one level: absent is 0; present but unreadable (a fraction, a negative,
 * text) is NaN, which makes the item's level unknown, counted as high, rather than quietly lower.
 */
function levelCount(v) {
    // Only an absent field is 0: null, or anything not a whole number >= 0, leaves the level unknown.
    if (v === undefined)
        return 0;
    return optInt(v) ?? NaN;
}
/** ExtendContentJson.RpmEntityList, from an object or a JSON string; malformed → none. */
function readPackages(v) {
    let json = v;
    if (typeof v === 'string') {
        try {
            json = JSON.parse(v);
        }
        catch {
            return [];
        }
    }
    const list = asObject(json)?.['RpmEntityList'];
    if (!Array.isArray(list))
        return [];
    const packages = [];
    for (const raw of list) {
        const e = asObject(raw);
        const name = e && identity(e['Name']);
        if (!e || !name)
            continue;
        packages.push({
            name,
            version: optText(e['FullVersion']) ?? optText(e['Version']),
            updateCmd: optText(e['UpdateCmd']),
            path: optText(e['Path']),
            layer: optText(e['Layer']),
        });
        if (packages.length >= MAX_PACKAGES)
            break;
    }
    return packages;
}
/** DescribeImageVulList (Type cve): the image's CVE records. Never sends the image tag. */
async function describeImageVulList(api, endpoint, target, riskStatus) {
    const digest = digestOf(target);
    const dealed = DEALED[riskStatus];
    // Each row's image fields, to hold against the proof's once it is known.
    const rowsSaid = [];
    const list = await readAllPages(api, {
        endpoint,
        action: 'DescribeImageVulList',
        params: [
            ['Type', 'cve'],
            ['Digest', digest],
            ...repoParams(target),
            ...(dealed ? [['Dealed', dealed]] : []),
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
            const said = {};
            for (const [fact, field] of FACT_FIELDS)
                said[fact] = optText(row[field]);
            rowsSaid.push({ said, page: ctx.page, requestId: ctx.requestId });
            const primary = optInt(row['PrimaryId']);
            return {
                identity: primary !== undefined
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
    if (facts)
        checkFacts('DescribeImageVulList', facts, rowsSaid);
    return list;
}
/**
 * A row whose Uuid, RepoNamespace or RepoName differs from the scan proof's, where both give
 * it, names another image: the list is not used. (Tag does not count: a digest has many tags.)
 */
function checkFacts(action, facts, rows) {
    for (const { said, page, requestId } of rows) {
        for (const [fact, field] of FACT_FIELDS) {
            const want = facts[fact];
            const got = said[fact];
            if (want === undefined || got === undefined || got === want)
                continue;
            throw fail(`${action} answered a row for another image (page ${page}: ${field} ${(0,api_errors/* truncate */.xv)(got, 80)} where the image's own row says ${(0,api_errors/* truncate */.xv)(want, 80)}): Security Center's image filter cannot be trusted, so the list is not used. Check that digest, region and repository filters name one image.`, requestId);
        }
    }
}
/** DescribeImageGroupedVulList (Type sca): the image's SCA vulnerabilities, one item each. */
async function describeImageGroupedVulList(api, endpoint, target) {
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
async function describeImageBaselineCheckResult(api, endpoint, imageUuid) {
    const uuid = imageUuid.trim();
    if (!uuid)
        throw fail('DescribeImageBaselineCheckResult needs the image UUID (from DescribeImageInstances), and none was given.', undefined);
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

// EXTERNAL MODULE: ./src/core/categories.ts
var categories = __webpack_require__(2711);
// EXTERNAL MODULE: ./src/core/findings.ts
var core_findings = __webpack_require__(4637);
;// CONCATENATED MODULE: ./src/core/count.ts
// Counting one category's findings: the risk-status filter on each finding's handling states,
// ignore-unfixable, counts per level and the order a developer reads them in. Pure: no I/O; the
// wire codes behind `handling` and `fixable` are alibaba/to-findings.ts's.


/** One handling statement under risk-status: 'other' counts in every mode, 'fixed' in none. */
function stateCounts(state, riskStatus) {
    if (state === 'fixed')
        return false;
    if (state === 'other' || riskStatus === 'all')
        return true;
    return state === riskStatus;
}
/**
 * Whether a finding counts under risk-status: a finding without handling states counts (its
 * list was filtered by the request); otherwise it counts when any of its statements does.
 */
function countsUnder(finding, riskStatus) {
    return finding.handling === undefined || finding.handling.some((s) => stateCounts(s, riskStatus));
}
/** Most severe first, then fixable first (not-fixable last), then by the id shown. */
function byImportance(a, b) {
    const fix = (f) => (f.fixable === false ? 1 : 0);
    return ((0,core_findings/* levelRank */.Le)(a.level) - (0,core_findings/* levelRank */.Le)(b.level) ||
        fix(a) - fix(b) ||
        (a.id < b.id ? -1 : a.id > b.id ? 1 : a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}
/** Counts a category's list: risk-status, then ignore-unfixable (vulnerabilities only). */
function countFindings(category, findings, opts) {
    const all = findings.filter((f) => countsUnder(f, opts.riskStatus));
    const vulnerability = (0,categories/* isVulnerability */.Z4)(category);
    // Only an explicit "no fix" leaves a finding out: a missing or unknown CanFix counts.
    const kept = opts.ignoreUnfixable && vulnerability ? all.filter((f) => f.fixable !== false) : all;
    const levels = (0,core_findings/* zeroLevels */.KY)();
    for (const f of kept)
        levels[f.level]++;
    return {
        findings: kept.sort(byImportance),
        unfixable: all.filter((f) => !kept.includes(f)).sort(byImportance),
        levels,
        unfixableIgnored: all.length - kept.length,
        beforeUnfixable: all.length,
        unknownLevels: kept.filter((f) => f.levelUnknown).length,
    };
}

;// CONCATENATED MODULE: ./src/alibaba/to-findings.ts

const HANDLED = new Set([1, 3]);
/** SCA and malicious-file Status: 0 unhandled; 1 handled, 3 whitelisted; 2 and unknown: other. */
function handlingOf(status) {
    if (status === 0)
        return 'unhandled';
    return status !== undefined && HANDLED.has(status) ? 'handled' : 'other';
}
/** `yes` → true, `no` → false; anything else is not said (counted as fixable). */
function fixableOf(canFix) {
    const v = canFix?.trim().toLowerCase();
    return v === 'yes' ? true : v === 'no' ? false : undefined;
}
function leveled(category, word) {
    const level = (0,core_findings/* levelOf */.In)(category, word);
    return level ? { level, rawLevel: word } : { level: 'high', rawLevel: word, levelUnknown: true };
}
function cvss(score) {
    const n = score === undefined || !/^\d+(\.\d+)?$/.test(score.trim()) ? NaN : Number(score);
    return n > 0 && n <= 10 ? n : undefined;
}
/** What every vulnerability shows: its id (the first CVE id, else its name), title, level, fix. */
function vulnerability(category, r, levelWord) {
    const cveIds = r.related.filter((id) => (0,core_findings/* advisoryLink */.Q0)(id) !== undefined);
    return {
        category,
        key: r.name,
        id: cveIds[0] ?? r.name,
        cveIds,
        title: r.aliasName ?? '',
        ...leveled(category, levelWord),
        fixable: fixableOf(r.canFix),
    };
}
function cveFinding(r) {
    return {
        ...vulnerability('cve-vulns', r, r.necessity),
        packages: r.packages.map((p) => ({
            name: p.name,
            ...(p.version === undefined ? {} : { version: p.version }),
            ...(p.updateCmd === undefined ? {} : { fixCommand: p.updateCmd }),
            ...(p.path === undefined ? {} : { path: p.path }),
        })),
    };
}
/**
 * An SCA item's level is the highest with a non-zero count. An unreadable count, or none above
 * zero, leaves it unknown: counted as high, never lower than it may be.
 */
function scaLevel(r) {
    const counts = [r.asapCount, r.laterCount, r.nntfCount];
    if (counts.some((n) => Number.isNaN(n)))
        return '';
    if (r.asapCount > 0)
        return 'asap';
    if (r.laterCount > 0)
        return 'later';
    if (r.nntfCount > 0)
        return 'nntf';
    return '';
}
function scaFinding(r) {
    const score = cvss(r.cveScore);
    return {
        ...vulnerability('sca-vulns', r, scaLevel(r)),
        packages: [],
        ...(score === undefined ? {} : { cvss: score }),
        handling: [handlingOf(r.status)],
    };
}
function maliciousFinding(r) {
    return {
        category: 'malicious-files',
        key: r.md5,
        id: r.name || r.md5,
        cveIds: [],
        title: r.key ?? '',
        ...leveled('malicious-files', r.level),
        packages: [],
        md5: r.md5,
        paths: r.files.map((f) => f.path),
        // The grouped row and this image's file rows may disagree: any of them can make it count.
        handling: [handlingOf(r.status), ...r.files.map((f) => handlingOf(f.status))],
    };
}
function baselineFinding(r) {
    return {
        category: 'baseline-risks',
        key: r.key,
        id: r.alias || r.key,
        cveIds: [],
        title: r.alias,
        ...leveled('baseline-risks', r.level),
        packages: [],
        ...(r.classAlias === undefined ? {} : { className: r.classAlias }),
        itemCounts: { high: r.highCount ?? 0, medium: r.mediumCount ?? 0, low: r.lowCount ?? 0 },
        handling: [r.status === 1 ? 'fixed' : 'other'],
    };
}
/** Every record of a list as a Finding, before any filter. */
function toFindings(list) {
    switch (list.category) {
        case 'cve-vulns':
            return list.records.map(cveFinding);
        case 'sca-vulns':
            return list.records.map(scaFinding);
        case 'malicious-files':
            return list.records.map(maliciousFinding);
        case 'baseline-risks':
            return list.records.map(baselineFinding);
    }
}

// EXTERNAL MODULE: ./src/core/selector.ts
var selector = __webpack_require__(7442);
;// CONCATENATED MODULE: ./src/gate/read-lists.ts





const WHAT = {
    'baseline-risks': 'baseline check list (DescribeImageBaselineCheckResult)',
    'malicious-files': 'malicious file list (DescribeGroupedMaliciousFiles, DescribeAffectedMaliciousFileImages)',
    'sca-vulns': 'SCA vulnerability list (DescribeImageGroupedVulList)',
    'cve-vulns': 'CVE vulnerability list (DescribeImageVulList)',
};
/** Reads and counts one category's list. Never throws: a failure is the result's problem. */
async function readFindingList(api, category, target, opts) {
    try {
        const { digest, repoRegionId, repoInstanceId, repoId } = target.selector;
        if (!digest) {
            throw new errors/* GateError */.ue('the image has no digest: lists are read by digest, never by tag. Give image-digest, or keep require-scan on so the scan proof resolves the digest.');
        }
        const image = { digest, repoRegionId, repoInstanceId, repoId, facts: target.facts };
        switch (category) {
            case 'cve-vulns': {
                const read = await describeImageVulList(api, target.endpoint, image, opts.riskStatus);
                return counted({ category, records: read.records }, read, opts);
            }
            case 'sca-vulns': {
                const read = await describeImageGroupedVulList(api, target.endpoint, image);
                return counted({ category, records: read.records }, read, opts);
            }
            case 'malicious-files': {
                const read = await listMaliciousFiles(api, target.endpoint, image);
                return counted({ category, records: read.records }, read, opts);
            }
            case 'baseline-risks': {
                if (!target.uuid) {
                    throw new errors/* GateError */.ue(`the image's Security Center UUID is not known (${target.uuidProblem ?? `DescribeImageInstances shows no single UUID for ${(0,selector/* describeSelection */.e9)(target.selector)}`}); give image-uuid.`);
                }
                const read = await describeImageBaselineCheckResult(api, target.endpoint, target.uuid);
                return counted({ category, records: read.records }, read, opts);
            }
        }
    }
    catch (err) {
        const requestId = err instanceof errors/* GateError */.ue ? err.requestId : undefined;
        return {
            ok: false,
            problem: `The ${WHAT[category]} could not be read: ${(0,errors/* describeError */.Uc)(err)}`,
            requestIds: requestId ? [requestId] : [],
        };
    }
}
function counted(list, read, opts) {
    const result = {
        ok: true,
        list: countFindings(list.category, toFindings(list), opts),
        requestIds: read.requestIds,
    };
    if (read.answeredAt !== undefined)
        result.answeredAt = read.answeredAt;
    return result;
}
/**
 * The image's Security Center UUID, for the baseline list of a run without the scan proof: the
 * one UUID of its DescribeImageInstances rows. Undefined (the baseline list then says why) when
 * there is none, several, or the listing fails.
 */
async function lookUpUuid(scan, endpoint, selector) {
    try {
        const listing = await scan.listImages(endpoint, selector);
        const uuids = [...new Set(listing.rows.map((r) => r.uuid))];
        const only = uuids.length === 1 && !listing.truncated ? uuids[0] : undefined;
        return { ...(only === undefined ? {} : { uuid: only }), requestIds: listing.requestIds };
    }
    catch (err) {
        return {
            problem: (0,errors/* describeError */.Uc)(err),
            requestIds: err instanceof errors/* GateError */.ue && err.requestId ? [err.requestId] : [],
        };
    }
}


/***/ })

};

//# sourceMappingURL=618.index.js.map
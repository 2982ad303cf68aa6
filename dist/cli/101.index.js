export const id = 101;
export const ids = [101];
export const modules = {

/***/ 6802:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   E2: () => (/* binding */ isThrottling),
/* harmony export */   Wp: () => (/* binding */ parseAnswer),
/* harmony export */   n: () => (/* binding */ answerError),
/* harmony export */   pb: () => (/* binding */ apiError),
/* harmony export */   r3: () => (/* binding */ isRetryable),
/* harmony export */   wL: () => (/* binding */ summarizeAnswer),
/* harmony export */   xv: () => (/* reexport safe */ _infra_text_js__WEBPACK_IMPORTED_MODULE_1__.xv)
/* harmony export */ });
/* unused harmony exports errorMarker, minimalPolicy, adviceFor */
/* harmony import */ var _infra_errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(639);
/* harmony import */ var _infra_text_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(1671);
// Reading Alibaba Cloud error answers (JSON, XML or a proxy's HTML page) and turning them into
// messages that say what to do. Classified by Code, never by HTTP status alone.


function parseAnswer(body, headers) {
    const answer = {};
    const text = body.trim();
    if (text.startsWith('{')) {
        try {
            const value = JSON.parse(text);
            if (value && typeof value === 'object' && !Array.isArray(value)) {
                answer.json = value;
            }
        }
        catch {
            // not JSON after all: handled as an unreadable answer below
        }
    }
    if (answer.json) {
        const j = answer.json;
        const marker = errorMarker(j);
        answer.failedInBody = marker !== undefined;
        answer.code = marker?.code;
        answer.message = stringField(j, 'Message') ?? stringField(j, 'message');
        answer.requestId = stringField(j, 'RequestId');
        const detail = j['AccessDeniedDetail'];
        if (detail && typeof detail === 'object') {
            answer.authAction = stringField(detail, 'AuthAction');
        }
    }
    else if (text.startsWith('<')) {
        answer.code = xmlField(text, 'Code');
        answer.message = xmlField(text, 'Message');
        answer.requestId = xmlField(text, 'RequestId');
    }
    if (!answer.code && !answer.message && text) {
        answer.message = `unexpected answer (content-type ${headers['content-type'] ?? 'none'}): ${(0,_infra_text_js__WEBPACK_IMPORTED_MODULE_1__/* .truncate */ .xv)(text, 200)}`;
    }
    answer.requestId ??= headers['x-acs-request-id'];
    return answer;
}
/** `Code` values that mean success; anything else present (of any JSON type) is an error. */
const SUCCESS_CODE = /^(200|ok|success)$/i;
const ERROR_CODE_FIELDS = ['ErrorCode', 'errorCode', 'error_code'];
/**
 * The error a JSON answer reports in its body, whatever its HTTP status: a `Code` that is present
 * and not 200/"200"/"OK"/"Success" (a number, a boolean, an object all count), `Success` false or
 * "false", or a non-empty `ErrorCode`-style field. A 2xx answer carrying one is an error answer, so
 * a gateway that wraps a refusal in HTTP 200 can never pass an image with the zeros beside it.
 */
function errorMarker(j) {
    const code = j['Code'];
    const codeOk = code === undefined ||
        code === null ||
        code === 200 ||
        (typeof code === 'string' && SUCCESS_CODE.test(code.trim()));
    if (!codeOk)
        return { code: markerText(code) };
    for (const name of ERROR_CODE_FIELDS) {
        const v = j[name];
        if (v !== undefined && v !== null && v !== '')
            return { code: markerText(v) };
    }
    const success = j['Success'];
    if (success === false ||
        (typeof success === 'string' && success.trim().toLowerCase() === 'false'))
        return { code: 'Success=false' };
    return undefined;
}
/** A marker of any JSON type as one short line of text. */
function markerText(value) {
    const text = typeof value === 'string' ? value : (JSON.stringify(value) ?? String(value));
    return (0,_infra_text_js__WEBPACK_IMPORTED_MODULE_1__/* .truncate */ .xv)(text, 120) || JSON.stringify(text);
}
function stringField(obj, name) {
    const v = obj[name];
    return typeof v === 'string' && v !== '' ? v : undefined;
}
function xmlField(xml, tag) {
    const m = new RegExp(`<${tag}>([^<]{0,1000})</${tag}>`).exec(xml);
    return m?.[1]?.trim() || undefined;
}
function isThrottling(code) {
    return !!code && /throttling/i.test(code);
}
const RETRYABLE_CODES = new Set([
    'ServiceUnavailable',
    'InternalError',
    'ServerError',
    'SignatureNonceUsed',
    'ServiceUnavailableTemporary',
]);
function isRetryable(status, code) {
    if (isThrottling(code))
        return true;
    if (code && RETRYABLE_CODES.has(code))
        return true;
    if (code && isPermanent(code))
        return false;
    return status >= 500 || status === 429;
}
function isPermanent(code) {
    return (code.startsWith('InvalidAccessKeyId') ||
        code === 'SignatureDoesNotMatch' ||
        code === 'IncompleteSignature' ||
        code.startsWith('InvalidTimeStamp') ||
        code.startsWith('InvalidSecurityToken') ||
        code === 'NoPermission' ||
        code.startsWith('Forbidden'));
}
function minimalPolicy(actions) {
    return JSON.stringify({
        Version: '1',
        Statement: [{ Effect: 'Allow', Action: actions.map((a) => `yundun-sas:${a}`), Resource: '*' }],
    });
}
/** What the user should do about an error code; names the RAM action that is missing. */
function adviceFor(code, status, action, ramAction, runActions = []) {
    const c = code ?? '';
    if (c === 'NoPermission' || c.startsWith('Forbidden') || (status === 403 && !c)) {
        const missing = ramAction ?? `yundun-sas:${action}`;
        // Name the refused action, and give the whole policy this run needs, so that fixing one
        // refusal does not just reveal the next.
        const actions = [...new Set([...runActions, missing.replace(/^yundun-sas:/, '')])];
        return (`The RAM identity behind these credentials is not allowed to call ${missing}. ` +
            `Attach a policy that allows it; the minimal policy for this run's settings is: ${minimalPolicy(actions)}`);
    }
    if (c.startsWith('InvalidAccessKeyId')) {
        return ('The access key ID is unknown or disabled (temporary STS keys also answer this once expired): ' +
            'check access-key-id (or ALIBABA_CLOUD_ACCESS_KEY_ID) and that the key is active in the RAM console.');
    }
    if (c === 'SignatureDoesNotMatch' || c === 'IncompleteSignature') {
        return 'The signature did not verify: the access key secret does not belong to the access key ID. Check access-key-secret (or ALIBABA_CLOUD_ACCESS_KEY_SECRET).';
    }
    if (c.startsWith('InvalidTimeStamp')) {
        return "The request's timestamp was refused: the runner's clock is more than 15 minutes off. Synchronise the runner's clock (NTP).";
    }
    if (c.startsWith('InvalidSecurityToken')) {
        return 'The STS security token is invalid or expired: refresh security-token (or ALIBABA_CLOUD_SECURITY_TOKEN) together with its key pair.';
    }
    if (isThrottling(c)) {
        return 'Security Center kept throttling the requests until the deadline: raise timeout-seconds, or gate fewer images at once (max-concurrency).';
    }
    if (status >= 500 || RETRYABLE_CODES.has(c)) {
        return 'Security Center kept failing until the deadline; this is usually temporary: re-run the job, or raise timeout-seconds.';
    }
    return 'See the Security Center API error reference for this code.';
}
/**
 * The parts every API error message shares: "Code (HTTP n): message." (+ retries note) and the
 * RequestId suffix, which support needs in every message.
 */
function summarizeAnswer(status, answer, retriesExhausted) {
    const code = answer.code ? `${answer.code} (HTTP ${status})` : `HTTP ${status}`;
    const said = answer.message ? `: ${(0,_infra_text_js__WEBPACK_IMPORTED_MODULE_1__/* .truncate */ .xv)(answer.message, 300).replace(/[.\s]+$/, '')}` : '';
    const exhausted = retriesExhausted ? ' Retries ran out before the deadline.' : '';
    return `${code}${said}.${exhausted}`;
}
/** An error for a refused answer: its RequestId, or a note that the answer carried none. */
function answerError(message, answer) {
    return answer.requestId
        ? new _infra_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .GateError */ .ue(message, answer.requestId)
        : new _infra_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .GateError */ .ue(`${message} (no RequestId in the answer).`);
}
function apiError(action, status, answer, retriesExhausted, runActions = []) {
    const what = summarizeAnswer(status, answer, retriesExhausted);
    return answerError(`${action} failed: ${what} ${adviceFor(answer.code, status, action, answer.authAction, runActions)}`, answer);
}



/***/ }),

/***/ 7597:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Bs: () => (/* binding */ SAS_VERSION),
/* harmony export */   FA: () => (/* binding */ AcsClient)
/* harmony export */ });
/* unused harmony exports MAX_CLOCK_SKEW_MS, trustedDate, DEFAULT_RETRY, SharedBackoff */
/* harmony import */ var _infra_deadline_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(2716);
/* harmony import */ var _infra_errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(639);
/* harmony import */ var _infra_retry_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(624);
/* harmony import */ var _infra_slots_js__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(7583);
/* harmony import */ var _api_errors_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(6802);
/* harmony import */ var _endpoints_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(2430);
/* harmony import */ var _signer_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(520);
// Signed RPC calls to Alibaba Cloud with retries inside the step deadline. Every Security Center
// operation goes through here, so all share signing, request slots, the shared throttling pause
// and error mapping; the retry loop itself is the one in retry.ts.







/** Security Center's API version (Sas 2018-12-03). */
const SAS_VERSION = '2018-12-03';
/** Most a server Date may differ from the runner's clock at receipt and still be believed. */
const MAX_CLOCK_SKEW_MS = 5 * 60_000;
/**
 * The answer's HTTP Date as epoch ms, when it is readable and within MAX_CLOCK_SKEW_MS of the
 * runner's clock at receipt, in either direction; otherwise undefined, as if absent (an early
 * answer is then asked again): a Date of `now + 10 min` or 2099 must not vouch for an answer.
 */
function trustedDate(header, receivedAt) {
    const t = Date.parse(header ?? '');
    return Number.isFinite(t) && Math.abs(t - receivedAt) <= MAX_CLOCK_SKEW_MS ? t : undefined;
}
const DEFAULT_RETRY = {
    baseDelayMs: 400,
    maxDelayMs: 8_000,
    maxAttempts: 8,
    attemptTimeoutMs: 20_000,
};
/**
 * Throttling seen by one request pauses all of them: concurrent calls wait for the same
 * moment instead of each retrying on its own (no retry storm).
 */
class SharedBackoff {
    resumeAt = 0;
    pause(ms, now = Date.now()) {
        this.resumeAt = Math.max(this.resumeAt, now + ms);
    }
    async wait(deadline) {
        const ms = this.resumeAt - Date.now();
        if (ms > 0)
            await (0,_infra_deadline_js__WEBPACK_IMPORTED_MODULE_5__/* .sleep */ .y)(Math.min(ms, deadline.remaining()));
    }
}
class AcsClient {
    opts;
    retry;
    backoff;
    random;
    slots;
    constructor(opts) {
        this.opts = opts;
        this.slots = new _infra_slots_js__WEBPACK_IMPORTED_MODULE_6__/* .Slots */ .W(opts.maxConcurrency ?? 4);
        this.retry = opts.retry ?? DEFAULT_RETRY;
        this.backoff = opts.backoff ?? new SharedBackoff();
        this.random = opts.random ?? Math.random;
    }
    /**
     * One signed request, holding one of the max-concurrency slots. Signing happens after the
     * slot is granted, so x-acs-date is fresh however long the request queued.
     */
    async attempt(call, attempt, timeoutMs) {
        const release = await this.slots.acquire();
        try {
            call.signal?.throwIfAborted();
            const { log } = this.opts;
            const key = await this.opts.credentials();
            const signed = (0,_signer_js__WEBPACK_IMPORTED_MODULE_4__/* .signRequest */ .zT)({
                method: 'POST',
                host: call.endpoint.host,
                action: call.action,
                version: call.version,
                query: call.params,
            }, key);
            log.debug(`${call.action} attempt ${attempt} to ${call.endpoint.host}; canonical request (signature not shown):\n${(0,_signer_js__WEBPACK_IMPORTED_MODULE_4__/* .redactedCanonicalRequest */ .si)(signed, key)}`);
            const headers = { ...signed.headers, accept: 'application/json' };
            if (this.opts.userAgent)
                headers['user-agent'] = this.opts.userAgent;
            return await this.opts.transport.send({
                method: 'POST',
                url: `${call.endpoint.origin}/?${signed.queryString}`,
                headers,
                // Bounded again here: the slot may have taken a while to come.
                timeoutMs: Math.max(1, Math.min(timeoutMs, this.opts.deadline.remaining())),
                signal: call.signal,
            });
        }
        finally {
            release();
        }
    }
    async call(call) {
        const { deadline, log } = this.opts;
        const runActions = this.opts.ramActions ?? [];
        return (0,_infra_retry_js__WEBPACK_IMPORTED_MODULE_1__/* .retrying */ .R$)({
            what: call.action,
            host: call.endpoint.host,
            deadline,
            log,
            policy: this.retry,
            random: this.random,
            deadlineAdvice: 'Raise timeout-seconds if Security Center is slow to answer.',
            networkAdvice: "Check the runner's network, proxy settings (HTTPS_PROXY / NO_PROXY) and the endpoint.",
            tlsAdvice: (0,_endpoints_js__WEBPACK_IMPORTED_MODULE_3__/* .tlsAdvice */ .SD)(call.endpoint, 'endpoint'),
            beforeAttempt: () => this.backoff.wait(deadline),
            onThrottled: (delayMs) => this.backoff.pause(delayMs),
            signal: call.signal,
        }, async (timeoutMs, attempt) => {
            const res = await this.attempt(call, attempt, timeoutMs);
            const answer = (0,_api_errors_js__WEBPACK_IMPORTED_MODULE_2__/* .parseAnswer */ .Wp)(res.body, res.headers);
            // A success status whose body still reports an error is an error answer.
            const ok2xx = res.status >= 200 && res.status < 300 && !answer.failedInBody;
            if (ok2xx) {
                if (answer.json) {
                    const value = {
                        body: answer.json,
                        requestId: answer.requestId,
                        raw: res.body,
                    };
                    const serverTime = trustedDate(res.headers['date'], Date.now());
                    if (serverTime !== undefined)
                        value.serverTime = serverTime;
                    return { value };
                }
                // A success status with an unreadable body: never trust it, and never retry into a pass.
                return {
                    done: new _infra_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .GateError */ .ue(`${call.action} answered HTTP ${res.status} with a body that is not a JSON object (content-type ${res.headers['content-type'] ?? 'none'}): "${(0,_api_errors_js__WEBPACK_IMPORTED_MODULE_2__/* .truncate */ .xv)(res.body, 200)}". Its answer could not be read.`, answer.requestId),
                };
            }
            if (!(0,_api_errors_js__WEBPACK_IMPORTED_MODULE_2__/* .isRetryable */ .r3)(res.status, answer.code)) {
                return { done: (0,_api_errors_js__WEBPACK_IMPORTED_MODULE_2__/* .apiError */ .pb)(call.action, res.status, answer, false, runActions) };
            }
            return {
                retry: `${answer.code ?? `HTTP ${res.status}`}${answer.requestId ? ` (RequestId ${answer.requestId})` : ''}`,
                final: (0,_api_errors_js__WEBPACK_IMPORTED_MODULE_2__/* .apiError */ .pb)(call.action, res.status, answer, true, runActions),
                minDelayMs: (0,_infra_retry_js__WEBPACK_IMPORTED_MODULE_1__/* .retryAfterMs */ .Vs)(res.headers),
                throttled: (0,_api_errors_js__WEBPACK_IMPORTED_MODULE_2__/* .isThrottling */ .E2)(answer.code) || res.status === 429,
            };
        });
    }
}


/***/ }),

/***/ 2430:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   $f: () => (/* binding */ nearestRegion),
/* harmony export */   SD: () => (/* binding */ tlsAdvice),
/* harmony export */   Y_: () => (/* binding */ REGION_SITES),
/* harmony export */   gN: () => (/* binding */ readEndpointInput),
/* harmony export */   pd: () => (/* binding */ endpointForRegion)
/* harmony export */ });
/* unused harmony exports CHINA_HOST, INTERNATIONAL_HOST, isLoopbackHost, parseEndpoint */
/* harmony import */ var _infra_text_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(1671);
// Which Security Center site serves a region, and how an `endpoint` override is accepted.
// Security Center keeps data on two sites; asking the wrong one answers zeros, not an error,
// so the map is explicit and an unknown region is refused instead of guessed. The map follows
// the official SDK's endpoint map and the product's endpoint page (both send cn-hongkong to
// the Shanghai site).

const CHINA_HOST = 'tds.cn-shanghai.aliyuncs.com';
const INTERNATIONAL_HOST = 'tds.ap-southeast-1.aliyuncs.com';
const CHINA_SITE_REGIONS = [
    'cn-qingdao',
    'cn-beijing',
    'cn-zhangjiakou',
    'cn-huhehaote',
    'cn-wulanchabu',
    'cn-hangzhou',
    'cn-shanghai',
    'cn-nanjing',
    'cn-fuzhou',
    'cn-shenzhen',
    'cn-heyuan',
    'cn-guangzhou',
    'cn-chengdu',
    'cn-wuhan-lr',
    'cn-zhengzhou-jva',
    'cn-hangzhou-finance',
    'cn-shanghai-finance-1',
    'cn-shenzhen-finance-1',
    'cn-beijing-finance-1',
    'cn-north-2-gov-1',
    'cn-heyuan-acdr-1',
    'cn-qingdao-acdr-ut-1',
    'cn-shanghai-mybk',
    'cn-hongkong',
];
const INTERNATIONAL_REGIONS = [
    'ap-southeast-1',
    'ap-southeast-2',
    'ap-southeast-3',
    'ap-southeast-5',
    'ap-southeast-6',
    'ap-southeast-7',
    'ap-northeast-1',
    'ap-northeast-2',
    'ap-south-1',
    'eu-central-1',
    'eu-west-1',
    'us-east-1',
    'us-west-1',
    'me-east-1',
    'me-central-1',
];
const REGION_SITES = new Map([
    ...CHINA_SITE_REGIONS.map((r) => [r, CHINA_HOST]),
    ...INTERNATIONAL_REGIONS.map((r) => [r, INTERNATIONAL_HOST]),
]);
/** The known region closest in spelling to `region` (a typo's likely meaning), if any is close. */
function nearestRegion(region) {
    return (0,_infra_text_js__WEBPACK_IMPORTED_MODULE_0__/* .nearest */ .pA)(region, REGION_SITES.keys());
}
/** What to add to a TLS failure's message for this endpoint. */
function tlsAdvice(endpoint, input) {
    const general = `Retrying cannot change this: check ${input}, and that the runner trusts the server's certificate (NODE_EXTRA_CA_CERTS adds a CA).`;
    if (!endpoint.schemeImplied)
        return general;
    const host = endpoint.host;
    const loopback = isLoopbackHost(new URL(endpoint.origin).hostname);
    return loopback
        ? `${input} was given as ${host} without a scheme, so https was used; a loopback simulator that speaks plain HTTP needs ${input}: http://${host}`
        : `${input} was given as ${host} without a scheme, so https was used. ${general}`;
}
function endpointForRegion(regionId) {
    const host = REGION_SITES.get(regionId);
    if (!host)
        return undefined;
    const site = host === CHINA_HOST ? 'China site' : 'international site';
    return { origin: `https://${host}`, host, site: `${host} (${site})` };
}
function isLoopbackHost(hostname) {
    const h = hostname.replace(/^\[|\]$/g, '').toLowerCase();
    return h === 'localhost' || h === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(h);
}
/**
 * Parses an `endpoint`-style input: a bare host name or an http(s) URL with no path.
 * Plain http is accepted only for loopback (the simulator); returns a problem text otherwise.
 */
function parseEndpoint(raw) {
    const schemeImplied = !/^[a-z][a-z0-9+.-]*:\/\//i.test(raw);
    const text = schemeImplied ? `https://${raw}` : raw;
    let url;
    try {
        url = new URL(text);
    }
    catch {
        return 'is not a host name or URL';
    }
    if (url.protocol !== 'https:' && url.protocol !== 'http:')
        return 'must use https';
    if (url.protocol === 'http:' && !isLoopbackHost(url.hostname)) {
        return 'must use https (plain http is accepted only for a loopback address such as 127.0.0.1)';
    }
    if (url.username || url.password)
        return 'must not contain user info (user:password@); give credentials with their own inputs';
    if ((url.pathname !== '/' && url.pathname !== '') || url.search || url.hash) {
        return 'must be a host name or an origin URL without a path, query or fragment';
    }
    if (!/^[a-z0-9.-]+$|^\[[0-9a-f:.]+\]$/i.test(url.hostname))
        return 'has an invalid host name';
    return { origin: url.origin, host: url.host, site: url.host, schemeImplied };
}
/**
 * An endpoint-style input, or the problem with it (naming the input). User info is never echoed:
 * it may be a password.
 */
function readEndpointInput(name, raw) {
    const parsed = parseEndpoint(raw);
    if (typeof parsed !== 'string')
        return parsed;
    const shown = raw.replace(/^([a-z][a-z0-9+.-]*:\/\/)?[^/?#]*@/i, '$1***@');
    const text = (0,_infra_text_js__WEBPACK_IMPORTED_MODULE_0__/* .shorten */ .ml)(shown, 80);
    return `${name}: ${JSON.stringify(text)} ${parsed}`;
}


/***/ }),

/***/ 520:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   a: () => (/* binding */ percentEncode),
/* harmony export */   cu: () => (/* binding */ acsDate),
/* harmony export */   si: () => (/* binding */ redactedCanonicalRequest),
/* harmony export */   zT: () => (/* binding */ signRequest)
/* harmony export */ });
/* unused harmony exports SIGNATURE_ALGORITHM, EMPTY_BODY_SHA256, canonicalQuery, newNonce */
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(7598);
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_crypto__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var _infra_hash_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(5704);
// ACS3-HMAC-SHA256 request signing (Alibaba Cloud signature V3), as the official SDK signs RPC calls.


const SIGNATURE_ALGORITHM = 'ACS3-HMAC-SHA256';
const EMPTY_BODY_SHA256 = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';
/** RFC 3986 percent-encoding: only A-Z a-z 0-9 - _ . ~ stay literal. */
function percentEncode(value) {
    return encodeURIComponent(value).replace(/[!'()*]/g, (c) => '%' + c.charCodeAt(0).toString(16).toUpperCase());
}
/** Keys sorted by UTF-16 code unit (Array#sort's default), never localeCompare: X.10 < X.2. */
function canonicalQuery(query) {
    return query
        .map(([k, v]) => [percentEncode(k), percentEncode(v)])
        .sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0))
        .map(([k, v]) => `${k}=${v}`)
        .join('&');
}
function acsDate(now = new Date()) {
    return now.toISOString().replace(/\.\d{3}Z$/, 'Z');
}
function newNonce() {
    return (0,node_crypto__WEBPACK_IMPORTED_MODULE_0__.randomBytes)(16).toString('hex');
}
function signRequest(req, key) {
    const body = req.body ?? '';
    const bodyHash = body === '' ? EMPTY_BODY_SHA256 : (0,_infra_hash_js__WEBPACK_IMPORTED_MODULE_1__/* .sha256Hex */ .f)(body);
    const headers = {
        host: req.host,
        'x-acs-action': req.action,
        'x-acs-version': req.version,
        'x-acs-date': req.date ?? acsDate(),
        'x-acs-signature-nonce': req.nonce ?? newNonce(),
        'x-acs-content-sha256': bodyHash,
    };
    if (key.securityToken) {
        headers['x-acs-security-token'] = key.securityToken;
        headers['x-acs-accesskey-id'] = key.accessKeyId;
    }
    const names = Object.keys(headers).sort();
    const canonicalHeaders = names.map((n) => `${n}:${(headers[n] ?? '').trim()}\n`).join('');
    const signedHeaders = names.join(';');
    const queryString = canonicalQuery(req.query);
    const canonicalRequest = [
        req.method.toUpperCase(),
        '/',
        queryString,
        canonicalHeaders,
        signedHeaders,
        bodyHash,
    ].join('\n');
    const stringToSign = `${SIGNATURE_ALGORITHM}\n${(0,_infra_hash_js__WEBPACK_IMPORTED_MODULE_1__/* .sha256Hex */ .f)(canonicalRequest)}`;
    const signature = (0,node_crypto__WEBPACK_IMPORTED_MODULE_0__.createHmac)('sha256', key.accessKeySecret).update(stringToSign).digest('hex');
    headers['authorization'] =
        `${SIGNATURE_ALGORITHM} Credential=${key.accessKeyId},SignedHeaders=${signedHeaders},Signature=${signature}`;
    return { queryString, headers, canonicalRequest, signedHeaders, signature };
}
/** The canonical request with the security token blanked, safe for debug output. */
function redactedCanonicalRequest(signed, key) {
    if (!key.securityToken)
        return signed.canonicalRequest;
    return signed.canonicalRequest.split(key.securityToken).join('***');
}


/***/ }),

/***/ 8101:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  EXIT: () => (/* binding */ EXIT),
  runCli: () => (/* binding */ runCli),
  start: () => (/* binding */ start)
});

// EXTERNAL MODULE: ./src/core/categories.ts
var core_categories = __webpack_require__(2711);
// EXTERNAL MODULE: ./src/infra/deadline.ts
var infra_deadline = __webpack_require__(2716);
// EXTERNAL MODULE: ./src/infra/errors.ts
var errors = __webpack_require__(639);
// EXTERNAL MODULE: ./src/infra/secrets.ts
var secrets = __webpack_require__(5391);
;// CONCATENATED MODULE: ./src/infra/version.ts
// Generated by .ci/version.mjs from package.json during `npm run build`; do not edit.
const VERSION = '0.1.0';
const USER_AGENT = 'sas-image-gate/0.1.0';

// EXTERNAL MODULE: ./src/alibaba/endpoints.ts
var endpoints = __webpack_require__(2430);
// EXTERNAL MODULE: ./src/core/selector.ts
var core_selector = __webpack_require__(7442);
// EXTERNAL MODULE: ./src/infra/text.ts
var infra_text = __webpack_require__(1671);
;// CONCATENATED MODULE: ./src/inputs/reader.ts
// Reads action inputs the way the runner passes them, INPUT_<NAME> trimmed (the rule of
// @actions/core's getInput, which this deliberately re-implements: it reads an injected
// environment, so tests need no process globals, and it collects every problem instead of
// throwing at the first, so bad input is reported all at once before any request).
// Every parsing rule (booleans, whole numbers, choices, lists) exists here once.

/** Comma- or newline-separated entries, trimmed, empty ones dropped. */
function splitList(raw) {
    return raw
        .split(/[,\n]/)
        .map((s) => s.trim())
        .filter((s) => s !== '');
}
class InputReader {
    env;
    label;
    /** Every problem found so far, each naming its input and what it accepts. */
    problems = [];
    /**
     * `label` names a setting in messages: the input name by default (the action); the command
     * line passes its own (`--name`, or `--name (from SAS_IMAGE_GATE_NAME)`). A message that starts
     * with a setting's name and a colon is relabelled in problem(), so every rule speaks the front
     * end's language without knowing it.
     */
    constructor(env, label = (name) => name) {
        this.env = env;
        this.label = label;
    }
    /** The input as given ('' when absent): INPUT_<NAME upper-cased>, trimmed. */
    raw(name) {
        return (this.env[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`] ?? '').trim();
    }
    problem(message) {
        const lead = /^([a-z][a-z0-9-]*):/.exec(message);
        const name = lead?.[1];
        this.problems.push(name === undefined ? message : `${this.label(name)}${message.slice(name.length)}`);
    }
    /** One of `accepted` (any case); empty means `fallback`. */
    choice(name, accepted, fallback) {
        const raw = this.raw(name);
        if (raw === '')
            return fallback;
        const hit = accepted.find((a) => a === raw.toLowerCase());
        if (hit)
            return hit;
        this.problem(`${name}: ${(0,infra_text/* show */.WU)(raw)} is not accepted; use one of: ${accepted.join(', ')}`);
        return fallback;
    }
    /** The YAML 1.2 core booleans, as core.getBooleanInput accepts them. */
    bool(name, fallback) {
        const raw = this.raw(name);
        if (raw === '')
            return fallback;
        if (['true', 'True', 'TRUE'].includes(raw))
            return true;
        if (['false', 'False', 'FALSE'].includes(raw))
            return false;
        this.problem(`${name}: ${(0,infra_text/* show */.WU)(raw)} is not a boolean; use true or false`);
        return fallback;
    }
    /** A whole number from `min` to `max`; `note` is added to the problem (why the range). */
    integer(name, fallback, min, max, note = '') {
        const raw = this.raw(name);
        if (raw === '')
            return fallback;
        const n = /^\d+$/.test(raw) ? Number(raw) : NaN;
        if (Number.isSafeInteger(n) && n >= min && n <= max)
            return n;
        this.problem(`${name}: ${(0,infra_text/* show */.WU)(raw)} is not accepted; use a whole number from ${min} to ${max}${note}`);
        return fallback;
    }
    /**
     * A number above 0 (decimals allowed) in `unit`s, at most `max`; with `off`, the word off (any
     * case) gives null. Empty means `fallback`.
     */
    positive(name, fallback, opts) {
        const raw = this.raw(name);
        if (raw === '')
            return fallback;
        if (opts.off && raw.toLowerCase() === 'off')
            return null;
        const n = /^\d+(\.\d+)?$/.test(raw) ? Number(raw) : NaN;
        if (n > 0 && (opts.max === undefined || n <= opts.max))
            return n;
        const range = opts.max === undefined ? 'above 0' : `above 0 and at most ${opts.max}`;
        this.problem(`${name}: ${(0,infra_text/* show */.WU)(raw)} is not accepted; use a number of ${opts.unit} ${range}${opts.off ? ', or off' : ''}`);
        return fallback;
    }
    /** Text matching `pattern`; empty means `fallback`. `rule` says what is accepted. */
    text(name, fallback, pattern, rule) {
        const raw = this.raw(name);
        const value = raw === '' ? fallback : raw;
        if (!pattern.test(value))
            this.problem(`${name}: ${(0,infra_text/* show */.WU)(raw)} ${rule}`);
        return value;
    }
    /** Comma- or newline-separated entries. */
    list(name) {
        return splitList(this.raw(name));
    }
}

;// CONCATENATED MODULE: ./src/inputs/comment-settings.ts
// The pull request comment inputs: github-token, comment-on-pr, comment-key.

const COMMENT_MODES = ['always', 'on-failure', 'never'];
/** Longest comment-key accepted; it is hashed, so this only guards against pasted junk. */
const MAX_COMMENT_KEY = 1024;
/** The comment settings, or undefined when they are themselves bad input (then no comment). */
function readCommentSettings(input, mask) {
    const before = input.problems.length;
    const token = input.raw('github-token');
    // The runner masks ${{ github.token }} itself, but a personal token passed from a secret is
    // masked here too, and scrub() keeps it out of every text the action writes.
    if (token !== '')
        mask(token);
    const mode = input.choice('comment-on-pr', COMMENT_MODES, 'always');
    const key = input.raw('comment-key');
    if (key.length > MAX_COMMENT_KEY)
        input.problem(`comment-key: at most ${MAX_COMMENT_KEY} characters (got ${key.length})`);
    return input.problems.length === before ? { mode, token, key } : undefined;
}

;// CONCATENATED MODULE: ./src/inputs/credentials.ts
// Where the signing key comes from: keyless GitHub OIDC (role-arn + oidc-provider-arn), else
// action inputs, then the environment variable families other tools set
// (configure-aliyun-credentials-action exports all three).


const ENV_FAMILIES = [
    {
        name: 'ALIBABA_CLOUD_*',
        id: 'ALIBABA_CLOUD_ACCESS_KEY_ID',
        secret: 'ALIBABA_CLOUD_ACCESS_KEY_SECRET',
        token: 'ALIBABA_CLOUD_SECURITY_TOKEN',
    },
    {
        name: 'ALICLOUD_*',
        id: 'ALICLOUD_ACCESS_KEY',
        secret: 'ALICLOUD_SECRET_KEY',
        token: 'ALICLOUD_SECURITY_TOKEN',
    },
    {
        name: 'ALIBABACLOUD_*',
        id: 'ALIBABACLOUD_ACCESS_KEY_ID',
        secret: 'ALIBABACLOUD_ACCESS_KEY_SECRET',
        token: 'ALIBABACLOUD_SECURITY_TOKEN',
    },
];
/**
 * Key id, secret and token travel in HTTP headers: anything but visible ASCII (a pasted newline,
 * a look-alike letter) is refused up front. The value itself is never shown.
 */
function headerUnsafe(values) {
    return values
        .filter(([, v]) => v !== '' && !/^[\x21-\x7e]+$/.test(v))
        .map(([name]) => `credentials: ${name} contains characters an access key never has (spaces, line breaks or non-ASCII); copy it again`);
}
const HOW_TO_PROVIDE_CREDENTIALS = 'provide credentials with the inputs access-key-id and access-key-secret (plus security-token for STS keys), ' +
    'or set ALIBABA_CLOUD_ACCESS_KEY_ID / ALIBABA_CLOUD_ACCESS_KEY_SECRET in the environment ' +
    '(for example with aliyun/configure-aliyun-credentials-action), ' +
    'or go keyless with role-arn and oidc-provider-arn (GitHub OIDC, needs permissions: id-token: write)';
const DEFAULT_AUDIENCE = 'sts.aliyuncs.com';
const DEFAULT_STS_ENDPOINT = 'sts.aliyuncs.com';
const DEFAULT_DURATION_SECONDS = 900;
const MIN_DURATION_SECONDS = 900;
const MAX_DURATION_SECONDS = 43_200;
const SESSION_NAME = /^[A-Za-z0-9.@_-]{2,64}$/;
const ROLE_ARN = /^acs:ram::\d+:role\/[^\s:]{1,256}$/i;
const PROVIDER_ARN = /^acs:ram::\d+:oidc-provider\/[^\s:/]{1,256}$/i;
// eslint-disable-next-line no-control-regex -- control characters are exactly what is refused
const AUDIENCE = /^[^\s\u0000-\u001f\u007f]{1,256}$/;
/**
 * The default RoleSessionName: "gh-<owner>.<repo>-<run id>", reduced to STS's alphabet
 * [A-Za-z0-9.@_-] and 2 to 64 characters (the repository part is shortened, the run id kept).
 */
function defaultSessionName(env) {
    const clean = (s) => s.replace(/[^A-Za-z0-9.@_-]+/g, '-');
    const repo = clean((env['GITHUB_REPOSITORY'] ?? '').trim().replace(/\//g, '.'));
    const runId = clean((env['GITHUB_RUN_ID'] ?? '').trim()).slice(0, 30);
    const tail = runId ? `-${runId}` : '';
    const head = `gh-${repo || 'sas-image-gate'}`.slice(0, 64 - tail.length).replace(/[-.]+$/, '');
    const name = `${head}${tail}`;
    return SESSION_NAME.test(name) ? name : 'sas-image-gate';
}
/** oidc-audience, role-session-name, role-duration-seconds and sts-endpoint, validated. */
function readKeylessSettings(input) {
    const audience = input.text('oidc-audience', DEFAULT_AUDIENCE, AUDIENCE, `must be 1 to 256 characters without spaces or control characters (default ${DEFAULT_AUDIENCE})`);
    const roleSessionName = input.text('role-session-name', defaultSessionName(input.env), SESSION_NAME, 'is not accepted; use 2 to 64 of the characters A-Z a-z 0-9 . @ _ -');
    const durationSeconds = input.integer('role-duration-seconds', DEFAULT_DURATION_SECONDS, MIN_DURATION_SECONDS, MAX_DURATION_SECONDS, " (above 3600 the role's maximum session duration must be raised in RAM)");
    const sts = (0,endpoints/* readEndpointInput */.gN)('sts-endpoint', input.raw('sts-endpoint') || DEFAULT_STS_ENDPOINT);
    if (typeof sts === 'string')
        input.problem(sts);
    return {
        audience,
        roleSessionName,
        durationSeconds,
        sts: typeof sts === 'string' ? undefined : sts,
    };
}
/**
 * Chooses how the run authenticates. Both role-arn and oidc-provider-arn → keyless OIDC (and
 * access keys given as inputs too are a bad input; keys in the environment are ignored with a
 * notice). Otherwise access keys from inputs or the environment. Secrets are handed to `mask`
 * the moment they are read, before any validation can fail. `hint` (the front end's) ends the
 * message when no credentials are found at all.
 */
function readCredentials(input, mask, hint = '') {
    const env = input.env;
    // The keyless settings are checked even when unused: bad input of every kind is reported.
    const keyless = readKeylessSettings(input);
    const roleArn = input.raw('role-arn');
    const providerArn = input.raw('oidc-provider-arn');
    if (!roleArn && !providerArn)
        return readStaticCredentials(input, mask, hint);
    const before = input.problems.length;
    const keyInputs = ['access-key-id', 'access-key-secret', 'security-token'].filter((name) => input.raw(name) !== '');
    // Masked even though they are refused: they are secrets all the same.
    for (const name of ['access-key-secret', 'security-token']) {
        const value = input.raw(name);
        if (value)
            mask(value);
    }
    if (!roleArn || !providerArn) {
        input.problem(`role-arn and oidc-provider-arn: give both for keyless authentication (GitHub OIDC), or neither (got only ${roleArn ? 'role-arn' : 'oidc-provider-arn'})`);
    }
    if (keyInputs.length > 0) {
        input.problem(`credentials: ${keyInputs.join(', ')} and role-arn / oidc-provider-arn are both given; use one way at a time (remove the access key inputs for keyless authentication)`);
    }
    if (roleArn && !ROLE_ARN.test(roleArn)) {
        input.problem(`role-arn: ${(0,infra_text/* show */.WU)(roleArn)} is not a RAM role ARN; use acs:ram::<account id>:role/<role name> (RAM console → Roles → the role → ARN)`);
    }
    if (providerArn && !PROVIDER_ARN.test(providerArn)) {
        input.problem(`oidc-provider-arn: ${(0,infra_text/* show */.WU)(providerArn)} is not an OIDC provider ARN; use acs:ram::<account id>:oidc-provider/<provider name> (RAM console → SSO → OIDC → the provider → ARN)`);
    }
    const { audience, roleSessionName, durationSeconds, sts } = keyless;
    const notices = [];
    const envFamilies = ENV_FAMILIES.filter((f) => (env[f.id] ?? '').trim() !== '' || (env[f.secret] ?? '').trim() !== '');
    for (const f of envFamilies) {
        for (const name of [f.secret, f.token]) {
            const value = (env[name] ?? '').trim();
            if (value)
                mask(value);
        }
    }
    if (envFamilies.length > 0) {
        notices.push(`Access keys in the environment (${envFamilies.map((f) => f.name).join(', ')}) are ignored: role-arn and oidc-provider-arn select keyless authentication (GitHub OIDC → STS AssumeRoleWithOIDC).`);
    }
    if (input.problems.length > before || !sts)
        return undefined;
    return {
        kind: 'oidc',
        source: `GitHub OIDC → STS AssumeRoleWithOIDC (role ${roleArn}, session ${roleSessionName})`,
        roleArn,
        oidcProviderArn: providerArn,
        audience,
        roleSessionName,
        durationSeconds,
        stsEndpoint: sts,
        notices,
    };
}
/**
 * Reads access keys from inputs or the environment. Secrets are handed to `mask` the moment
 * they are read, before any validation can fail.
 */
function readStaticCredentials(input, mask, hint = '') {
    const env = input.env;
    const id = input.raw('access-key-id');
    const secret = input.raw('access-key-secret');
    const token = input.raw('security-token');
    for (const s of [secret, token])
        if (s)
            mask(s);
    if (id || secret || token) {
        if (!id || !secret) {
            input.problem(`access-key-id and access-key-secret: give both or neither (got only ${id ? 'access-key-id' : secret ? 'access-key-secret' : 'security-token'})`);
            return undefined;
        }
        const unsafe = headerUnsafe([
            ['access-key-id', id],
            ['access-key-secret', secret],
            ['security-token', token],
        ]);
        if (unsafe.length > 0) {
            for (const problem of unsafe)
                input.problem(problem);
            return undefined;
        }
        return {
            kind: 'keys',
            source: 'inputs',
            accessKeyId: id,
            accessKeySecret: secret,
            securityToken: token || undefined,
        };
    }
    for (const family of ENV_FAMILIES) {
        const envId = (env[family.id] ?? '').trim();
        const envSecret = (env[family.secret] ?? '').trim();
        const envToken = (env[family.token] ?? '').trim();
        for (const s of [envSecret, envToken])
            if (s)
                mask(s);
        if (envId && !envSecret) {
            // Half a key pair is a misconfiguration; falling through to another family could sign
            // as a different account without anyone noticing.
            input.problem(`credentials: ${family.id} is set but ${family.secret} is not; set both, or neither`);
            return undefined;
        }
        if (envId && envSecret) {
            const unsafe = headerUnsafe([
                [family.id, envId],
                [family.secret, envSecret],
                [family.token, envToken],
            ]);
            if (unsafe.length > 0) {
                for (const problem of unsafe)
                    input.problem(problem);
                return undefined;
            }
            return {
                kind: 'keys',
                source: `environment (${family.name})`,
                accessKeyId: envId,
                accessKeySecret: envSecret,
                securityToken: envToken || undefined,
            };
        }
    }
    input.problem(`credentials: none found; ${HOW_TO_PROVIDE_CREDENTIALS}.${hint}`);
    return undefined;
}

// EXTERNAL MODULE: ./src/core/digest.ts
var core_digest = __webpack_require__(5543);
;// CONCATENATED MODULE: ./src/inputs/images.ts
// Which images to gate: the step-level selectors, the `image-digest` list and the `images`
// lines, merged and checked so that every image is named. Only reading and checking; the site
// each image goes to is decided in config.ts.




/** The `images` line keys that set a line's baseline (issue 18). */
const BASELINE_KEYS = ['baseline-image-tag', 'baseline-image-digest'];
const LINE_KEYS = [...core_selector/* SELECTOR_INPUTS */.of.map(([n]) => n), ...BASELINE_KEYS];
// eslint-disable-next-line no-control-regex -- control characters are exactly what is refused
const SAFE_VALUE = /^[^\s\u0000-\u001f\u007f]{1,256}$/;
/** Step-level selector values may contain spaces (only `images` lines split on them). */
// eslint-disable-next-line no-control-regex -- control characters are exactly what is refused
const SAFE_TEXT = /^[^\u0000-\u001f\u007f]{1,256}$/;
const DIGEST_RULE = 'use sha256:<64 hex digits> or 64 bare hex digits';
const UNSET_OUTPUT = 'The usual cause is an empty image-digest: the step output it was given, such as ${{ steps.<id>.outputs.digest }}, was not set';
const UNNAMED_IMAGE = `image selection: no image is named; set image-digest (recommended) or image-uuid, or image-tag together with repo-id (a tag alone, such as latest, names many images). repo-id, repo-instance-id, repo-region-id and cluster-id only narrow a selection. ${UNSET_OUTPUT}`;
/**
 * The step-level selectors as given, unchecked: what keys the PR comment of a run whose inputs
 * were refused, so it updates the same comment a valid run writes (hashed, never shown).
 */
function rawStepSelectors(input) {
    const selector = {};
    for (const [name, field] of core_selector/* SELECTOR_INPUTS */.of) {
        const value = input.raw(name);
        if (value !== '' && field !== 'digest')
            selector[field] = value;
    }
    return selector;
}
/**
 * The images to gate: one per `image-digest` entry and one per `images` line, each merged over
 * the step-level selectors. With neither, the step-level selectors name the single image.
 */
function readImages(input) {
    const base = {};
    // A refused step-level selector may be the one that named the image: do not add a second,
    // misleading problem about the selection.
    let baseRejected = false;
    for (const [name, field] of core_selector/* SELECTOR_INPUTS */.of) {
        const raw = input.raw(name);
        if (field === 'digest' || raw === '')
            continue;
        if (!SAFE_TEXT.test(raw)) {
            input.problem(`${name}: ${(0,infra_text/* show */.WU)(raw)} must be 1 to 256 characters without control characters`);
            baseRejected = true;
        }
        else
            base[field] = raw;
    }
    const images = [];
    const digestInput = input.raw('image-digest');
    // Separated by commas and newlines only, as documented: other white space inside an entry is
    // a mistake to report (a space after "sha256:"), never a separator.
    const digestTokens = splitList(digestInput.replace(/\r/g, ''));
    const seen = new Set();
    for (const raw of digestTokens) {
        const digest = (0,core_digest/* normalizeDigest */.G)(raw);
        if (/\s/.test(raw)) {
            input.problem(`image-digest: ${(0,infra_text/* show */.WU)(raw)} contains a space; a digest is sha256:<64 hex digits> or 64 bare hex digits with no spaces, and several digests are separated by commas or newlines`);
        }
        else if (!digest) {
            input.problem(`image-digest: ${(0,infra_text/* show */.WU)(raw)} is not a digest; ${DIGEST_RULE} (several: comma- or newline-separated)`);
        }
        else if (!seen.has(digest)) {
            seen.add(digest);
            images.push({ selector: { ...base, digest }, where: '' });
        }
    }
    let hasLines = false;
    input
        .raw('images')
        .split('\n')
        .forEach((line, index) => {
        const text = line.trim();
        if (text === '' || text.startsWith('#'))
            return;
        hasLines = true;
        const parsed = readImagesLine(text, `images line ${index + 1}: `, base, input);
        if (parsed)
            images.push(parsed);
    });
    // Separators alone (two empty step outputs joined by a comma) mean the digests went missing
    // upstream: refuse rather than gate something else.
    if (digestInput !== '' && digestTokens.length === 0) {
        input.problem(`image-digest: ${(0,infra_text/* show */.WU)(digestInput)} contains no digest; ${DIGEST_RULE}. ${UNSET_OUTPUT}`);
        return images;
    }
    if (digestTokens.length === 0 && !hasLines)
        images.push({ selector: base, where: '' });
    for (const { selector, where } of images) {
        if (!(0,core_selector/* namesAnImage */.fr)(selector) && !baseRejected)
            input.problem(`${where}${UNNAMED_IMAGE}`);
    }
    return images;
}
/** One `images` line merged over `base`; undefined (its problems reported) when it is bad. */
function readImagesLine(text, where, base, input) {
    const before = input.problems.length;
    const selector = { ...base };
    const given = new Set();
    let baseline;
    for (const token of text.split(/\s+/)) {
        const eq = token.indexOf('=');
        const key = eq > 0 ? token.slice(0, eq) : '';
        const value = eq > 0 ? token.slice(eq + 1) : '';
        const entry = core_selector/* SELECTOR_INPUTS */.of.find(([name]) => name === key);
        if (!entry && !BASELINE_KEYS.includes(key)) {
            input.problem(`${where}${(0,infra_text/* show */.WU)(token)} is not key=value with a key among ${LINE_KEYS.join(', ')}`);
        }
        else if (given.has(key)) {
            input.problem(`${where}${key} is given twice`);
        }
        else if (!entry) {
            given.add(key);
            if (key === 'baseline-image-digest') {
                const digest = (0,core_digest/* normalizeDigest */.G)(value);
                if (!digest)
                    input.problem(`${where}${key} ${(0,infra_text/* show */.WU)(value)} is not a digest; ${DIGEST_RULE}`);
                else
                    baseline = { digest };
            }
            else if (!SAFE_VALUE.test(value)) {
                input.problem(`${where}${key} ${(0,infra_text/* show */.WU)(value)} must be 1 to 256 characters without spaces or control characters`);
            }
            else
                baseline = { tag: value };
        }
        else {
            given.add(key);
            const [, field] = entry;
            if (field === 'digest') {
                const digest = (0,core_digest/* normalizeDigest */.G)(value);
                if (!digest)
                    input.problem(`${where}image-digest ${(0,infra_text/* show */.WU)(value)} is not a digest; ${DIGEST_RULE}`);
                else
                    selector.digest = digest;
            }
            else if (!SAFE_VALUE.test(value)) {
                input.problem(`${where}${key} ${(0,infra_text/* show */.WU)(value)} must be 1 to 256 characters without spaces or control characters`);
            }
            else
                selector[field] = value;
        }
    }
    if (given.has('baseline-image-tag') && given.has('baseline-image-digest')) {
        input.problem(`${where}baseline-image-tag and baseline-image-digest are both given; an image has one baseline: give one of them`);
    }
    // A line with problems is reported for those alone; it is never gated.
    if (input.problems.length !== before)
        return undefined;
    return baseline ? { selector, where, baseline } : { selector, where };
}

// EXTERNAL MODULE: ./src/core/findings.ts
var core_findings = __webpack_require__(4637);
;// CONCATENATED MODULE: ./src/core/limits.ts
// A category's limit: `off`, or comma-separated terms that must all hold: `N` (at most
// N in total, the count query's number) and `LEVEL:N` (at most N findings of that severity or
// above, counted from the category's finding list). LEVEL is high, medium or low, or the
// category's own word for it (asap/later/nntf, serious/suspicious/remind). An empty input means
// the default `0`, so a gate is never loosened by accident. Pure: the input readers of both
// front ends (inputs/) hand the text in.



const DEFAULT_LIMIT = { text: '0', off: false, total: 0, levels: {} };
/** Whether a limit is enforced from the finding list (it has a level term). */
function hasLevelTerms(spec) {
    return !spec.off && Object.keys(spec.levels).length > 0;
}
function accepted(category) {
    const w = core_findings/* LEVEL_WORDS */.P4[category];
    const aliases = w.high === 'high' ? '' : ` (or ${core_findings/* LEVELS */.A_.map((l) => w[l]).join(', ')}, in that order)`;
    return `use off, or comma-separated terms: N (at most N in total) and LEVEL:N (at most N at that level or above), LEVEL being high, medium or low${aliases}; N a whole number, at most one bare N and one term per level, e.g. high:0,medium:10`;
}
/** One limit input; problems name the input, the term and the accepted forms. */
function parseLimit(category, raw) {
    const name = core_categories/* CATEGORY_INFO */.m3[category].limitInput;
    const text = raw.trim();
    if (text === '')
        return DEFAULT_LIMIT;
    if (text.toLowerCase() === 'off')
        return { text: 'off', off: true, levels: {} };
    const problems = [];
    const spec = { text, off: false, levels: {} };
    for (const rawTerm of text.split(',')) {
        const term = rawTerm.trim();
        const m = /^(?:([A-Za-z]+)\s*:\s*)?(\d{1,15})$/.exec(term);
        const level = m?.[1] === undefined ? undefined : (0,core_findings/* levelOf */.In)(category, m[1]);
        const n = m ? Number(m[2]) : NaN;
        if (term.toLowerCase() === 'off') {
            problems.push(`${name}: off stands alone; ${(0,infra_text/* show */.WU)(text)} combines it with other terms; ${accepted(category)}`);
        }
        else if (!m || (m[1] !== undefined && !level) || !Number.isSafeInteger(n)) {
            problems.push(`${name}: the term ${(0,infra_text/* show */.WU)(term)} is not accepted; ${accepted(category)}`);
        }
        else if (level === undefined) {
            if (spec.total !== undefined)
                problems.push(`${name}: ${(0,infra_text/* show */.WU)(text)} gives more than one bare N; ${accepted(category)}`);
            spec.total = n;
        }
        else {
            if (spec.levels[level] !== undefined)
                problems.push(`${name}: ${(0,infra_text/* show */.WU)(text)} gives ${level} twice; ${accepted(category)}`);
            spec.levels[level] = n;
        }
    }
    return problems.length > 0 ? problems : spec;
}

;// CONCATENATED MODULE: ./src/inputs/limits.ts
// The four limit inputs, read by name and parsed by core/limits.ts.


/** Every limit input. */
function readLimits(input) {
    const limits = {};
    for (const category of core_categories/* CATEGORIES */.R6) {
        const parsed = parseLimit(category, input.raw(core_categories/* CATEGORY_INFO */.m3[category].limitInput));
        if (Array.isArray(parsed)) {
            for (const p of parsed)
                input.problem(p);
            limits[category] = DEFAULT_LIMIT;
        }
        else
            limits[category] = parsed;
    }
    return limits;
}

// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(7598);
// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(3024);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
var external_node_path_default = /*#__PURE__*/__webpack_require__.n(external_node_path_);
;// CONCATENATED MODULE: ./src/infra/confined-path.ts
// Reading a small text file that a user names by a path inside a root folder (the workspace for
// the action, the working directory for a command-line run), and refusing every path that
// leads out of it: `..`, an absolute path elsewhere, or a symbolic link anywhere on the way. A
// repository's own settings (the policy file) must come from the repository: a path that reads
// the runner's files would let a workflow input smuggle in a policy nobody reviewed.
//
// The confinement is judged on the real path: the realpath of the deepest part of the path that
// exists, with the rest appended, must stay under the realpath of the root. The file read is the
// real path that was checked. Missing is told apart from refused, so the caller decides what a
// missing file means (at a default path: nothing to read).


/** Whether `child` is `parent` itself or lies under it (both absolute and normalised). */
function isWithin(parent, child) {
    const rel = external_node_path_default().relative(parent, child);
    return rel === '' || (!rel.startsWith('..') && !external_node_path_default().isAbsolute(rel));
}
function code(err) {
    // Duck-typed: errors from another realm (a test's VM context) are not `instanceof Error`.
    return typeof err === 'object' && err !== null && 'code' in err && typeof err.code === 'string'
        ? err.code
        : undefined;
}
/**
 * The real path `given` leads to under `root`, or why it is refused. A path whose deepest
 * existing part is inside the root but whose rest does not exist resolves to `missing`.
 */
function resolveConfined(root, given, 
/** How messages name the root: the action's workspace, the command line's working directory. */
rootName = 'the workspace') {
    const rootAbs = external_node_path_default().resolve(root);
    const target = external_node_path_default().resolve(rootAbs, given);
    if (!isWithin(rootAbs, target))
        return { problem: `lies outside ${rootName}` };
    // A workspace not made yet (a file to write creates it) is judged by its deepest existing part.
    const rootReal = realOrPlanned(rootAbs);
    if (rootReal === undefined)
        return { problem: `cannot be checked: ${rootName} cannot be resolved` };
    // The deepest part of the path that exists, through any symbolic links on the way.
    let existing = target;
    const rest = [];
    for (;;) {
        try {
            const real = (0,external_node_fs_.realpathSync)(existing);
            const full = external_node_path_default().join(real, ...rest);
            if (!isWithin(rootReal, full))
                return { problem: `leads outside ${rootName} (through a symbolic link)` };
            const relative = external_node_path_default().relative(rootReal, full).split((external_node_path_default()).sep).join('/');
            return { real: full, relative, exists: rest.length === 0 };
        }
        catch (err) {
            const why = code(err);
            if (why !== 'ENOENT' && why !== 'ENOTDIR')
                return { problem: `cannot be resolved (${why ?? String(err)})` };
            // A link whose target is missing is not "nothing there": it points somewhere.
            if (isLink(existing))
                return { problem: 'is a symbolic link to nothing' };
            const parent = external_node_path_default().dirname(existing);
            if (parent === existing)
                return { problem: 'cannot be resolved' };
            rest.unshift(external_node_path_default().basename(existing));
            existing = parent;
        }
    }
}
/** The real path of `p`, or of its deepest existing ancestor with the rest appended. */
function realOrPlanned(p) {
    const rest = [];
    for (let at = p;;) {
        try {
            return external_node_path_default().join((0,external_node_fs_.realpathSync)(at), ...rest);
        }
        catch (err) {
            const why = code(err);
            const up = external_node_path_default().dirname(at);
            if ((why !== 'ENOENT' && why !== 'ENOTDIR') || up === at)
                return undefined;
            rest.unshift(external_node_path_default().basename(at));
            at = up;
        }
    }
}
function isLink(p) {
    try {
        return (0,external_node_fs_.lstatSync)(p).isSymbolicLink();
    }
    catch {
        return false;
    }
}
/**
 * Reads a UTF-8 text file named by `given` under `root`, at most `maxBytes` long. Never throws:
 * every failure is a `problem` (or `missing`).
 */
function readConfinedText(root, given, maxBytes, rootName) {
    const resolved = resolveConfined(root, given, rootName);
    if ('problem' in resolved)
        return resolved;
    if (!resolved.exists)
        return { missing: true, relative: resolved.relative };
    let fd;
    try {
        fd = (0,external_node_fs_.openSync)(resolved.real, 'r');
        const stat = (0,external_node_fs_.fstatSync)(fd);
        if (!stat.isFile())
            return { problem: 'is not a file' };
        if (stat.size > maxBytes)
            return { problem: `is larger than ${maxBytes} bytes` };
        // One byte more than allowed tells a file that grew since fstat.
        const buffer = Buffer.alloc(Math.min(stat.size, maxBytes) + 1);
        let length = 0;
        for (;;) {
            const n = (0,external_node_fs_.readSync)(fd, buffer, length, buffer.length - length, null);
            if (n === 0)
                break;
            length += n;
            if (length === buffer.length)
                break;
        }
        if (length > maxBytes)
            return { problem: `is larger than ${maxBytes} bytes` };
        const text = new TextDecoder('utf-8', { fatal: true }).decode(buffer.subarray(0, length));
        return { text, relative: resolved.relative };
    }
    catch (err) {
        const why = code(err);
        if (why === 'ENOENT')
            return { missing: true };
        if (why === 'ERR_ENCODING_INVALID_ENCODED_DATA')
            return { problem: 'is not UTF-8 text' };
        return { problem: `cannot be read (${why ?? 'unexpected error'})` };
    }
    finally {
        if (fd !== undefined)
            (0,external_node_fs_.closeSync)(fd);
    }
}

;// CONCATENATED MODULE: ./src/infra/workspace-path.ts
// Files the action writes (sarif-file, report-file) stay inside the workspace. A path is judged
// by where the folder it would be written in really leads, by the same rule as the files the
// gate reads (confined-path.ts: `..`, an absolute path elsewhere, a symbolic link leading out or
// to nothing are refused); found before any network request. A symlink at the file itself (a
// pull request can add one) is replaced, never written through: the file is written beside it
// under a temporary name and renamed over it. Shared by every front end that writes files.




/**
 * `raw` resolved against the workspace, when the folder it would be written in leads inside the
 * workspace; else why not (a sentence without the input's name, for the caller to prefix).
 */
function confineToWorkspace(raw, workspace) {
    const root = external_node_path_default().resolve(workspace);
    const file = external_node_path_default().resolve(root, raw);
    if (file === root)
        return { problem: 'names the workspace itself, not a file in it' };
    // The file itself may be a symlink: it is replaced, so only its folder has to stay inside.
    const folder = resolveConfined(root, external_node_path_default().dirname(file));
    if ('problem' in folder)
        return { problem: `${folder.problem}; give a path inside it, such as results/out.json` };
    return { path: file };
}
/**
 * Writes `data` to `file`, creating its folders; a symlink (or any file) at `file` is replaced by
 * renaming a temporary file of the same folder over it, so nothing is written through a link.
 */
function replaceFile(file, data) {
    const dir = path.dirname(file);
    mkdirSync(dir, { recursive: true });
    const temp = path.join(dir, `.${path.basename(file)}.${randomBytes(6).toString('hex')}.tmp`);
    try {
        writeFileSync(temp, data, { flag: 'wx', mode: 0o644 });
        renameSync(temp, file);
    }
    catch (err) {
        rmSync(temp, { force: true });
        throw err;
    }
}
/** Removes a file (or a symlink, not its target) left at `file`; true when one was removed. */
function removeStale(file) {
    try {
        const stat = lstatSync(file);
        if (stat.isDirectory())
            return false;
    }
    catch {
        return false;
    }
    rmSync(file, { force: true });
    return true;
}

;// CONCATENATED MODULE: ./src/inputs/baseline.ts
// Which image each gated image is compared with, so it is gated on what it introduces (issue 18):
// the step-level `baseline-image-tag` / `baseline-image-digest`, overridden per image by the same
// keys on an `images` line. Only reading and checking; the engine resolves and reads baselines.
//
// Rules: an image has at most one baseline, so both inputs at step level (or both keys on one
// line) are bad input. A digest names one image of one repository, so a baseline digest that
// would apply to more than one gated image is bad input: gating two repositories against one
// image would call findings "inherited" from an image neither was built from.


// eslint-disable-next-line no-control-regex -- control characters are exactly what is refused
const SAFE_TAG = /^[^\s\u0000-\u001f\u007f]{1,256}$/;
/** The step-level baseline, or undefined when none (or when it is bad: reported). */
function readStepBaseline(input) {
    const tag = input.raw('baseline-image-tag');
    const rawDigest = input.raw('baseline-image-digest');
    if (tag !== '' && rawDigest !== '') {
        input.problem('baseline-image-tag and baseline-image-digest are both set; an image has one baseline: set one of them (or set either per image on its images line)');
        return undefined;
    }
    if (tag !== '') {
        if (SAFE_TAG.test(tag))
            return { tag };
        input.problem(`baseline-image-tag: ${(0,infra_text/* show */.WU)(tag)} must be 1 to 256 characters without spaces or control characters`);
        return undefined;
    }
    if (rawDigest === '')
        return undefined;
    const digest = (0,core_digest/* normalizeDigest */.G)(rawDigest);
    if (digest)
        return { digest };
    input.problem(`baseline-image-digest: ${(0,infra_text/* show */.WU)(rawDigest)} is not a digest; use sha256:<64 hex digits> or 64 bare hex digits`);
    return undefined;
}
/**
 * Gives the step-level baseline to every target without one of its own (a line's baseline
 * overrides it) and reports each baseline digest that would apply to more than one image.
 */
function applyBaselines(input, step, sources) {
    const byDigest = new Map();
    for (const source of sources) {
        const own = source.target.baseline;
        if (!own && step)
            source.target.baseline = { ...step };
        const ref = source.target.baseline;
        if (!ref || !('digest' in ref))
            continue;
        const where = own ? source.where : '';
        const list = byDigest.get(ref.digest);
        if (list)
            list.push(where);
        else
            byDigest.set(ref.digest, [where]);
    }
    for (const [digest, wheres] of byDigest) {
        if (wheres.length < 2)
            continue;
        const fromStep = wheres.some((w) => w === '');
        const lines = wheres.filter((w) => w !== '').map((w) => w.replace(/: $/, ''));
        const which = fromStep ? 'baseline-image-digest' : `${lines.join(', ')}: baseline-image-digest`;
        input.problem(`${which}: sha256:${digest} would be the baseline of ${wheres.length} images; a digest is one image of one repository, so give each image its own baseline on its images line, or use baseline-image-tag (looked up in each image's repository)`);
    }
}

;// CONCATENATED MODULE: ./src/inputs/policy.ts
// The `policy-file` and `max-accept-days` inputs (issue 18): which policy file to read, and the
// policy it holds, checked with every other input before any network call. Reading a file is
// I/O, so this module stays pure over its source: the front end hands in a `ReadPolicyFile` port
// (the action's reads under the workspace, refusing paths that lead out; a CLI's under its
// working directory), today's date, and policy/'s parser: handed in rather than imported, so a
// front end loads the YAML parser (about a fifth of the action's bundle) only when there is a
// policy file to check.
//
// What a missing file means: nothing to read at the default path (`.github/sas-image-gate.yml`,
// defaulted, written out, or an empty input, which means the default as for every other input);
// anywhere else, a mistake (a path that was meant to hold a policy and does not must not
// silently gate without it). An empty input still reads a file at the default path: a policy
// committed to the repository is never skipped by a blank in the workflow.


const DEFAULT_POLICY_FILE = '.github/sas-image-gate.yml';
/** Larger policy files are bad input (issue 18). */
const MAX_POLICY_BYTES = 1024 * 1024;
const DEFAULT_MAX_ACCEPT_DAYS = 365;
/** Ten years: `0` is the way to say "no cap". */
const MAX_ACCEPT_DAYS_LIMIT = 3650;
// eslint-disable-next-line no-control-regex -- control characters are exactly what is refused
const CONTROL = /[\u0000-\u001f\u007f]/;
/** `./a//b` → `a/b`: how a written-out default path is recognised. */
function normalPath(raw) {
    return external_node_path_default().posix.normalize(raw.replace(/\\/g, '/')).replace(/^(\.\/)+/, '');
}
/**
 * Reads `max-accept-days` and `policy-file`, and checks the file. Its problems join the other
 * input problems, each prefixed `policy-file: `.
 */
function readPolicyInputs(input, source) {
    const root = source.rootName ?? 'the workspace';
    // The action's workspace is the repository's checkout: paths are relative to its root.
    const inRepo = source.rootName === undefined;
    const before = input.problems.length;
    const maxAcceptDays = input.integer('max-accept-days', DEFAULT_MAX_ACCEPT_DAYS, 0, MAX_ACCEPT_DAYS_LIMIT, ' (0: no cap)');
    // With a refused cap, the file is still checked for everything else (no cap: no false alarm).
    const cap = input.problems.length > before ? 0 : maxAcceptDays;
    const raw = input.raw('policy-file') || DEFAULT_POLICY_FILE;
    if (CONTROL.test(raw) || raw.length > 4096) {
        input.problem(`policy-file: ${(0,infra_text/* show */.WU)(raw)} is not a file path; give a path relative to ${root}, such as ${DEFAULT_POLICY_FILE}`);
        return { maxAcceptDays };
    }
    const isDefault = normalPath(raw) === DEFAULT_POLICY_FILE;
    // A caller with no files to read (unit tests): nothing at the default path. Skipping a policy
    // only ever counts more; a path named on purpose is never skipped.
    if (isDefault && !source.readPolicyFile)
        return { maxAcceptDays };
    if (!source.readPolicyFile || !source.now)
        throw new Error('parseConfig needs readPolicyFile and now to read a policy file');
    const read = source.readPolicyFile(raw);
    if ('missing' in read) {
        // The default path written out in any form (`./…`, absolute inside the root) is the default.
        if (!isDefault && read.relative !== DEFAULT_POLICY_FILE)
            input.problem(`policy-file: ${(0,infra_text/* show */.WU)(raw)} does not exist in ${root}; check the path${inRepo ? ' (relative to the repository root)' : ''}, or leave policy-file out for the default ${DEFAULT_POLICY_FILE} (none there: no policy)`);
        return { maxAcceptDays };
    }
    if ('problem' in read) {
        input.problem(`policy-file: ${(0,infra_text/* show */.WU)(raw)} ${read.problem}; give a file in ${root}${inRepo ? ', relative to the repository root' : ''}, at most ${MAX_POLICY_BYTES} bytes`);
        return { maxAcceptDays };
    }
    if (!source.parsePolicy)
        throw new Error('parseConfig needs parsePolicy to check a policy file');
    const shownPath = read.relative ?? normalPath(raw);
    const parsed = source.parsePolicy(read.text, {
        path: shownPath,
        today: source.now,
        maxAcceptDays: cap,
    });
    if (!parsed.ok) {
        for (const p of parsed.problems)
            input.problem(`policy-file: ${p}`);
        return { maxAcceptDays };
    }
    return { policy: parsed.policy, maxAcceptDays };
}

;// CONCATENATED MODULE: ./src/inputs/config.ts
// Every action input is read, validated and typed through here (with images.ts, limits.ts,
// credentials.ts and comment-settings.ts), and nowhere else. All problems are collected and
// reported together, before any network request; when there are any, what could still be read
// (the job-summary switch, the comment settings and key) comes back too, so that nothing reads
// the inputs a second time to report them.











const DEFAULT_REGION = 'cn-shanghai';
const MAX_CONCURRENCY = 20;
const MAX_TIMEOUT_SECONDS = 3600;
const MAX_LIST_FINDINGS = 1000;
/** Test and demo knob: the first pause between scan-state polls (default 5 s). */
const FIRST_POLL_ENV = 'SAS_IMAGE_GATE_FIRST_POLL_MS';
function parseConfig(env, mask, 
/** The front end's advice when no credentials are found at all. */
noCredentialsHint = '', source = {}, 
/** How problems name a setting (the command line's `--name`); default: the input name. */
label) {
    const input = new InputReader(env, label);
    const credentials = readCredentials(input, mask, noCredentialsHint);
    const limits = readLimits(input);
    const ignoreUnfixable = input.bool('ignore-unfixable', false);
    const listFindings = input.integer('list-findings', 10, 0, MAX_LIST_FINDINGS);
    const sarifFile = readWorkspaceFile(input, 'sarif-file', 'results.sarif');
    const reportFile = readWorkspaceFile(input, 'report-file', 'sas-report.json');
    const dockerfile = readDockerfile(input);
    const riskStatus = input.choice('risk-status', ['unhandled', 'handled', 'all'], 'unhandled');
    const failBuild = input.bool('fail-build', true);
    const onError = input.choice('on-error', ['fail', 'warn'], 'fail');
    const jobSummary = input.bool('job-summary', true);
    const maxConcurrency = input.integer('max-concurrency', 4, 1, MAX_CONCURRENCY);
    const comment = readCommentSettings(input, mask);
    const scan = readScanSettings(input);
    const timeoutSeconds = input.positive('timeout-seconds', 60, {
        unit: 'seconds',
        max: MAX_TIMEOUT_SECONDS,
    });
    const scanRange = [];
    for (const v of input.list('scan-range')) {
        const lower = v.toLowerCase();
        if (lower !== 'image' && lower !== 'container') {
            input.problem(`scan-range: ${(0,infra_text/* show */.WU)(v)} is not accepted; use image and/or container (comma- or newline-separated)`);
        }
        else if (!scanRange.includes(lower))
            scanRange.push(lower);
    }
    const instanceUuids = [];
    for (const v of input.list('instance-uuids')) {
        if (!SAFE_ID.test(v))
            input.problem(`instance-uuids: ${(0,infra_text/* show */.WU)(v)} is not an instance id`);
        else if (!instanceUuids.includes(v))
            instanceUuids.push(v);
    }
    const images = readTargets(input);
    const { policy, maxAcceptDays } = readPolicyInputs(input, source);
    if (input.problems.length > 0 || !credentials || !comment) {
        return {
            problems: input.problems,
            partial: { jobSummary, comment, images: [{ selector: rawStepSelectors(input) }] },
        };
    }
    return {
        config: {
            images,
            scanRange,
            instanceUuids,
            riskStatus,
            limits,
            ignoreUnfixable,
            listFindings,
            sarifFile,
            reportFile,
            readEveryList: sarifFile !== '',
            dockerfile,
            failBuild,
            onError,
            timeoutMs: Math.round((timeoutSeconds ?? 60) * 1000),
            jobSummary,
            comment,
            maxConcurrency,
            credentials,
            scan,
            ...(policy ? { policy, ...(source.now ? { today: source.now } : {}) } : {}),
            maxAcceptDays,
        },
    };
}
// eslint-disable-next-line no-control-regex -- control characters are exactly what is refused
const SAFE_ID = /^[^\s\u0000-\u001f\u007f]{1,256}$/;
// eslint-disable-next-line no-control-regex -- control characters are exactly what is refused
const config_CONTROL = /[\u0000-\u001f\u007f]/;
/**
 * sarif-file, report-file: a path relative to the workspace (the working directory when
 * GITHUB_WORKSPACE is unset), or absolute; it must lead inside the workspace.
 */
function readWorkspaceFile(input, name, example) {
    const raw = input.raw(name);
    if (raw === '')
        return '';
    if (config_CONTROL.test(raw) || raw.length > 4096) {
        input.problem(`${name}: ${(0,infra_text/* show */.WU)(raw)} is not a file path; give a path such as ${example}`);
        return '';
    }
    const confined = confineToWorkspace(raw, input.env['GITHUB_WORKSPACE'] || process.cwd());
    if ('problem' in confined) {
        input.problem(`${name}: ${(0,infra_text/* show */.WU)(raw)} ${confined.problem}`);
        return '';
    }
    return confined.path;
}
const MAX_DOCKERFILE = 1_024;
/** dockerfile: the repository-relative path SARIF results point at (default Dockerfile). */
function readDockerfile(input) {
    const raw = input.raw('dockerfile');
    if (raw === '')
        return 'Dockerfile';
    const clean = raw.replace(/\\/g, '/').replace(/^(\.\/)+/, '');
    const bad = config_CONTROL.test(raw) ||
        raw.length > MAX_DOCKERFILE ||
        clean === '' ||
        clean === '.' ||
        clean.endsWith('/') ||
        clean.endsWith('/.') ||
        clean.startsWith('/') ||
        /^[a-z][a-z0-9+.-]*:/i.test(clean) ||
        clean.split('/').includes('..');
    if (bad) {
        input.problem(`dockerfile: ${(0,infra_text/* show */.WU)(raw)} is not accepted; give the Dockerfile's path (a file, not a folder) relative to the repository root, at most ${MAX_DOCKERFILE.toLocaleString('en-US')} characters, e.g. docker/Dockerfile (code scanning shows the alerts there)`);
        return 'Dockerfile';
    }
    return clean;
}
function readScanSettings(input) {
    const require = input.bool('require-scan', true);
    const waitSeconds = input.integer('wait-for-scan', 600, 0, 6 * 3600);
    const trigger = input.bool('trigger-scan', false);
    const hours = input.positive('max-scan-age', null, { unit: 'hours', off: true });
    const rawPoll = (input.env[FIRST_POLL_ENV] ?? '').trim();
    const pollBaseMs = /^\d+$/.test(rawPoll) && Number(rawPoll) > 0 ? Number(rawPoll) : 5_000;
    return {
        require,
        waitMs: waitSeconds * 1000,
        trigger,
        maxAgeMs: hours === null ? null : Math.round(hours * 3_600_000),
        pollBaseMs,
    };
}
/**
 * Each image with the Security Center site that holds its data: `endpoint` overrides
 * everything; else `region-id`; else the image's own `repo-region-id` (default cn-shanghai).
 * Duplicates (same site and selectors) are gated once.
 */
function readTargets(input) {
    let fixed;
    const rawEndpoint = input.raw('endpoint');
    if (rawEndpoint !== '') {
        const parsed = (0,endpoints/* readEndpointInput */.gN)('endpoint', rawEndpoint);
        if (typeof parsed === 'string')
            input.problem(parsed);
        else
            fixed = parsed;
    }
    const regionId = input.raw('region-id');
    if (regionId !== '' && !fixed) {
        fixed = (0,endpoints/* endpointForRegion */.pd)(regionId);
        if (!fixed)
            input.problem(unknownRegion('region-id', regionId));
    }
    const targets = [];
    const seen = new Map();
    const stepBaseline = readStepBaseline(input);
    for (const { selector, where, baseline } of readImages(input)) {
        let endpoint = fixed;
        if (!endpoint && rawEndpoint === '' && regionId === '') {
            const region = selector.repoRegionId ?? DEFAULT_REGION;
            endpoint = (0,endpoints/* endpointForRegion */.pd)(region);
            if (!endpoint)
                input.problem(`${where}${unknownRegion('repo-region-id', region)}`);
        }
        if (!endpoint)
            continue;
        const key = JSON.stringify([
            endpoint.origin,
            core_selector/* SELECTOR_INPUTS */.of.map(([, f]) => selector[f] ?? null),
        ]);
        const earlier = seen.get(key);
        if (earlier) {
            if (JSON.stringify(earlier.target.baseline) !== JSON.stringify(baseline))
                input.problem(`${where}the same image is listed ${earlier.where ? `on ${earlier.where.replace(/: $/, '')} ` : ''}with another baseline; give each image once`);
            continue;
        }
        const target = baseline
            ? { selector, endpoint, baseline }
            : { selector, endpoint };
        seen.set(key, { target, where });
        targets.push(target);
    }
    applyBaselines(input, stepBaseline, [...seen.values()]);
    return targets;
}
function unknownRegion(name, region) {
    const near = (0,endpoints/* nearestRegion */.$f)(region);
    const guess = near ? `did you mean ${near}? ` : '';
    return `${name}: ${(0,infra_text/* show */.WU)(region)} is not a known region (no Security Center site is known for it); ${guess}Known regions: ${[...endpoints/* REGION_SITES */.Y_.keys()].join(', ')}. Or set endpoint to the Security Center endpoint`;
}

// EXTERNAL MODULE: ./src/alibaba/client.ts
var alibaba_client = __webpack_require__(7597);
// EXTERNAL MODULE: ./src/infra/http.ts
var http = __webpack_require__(5420);
// EXTERNAL MODULE: ./src/infra/slots.ts
var slots = __webpack_require__(7583);
;// CONCATENATED MODULE: ./src/core/list-trust.ts
/**
 * Whether a read list can be used. A list with nothing that counts while the count query counts
 * some cannot be trusted (a digest form, site or permission mismatch would look exactly so);
 * other gaps between the two are units that may differ, worth a note but no error.
 */
function judgeList(label, read, total) {
    if (!read.ok)
        return { problem: read.problem };
    const { list } = read;
    if (list.beforeUnfixable === 0 && total > 0) {
        return {
            problem: `The ${label} list has nothing that counts while the count query counts ${total}, so the list cannot be trusted (the digest, the site or a filter may not match what the count query saw).`,
        };
    }
    const notes = [];
    if (list.beforeUnfixable !== total)
        notes.push(`The ${label} list counts ${list.beforeUnfixable}, the count query ${total}; their units may differ, and level terms are counted from the list.`);
    if (list.unknownLevels > 0)
        notes.push(`${list.unknownLevels} ${label} finding(s) carry a level the gate does not know; they are counted as high.`);
    return { keep: list, notes };
}

;// CONCATENATED MODULE: ./src/core/plan.ts
// Which finding lists a run reads, and why: the one home of that rule, used by the gate (what to
// ask for), the printed minimal RAM policy (which list actions a run may call) and the report. A
// list is read up front when a limit is counted from it (then a list that cannot be read makes
// the image an error) or when a SARIF file reports every finding; the others are read only when
// an image fails, to list what to fix (list-findings above 0). Pure: plain values in, no I/O.

/**
 * Whether a category's limit is enforced from its finding list: a level term, or a vulnerability
 * limit under ignore-unfixable (then even a bare N counts the fixable findings of the list).
 */
function enforcedFromList(category, limit, ignoreUnfixable) {
    if (limit.off)
        return false;
    return Object.keys(limit.levels).length > 0 || (ignoreUnfixable && (0,core_categories/* isVulnerability */.Z4)(category));
}
function planLists(settings) {
    const lists = [];
    for (const category of core_categories/* CATEGORIES */.R6) {
        const limit = settings.limits[category];
        if (enforcedFromList(category, limit, settings.ignoreUnfixable) ||
            (!limit.off && settings.alsoRead?.includes(category) === true))
            lists.push({ category, reason: 'enforced', when: 'up-front' });
        else if (settings.sarif)
            lists.push({ category, reason: 'sarif', when: 'up-front' });
        else if (settings.listFindings > 0)
            lists.push({ category, reason: 'list-findings', when: 'on-fail' });
    }
    const pick = (keep) => lists.filter(keep).map((l) => l.category);
    return {
        enforced: pick((l) => l.reason === 'enforced'),
        upFront: pick((l) => l.when === 'up-front'),
        onFail: pick((l) => l.when === 'on-fail'),
        lists,
    };
}
/** Every category whose list the run may read, up front or on a fail, in category order. */
function mayRead(plan) {
    return plan.lists.map((l) => l.category);
}

;// CONCATENATED MODULE: ./src/core/verdict.ts
// The gate's decision: pure functions over counts, level counts and limits, no I/O. A limit is
// exceeded when any of its terms is: `N` against the count query's total (or, under
// ignore-unfixable, the fixable findings of a vulnerability list), `LEVEL:N` against the list's
// findings at that level or above. A term whose numbers are missing is never assumed to hold.




/** The report's first form of a limit: N for a single bare N, 'off', else the text written. */
function limitValue(spec) {
    if (spec.off)
        return 'off';
    if (Object.keys(spec.levels).length === 0 && spec.total !== undefined)
        return spec.total;
    return spec.text;
}
/** Findings at `level` or above. */
function atOrAbove(levels, level) {
    return core_findings/* LEVELS */.A_.slice(0, core_findings/* LEVELS */.A_.indexOf(level) + 1).reduce((sum, l) => sum + levels[l], 0);
}
/**
 * A count equal to its limit passes; an 'off' limit is reported but never fails. Throws when a
 * limit needs a list that is not in `evidence` (the caller makes that image an error).
 */
function evaluate(counts, limits, evidence) {
    const categories = {};
    const exceeded = [];
    for (const category of core_categories/* CATEGORIES */.R6) {
        const spec = limits[category];
        const verdict = {
            count: counts[category],
            limit: limitValue(spec),
            limitText: spec.text,
            status: 'off',
            exceededTerms: [],
        };
        if (!spec.off) {
            const levels = evidence.levels[category];
            const fromList = enforcedFromList(category, spec, evidence.ignoreUnfixable);
            if (fromList && !levels) {
                throw new errors/* GateError */.ue(`The ${category} limit (${spec.text}) is counted from its finding list, which was not read.`);
            }
            if (spec.total !== undefined) {
                // A bare N is the count query's total, except that ignore-unfixable counts the fixable
                // findings of a vulnerability list instead.
                const fixableOnly = evidence.ignoreUnfixable && (0,core_categories/* isVulnerability */.Z4)(category);
                const total = fixableOnly && levels ? atOrAbove(levels, 'low') : counts[category];
                if (total > spec.total)
                    verdict.exceededTerms.push(String(spec.total));
            }
            for (const level of core_findings/* LEVELS */.A_) {
                const max = spec.levels[level];
                if (max !== undefined && levels && atOrAbove(levels, level) > max)
                    verdict.exceededTerms.push(`${level}:${max}`);
            }
            verdict.status = verdict.exceededTerms.length > 0 ? 'fail' : 'pass';
        }
        if (verdict.status === 'fail')
            exceeded.push(category);
        categories[category] = verdict;
    }
    return { result: exceeded.length > 0 ? 'fail' : 'pass', exceeded, categories };
}
const SEVERITY = { pass: 0, fail: 1, error: 2 };
/** error > fail > pass. No results at all is an error: nothing was established. */
function worstResult(results) {
    let worst;
    for (const r of results)
        if (worst === undefined || SEVERITY[r] > SEVERITY[worst])
            worst = r;
    return worst ?? 'error';
}
/** Categories exceeded by any of the evaluations, in the fixed category order. */
function unionExceeded(lists) {
    const seen = new Set();
    for (const list of lists)
        for (const c of list)
            seen.add(c);
    return core_categories/* CATEGORIES */.R6.filter((c) => seen.has(c));
}

// EXTERNAL MODULE: ./src/policy/dates.ts
var dates = __webpack_require__(6931);
;// CONCATENATED MODULE: ./src/policy/accept.ts
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



/** Days from today until the entry's `expires` date: 0 or less means expired. */
function daysLeft(entry, today) {
    const expires = (0,dates/* parseDay */.Iq)(entry.expires);
    if (expires === undefined)
        throw new Error(`unchecked expires date "${entry.expires}"`);
    return expires - (0,dates/* dayOf */.kb)(today);
}
/** In force: before 00:00 UTC of its `expires` date. */
function isInForce(entry, today) {
    return daysLeft(entry, today) > 0;
}
/** The categories an entry could match: its category, cve-vulns with `package`, else all. */
function matchableCategories(entry) {
    if (entry.category)
        return [entry.category];
    return entry.package === undefined ? [...core_categories/* CATEGORIES */.R6] : ['cve-vulns'];
}
/**
 * The categories whose lists must be read for the policy: those an entry in force could match
 * (for `image` only, when given: entries that `cover` it, or that `may-cover` it when some of its
 * names are not known yet). The caller intersects them with the enforced categories.
 */
function categoriesToRead(policy, today, image, rule = 'covers') {
    const covers = rule === 'covers' ? coversImage : mayCoverImage;
    const wanted = new Set();
    for (const entry of policy.entries) {
        if (!isInForce(entry, today) || (image && !covers(entry, image)))
            continue;
        for (const c of matchableCategories(entry))
            wanted.add(c);
    }
    return core_categories/* CATEGORIES */.R6.filter((c) => wanted.has(c));
}
/** A digest as one comparable text: `sha256:` and lower-case hex (core/digest.ts's rule). */
function normalDigest(digest) {
    return `sha256:${(0,core_digest/* bareDigest */.$)(digest)}`;
}
/** Whether the entry's `images` scope (absent: every image) covers the image. */
function coversImage(entry, image) {
    if (!entry.images)
        return true;
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
function mayCoverImage(entry, image) {
    if (!entry.images)
        return true;
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
function namesOf(finding) {
    const names = finding.category === 'malicious-files'
        ? [finding.md5 ?? finding.key]
        : [finding.key, finding.id, ...finding.cveIds];
    return names.map((n) => n.toLowerCase());
}
/** Whether `id` names the finding (case-insensitive); malicious files by MD5 only. */
function idMatches(id, finding) {
    return namesOf(finding).includes(id.toLowerCase());
}
/** Id and every scope (category, package, images), whatever the date. */
function entryMatches(entry, finding, image) {
    return scopeMatches(entry, finding) && coversImage(entry, image) && idMatches(entry.id, finding);
}
/** The category and package scopes. */
function scopeMatches(entry, finding) {
    if (entry.category !== undefined && entry.category !== finding.category)
        return false;
    if (entry.package === undefined)
        return true;
    return finding.category === 'cve-vulns' && finding.packages.some((p) => p.name === entry.package);
}
/** Entry positions by lower-case id, for the entries that may match here. */
function indexById(entries, eligible) {
    const index = new Map();
    entries.forEach((entry, i) => {
        if (!eligible[i])
            return;
        const id = entry.id.toLowerCase();
        const list = index.get(id);
        if (list)
            list.push(i);
        else
            index.set(id, [i]);
    });
    return index;
}
/** The entry that runs longest, then the first in the file. */
function longest(entries) {
    let best;
    for (const e of entries)
        if (!best || e.expires > best.expires)
            best = e;
    return best;
}
/**
 * Applies the policy to one image's findings of one category (after risk-status and
 * ignore-unfixable; every finding must be of `category`).
 */
function applyPolicy(findings, options) {
    const { policy, category, image, today } = options;
    const entries = policy.entries;
    const inForce = entries.map((e) => isInForce(e, today));
    const app = {
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
    const byId = indexById(entries, entries.map((e, i) => app.checked[i] === true && covers[i] === true));
    for (const finding of findings) {
        if (finding.category !== category)
            throw new Error(`a ${finding.category} finding in the ${category} list`);
        // Each entry once, even when the finding's key and shown id are the same text.
        const candidates = new Set(namesOf(finding).flatMap((n) => byId.get(n) ?? []));
        const live = [];
        const expired = [];
        for (const i of [...candidates].sort((a, b) => a - b)) {
            const entry = entries[i];
            if (!entry || !scopeMatches(entry, finding))
                continue;
            app.hits[i] = (app.hits[i] ?? 0) + 1;
            (inForce[i] ? live : expired).push(entry);
        }
        const accepting = longest(live);
        const lapsed = longest(expired);
        if (accepting)
            app.accepted.push({ finding, entry: accepting });
        else {
            app.counted.push(finding);
            if (lapsed)
                app.expiredMatches.push({ finding, entry: lapsed });
        }
    }
    return app;
}

;// CONCATENATED MODULE: ./src/policy/baseline.ts

/** 0 for high: a smaller rank is more severe. */
function rank(level) {
    return core_findings/* LEVELS */.A_.indexOf(level);
}
function packageNames(f) {
    return new Set(f.packages.map((p) => p.name));
}
/** Same finding, whatever the level: category, key and (CVE findings) a common package. */
function sameFinding(a, b) {
    if (a.category !== b.category || a.key !== b.key)
        return false;
    if (a.category === 'malicious-files')
        return false;
    if (a.category !== 'cve-vulns')
        return true;
    const names = packageNames(a);
    if (names.size === 0 && b.packages.length === 0)
        return true;
    return b.packages.some((p) => names.has(p.name));
}
function byKey(findings) {
    const map = new Map();
    for (const f of findings) {
        const list = map.get(f.key);
        if (list)
            list.push(f);
        else
            map.set(f.key, [f]);
    }
    return map;
}
/** The counterparts of `finding` in an index of the other image's findings. */
function counterparts(finding, index) {
    return (index.get(finding.key) ?? []).filter((other) => sameFinding(finding, other));
}
/**
 * Compares one category's findings of an image with the baseline image's findings of the same
 * category (both after risk-status and ignore-unfixable).
 */
function compareWithBaseline(category, findings, baseline) {
    for (const f of [...findings, ...baseline])
        if (f.category !== category)
            throw new Error(`a ${f.category} finding in the ${category} list`);
    const inBaseline = byKey(baseline);
    const inImage = byKey(findings);
    const out = {
        category,
        new: [],
        inherited: [],
        fixed: [],
        counts: { new: 0, inherited: 0, fixed: 0 },
    };
    for (const finding of findings) {
        const before = counterparts(finding, inBaseline);
        const inherited = before.some((b) => rank(b.level) <= rank(finding.level));
        (inherited ? out.inherited : out.new).push(finding);
    }
    if (category !== 'malicious-files') {
        for (const old of baseline)
            if (counterparts(old, inImage).length === 0)
                out.fixed.push(old);
    }
    out.counts = { new: out.new.length, inherited: out.inherited.length, fixed: out.fixed.length };
    return out;
}

;// CONCATENATED MODULE: ./src/policy/count-rule.ts


/** A finding's weight in the count query's unit (see the units above). */
function countUnits(category, findings, as) {
    if (category !== 'baseline-risks')
        return findings.length;
    return findings.reduce((sum, f) => {
        const items = f.itemCounts ? core_findings/* LEVELS */.A_.reduce((n, l) => n + (f.itemCounts?.[l] ?? 0), 0) : 0;
        return sum + (as === 'counted' ? Math.max(1, items) : items);
    }, 0);
}
/** The count rule: max(count query total − accepted, the list's unaccepted), never below 0. */
function gatedTotal(countQueryTotal, accepted, listUnaccepted) {
    return Math.max(countQueryTotal - accepted, listUnaccepted, 0);
}
function levelCounts(findings) {
    const levels = { high: 0, medium: 0, low: 0 };
    for (const f of findings)
        levels[f.level] += 1;
    return levels;
}
/** Applies the order read → policy → baseline → judge to one image's category. */
function countCategory(input) {
    const { category, findings, application, baseline, countQueryTotal } = input;
    if (application &&
        (application.category !== category ||
            application.counted.length + application.accepted.length !== findings.length)) {
        throw new Error(`the policy was applied to another ${category} list`);
    }
    const unaccepted = application ? application.counted : [...findings];
    const accepted = application?.accepted ?? [];
    const expiredMatches = application?.expiredMatches ?? [];
    if (baseline) {
        // Inherited and new split only what the policy left; fixed is judged against every finding
        // still in the image, accepted ones included.
        const split = compareWithBaseline(category, unaccepted, baseline);
        const fixed = compareWithBaseline(category, findings, baseline).fixed;
        const newUnits = countUnits(category, split.new, 'counted');
        const taken = countUnits(category, accepted.map((a) => a.finding), 'accepted') + countUnits(category, split.inherited, 'accepted');
        return {
            category,
            counted: split.new,
            levels: levelCounts(split.new),
            total: countQueryTotal === undefined ? newUnits : gatedTotal(countQueryTotal, taken, newUnits),
            accepted,
            expiredMatches,
            baseline: { new: split.new, inherited: split.inherited, fixed },
        };
    }
    const listTotal = countUnits(category, unaccepted, 'counted');
    const acceptedUnits = countUnits(category, accepted.map((a) => a.finding), 'accepted');
    const total = countQueryTotal === undefined
        ? listTotal
        : accepted.length > 0
            ? gatedTotal(countQueryTotal, acceptedUnits, listTotal)
            : countQueryTotal;
    return {
        category,
        counted: unaccepted,
        levels: levelCounts(unaccepted),
        total,
        accepted,
        expiredMatches,
    };
}

;// CONCATENATED MODULE: ./src/gate/outcome.ts
/**
 * The names an image is known by, for policy entries' `images` scopes: what is known of it (its
 * repo-id selector, else the repository its scan proof's rows agree on; the `namespace/name`
 * its rows give; its digest, given or resolved). A name not learnt is left out.
 */
function imageScopeOf(selector, scan) {
    const scope = {
        digests: selector.digest ? [selector.digest] : (scan?.digests ?? []),
    };
    const repoId = selector.repoId ?? scan?.repository?.repoId;
    if (repoId !== undefined)
        scope.repoId = repoId;
    const facts = scan?.rowFacts;
    if (facts?.repoNamespace && facts.repoName)
        scope.repoName = `${facts.repoNamespace}/${facts.repoName}`;
    return scope;
}

;// CONCATENATED MODULE: ./src/gate/judge.ts








/**
 * The categories a policy file makes an image read whole (when enforced): those an entry in
 * force covering it could match (issue 18); without `target`, those of any image. An entry
 * scoped to other images costs this image neither a list nor a verdict. Without a date (settings
 * built by hand) every entry counts as in force: more is read, not less.
 */
function policyCategories(settings, target) {
    if (!settings.policy)
        return [];
    return categoriesToRead(settings.policy, settings.today ?? new Date(0), target?.image, target?.rule);
}
/** What core/plan.ts needs of the run's settings. */
function planSettingsOf(settings, withBaseline = false, target) {
    // With a baseline, every enforced vulnerability and baseline-risk category is counted from
    // lists (malicious files are always new: their count needs no comparison).
    const compared = withBaseline ? COMPARED : [];
    const policy = policyCategories(settings, target);
    const alsoRead = core_categories/* CATEGORIES */.R6.filter((c) => compared.includes(c) || policy.includes(c));
    return {
        limits: settings.limits,
        ignoreUnfixable: settings.ignoreUnfixable,
        sarif: settings.readEveryList === true,
        listFindings: settings.listFindings,
        ...(alsoRead.length > 0 ? { alsoRead } : {}),
    };
}
/** Which lists the run (or one image) reads, and why (core/plan.ts), from the run's settings. */
function planOf(settings, withBaseline = false, target) {
    return planLists(planSettingsOf(settings, withBaseline, target));
}
/** The categories compared with a baseline: malicious files are always new. */
const COMPARED = core_categories/* CATEGORIES */.R6.filter((c) => c !== 'malicious-files');
/** The enforced categories compared with a baseline, under a plan made with one. */
function compared(plan) {
    return COMPARED.filter((c) => plan.enforced.includes(c));
}
/** The names the image is known by so far, for entries' `images` scopes (outcome.ts). */
function imageScope(e) {
    return imageScopeOf(e.selector, e.scan);
}
const label = (c) => core_categories/* CATEGORY_INFO */.m3[c].label;
/**
 * Whether the answers so far already make the image an error, whatever the others still to come
 * say: a failed count query, or a list a limit needs that failed or cannot be trusted.
 */
function decided(e, enforced) {
    if (e.failure !== undefined || (e.count && 'error' in e.count))
        return true;
    const counts = e.count && 'value' in e.count ? e.count.value.counts : undefined;
    return enforced.some((c) => {
        const read = e.lists[c];
        if (!read)
            return false;
        if (!read.ok)
            return true;
        return counts !== undefined && 'problem' in judgeList(label(c), read, counts[c]);
    });
}
function judge(e, settings) {
    const j = { requestIds: [...e.requestIds], lists: {}, notes: [], levels: {} };
    if (e.failure !== undefined)
        return failed(e.failure, j);
    if (e.count && 'error' in e.count)
        return failed(e.count.error, j);
    if (e.baseline?.failure !== undefined) {
        j.requestIds.push(...e.baseline.requestIds);
        return failed(e.baseline.failure, j);
    }
    const used = e.baseline !== undefined && e.baseline.reason === undefined;
    const scope = imageScope(e);
    // What this image's limits need: entries scoped to other images need nothing of it.
    const plan = planOf(settings, used, { image: scope, rule: 'covers' });
    // Decided by a list before the count query answered: that list's failure is the error.
    if (!e.count)
        return failed(listFailure(e, plan, j) ?? new errors/* GateError */.ue('The count query was not answered.'), j);
    try {
        const answer = e.count.value;
        if (answer.requestId)
            j.requestIds.push(answer.requestId);
        j.requestId = answer.requestId;
        j.gatedDigests = e.selector.digest ? [e.selector.digest] : (e.scan?.digests ?? []);
        const policy = settings.policy;
        // Categories not off that an entry could match, expired or scoped to other images too: their
        // lists are kept whole when read, and the policy applied to them (what an entry matched, or
        // that it was checked and matched nothing). Those enforced are counted with what the policy
        // accepts taken out (when an entry in force covering the image could match, the plan reads
        // them up front).
        const covering = policy
            ? policyCategoriesOf(policy).filter((c) => !settings.limits[c].off)
            : [];
        const applying = covering.filter((c) => plan.enforced.includes(c));
        // With a baseline used: the enforced categories compared, read whole for both images.
        const compared = used ? COMPARED.filter((c) => plan.enforced.includes(c)) : [];
        for (const c of plan.upFront) {
            const whole = covering.includes(c) || compared.includes(c);
            const levels = keep(c, e, answer, plan.enforced.includes(c), settings, j, whole);
            if (levels)
                j.levels[c] = levels;
        }
        if (e.baseline) {
            j.requestIds.push(...e.baseline.requestIds);
            j.baseline = baselineOutcome(e.baseline);
        }
        const counts = { ...answer.counts };
        // The order of issue 18: read → apply the policy file → compare with the baseline → judge.
        for (const c of core_categories/* CATEGORIES */.R6) {
            const applies = policy !== undefined && applying.includes(c);
            if (!applies && !compared.includes(c))
                continue;
            const list = j.lists[c];
            if (!list)
                throw new errors/* GateError */.ue(`The ${label(c)} list was not read whole.`);
            const application = applies
                ? applyPolicy(list.findings, {
                    policy,
                    category: c,
                    image: scope,
                    today: todayOf(settings),
                })
                : undefined;
            if (application)
                (j.policy ??= {})[c] = application;
            const base = compared.includes(c) ? baselineList(e, c, j) : undefined;
            const counted = countCategory({
                category: c,
                findings: list.findings,
                ...(application ? { application } : {}),
                ...(base ? { baseline: base } : {}),
                // Under ignore-unfixable a vulnerability list is the count (the count query's total
                // holds the unfixable findings it leaves out): the total is the list's.
                ...(settings.ignoreUnfixable && (0,core_categories/* isVulnerability */.Z4)(c)
                    ? {}
                    : { countQueryTotal: answer.counts[c] }),
            });
            counts[c] = counted.total;
            j.levels[c] = counted.levels;
            if (counted.baseline)
                (j.comparison ??= {})[c] = counted.baseline;
        }
        j.evaluation = evaluate(counts, settings.limits, {
            levels: j.levels,
            ignoreUnfixable: settings.ignoreUnfixable,
        });
        // Read only to show what to fix: its gaps are notes.
        if (j.evaluation.result === 'fail')
            for (const c of plan.onFail)
                keep(c, e, answer, false, settings, j, covering.includes(c));
        if (policy)
            showExpired(covering, applying, policy, scope, settings, j);
        return j;
    }
    catch (err) {
        return failed(err, j);
    }
}
/**
 * Lists read anyway (for the SARIF log, or to show what to fix) of a category no entry in force
 * covering the image could match: a finding an expired entry matches is shown with it
 * ("acceptance expired on …") and counted in its `matched`. They count as before: no entry in
 * force can match them (it would have made the category enforced), and if one did the image is
 * an error.
 */
function showExpired(covering, applying, policy, scope, settings, j) {
    for (const c of covering) {
        const list = j.lists[c];
        if (applying.includes(c) || !list)
            continue;
        const shown = applyPolicy(list.findings, {
            policy,
            category: c,
            image: scope,
            today: todayOf(settings),
        });
        if (shown.accepted.length > 0)
            throw new errors/* GateError */.ue(`The policy file accepted ${label(c)} findings that are not counted.`);
        (j.policy ??= {})[c] = shown;
    }
}
/** The categories the policy's entries could match, expired ones too. */
function policyCategoriesOf(policy) {
    const wanted = new Set(policy.entries.flatMap(matchableCategories));
    return core_categories/* CATEGORIES */.R6.filter((c) => wanted.has(c));
}
/** The baseline image's findings of a category: read whole, or the image is an error. */
function baselineList(e, c, j) {
    const read = e.baseline?.lists[c];
    if (read)
        j.requestIds.push(...read.requestIds);
    if (!read)
        throw new errors/* GateError */.ue(`The baseline image's ${label(c)} list was not read.`);
    if (!read.ok)
        throw new errors/* GateError */.ue(`The baseline image's ${label(c)} list: ${read.problem}`);
    return read.list.findings;
}
/** Which baseline the image was compared with, or why none was. */
function baselineOutcome(b) {
    const repo = b.repoId !== undefined ? { repoId: b.repoId } : {};
    if (b.reason !== undefined || b.digest === undefined)
        return { used: false, ref: b.ref, ...repo, reason: b.reason ?? 'the baseline is unknown' };
    return {
        used: true,
        ref: b.ref,
        ...repo,
        digest: b.digest,
        ...(b.scannedAt !== undefined ? { scannedAt: b.scannedAt } : {}),
    };
}
/** Today for the policy's expiry rules: handed in with the settings, never read here. */
function todayOf(settings) {
    if (!settings.today)
        throw new errors/* GateError */.ue('No date was given to apply the policy file on.');
    return settings.today;
}
/** The image is an error: no evaluation, no gated digest, the failing call's RequestId last. */
function failed(err, j) {
    delete j.evaluation;
    delete j.gatedDigests;
    delete j.policy;
    delete j.comparison;
    delete j.baseline;
    j.error = (0,errors/* describeError */.Uc)(err);
    if (err instanceof errors/* GateError */.ue && err.requestId)
        j.requestIds.push(err.requestId);
    // The last call's RequestId is the one support needs for this error.
    j.requestId = j.requestIds.at(-1);
    return j;
}
/** The first list a limit needs that failed, its RequestIds and those before it taken. */
function listFailure(e, plan, j) {
    for (const c of plan.upFront) {
        const read = e.lists[c];
        if (!read)
            continue;
        j.requestIds.push(...read.requestIds);
        if (!read.ok && plan.enforced.includes(c))
            return new errors/* GateError */.ue(read.problem);
    }
    return undefined;
}
/**
 * Keeps a read list for the report, or says why not: an error (thrown) for a list the limits
 * need, a note for one read only to show or to report. Returns its level counts when kept.
 */
function keep(category, e, answer, enforced, settings, j, whole = false) {
    const read = e.lists[category];
    if (!read)
        return undefined;
    j.requestIds.push(...read.requestIds);
    const judged = judgeList(label(category), read, answer.counts[category]);
    if ('problem' in judged) {
        if (enforced)
            throw new errors/* GateError */.ue(judged.problem);
        j.notes.push(judged.problem);
        return undefined;
    }
    // Only what is shown stays in memory, unless the SARIF log reports every finding or the
    // policy file is applied to the list (its accepted findings are recognised by identity).
    const list = judged.keep;
    j.lists[category] =
        settings.readEveryList === true || whole
            ? list
            : { ...list, findings: list.findings.slice(0, settings.listFindings), unfixable: [] };
    j.notes.push(...judged.notes);
    return list.levels;
}

;// CONCATENATED MODULE: ./src/gate/scan-state.ts

const RUNNING = new Set([
    'INIT',
    'START',
    'MESSAGE_SEND',
    'START_RUN',
    'DOWNLOAD',
    'PRE_ANALYZER',
    'WEB_SHELL_ANALYZER',
    'CVE_ANALYZER',
    'BIN_ANALYZER',
    'OTHER_ANALYZER',
    'PRE_ANALYZER_SUCCESS',
    'PROCESSING',
]);
const FAILED = new Set(['FAIL', 'TIMEOUT', 'TIMOUT']);
/** DescribeImageLatestScanTask's Status values for a task not finished yet. */
const TASK_RUNNING = new Set(['PROCESSING', 'START', 'MESSAGE_SEND', 'PRE_ANALYZER', 'INIT']);
/** A scan time further ahead than clock skew explains is not believed. */
const FUTURE_TOLERANCE_MS = 5 * 60_000;
function classifyRow(row, maxAgeMs, now) {
    if ((row.lastScanTime ?? 0) > now + FUTURE_TOLERANCE_MS)
        return 'unknown';
    const status = row.scaStatus?.toUpperCase();
    if (status !== undefined && RUNNING.has(status))
        return 'scanning';
    if (status !== undefined && FAILED.has(status))
        return 'failed';
    if (status !== undefined && status !== 'SUCCESS')
        return 'unknown';
    const last = row.lastScanTime ?? 0;
    // A SUCCESS without a scan time proves nothing: the row may be a placeholder, or a status left
    // over from an earlier image. Only a LastScanTime (or the latest task, asked next) is proof.
    if (last <= 0)
        return 'never';
    if (maxAgeMs !== null && now - last > maxAgeMs)
        return 'stale';
    return 'scanned';
}
/** The state of an image is the worst state of its rows. */
function combineRows(states) {
    if (states.length === 0)
        return 'absent';
    for (const s of ['unknown', 'failed', 'scanning', 'stale', 'never'])
        if (states.includes(s))
            return s;
    return 'scanned';
}
/** Answers sent before the proof count only if the scan finished this long before they were given. */
const ACCEPT_MARGIN_MS = 60_000;
/**
 * Whether an answer asked for before the scan proof may be used: the proof found the scan
 * complete at once (it did not wait or start one), and that scan finished at least
 * ACCEPT_MARGIN_MS before Security Center gave the answer, both times by Security Center's own
 * clock (the answer's HTTP Date), so a runner clock that is off cannot make a stale answer look
 * fresh. An answer without a Date, or a proof without a finish time, is never accepted.
 */
function acceptsEarly(proof, answeredAt) {
    if (proof.polls !== 1 || proof.taskId !== undefined)
        return false;
    if (proof.provenAt === undefined || proof.provenAt <= 0 || answeredAt === undefined)
        return false;
    return proof.provenAt <= answeredAt - ACCEPT_MARGIN_MS;
}
function viewRows(rows, maxAgeMs, now) {
    const state = combineRows(rows.map((r) => classifyRow(r, maxAgeMs, now)));
    const digests = [...new Set(rows.map((r) => r.digest))];
    const times = rows.map((r) => r.lastScanTime ?? 0).filter((t) => t > 0);
    const view = { state, digests, newestScan: Math.max(0, ...times) };
    if (times.length > 0)
        view.scannedAt = Math.min(...times);
    // The latest task never speaks for an image the listing does not show (that would prove a
    // scan of something the count query does not select), nor for rows of several digests.
    const [first] = rows;
    if (first &&
        digests.length === 1 &&
        (state === 'never' || state === 'stale' || state === 'failed'))
        view.askTaskOf = { digest: first.digest, newestScan: view.newestScan };
    return view;
}
/**
 * The digest's latest scan task as an opinion on its scan. A task counts only if it is an image
 * scan of this very digest; the latest is the one that started (or finished) last; a success
 * proves a scan only if it finished after the rows' last scan, within max-scan-age, not in the
 * future, and scanned at least one image.
 */
function taskOpinion(tasks, digest, rowsNewestScan, maxAgeMs, now) {
    const mine = tasks.filter((t) => t.target === digest &&
        (t.taskType === undefined || t.taskType === 'IMAGE_SCAN') &&
        (t.targetType === undefined || t.targetType === 'IMAGE'));
    const when = (t) => Math.max(t.startTime ?? 0, t.finishTime ?? 0);
    const latest = mine.reduce((a, t) => (!a || when(t) > when(a) ? t : a), undefined);
    if (!latest)
        return { state: 'none' };
    if (TASK_RUNNING.has(latest.status))
        return { state: 'scanning' };
    if (FAILED.has(latest.status))
        return { state: 'failed' };
    if (latest.status !== 'SUCCESS')
        return { state: 'unknown', status: latest.status };
    const finished = latest.finishTime ?? 0;
    const fresh = (maxAgeMs === null || now - finished <= maxAgeMs) && finished <= now + FUTURE_TOLERANCE_MS;
    const scannedSomething = latest.finish === undefined || latest.finish >= 1;
    if (finished <= rowsNewestScan || finished <= 0 || !fresh || !scannedSomething)
        return { state: 'none' };
    return { state: 'scanned', finishTime: finished };
}
/** What to do after a poll: trust the scan, give up, start a scan, or wait and poll again. */
function decidePoll(f) {
    let state = f.view.state;
    let scannedAt = f.view.scannedAt;
    let provenAt = f.view.newestScan;
    let taskStatus;
    if (f.task?.state === 'scanned' && state !== 'failed') {
        state = 'scanned';
        scannedAt = f.task.finishTime;
        provenAt = f.task.finishTime;
    }
    else if (f.task?.state === 'scanning' || f.task?.state === 'failed') {
        state = f.task.state;
    }
    else if (f.task?.state === 'unknown') {
        state = 'unknown';
        taskStatus = f.task.status;
    }
    if (f.truncated) {
        // Rows not read could be unscanned while the count query covers them: no proof.
        return {
            kind: 'stop',
            status: 'unknown',
            problem: `DescribeImageInstances lists more images for ${(0,core_selector/* describeSelection */.e9)(f.selector)} than the gate reads (${f.rows.length} matching in the pages read), so it cannot show that every one was scanned. Narrow the selection, for example with image-digest.`,
        };
    }
    if (state === 'scanned')
        return scannedAt === undefined
            ? { kind: 'scanned', provenAt }
            : { kind: 'scanned', scannedAt, provenAt };
    if (state === 'unknown') {
        return { kind: 'stop', status: 'unknown', problem: unrecognisedProblem(f, taskStatus) };
    }
    const ourScanRunning = f.startedTaskId !== undefined && state === 'scanning';
    const needsScan = state === 'absent' || state === 'never' || state === 'stale' || state === 'failed';
    if (needsScan && f.startedTaskId === undefined) {
        if (!f.settings.trigger)
            return { kind: 'stop', status: 'not-scanned', problem: notScannedProblem(state, f) };
        return { kind: 'start-scan', absent: state === 'absent' };
    }
    if (state === 'failed' && (f.sawOurScanRun || ourScanRunning)) {
        return {
            kind: 'stop',
            status: 'not-scanned',
            problem: `The Security Center scan started by this run (task ${f.startedTaskId}) failed, so the counts are not trusted. See the image in the Security Center console.`,
        };
    }
    const status = state === 'scanning' || f.startedTaskId ? 'scanning' : 'not-scanned';
    return { kind: 'wait', state, status, ourScanRunning };
}
/**
 * Whether a wait may go on, within wait-for-scan: the time left, or why waiting ends here. A scan
 * this run started counts as in progress even before the listing shows it.
 */
function waitBudget(f) {
    const inProgress = f.state === 'scanning' || f.startedTaskId !== undefined;
    const left = f.settings.waitMs - f.waitedMs;
    const waitFor = Math.round(f.settings.waitMs / 1000);
    if (left > 0)
        return { leftMs: left, inProgress };
    if (f.state === 'absent') {
        return {
            problem: `${unknownImageProblem(f.selector)} A scan task was started (${f.startedTaskId ?? 'none'}), but the image did not appear in the listing within wait-for-scan (${waitFor} s).`,
        };
    }
    return {
        problem: `The image is still ${inProgress ? 'being scanned' : 'not scanned'} after waiting ${Math.round(f.waitedMs / 1000)} s (wait-for-scan: ${waitFor}). Raise wait-for-scan, or re-run when the scan has finished.`,
    };
}
function unrecognisedProblem(f, taskStatus) {
    const odd = [];
    for (const r of f.rows) {
        const s = r.scaStatus?.toUpperCase();
        if (r.scaStatus && s && !RUNNING.has(s) && !FAILED.has(s) && s !== 'SUCCESS')
            odd.push(r.scaStatus);
    }
    if (taskStatus)
        odd.push(`latest scan task: ${taskStatus}`);
    if (f.rows.some((r) => (r.lastScanTime ?? 0) > f.now + FUTURE_TOLERANCE_MS))
        odd.push('LastScanTime in the future');
    return `Security Center reports a scan status the gate does not recognise (${[...new Set(odd)].join(', ')}), so the image is not treated as scanned.`;
}
function unknownImageProblem(selector) {
    return `Security Center does not know the image ${(0,core_selector/* describeSelection */.e9)(selector)}: it has not been synced from Container Registry yet, or the selectors do not match it. Check the selectors and the Security Center site, and sync the registry instance in Security Center (see README: "Image not known to Security Center").`;
}
function notScannedProblem(state, f) {
    const what = (0,core_selector/* describeSelection */.e9)(f.selector);
    switch (state) {
        case 'absent':
            return unknownImageProblem(f.selector);
        case 'stale':
            return `The last Security Center scan of ${what} is older than max-scan-age (${(f.settings.maxAgeMs ?? 0) / 3_600_000} h). Set trigger-scan: true to refresh it.`;
        case 'failed':
            return `The last Security Center scan of ${what} failed, so its counts are not trusted. Set trigger-scan: true to scan again.`;
        default:
            return `Security Center has not scanned ${what}. Enable image scanning for the registry instance in Security Center, or set trigger-scan: true.`;
    }
}

;// CONCATENATED MODULE: ./src/gate/collect.ts



/** The reason the image's remaining requests are aborted with (never shown: nobody awaits them). */
class Stopped extends errors/* GateError */.ue {
    constructor() {
        super("stopped: the image's verdict no longer depends on this request");
        this.name = 'Stopped';
    }
}
function settle(p) {
    return p.then((value) => ({ value }), (error) => ({ error }));
}
/** One image's collection: what to ask through the port, and the answers kept until it is decided. */
class Collection {
    target;
    settings;
    port;
    evidence;
    /** The lists read: without a baseline's comparison until the baseline is shown usable. */
    plan;
    /** The plan with the baseline's comparison (the plan itself when the image has no baseline). */
    withBaseline;
    stop = new AbortController();
    pending = [];
    /** The baseline was shown usable: its comparison's lists are needed. */
    compares = false;
    uuid;
    uuidProblem;
    /** What the image's own rows say (UUID, repository): list rows that say otherwise are another's. */
    facts;
    constructor(target, settings, port) {
        this.target = target;
        this.settings = settings;
        this.port = port;
        this.evidence = { requestIds: [], selector: target.selector, lists: {} };
        // Read up front: what the limits may need once the image's names are all known (a policy
        // entry scoped by repo-id may cover an image chosen by digest: its rows will tell).
        const upFront = { image: imageScope(this.evidence), rule: 'may-cover' };
        this.plan = planOf(settings, false, upFront);
        this.withBaseline = target.baseline ? planOf(settings, true, upFront) : this.plan;
        this.uuid = target.selector.uuid;
        const given = target.selector.uuid;
        this.facts = given ? Promise.resolve({ uuid: given }) : undefined;
    }
    /** The proof's row facts, once it answers (an image-uuid given wins over the rows' UUID). */
    factsFrom(proof) {
        const given = this.target.selector.uuid;
        this.facts = proof.then((p) => 'value' in p ? { ...p.value.rowFacts, ...(given ? { uuid: given } : {}) } : undefined);
    }
    get signal() {
        return this.stop.signal;
    }
    /** Aborts whatever is still in flight for this image. */
    end() {
        if (!this.stop.signal.aborted)
            this.stop.abort(new Stopped());
    }
    ask(selector, categories, withCount) {
        const asked = { lists: new Map() };
        const { endpoint } = this.target;
        if (withCount) {
            const query = {
                selector,
                scanRange: this.settings.scanRange,
                instanceUuids: this.settings.instanceUuids,
                riskStatus: this.settings.riskStatus,
            };
            asked.count = settle(this.port.countQuery(endpoint, query, this.signal));
        }
        const spec = {
            endpoint,
            selector,
            uuid: this.uuid,
            uuidProblem: this.uuidProblem,
            facts: this.facts,
        };
        const opts = {
            riskStatus: this.settings.riskStatus,
            ignoreUnfixable: this.settings.ignoreUnfixable,
        };
        for (const c of categories) {
            const read = this.port.readList(c, spec, opts, this.signal);
            // Taken later (or never, when the image ends first): none may go unhandled meanwhile.
            read.catch(() => undefined);
            asked.lists.set(c, read);
        }
        return asked;
    }
    /** Keeps the answer the verdict will use, unless the image was decided before it came. */
    keepCount(answer) {
        this.track(answer, (count) => (this.evidence.count = count));
    }
    keepList(category, result) {
        this.track(result, (r) => (this.evidence.lists[category] = r));
    }
    keepAll(asked) {
        if (asked.count)
            this.keepCount(asked.count);
        for (const [c, p] of asked.lists)
            this.keepList(c, p);
    }
    track(answer, keep) {
        const kept = answer.then((value) => {
            if (this.signal.aborted)
                return;
            keep(value);
            if (decided(this.evidence, this.needed()))
                this.end();
        }, (err) => {
            // Not an answer but a fault of the collection itself: the image is an error.
            if (this.signal.aborted)
                return;
            this.evidence.failure ??= err;
            this.end();
        });
        this.pending.push(kept);
    }
    /** Every answer kept, or the image decided (then what is still in flight does not count). */
    async settled() {
        const stopped = new Promise((resolve) => {
            if (this.signal.aborted)
                resolve();
            else
                this.signal.addEventListener('abort', () => resolve(), { once: true });
        });
        await Promise.race([Promise.all(this.pending), stopped]);
    }
    /**
     * The baseline is usable: its comparison's plan applies from now on (a list read only to
     * show that a comparison now needs whole may decide the image). Returns the lists to ask.
     */
    useBaseline() {
        const more = this.withBaseline.upFront.filter((c) => !this.plan.upFront.includes(c));
        this.plan = this.withBaseline;
        this.compares = true;
        if (decided(this.evidence, this.needed()))
            this.end();
        return more;
    }
    /**
     * The lists whose failure makes the image an error, by what is known of it now (judge.ts
     * decides with the same rule once all is in): a policy entry only once it surely covers the
     * image. Deciding later than possible only costs time; never earlier than judge would.
     */
    needed() {
        const image = imageScope(this.evidence);
        return planOf(this.settings, this.compares, { image, rule: 'covers' }).enforced;
    }
    /** Once the proof is in, and before the first answer is kept. */
    proven(scanUuid) {
        this.uuid ??= scanUuid;
    }
    async lookUpUuid() {
        // The baseline's comparison may add the list later: the widest plan decides.
        if (!this.withBaseline.upFront.includes('baseline-risks') || this.uuid)
            return;
        const found = await this.port.lookUpUuid(this.target.endpoint, this.evidence.selector);
        this.evidence.requestIds.push(...found.requestIds);
        this.uuid = found.uuid;
        this.uuidProblem = found.problem;
    }
    hasUuid() {
        return this.uuid !== undefined;
    }
}
/**
 * One image's evidence. Never rejects: whatever ends the collection early is the evidence's
 * `failure`, and judge() makes it the image's error.
 */
async function collectEvidence(target, settings, port) {
    const run = new Collection(target, settings, port);
    const { evidence } = run;
    // The proof's first request goes out first, so it never queues behind the others.
    const proof = settings.scan.require
        ? settle(port.proveScanned(target.endpoint, evidence.selector))
        : undefined;
    if (proof)
        run.factsFrom(proof);
    // The image's own rows, for the repository a baseline tag is looked up in: the proof's, or
    // (without the proof) one listing of the image.
    const rows = proof
        ? () => proof.then((p) => ('value' in p ? p.value : undefined))
        : () => port.proveScanned(target.endpoint, evidence.selector, true).then((found) => found, () => undefined);
    // The baseline's proof and lists run in parallel with the image's own.
    const baseline = target.baseline
        ? collectBaseline(target, settings, port, run.withBaseline, run.signal, rows)
        : undefined;
    try {
        if (proof)
            await withProof(run, proof);
        else {
            await run.lookUpUuid();
            run.keepAll(run.ask(evidence.selector, run.plan.upFront, true));
        }
        if (evidence.failure !== undefined)
            run.end();
        // A usable baseline: the lists only its comparison needs go out now, pinned to the proof.
        if (baseline && !run.signal.aborted && (await baseline.usable) && !run.signal.aborted) {
            const more = run.useBaseline();
            if (more.length > 0 && !run.signal.aborted)
                run.keepAll(run.ask(evidence.selector, more, false));
        }
        await run.settled();
        if (baseline && evidence.failure === undefined)
            evidence.baseline = await baseline.evidence;
        if (!run.signal.aborted && evidence.failure === undefined)
            await readOnFail(run, settings);
    }
    catch (err) {
        evidence.failure ??= err;
    }
    finally {
        run.end();
    }
    // Nothing that arrives after this can change it: answers after the stop are not kept.
    return evidence;
}
/**
 * The baseline image: looked up (a tag in the gated image's repository, or a digest), shown
 * scanned without waiting or starting a scan, and its compared lists read whole.
 */
function collectBaseline(target, settings, port, plan, signal, imageRows) {
    let proven = () => undefined;
    const usable = new Promise((resolve) => (proven = resolve));
    const ref = target.baseline;
    const b = { ref, lists: {}, requestIds: [] };
    const what = 'tag' in ref ? `tag "${ref.tag}"` : `sha256:${ref.digest}`;
    const collect = async () => {
        const repo = await baselineRepository(target, imageRows);
        if (typeof repo === 'string') {
            b.failure = new errors/* GateError */.ue(repo);
            return;
        }
        if (repo.repoId !== undefined)
            b.repoId = repo.repoId;
        const selector = 'tag' in ref ? { tag: ref.tag, ...repo } : { digest: ref.digest, ...repo };
        const scan = await port.proveScanned(target.endpoint, selector, true);
        b.requestIds.push(...scan.requestIds);
        if (scan.digests.length > 1) {
            b.failure = new errors/* GateError */.ue(`The baseline image (${what}) names ${scan.digests.length} images in Security Center: give baseline-image-digest.`);
            return;
        }
        if (scan.status === 'scanned' && scan.digests.length === 1) {
            b.digest = scan.digests[0];
            if (scan.scannedAt !== undefined)
                b.scannedAt = scan.scannedAt;
        }
        else if (scan.digests.length === 0) {
            b.reason = `Security Center does not know the baseline image (${what}): every finding was gated.`;
            return;
        }
        else if (scan.status === 'scanning') {
            // Its scan state is known: a scan is running, whose result is not there to compare with.
            b.reason = `The baseline image (${what}) is being scanned, so there is no finished scan to compare with: every finding was gated.`;
            return;
        }
        else if (scan.status === 'not-scanned') {
            // Never scanned, or its last scan failed or is older than max-scan-age: no scan to trust.
            b.reason = `The baseline image (${what}) has no completed scan to compare with (never scanned, its last scan failed, or it is older than max-scan-age): every finding was gated.`;
            return;
        }
        else {
            b.failure = new errors/* GateError */.ue(`The baseline image (${what}): ${scan.problem ?? `its scan state is ${scan.status}`}`);
            return;
        }
        proven(true);
        const spec = {
            endpoint: target.endpoint,
            selector: { digest: b.digest, ...repo },
            uuid: scan.uuid,
            facts: Promise.resolve(scan.rowFacts),
        };
        const opts = { riskStatus: settings.riskStatus, ignoreUnfixable: settings.ignoreUnfixable };
        await Promise.all(compared(plan).map(async (c) => {
            b.lists[c] = await port.readList(c, spec, opts, signal);
        }));
    };
    const evidence = collect().then(() => b, (err) => {
        b.failure ??= errors/* GateError */.ue.within(`The baseline image (${what})`, err);
        return b;
    });
    // Settles `usable` false whenever the baseline ended unusable (a second call does nothing).
    void evidence.then(() => proven(false));
    return { usable, evidence };
}
/**
 * Where the baseline is looked up: the image's repository selectors; without a repo-id, the
 * repository the image's own Security Center rows agree on. A string: why none can be named
 * (the image is an error: a tag looked up registry-wide could be any repository's `main`).
 */
async function baselineRepository(target, imageRows) {
    const { repoId, repoInstanceId, repoRegionId } = target.selector;
    const given = {
        ...(repoId !== undefined ? { repoId } : {}),
        ...(repoInstanceId !== undefined ? { repoInstanceId } : {}),
        ...(repoRegionId !== undefined ? { repoRegionId } : {}),
    };
    const ref = target.baseline;
    // A registry instance holds many repositories, each with its own `main`: only a repository
    // id (given, or the one the image's rows name) says which. A digest is looked up there too:
    // an image of another repository is not this image's baseline.
    if (!ref || repoId !== undefined)
        return given;
    const rows = await imageRows();
    if (rows?.repository?.repoId)
        return { ...rows.repository, ...given };
    const input = 'tag' in ref ? `baseline-image-tag "${ref.tag}"` : `baseline-image-digest sha256:${ref.digest}`;
    return `${input} is looked up in the gated image's repository, and ${rows
        ? "Security Center's rows for the image name no single repository (RepoId)"
        : "the image's rows could not be listed"}: give the image's repo-id.`;
}
/** The proof, with the count query and the lists sent early when the digest is known. */
async function withProof(run, proofP) {
    const { evidence, plan } = run;
    const first = evidence.selector;
    // The baseline list needs the image's UUID, which the proof's row gives: not sent early.
    const before = run.hasUuid() ? plan.upFront : plan.upFront.filter((c) => c !== 'baseline-risks');
    const early = first.digest ? run.ask(first, before, true) : undefined;
    const proved = await proofP;
    if ('error' in proved) {
        evidence.failure = proved.error;
        return;
    }
    const scan = proved.value;
    evidence.scan = scan;
    evidence.requestIds.push(...scan.requestIds);
    if (scan.problem !== undefined || scan.status !== 'scanned') {
        evidence.failure = new errors/* GateError */.ue(scan.problem ?? `The scan state is ${scan.status}, not scanned.`);
        return;
    }
    // Pin the later queries to what was checked: a tag that moves meanwhile cannot swap images.
    if (!first.digest && scan.digests.length === 1)
        evidence.selector = { ...first, digest: scan.digests[0] };
    run.proven(scan.uuid);
    const pinned = evidence.selector;
    // What was not sent early goes out now; an early answer that may describe an earlier scan
    // than the one proven is asked again.
    run.keepAll(run.ask(pinned, plan.upFront.filter((c) => !early?.lists.has(c)), !early));
    if (!early)
        return;
    const again = (categories, withCount) => run.ask(pinned, categories, withCount);
    if (early.count)
        run.keepCount(early.count.then((counted) => 'value' in counted && acceptsEarly(scan, counted.value.serverTime)
            ? counted
            : again([], true).count));
    for (const [c, pending] of early.lists) {
        const redo = () => again([c], false).lists.get(c);
        run.keepList(c, pending.then((r) => (r.ok && acceptsEarly(scan, r.answeredAt) ? r : redo())));
    }
}
/** An image over its limits shows what to fix: the lists not read yet are read to list them. */
async function readOnFail(run, settings) {
    const rest = run.plan.onFail;
    if (rest.length === 0 || judge(run.evidence, settings).evaluation?.result !== 'fail')
        return;
    run.keepAll(run.ask(run.evidence.selector, rest, false));
    await run.settled();
}

// EXTERNAL MODULE: ./src/alibaba/api-errors.ts
var api_errors = __webpack_require__(6802);
;// CONCATENATED MODULE: ./src/alibaba/json-keys.ts
// A key twice in one JSON object is read by JSON.parse as its last value, so an answer could say
// two things at once and be believed in the one that passes. This scanner finds such a key in a
// text that already parsed as JSON, in one linear pass, without building a second tree. Pure.
/** The first key that appears twice in one object of `json` (valid JSON), or undefined. */
function duplicateKey(json) {
    const stack = [];
    for (let i = 0; i < json.length; i++) {
        const ch = json[i];
        if (ch === '"') {
            const start = i;
            for (i++; i < json.length && json[i] !== '"'; i++)
                if (json[i] === '\\')
                    i++;
            const top = stack.at(-1);
            if (top?.keys && top.expectKey) {
                // Escapes compare by what they mean ("a" and "\u0061" are one key).
                const key = JSON.parse(json.slice(start, i + 1));
                if (top.keys.has(key))
                    return key;
                top.keys.add(key);
                top.expectKey = false;
            }
        }
        else if (ch === '{')
            stack.push({ keys: new Set(), expectKey: true });
        else if (ch === '[')
            stack.push({ keys: null, expectKey: false });
        else if (ch === '}' || ch === ']')
            stack.pop();
        else if (ch === ',') {
            const top = stack.at(-1);
            if (top?.keys)
                top.expectKey = true;
        }
    }
    return undefined;
}

;// CONCATENATED MODULE: ./src/alibaba/counts.ts
// Security Center (Sas 2018-12-03) operations. Each validates the answer's shape and throws
// when anything the gate relies on is missing: a malformed answer never becomes zeros.





/** The count query's Dealed for each risk-status. */
const DEALED = { unhandled: 'N', handled: 'Y', all: 'A' };
function countParams(q) {
    const s = q.selector;
    const params = [];
    const add = (name, value) => {
        if (value !== undefined && value !== '')
            params.push([name, value]);
    };
    add('RepoRegionId', s.repoRegionId);
    add('RepoInstanceId', s.repoInstanceId);
    add('RepoId', s.repoId);
    add('ImageTag', s.tag);
    add('ImageDigest', s.digest);
    add('ImageUuid', s.uuid);
    add('ClusterId', s.clusterId);
    add('Dealed', DEALED[q.riskStatus]);
    q.scanRange.forEach((v, i) => add(`ScanRange.${i + 1}`, v));
    q.instanceUuids.forEach((v, i) => add(`Uuids.${i + 1}`, v));
    return params;
}
async function describeImageSecurityScanCount(client, endpoint, query) {
    const action = 'DescribeImageSecurityScanCount';
    const answer = await client.call({
        endpoint,
        action,
        version: alibaba_client/* SAS_VERSION */.Bs,
        params: countParams(query),
    });
    // JSON.parse keeps the last of a key given twice: such an answer says two things, and is
    // malformed rather than read in its last word.
    const twice = answer.raw === undefined ? undefined : duplicateKey(answer.raw);
    if (twice !== undefined)
        throw new errors/* GateError */.ue(`${action} answered a JSON object with the key ${(0,api_errors/* truncate */.xv)(JSON.stringify(twice), 60)} twice, so the counts are unknown (the answer is malformed).`, answer.requestId);
    const counts = readCounts(answer.body, action, answer.requestId);
    return { counts, requestId: answer.requestId, serverTime: answer.serverTime };
}
/** Every count must be present and a non-negative integer; anything else is an error. */
function readCounts(body, action, requestId) {
    const data = body['Data'];
    if (!data || typeof data !== 'object' || Array.isArray(data)) {
        throw new errors/* GateError */.ue(`${action} answered without a Data object, so the counts are unknown.`, requestId);
    }
    const counts = {};
    const problems = [];
    for (const category of core_categories/* CATEGORIES */.R6) {
        const field = core_categories/* CATEGORY_INFO */.m3[category].apiField;
        const value = data[field];
        if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0) {
            problems.push(`${field} is ${value === undefined ? 'missing' : `not a non-negative integer (${(0,api_errors/* truncate */.xv)(String(JSON.stringify(value)), 60)})`}`);
        }
        else {
            counts[category] = value;
        }
    }
    if (problems.length > 0) {
        throw new errors/* GateError */.ue(`${action} answered malformed counts: ${problems.join('; ')}.`, requestId);
    }
    return counts;
}

;// CONCATENATED MODULE: ./src/alibaba/fields.ts
// Reading optional fields of a Security Center answer the scan-state operations use: a value of
// the wrong type is "not given", never a guess.
function optString(obj, name) {
    const v = obj[name];
    return typeof v === 'string' && v !== '' ? v : undefined;
}
function optNumber(obj, name) {
    const v = obj[name];
    if (typeof v === 'number' && Number.isFinite(v))
        return v;
    if (typeof v === 'string' && /^\d+$/.test(v))
        return Number(v);
    return undefined;
}

;// CONCATENATED MODULE: ./src/alibaba/scan-tasks.ts
// Security Center's scan tasks: checking the quota, starting a scan, and the latest task of a
// digest. Answers are validated: a shape the gate does not recognise is an error, never a
// silent "scanned" or "started".




function taskParams(req) {
    const params = [];
    const add = (name, values) => {
        const unique = [...new Set(values)];
        if (unique.length > 0)
            params.push([name, unique.join(',')]);
    };
    add('Digests', req.digests);
    add('InstanceIds', req.instanceIds);
    add('RegionIds', req.regionIds);
    add('RepoIds', req.repoIds);
    add('Tags', req.tags);
    return params;
}
async function preCheckImageScanTask(client, endpoint, req) {
    const answer = await client.call({
        endpoint,
        action: 'PublicPreCheckImageScanTask',
        version: alibaba_client/* SAS_VERSION */.Bs,
        params: taskParams(req),
    });
    const data = answer.body['Data'];
    const d = data && typeof data === 'object' ? data : {};
    return {
        needAuthCount: optNumber(d, 'NeedAuthCount'),
        scanImageCount: optNumber(d, 'ScanImageCount'),
        requestId: answer.requestId,
    };
}
async function createImageScanTask(client, endpoint, req) {
    const action = 'PublicCreateImageScanTask';
    const answer = await client.call({
        endpoint,
        action,
        version: alibaba_client/* SAS_VERSION */.Bs,
        params: taskParams(req),
    });
    const data = answer.body['Data'];
    if (!data || typeof data !== 'object') {
        throw new errors/* GateError */.ue(`${action} answered without Data, so it is unknown whether a scan started.`, answer.requestId);
    }
    const d = data;
    const result = optString(d, 'Result');
    if (result === 'TASK_NOT_SUPPORT_REGION') {
        throw new errors/* GateError */.ue(`${action}: Security Center cannot scan images in this region (TASK_NOT_SUPPORT_REGION).`, answer.requestId);
    }
    if (d['CanCreate'] === false) {
        throw new errors/* GateError */.ue(`${action}: Security Center refused to start a scan (CanCreate=false): the image scan quota may be used up, or 10 scan tasks are already running. Wait for running tasks, or buy more image scan quota.`, answer.requestId);
    }
    const taskId = optString(d, 'TaskId');
    const status = optString(d, 'Status');
    if (!taskId || status === 'FAIL') {
        throw new errors/* GateError */.ue(`${action} did not start a scan (TaskId ${taskId ?? 'missing'}, Status ${(0,api_errors/* truncate */.xv)(String(status ?? 'missing'), 40)}).`, answer.requestId);
    }
    return { taskId, requestId: answer.requestId };
}
/** DescribeImageLatestScanTask: the latest scan task(s) for a digest; an empty list when none. */
async function describeImageLatestScanTask(client, endpoint, digest) {
    const action = 'DescribeImageLatestScanTask';
    const answer = await client.call({
        endpoint,
        action,
        version: alibaba_client/* SAS_VERSION */.Bs,
        params: [['Digest', digest]],
    });
    const raw = answer.body['Task'] ?? [];
    const list = Array.isArray(raw) ? raw : [raw];
    const tasks = list.map((t) => {
        const o = t && typeof t === 'object' ? t : {};
        const status = optString(o, 'Status');
        if (!status)
            throw new errors/* GateError */.ue(`${action} answered a task without a Status.`, answer.requestId);
        const target = optString(o, 'Target');
        return {
            status: status.toUpperCase(),
            startTime: optNumber(o, 'StartTime'),
            finishTime: optNumber(o, 'FinishTime'),
            finish: optNumber(o, 'Finish'),
            taskType: optString(o, 'TaskType'),
            targetType: optString(o, 'TargetType'),
            target: target?.replace(/^sha256:/i, '').toLowerCase(),
            taskId: optString(o, 'TaskId'),
        };
    });
    return { tasks, requestId: answer.requestId };
}

;// CONCATENATED MODULE: ./src/alibaba/scan-api.ts
// Security Center operations about an image's scan state: which images it knows (and when each
// was last scanned), and starting a scan. Answers are validated: a shape the gate does not
// recognise is an error, never a silent "scanned".




/** The scan-state operations, as the scan proof uses them (a fake in tests, the client in runs). */

/** The scan-state operations over a signed client. */
function scanApi(client) {
    return {
        listImages: (endpoint, selector) => describeImageInstances(client, endpoint, selector),
        latestTasks: (endpoint, digest) => describeImageLatestScanTask(client, endpoint, digest),
        preCheck: (endpoint, req) => preCheckImageScanTask(client, endpoint, req),
        createTask: (endpoint, req) => createImageScanTask(client, endpoint, req),
    };
}
const PAGE_SIZE = 100;
const MAX_PAGES = 5;
/** DescribeImageInstances criteria for the selectors that it can filter on. */
function criteriaFor(selector) {
    const items = [
        ['digest', selector.digest],
        ['tag', selector.tag],
        ['repoId', selector.repoId],
        ['instanceId', selector.repoInstanceId],
        ['regionId', selector.repoRegionId],
    ];
    return JSON.stringify(items
        .filter(([, v]) => v !== undefined)
        .map(([name, value]) => ({ name, value, logicalExp: 'AND' })));
}
/**
 * The server's filtering is not trusted: every row must carry and match every selector given.
 * The count query filters by the same selectors, so a row accepted on less (a missing field,
 * another tag) could prove a scan of an image the counts then miss: zeros, a false pass.
 */
function rowMatches(row, selector) {
    const checks = [
        [selector.digest, row.digest],
        [selector.tag, row.tag],
        [selector.repoId, row.repoId],
        [selector.repoInstanceId, row.instanceId],
        [selector.repoRegionId, row.regionId],
        [selector.uuid, row.uuid],
    ];
    return checks.every(([want, got]) => want === undefined || want === got);
}
function readRow(raw, action, requestId) {
    if (!raw || typeof raw !== 'object' || Array.isArray(raw)) {
        throw new errors/* GateError */.ue(`${action} answered an image entry that is not an object.`, requestId);
    }
    const r = raw;
    const digest = optString(r, 'Digest');
    if (!digest) {
        throw new errors/* GateError */.ue(`${action} answered an image entry without a Digest.`, requestId);
    }
    return {
        digest: digest.replace(/^sha256:/i, '').toLowerCase(),
        tag: optString(r, 'Tag'),
        repoId: optString(r, 'RepoId'),
        repoName: optString(r, 'RepoName'),
        repoNamespace: optString(r, 'RepoNamespace'),
        instanceId: optString(r, 'InstanceId'),
        regionId: optString(r, 'RegionId'),
        uuid: optString(r, 'Uuid'),
        lastScanTime: optNumber(r, 'LastScanTime'),
        scaStatus: statusField(r, 'ScaStatus'),
        scaProgress: optNumber(r, 'ScaProgress'),
    };
}
/**
 * A status field: absent or null is "not given"; anything else that is not a non-empty string
 * (a number, an array, '') is kept as an unreadable status, which the gate treats as unknown
 * rather than as "no status".
 */
function statusField(obj, name) {
    const v = obj[name];
    if (v === undefined || v === null)
        return undefined;
    if (typeof v === 'string' && v.trim() !== '')
        return v;
    return `unreadable ${(0,api_errors/* truncate */.xv)(String(JSON.stringify(v)), 40)}`;
}
async function describeImageInstances(client, endpoint, selector) {
    const action = 'DescribeImageInstances';
    const rows = [];
    const requestIds = [];
    const criteria = criteriaFor(selector);
    for (let page = 1; page <= MAX_PAGES; page++) {
        const answer = await client.call({
            endpoint,
            action,
            version: alibaba_client/* SAS_VERSION */.Bs,
            params: [
                ['Criteria', criteria],
                ['LogicalExp', 'AND'],
                ['PageSize', String(PAGE_SIZE)],
                ['CurrentPage', String(page)],
            ],
        });
        if (answer.requestId)
            requestIds.push(answer.requestId);
        const list = answer.body['ImageInstanceList'];
        if (!Array.isArray(list)) {
            throw new errors/* GateError */.ue(`${action} answered without an ImageInstanceList array, so the scan state is unknown.`, answer.requestId);
        }
        for (const raw of list) {
            const row = readRow(raw, action, answer.requestId);
            if (rowMatches(row, selector))
                rows.push(row);
        }
        const info = answer.body['PageInfo'];
        const total = info && typeof info === 'object'
            ? optNumber(info, 'TotalCount')
            : undefined;
        const seen = (page - 1) * PAGE_SIZE + list.length;
        // Done on a short page, or when the total says so; a full page without a total reads on.
        if (list.length < PAGE_SIZE || (total !== undefined && seen >= total)) {
            return { rows, requestIds, truncated: false };
        }
    }
    return { rows, requestIds, truncated: true };
}

;// CONCATENATED MODULE: ./src/gate/scan-proof.ts



const MAX_POLL_MS = 30_000;
async function ensureScanned(selector, endpoint, ctx) {
    const { settings, log } = ctx;
    const outcome = { status: 'unknown', digests: [], requestIds: [], polls: 0 };
    const waitStarted = ctx.now();
    let pause = settings.pollBaseMs;
    let startedTaskId;
    // After starting a scan the row may still show the previous failure until the task begins;
    // only a failure seen after the new scan was observed running ends the wait.
    let sawOurScanRun = false;
    for (let poll = 1;; poll++) {
        const listing = await ctx.api.listImages(endpoint, selector);
        outcome.polls = poll;
        outcome.requestIds.push(...listing.requestIds);
        const view = viewRows(listing.rows, settings.maxAgeMs, ctx.now());
        outcome.digests = view.digests;
        const uuids = [...new Set(listing.rows.map((r) => r.uuid))];
        if (uuids.length === 1 && uuids[0] !== undefined)
            outcome.uuid = uuids[0];
        outcome.rowFacts = agreedFacts(listing.rows);
        const repository = agreedRepository(listing.rows);
        if (repository)
            outcome.repository = repository;
        else
            delete outcome.repository;
        if (view.scannedAt !== undefined)
            outcome.scannedAt = view.scannedAt;
        const task = view.askTaskOf
            ? await askLatestTask(view.askTaskOf, endpoint, ctx, outcome)
            : undefined;
        const step = decidePoll({
            selector,
            rows: listing.rows,
            view,
            task,
            truncated: listing.truncated,
            settings,
            now: ctx.now(),
            startedTaskId,
            sawOurScanRun,
        });
        if (step.kind === 'scanned') {
            outcome.status = 'scanned';
            outcome.provenAt = step.provenAt;
            if (step.scannedAt !== undefined)
                outcome.scannedAt = step.scannedAt;
            return outcome;
        }
        if (step.kind === 'stop') {
            outcome.status = step.status;
            outcome.problem = step.problem;
            return outcome;
        }
        let state = step.kind === 'wait' ? step.state : 'absent';
        outcome.status = step.kind === 'wait' ? step.status : 'not-scanned';
        if (step.kind === 'wait' && step.ourScanRunning)
            sawOurScanRun = true;
        if (step.kind === 'start-scan') {
            const started = await startOnce(selector, endpoint, outcome, step.absent, ctx);
            outcome.requestIds.push(...started.requestIds);
            if (started.problem !== undefined) {
                outcome.status = 'not-scanned';
                outcome.problem = started.problem;
                return outcome;
            }
            startedTaskId = started.taskId;
            outcome.taskId = startedTaskId;
            outcome.status = 'scanning';
            state = step.absent ? 'absent' : 'never';
        }
        // Wait, within wait-for-scan; the time waited is added to the API deadline.
        const waitedMs = ctx.now() - waitStarted;
        const budget = waitBudget({ state, selector, settings, waitedMs, startedTaskId });
        if ('problem' in budget) {
            outcome.problem = budget.problem;
            return outcome;
        }
        const delay = Math.min(budget.leftMs, pause * (0.8 + ctx.random() * 0.4));
        // Images waiting side by side share one extension of the deadline; when it is spent, a
        // sleep that would outlast the deadline is not started.
        ctx.deadline.extend(delay);
        if (ctx.deadline.remaining() <= delay) {
            outcome.problem = `The image is still ${budget.inProgress ? 'being scanned' : 'not scanned'} after waiting ${Math.round(waitedMs / 1000)} s, and the step deadline (timeout-seconds plus wait-for-scan, shared by all images) leaves no time for another check. Raise wait-for-scan, or re-run when the scan has finished.`;
            return outcome;
        }
        log.info(`${(0,core_selector/* describeSelection */.e9)(selector)}: scan ${budget.inProgress ? 'in progress' : 'pending'}; poll ${poll}, waited ${Math.round(waitedMs / 1000)} s, up to ${Math.round(budget.leftMs / 1000)} s left; next in ${(delay / 1000).toFixed(1)} s.`);
        await (ctx.idle ? ctx.idle(() => ctx.sleep(delay)) : ctx.sleep(delay));
        pause = Math.min(MAX_POLL_MS, pause * 1.5);
    }
}
/**
 * The latest task's opinion; when the call fails (no permission, not offered) the rows decide,
 * except where it is required (a baseline): then the failure rejects.
 */
async function askLatestTask(ask, endpoint, ctx, outcome) {
    try {
        const answer = await ctx.api.latestTasks(endpoint, ask.digest);
        if (answer.requestId)
            outcome.requestIds.push(answer.requestId);
        return taskOpinion(answer.tasks, ask.digest, ask.newestScan, ctx.settings.maxAgeMs, ctx.now());
    }
    catch (err) {
        if (ctx.taskRequired)
            throw err;
        ctx.log.debug(`DescribeImageLatestScanTask not used: ${(0,errors/* describeError */.Uc)(err)}`);
        return undefined;
    }
}
/** Starts a scan for the image's digests, once per digest however many images share it. */
function startOnce(selector, endpoint, outcome, absent, ctx) {
    const digests = outcome.digests.length > 0 ? outcome.digests : selector.digest ? [selector.digest] : [];
    // The promise is shared before any await, so concurrent images never start two tasks.
    const running = digests.map((d) => ctx.triggered.get(d)).find((p) => p !== undefined);
    if (running)
        return running;
    const started = startScan(selector, endpoint, digests, absent, ctx);
    for (const d of digests)
        ctx.triggered.set(d, started);
    return started;
}
/** Pre-checks, then starts a scan. API errors propagate: they are the image's error. */
async function startScan(selector, endpoint, digests, absent, ctx) {
    const request = {
        digests,
        instanceIds: selector.repoInstanceId ? [selector.repoInstanceId] : [],
        regionIds: selector.repoRegionId ? [selector.repoRegionId] : [],
        repoIds: selector.repoId ? [selector.repoId] : [],
        tags: selector.tag ? [selector.tag] : [],
    };
    const requestIds = [];
    const check = await ctx.api.preCheck(endpoint, request);
    if (check.requestId)
        requestIds.push(check.requestId);
    if (absent && check.needAuthCount === 0) {
        return {
            requestIds,
            problem: `${unknownImageProblem(selector)} The scan pre-check matched no image either (NeedAuthCount=0).`,
        };
    }
    const created = await ctx.api.createTask(endpoint, request);
    if (created.requestId)
        requestIds.push(created.requestId);
    ctx.log.info(`Started Security Center scan task ${created.taskId} for ${(0,core_selector/* describeSelection */.e9)(selector)}.`);
    return { taskId: created.taskId, requestIds };
}
/**
 * The repository every row names, or undefined when a row names none or rows disagree: a tag
 * looked up in a repository guessed from one row of several could be another repository's tag.
 */
function agreedRepository(rows) {
    const only = (values) => {
        const set = new Set(values);
        const [value] = [...set];
        return set.size === 1 && value !== undefined && value !== '' ? value : undefined;
    };
    const repoId = only(rows.map((r) => r.repoId));
    if (repoId === undefined)
        return undefined;
    const repoInstanceId = only(rows.map((r) => r.instanceId));
    const repoRegionId = only(rows.map((r) => r.regionId));
    return {
        repoId,
        ...(repoInstanceId !== undefined ? { repoInstanceId } : {}),
        ...(repoRegionId !== undefined ? { repoRegionId } : {}),
    };
}
function agreedFacts(rows) {
    const facts = {};
    for (const field of ['uuid', 'repoNamespace', 'repoName']) {
        const values = new Set(rows.map((r) => r[field]));
        const only = values.size === 1 ? [...values][0] : undefined;
        if (only !== undefined)
            facts[field] = only;
    }
    return facts;
}

;// CONCATENATED MODULE: ./src/gate/sas-port.ts



/** The port over the signed client; one per image (its turn is the image's own). */
function sasPort(o) {
    const scan = scanApi(o.client);
    const aborting = (signal) => ({
        call: (call) => o.client.call({ ...call, signal }),
    });
    return {
        proveScanned: (endpoint, selector, baseline) => ensureScanned(selector, endpoint, {
            api: scan,
            deadline: o.deadline,
            log: o.log,
            settings: baseline ? { ...o.scan, require: true, trigger: false, waitMs: 0 } : o.scan,
            triggered: o.triggered,
            now: o.clock.now,
            sleep: o.clock.sleep,
            random: o.clock.random,
            idle: o.idle,
            ...(baseline ? { taskRequired: true } : {}),
        }),
        countQuery: (endpoint, query, signal) => describeImageSecurityScanCount(aborting(signal), endpoint, query),
        readList: async (category, spec, opts, signal) => (await o.lists()).readFindingList(aborting(signal), category, spec, opts),
        lookUpUuid: async (endpoint, selector) => (await o.lists()).lookUpUuid(scan, endpoint, selector),
    };
}

;// CONCATENATED MODULE: ./src/gate/images.ts






/** One image: its evidence, judged. Never rejects. */
async function gateImage(target, settings, port) {
    const evidence = await collectEvidence(target, settings, port);
    const judged = judge(evidence, settings);
    const outcome = {
        target,
        requestIds: judged.requestIds,
        lists: judged.lists,
        notes: judged.notes,
    };
    if (evidence.scan)
        outcome.scan = evidence.scan;
    if (judged.evaluation)
        outcome.evaluation = judged.evaluation;
    if (judged.gatedDigests)
        outcome.gatedDigests = judged.gatedDigests;
    if (judged.requestId !== undefined)
        outcome.requestId = judged.requestId;
    if (judged.policy)
        outcome.policy = judged.policy;
    if (judged.comparison)
        outcome.comparison = judged.comparison;
    if (judged.baseline)
        outcome.baseline = judged.baseline;
    if (judged.error !== undefined) {
        outcome.error = judged.error;
        // The check was required but could not finish: say so, not "not checked".
        if (settings.scan.require && !outcome.scan)
            outcome.scan = { status: 'unknown', digests: [], requestIds: [], polls: 0 };
    }
    return outcome;
}
/** Filters that narrow what is counted without naming the image: zeros may mean "nothing selected". */
function narrowsCounts(target, config) {
    return (target.selector.clusterId !== undefined ||
        config.instanceUuids.length > 0 ||
        config.scanRange.length > 0);
}
async function gateImages(config, client, log, deadline) {
    let listCode;
    const shared = {
        client,
        deadline,
        log,
        scan: config.scan,
        triggered: new Map(),
        clock: { now: Date.now, sleep: (ms) => (0,infra_deadline/* sleep */.y)(ms), random: Math.random },
        lists: () => (listCode ??= __webpack_require__.e(/* import() */ 618).then(__webpack_require__.bind(__webpack_require__, 9618))),
    };
    // max-concurrency images work at a time (which also keeps memory flat with hundreds of
    // images); an image waiting for its scan gives up its turn, so it never holds up the others.
    const turns = new slots/* Slots */.W(config.maxConcurrency);
    return Promise.all(config.images.map(async (target, index) => {
        let release = await turns.acquire();
        const idle = async (wait) => {
            release();
            try {
                await wait();
            }
            finally {
                release = await turns.acquire();
            }
        };
        let outcome;
        try {
            outcome = await gateImage(target, config, sasPort({ ...shared, idle }));
        }
        finally {
            release();
        }
        const label = config.images.length > 1 ? `image ${index + 1}` : 'image';
        const evaluation = outcome.evaluation;
        if (evaluation) {
            const counts = core_categories/* CATEGORIES */.R6.map((c) => evaluation.categories[c].count);
            if (narrowsCounts(target, config) && counts.every((n) => n === 0)) {
                log.warning(`${config.images.length > 1 ? label : 'the image'}: every count is 0 with cluster-id, instance-uuids or scan-range narrowing the query. A value that selects nothing also counts 0: check those inputs.`);
            }
            log.info(`${label}: ${evaluation.result} (baseline/malicious/sca/cve = ${counts.join('/')}) at ${target.endpoint.site}`);
        }
        else {
            log.info(`${label}: error: ${outcome.error}`);
        }
        return outcome;
    }));
}

;// CONCATENATED MODULE: ./src/gate/ram-policy.ts


/** Security Center actions (without `yundun-sas:`) each category's finding list needs. */
const FINDING_RAM_ACTIONS = {
    'baseline-risks': ['DescribeImageBaselineCheckResult'],
    'malicious-files': ['DescribeGroupedMaliciousFiles', 'DescribeAffectedMaliciousFileImages'],
    'sca-vulns': ['DescribeImageGroupedVulList'],
    'cve-vulns': ['DescribeImageVulList'],
};
/** Whether any image is compared with a baseline. */
const hasBaseline = (config) => config.images?.some((t) => t.baseline) === true;
/** Categories whose list a run may read: to enforce, for SARIF, or to list an image's findings. */
function listedCategories(config) {
    return mayRead(planLists(planSettingsOf(config, hasBaseline(config))));
}
function ramActionsFor(config) {
    const actions = new Set(['DescribeImageSecurityScanCount']);
    // A baseline's scan is looked up (never started) whether or not require-scan is on.
    if (hasBaseline(config))
        actions.add('DescribeImageInstances').add('DescribeImageLatestScanTask');
    if (config.scan.require) {
        actions.add('DescribeImageInstances').add('DescribeImageLatestScanTask');
        if (config.scan.trigger)
            actions.add('PublicPreCheckImageScanTask').add('PublicCreateImageScanTask');
    }
    const lists = listedCategories(config);
    for (const c of lists)
        for (const a of FINDING_RAM_ACTIONS[c])
            actions.add(a);
    // Without the scan proof, the baseline list's image UUID comes from the image's row.
    if (lists.includes('baseline-risks'))
        actions.add('DescribeImageInstances');
    return [...actions];
}

;// CONCATENATED MODULE: ./src/gate/run.ts
// The engine's entry, shared by both front ends: settings in, one outcome per image out. It
// opens the transport, obtains credentials (static, or keyless through the front end's token
// source), builds the signed Security Center client and gates the images. Nothing here can end
// in `pass` by accident: a failure before any image was gated makes every image an error.







/** Every image ends with established counts or an error; nothing here can throw past it. */
async function runGate(config, ports) {
    const { deadline, log } = ports;
    let transport;
    try {
        transport = (0,http/* createTransport */.oO)(ports.env, config.maxConcurrency);
        const credentials = await credentialProvider(config, transport, ports);
        const client = new alibaba_client/* AcsClient */.FA({
            transport,
            credentials,
            deadline,
            log,
            userAgent: USER_AGENT,
            maxConcurrency: config.maxConcurrency,
            ramActions: ramActionsFor(config),
        });
        return await gateImages(config, client, log, deadline);
    }
    catch (err) {
        // Nothing was established (e.g. no credentials could be obtained): every image is an error.
        const error = (0,errors/* describeError */.Uc)(err);
        return config.images.map((target) => ({ target, requestIds: [], error, lists: {}, notes: [] }));
    }
    finally {
        // Never let a slow close hold the step open; keep-alive sockets are dropped with the process.
        void transport?.close().catch(() => { });
    }
}
/** Where each request's signing key comes from; keyless credentials are obtained once, here. */
async function credentialProvider(config, transport, ports) {
    const creds = config.credentials;
    if (creds.kind === 'keys')
        return () => Promise.resolve(creds);
    for (const notice of creds.notices)
        ports.log.notice(notice);
    const { keylessSigningKey } = await __webpack_require__.e(/* import() */ 550).then(__webpack_require__.bind(__webpack_require__, 6550));
    const opts = {
        transport,
        deadline: ports.deadline,
        log: ports.log,
        mask: secrets/* registerSecret */.cl,
        userAgent: USER_AGENT,
    };
    const key = await keylessSigningKey(creds, opts, await ports.idTokenSource(opts));
    return () => Promise.resolve(key);
}

;// CONCATENATED MODULE: ./src/policy/usage.ts

/** Entries expiring within this many days are flagged. */
const EXPIRING_DAYS = 14;
function ref(entry) {
    return { id: entry.id, line: entry.line, expires: entry.expires };
}
/** Collects the applications of one policy over a run; `report()` may be called at any time. */
class PolicyUsage {
    policy;
    today;
    hits;
    checked;
    undecided;
    constructor(policy, today) {
        this.policy = policy;
        this.today = today;
        this.hits = policy.entries.map(() => 0);
        this.checked = policy.entries.map(() => false);
        this.undecided = policy.entries.map(() => false);
    }
    /** Records one image-category application (its list was read). */
    record(app) {
        if (app.hits.length !== this.hits.length)
            throw new Error('a policy application of another policy');
        app.hits.forEach((n, i) => (this.hits[i] = (this.hits[i] ?? 0) + n));
        app.checked.forEach((c, i) => (this.checked[i] = (this.checked[i] ?? false) || c));
        app.undecided.forEach((u, i) => (this.undecided[i] = (this.undecided[i] ?? false) || u));
    }
    /** An image whose lists could not be used (it ended in error): entries that may cover it. */
    recordUnread(image) {
        this.policy.entries.forEach((entry, i) => {
            if (mayCoverImage(entry, image))
                this.undecided[i] = true;
        });
    }
    report() {
        const out = {
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
            if (days <= EXPIRING_DAYS)
                out.expiring.push({ ...ref(entry), days });
            if ((this.hits[i] ?? 0) > 0)
                return;
            if (this.checked[i] && !this.undecided[i])
                out.unused.push(ref(entry));
            else
                out.notChecked.push(ref(entry));
        });
        return out;
    }
}
/** The report's `policy` object from every application of a run. */
function policyReport(policy, today, applications, 
/** The images that ended in error (their lists could not be used), by what is known of them. */
unread = []) {
    const usage = new PolicyUsage(policy, today);
    for (const app of applications)
        usage.record(app);
    for (const image of unread)
        usage.recordUnread(image);
    return usage.report();
}

;// CONCATENATED MODULE: ./src/report/policy-model.ts
// The `report` JSON's parts for issue 18: accepted risks (per image `accepted` and
// `categories.<category>.accepted`, top-level `policy`) and gating only new findings (per image
// `baseline`, `categories.<category>.new/.inherited/.fixed`, each listed finding's `baseline`).
// Fields are only added (schema 1); a run without a policy file or a baseline reports exactly
// what it reported before.
//
// Decisions where the issue is silent:
// - Top-level `policy` is absent when no policy file was read (as `error` is absent when there
//   was none): `report.policy ?? null` reads the same either way, and old reports stay as they
//   were. Per image `accepted` and every `categories.<category>.accepted` are present exactly
//   when the run has a policy (0 and [] when nothing was accepted).
// - The `accepted` list is bounded like `findings`: at most `list-findings` per category; the
//   numbers in `categories` are always complete.
// - With a policy or a baseline, `findings` lists what was not accepted (accepted findings are in
//   `accepted`), new ones first, and `levels` counts what the limits count (unaccepted, and new
//   when a baseline was used).
// - A listed finding that counts although an expired entry matched it carries
//   `acceptanceExpired: {expires, policyLine}`.
// - Malicious files are always new: with a baseline used and no comparison of that category
//   (its list was not read), `categories.malicious-files.new` is its count.




/** The run's `PolicyReport` from the applications in the outcomes (the clock handed in). */
function runPolicyReport(policy, today, outcomes) {
    const apps = [];
    for (const o of outcomes)
        for (const c of core_categories/* CATEGORIES */.R6) {
            const app = o.policy?.[c];
            if (app)
                apps.push(app);
        }
    // Images that ended in error: an entry that may cover one is never called unused.
    const unread = outcomes
        .filter((o) => o.error !== undefined)
        .map((o) => imageScopeOf(o.target.selector, o.scan));
    return policyReport(policy, today, apps, unread);
}
function isoTime(ms) {
    if (!ms || !Number.isFinite(ms))
        return null;
    const d = new Date(ms);
    return Number.isNaN(d.getTime()) ? null : d.toISOString();
}
function baselineReport(baseline) {
    const selectors = {};
    if (baseline.repoId !== undefined)
        selectors['repo-id'] = baseline.repoId;
    if ('tag' in baseline.ref)
        selectors['image-tag'] = baseline.ref.tag;
    else
        selectors['image-digest'] = `sha256:${baseline.ref.digest}`;
    return baseline.used
        ? { selectors, digest: `sha256:${baseline.digest}`, scannedAt: isoTime(baseline.scannedAt) }
        : { selectors, reason: baseline.reason };
}
function packageOf(finding, entry) {
    if (entry.package !== undefined)
        return entry.package;
    return finding.packages[0]?.name ?? null;
}
/**
 * Adds the policy and baseline parts to an image's report entry (built by model.ts from the
 * same outcome): counts, the accepted list, the baseline, and the listed findings' marks.
 */
function addPolicyParts(entry, outcome, settings, toReport) {
    const hasPolicy = settings.policy !== undefined;
    const used = outcome.baseline?.used === true;
    if (outcome.baseline)
        entry.baseline = baselineReport(outcome.baseline);
    if (hasPolicy)
        entry.accepted = [];
    for (const c of core_categories/* CATEGORIES */.R6) {
        const app = outcome.policy?.[c];
        const split = used ? outcome.comparison?.[c] : undefined;
        const cat = entry.categories[c];
        if (hasPolicy)
            cat.accepted = app?.accepted.length ?? 0;
        if (split) {
            cat.new = split.new.length;
            cat.inherited = split.inherited.length;
            cat.fixed = split.fixed.length;
        }
        else if (used && c === 'malicious-files' && cat.count !== null) {
            cat.new = cat.count;
            cat.inherited = 0;
            cat.fixed = 0;
        }
        if (app && entry.accepted) {
            for (const { finding, entry: e } of app.accepted.slice(0, settings.listFindings)) {
                entry.accepted.push({
                    category: c,
                    id: finding.id,
                    level: finding.level,
                    package: packageOf(finding, e),
                    reason: e.reason,
                    expires: e.expires,
                    policyLine: e.line,
                });
            }
        }
        const list = outcome.lists[c];
        // Marked new / inherited only where compared (malicious files: always new).
        const compared = used && (split !== undefined || c === 'malicious-files');
        if (!list || (!app && !compared))
            continue;
        // What is listed: what was not accepted, new first; what the levels count: what counts.
        const unaccepted = app ? app.counted : list.findings;
        const inherited = new Set(split?.inherited ?? []);
        const fresh = unaccepted.filter((f) => !inherited.has(f));
        const listed = compared
            ? [...fresh, ...unaccepted.filter((f) => inherited.has(f))]
            : unaccepted;
        const expired = new Map(app?.expiredMatches.map((m) => [m.finding, m.entry]) ?? []);
        entry.levels[c] = levelCounts(compared ? fresh : unaccepted);
        entry.findings[c] = listed.slice(0, settings.listFindings).map((f) => {
            const shown = toReport(f);
            if (compared)
                shown.baseline = inherited.has(f) ? 'inherited' : 'new';
            const lapsed = expired.get(f);
            if (lapsed)
                shown.acceptanceExpired = { expires: lapsed.expires, policyLine: lapsed.line };
            return shown;
        });
    }
}
/** Findings accepted in an image (complete, whatever was listed). */
function acceptedCount(image) {
    return core_categories/* CATEGORIES */.R6.reduce((n, c) => n + (image.categories[c].accepted ?? 0), 0);
}
/** New findings that count in an image compared with a baseline (enforced categories only). */
function newCount(image) {
    return core_categories/* CATEGORIES */.R6.reduce((n, c) => {
        const cat = image.categories[c];
        return n + (cat.status === 'off' ? 0 : (cat.new ?? 0));
    }, 0);
}
/** Whether the image was compared with a baseline. */
function comparedWithBaseline(image) {
    return image.baseline !== undefined && 'digest' in image.baseline;
}

;// CONCATENATED MODULE: ./src/report/model.ts





const DEFAULT_LIMITS = {
    'baseline-risks': 0,
    'malicious-files': 0,
    'sca-vulns': 0,
    'cve-vulns': 0,
};
function selectorsOf(target) {
    const out = {};
    for (const [name, field] of core_selector/* SELECTOR_INPUTS */.of) {
        const value = target.selector[field];
        if (value !== undefined)
            out[name] = field === 'digest' ? `sha256:${value}` : value;
    }
    return out;
}
/** The report's form of every limit: a number, 'off', or the terms as written. */
function limitValues(limits) {
    const out = {};
    for (const c of core_categories/* CATEGORIES */.R6)
        out[c] = limitValue(limits[c]);
    return out;
}
/** A finding as listed: the model's fields, plus its advisory links. */
function reportFinding(f) {
    // The handling states decided what counts; the report shows the finding itself.
    const { category, handling, ...rest } = f;
    const links = f.cveIds.flatMap((id) => (0,core_findings/* advisoryLink */.Q0)(id) ?? []);
    return { ...rest, links };
}
function imageReport(outcome, config) {
    const { evaluation } = outcome;
    const categories = {};
    for (const c of core_categories/* CATEGORIES */.R6) {
        const spec = config.limits[c];
        categories[c] = evaluation
            ? { ...evaluation.categories[c] }
            : {
                count: null,
                limit: limitValue(spec),
                limitText: spec.text,
                status: 'unknown',
                exceededTerms: [],
            };
    }
    // Fail closed: without an evaluation there is no pass, whatever else happened.
    const result = outcome.error !== undefined || !evaluation ? 'error' : evaluation.result;
    const levels = {};
    const findings = {};
    const unfixableIgnored = {};
    for (const c of core_categories/* CATEGORIES */.R6) {
        const list = outcome.lists[c];
        if (!list)
            continue;
        levels[c] = { ...list.levels };
        findings[c] = list.findings.slice(0, config.listFindings).map(reportFinding);
        if (config.ignoreUnfixable && (0,core_categories/* isVulnerability */.Z4)(c))
            unfixableIgnored[c] = list.unfixableIgnored;
    }
    const entry = {
        selectors: selectorsOf(outcome.target),
        site: outcome.target.endpoint.site,
        result,
        exceeded: evaluation?.exceeded ?? [],
        categories,
        requestId: outcome.requestId ?? '',
        requestIds: outcome.requestIds,
        scan: scanReport(outcome.scan),
        gatedDigests: result === 'error' ? [] : (outcome.gatedDigests ?? []).map((d) => `sha256:${d}`),
        levels,
        findings,
        unfixableIgnored,
        notes: outcome.notes,
    };
    if (result === 'error')
        entry.error = outcome.error ?? 'the counts were not established';
    addPolicyParts(entry, outcome, config, reportFinding);
    return entry;
}
/** ISO 8601, or null for a time that is missing or cannot be a date (never throws). */
function model_isoTime(ms) {
    if (!ms || !Number.isFinite(ms))
        return null;
    const d = new Date(ms);
    return Number.isNaN(d.getTime()) ? null : d.toISOString();
}
function scanReport(scan) {
    if (!scan)
        return { checked: false, status: 'unknown', scannedAt: null, taskId: null, digests: [] };
    return {
        checked: true,
        status: scan.status,
        scannedAt: model_isoTime(scan.scannedAt),
        taskId: scan.taskId ?? null,
        digests: scan.digests.map((d) => `sha256:${d}`),
    };
}
function buildReport(config, outcomes, 
/** The run's policy usage; by default made from the outcomes when there is a policy file. */
extra = {}) {
    const policy = extra.policy ?? runPolicy(config, outcomes);
    const images = outcomes.map((o) => imageReport(o, config));
    let counts = null;
    for (const image of images) {
        if (image.result === 'error')
            continue;
        counts ??= { 'baseline-risks': 0, 'malicious-files': 0, 'sca-vulns': 0, 'cve-vulns': 0 };
        for (const c of core_categories/* CATEGORIES */.R6)
            counts[c] += image.categories[c].count ?? 0;
    }
    return {
        schemaVersion: 1,
        result: worstResult(images.map((i) => i.result)),
        exceeded: unionExceeded(images.map((i) => i.exceeded)),
        limits: limitValues(config.limits),
        riskStatus: config.riskStatus,
        counts,
        images,
        ...(policy ? { policy } : {}),
    };
}
/** What became of the policy file's entries over the run (both front ends report it). */
function runPolicy(config, outcomes) {
    if (!config.policy)
        return undefined;
    if (!config.today)
        throw new Error('a policy file is reported with the date it was applied on');
    return runPolicyReport(config.policy, config.today, outcomes);
}
/**
 * The report as JSON, for the `report` output, report-file and `--format json`: what only the
 * renderers use (an expiring entry's `days`, for "expires in N days") left out, so each policy
 * entry is `{id, line, expires}` (issue 18).
 */
function reportJson(report) {
    const policy = report.policy;
    if (!policy)
        return JSON.stringify(report);
    const expiring = policy.expiring.map(({ id, line, expires }) => ({ id, line, expires }));
    return JSON.stringify({ ...report, policy: { ...policy, expiring } });
}
/** The report of a run that stopped before any image was gated. */
function failedRunReport(error, problems) {
    return {
        ...(problems && problems.length > 0 ? { problems } : {}),
        schemaVersion: 1,
        result: 'error',
        exceeded: [],
        limits: DEFAULT_LIMITS,
        riskStatus: 'unhandled',
        counts: null,
        images: [],
        error,
    };
}

;// CONCATENATED MODULE: ./src/report/text-policy.ts
// The command line's text output for issue 18: per image the baseline it was compared with (or
// why none was) with its new, inherited and fixed numbers, and the findings the policy file
// accepted; for the run, the policy file's entries that need a look (expired, expiring, unused,
// not checked). The same facts as the Markdown summary's (render-policy.ts), as plain lines for a
// CI log: every text from the policy file or Security Center goes through `plain`.


function sum(image, field) {
    return core_categories/* CATEGORIES */.R6.reduce((n, c) => n + (image.categories[c][field] ?? 0), 0);
}
/** The image's baseline line and, with a policy file, its accepted findings (as listed). */
function imagePolicyLines(image) {
    const out = [];
    const b = image.baseline;
    if (b) {
        const which = Object.entries(b.selectors)
            .map(([k, v]) => `${k}=${plain(v, 120)}`)
            .join(' ');
        if ('digest' in b) {
            const when = b.scannedAt ? `, scanned ${b.scannedAt}` : '';
            out.push(`  baseline ${which} (${plain(b.digest, 80)}${when}): ${sum(image, 'new')} new, ${sum(image, 'inherited')} inherited, ${sum(image, 'fixed')} fixed; only new findings count`);
        }
        else
            out.push(`  baseline ${which} not used: ${plain(b.reason, 600)}`);
    }
    const accepted = image.accepted;
    if (accepted && image.result !== 'error') {
        const total = sum(image, 'accepted');
        out.push(`  accepted by the policy file: ${total} finding${total === 1 ? '' : 's'} (not counted)`);
        for (const a of accepted)
            out.push(`    ${a.level.padEnd(6)} ${plain(a.id, 120)}${a.package ? ` [${plain(a.package, 80)}]` : ''}: ${plain(a.reason, 300)} (until ${plain(a.expires, 20)}, policy line ${a.policyLine})`);
    }
    return out;
}
/** The run's policy file: the entries that need a look, one line each. */
function runPolicyLines(report) {
    const p = report.policy;
    if (!p)
        return [];
    const name = (e) => `${plain(e.id, 120)} (line ${e.line})`;
    const out = ['', `Policy file ${plain(p.path, 200)}:`];
    for (const e of p.expiring)
        out.push(`  expiring: ${name(e)} expires in ${e.days} day${e.days === 1 ? '' : 's'} (${plain(e.expires, 20)})`);
    for (const e of p.expired)
        out.push(`  expired: ${name(e)} on ${plain(e.expires, 20)}${e.matched > 0 ? `; would still match ${e.matched} (those no entry in force accepts count)` : ''}`);
    for (const e of p.unused)
        out.push(`  unused: ${name(e)}: matched no finding`);
    for (const e of p.notChecked)
        out.push(`  not checked: ${name(e)}`);
    if (out.length === 2)
        out.push('  every entry in force was used');
    return out;
}

;// CONCATENATED MODULE: ./src/report/text.ts
// The command line's standard output with --format text: the verdict on the first line (it
// contains pass, fail or error, so a log search or a wrapper script can find it), then each
// image's per-category table of counts and limits, then the listed findings (as many as the
// report lists: list-findings per category) and the notes. Plain text for a CI log or a
// terminal: no Markdown, and colour only when the caller says so (it decides from isTTY,
// NO_COLOR and TERM).
//
// Text from Security Center or from the settings (titles, paths, ids, errors, selectors) goes
// through `plain` first: control characters (ANSI escapes included), line separators and
// bidirectional overrides are shown as visible \u escapes, so an answer can neither colour,
// move, hide or reorder what the terminal shows, nor fake a line of its own. The only escape
// sequences in the output are this module's colours.



/** The report's category order. */
const TEXT_CATEGORIES = core_categories/* CATEGORIES */.R6;
const LEVEL_ORDER = core_findings/* LEVELS */.A_;
// C0 and C1 controls, DEL, the line and paragraph separators, and the bidirectional marks,
// embeddings, overrides and isolates.
const UNSAFE = 
// eslint-disable-next-line no-control-regex -- control characters are exactly what is replaced
/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;
/** Untrusted text made safe for a terminal: one line, visible escapes, at most `max` characters. */
function plain(text, max = 300) {
    const flat = text
        .replace(/[\t\n\r]+/g, ' ')
        .replace(UNSAFE, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
    return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}
const SGR = {
    green: '32',
    red: '31',
    yellow: '33',
    dim: '2',
    bold: '1',
};
function paint(text, colour, on) {
    return on ? `\u001b[${SGR[colour]}m${text}\u001b[0m` : text;
}
const RESULT_COLOUR = {
    pass: 'green',
    fail: 'red',
    error: 'yellow',
};
/** The first line: the result word, and in a few words why. */
function verdictLine(report, options) {
    const n = report.images.length;
    const word = paint(report.result, RESULT_COLOUR[report.result], options.color);
    const of = (k) => (n === 1 ? 'the image' : `${k} of ${n} images`);
    switch (report.result) {
        case 'pass':
            return `sas-image-gate: ${word}: ${n === 1 ? 'the image is' : `all ${n} images are`} within every limit`;
        case 'fail': {
            const failing = report.images.filter((i) => i.result === 'fail').length;
            return `sas-image-gate: ${word}: over the limit: ${report.exceeded.join(', ')} (${of(failing)})`;
        }
        case 'error': {
            if (report.error !== undefined)
                return `sas-image-gate: ${word}: ${plain(report.error.split('\n')[0] ?? '', 200)}`;
            const broken = report.images.filter((i) => i.result === 'error').length;
            const over = report.exceeded.length > 0 ? `; over the limit: ${report.exceeded.join(', ')}` : '';
            return `sas-image-gate: ${word}: the counts of ${of(broken)} could not be established${over}`;
        }
    }
}
function imageName(image) {
    const digest = image.gatedDigests[0] ?? image.scan.digests[0] ?? image.selectors['image-digest'];
    const selectors = Object.entries(image.selectors)
        .filter(([k]) => k !== 'image-digest' || !digest)
        .map(([k, v]) => `${k}=${v}`)
        .join(' ');
    const name = digest ? (selectors ? `${digest} (${selectors})` : digest) : selectors || '(none)';
    return plain(name, 400);
}
const STATUS = {
    pass: ['within limit', 'green'],
    fail: ['over limit', 'red'],
    off: ['not enforced', 'dim'],
    unknown: ['unknown', 'yellow'],
};
function statusText(entry) {
    const terms = /^\d+$/.test(entry.limitText) ? [] : entry.exceededTerms;
    return `${STATUS[entry.status][0]}${terms.length > 0 ? ` (${plain(terms.join(', '), 100)})` : ''}`;
}
function table(image, options) {
    const rows = TEXT_CATEGORIES.map((c) => {
        const e = image.categories[c];
        const levels = image.levels[c];
        return {
            status: e.status,
            cells: [
                c,
                e.count === null ? '?' : String(e.count),
                plain(e.limitText, 100),
                statusText(e),
                levels ? LEVEL_ORDER.map((l) => levels[l]).join(' / ') : '-',
            ],
        };
    });
    const head = ['category', 'count', 'limit', 'status', 'high / medium / low'];
    const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => (r.cells[i] ?? '').length)));
    const format = (cells, status) => `  ${cells
        .map((cell, i) => {
        const padded = i === 1 ? cell.padStart(widths[i] ?? 0) : cell.padEnd(widths[i] ?? 0);
        return i === 3 && status ? paint(padded, STATUS[status][1], options.color) : padded;
    })
        .join('  ')
        .trimEnd()}`;
    return [format(head), ...rows.map((r) => format(r.cells, r.status))];
}
function findingLine(f) {
    const parts = [f.level.padEnd(6), plain(f.id, 120)];
    if (f.title)
        parts.push(`- ${plain(f.title, 160)}`);
    const p = f.packages[0];
    if (p) {
        const more = f.packages.length > 1 ? ` (+${f.packages.length - 1} more)` : '';
        parts.push(`[${plain(p.name, 80)}${p.version ? ` ${plain(p.version, 60)}` : ''}${more}]`);
    }
    if (f.fixable === false)
        parts.push('(no fix)');
    if (f.baseline === 'new')
        parts.push('(new)');
    if (f.acceptanceExpired)
        parts.push(`(acceptance expired on ${plain(f.acceptanceExpired.expires, 20)}, policy line ${f.acceptanceExpired.policyLine})`);
    const path = f.paths?.[0];
    if (path)
        parts.push(`at ${plain(path, 200)}${(f.paths?.length ?? 0) > 1 ? ` (+${(f.paths?.length ?? 1) - 1} more)` : ''}`);
    const lines = [`    ${parts.join(' ')}`];
    if (p?.fixCommand)
        lines.push(`           fix: ${plain(p.fixCommand, 200)}`);
    return lines.join('\n');
}
function findings(image) {
    const out = [];
    for (const c of TEXT_CATEGORIES) {
        const levels = image.levels[c];
        if (!levels)
            continue;
        const total = LEVEL_ORDER.reduce((sum, l) => sum + levels[l], 0);
        const ignored = image.unfixableIgnored[c];
        if (total === 0 && !ignored)
            continue;
        const listed = image.findings[c] ?? [];
        const left = ignored ? `; ${ignored} without a fix left out (ignore-unfixable)` : '';
        out.push(`  ${c}: ${listed.length} of ${total} listed, most severe first${left}`);
        out.push(...listed.map(findingLine));
    }
    return out;
}
function renderText(report, options) {
    const out = [verdictLine(report, options)];
    for (const problem of report.problems ?? [])
        out.push(`  - ${plain(problem, 1000)}`);
    report.images.forEach((image, i) => {
        const which = report.images.length > 1 ? `Image ${i + 1} of ${report.images.length}` : 'Image';
        const result = paint(image.result, RESULT_COLOUR[image.result], options.color);
        out.push('', paint(`${which}: ${imageName(image)}`, 'bold', options.color));
        out.push(`  site ${plain(image.site, 100)}, result ${result}`);
        if (image.error !== undefined)
            out.push(`  error: ${plain(image.error, 2000)}`);
        out.push(...imagePolicyLines(image));
        out.push(...table(image, options));
        out.push(...findings(image));
        for (const note of image.notes)
            out.push(`  note: ${plain(note, 1000)}`);
    });
    out.push(...runPolicyLines(report));
    return `${out.join('\n')}\n`;
}

;// CONCATENATED MODULE: ./src/cli/options.ts
// The command line's options, in one table: every action input under its own name (with
// action.yml's default: test/unit/cli/options.test.ts reads action.yml and fails when the two
// drift apart, because the action's defaults live in action.yml and its reader, which this front
// end must not edit), and the CLI's own options (output format, report files, help, version).
// The argument parser, the help text and the reserved variable names all come from here, so an
// option cannot be accepted without being documented, or documented without being accepted.
const ENV_PREFIX = 'SAS_IMAGE_GATE_';
/** The variable an option also reads: SAS_IMAGE_GATE_<NAME>, upper case, `_` for `-`. */
function variableName(name) {
    return `${ENV_PREFIX}${name.toUpperCase().replace(/-/g, '_')}`;
}
const SELECT = 'Image selection (at least one image)';
const LIMITS = 'Limits: off, or comma-separated terms that must all hold (N in total, LEVEL:N)';
const SCAN = 'Scan state';
const POLICY = 'Verdict and exit code';
const ACCEPTED = 'Accepted risks and baselines';
const CONNECT = 'Connection and credentials';
const FILES = 'Output and report files (paths relative to the working directory)';
const GENERAL = 'General';
function action(name, group, value, description, def = '', extra = {}) {
    return {
        name,
        kind: value === undefined ? 'boolean' : 'value',
        default: def,
        ...(value === undefined ? {} : { value }),
        description,
        fromAction: true,
        flag: true,
        group,
        ...extra,
    };
}
function own(name, group, value, description, def = '') {
    return {
        name,
        kind: value === undefined ? 'switch' : 'value',
        default: def,
        ...(value === undefined ? {} : { value }),
        description,
        fromAction: false,
        flag: true,
        group,
    };
}
/** Every option, in the order the help lists them. */
const OPTIONS = [
    action('image-digest', SELECT, '<digests>', 'Image digest(s): sha256:<64 hex> or 64 bare hex digits; several comma- or newline-separated.'),
    action('image-tag', SELECT, '<tag>', 'Image tag.'),
    action('image-uuid', SELECT, '<uuid>', "Security Center's UUID of the image."),
    action('repo-id', SELECT, '<id>', 'Container Registry repository id.'),
    action('repo-instance-id', SELECT, '<id>', 'Container Registry instance id, e.g. cri-xxxx.'),
    action('repo-region-id', SELECT, '<region>', 'Region of the repository, e.g. cn-hangzhou. Also picks the Security Center site unless --region-id or --endpoint is set.'),
    action('cluster-id', SELECT, '<id>', 'Cluster id.'),
    action('scan-range', SELECT, '<ranges>', 'Comma-separated: image and/or container.'),
    action('instance-uuids', SELECT, '<ids>', 'Comma-separated instance ids.'),
    {
        ...action('images', SELECT, '<lines>', 'Several images, one per line as space-separated key=value pairs (repo-id=… image-tag=… image-digest=…), merged over the single-image options. Only as SAS_IMAGE_GATE_IMAGES (the lines themselves); on the command line use --images-file.'),
        flag: false,
    },
    own('images-file', SELECT, '<path>', 'A file with the images, one per line, in the form SAS_IMAGE_GATE_IMAGES takes. SAS_IMAGE_GATE_IMAGES and SAS_IMAGE_GATE_IMAGES_FILE together are bad input.'),
    action('risk-status', SELECT, '<status>', 'Which risks count: unhandled, handled or all. Risks marked handled in Security Center act as an allow-list with unhandled.', 'unhandled'),
    action('policy-file', ACCEPTED, '<path>', 'Policy file of accepted risks, relative to and inside the working directory. Empty means the default path; missing there: no policy.', '.github/sas-image-gate.yml'),
    action('max-accept-days', ACCEPTED, '<days>', 'The longest an acceptance in the policy file may run, in days; 0: no cap.', '365'),
    action('baseline-image-tag', ACCEPTED, '<tag>', "Gate only what an image adds over this tag's image in the same repository."),
    action('baseline-image-digest', ACCEPTED, '<digest>', 'Gate only what the image adds over this image (one image only).'),
    action('max-baseline-risks', LIMITS, '<limit>', 'Most baseline (configuration) risks allowed: off, or terms such as 5 or high:0,medium:10 (levels: high/medium/low).', '0'),
    action('max-malicious-files', LIMITS, '<limit>', 'Most malicious files allowed: off, or terms such as 0 or high:0 (levels: high/medium/low, or serious/suspicious/remind).', '0'),
    action('max-sca-vulns', LIMITS, '<limit>', 'Most application (SCA) vulnerabilities allowed: off, or terms such as 10 or high:0,medium:5 (levels: high/medium/low, or asap/later/nntf).', '0'),
    action('max-cve-vulns', LIMITS, '<limit>', 'Most system (CVE) vulnerabilities allowed: off, or terms such as 10 or high:0 (levels: high/medium/low, or asap/later/nntf).', '0'),
    action('ignore-unfixable', LIMITS, undefined, 'Leave vulnerabilities Security Center marks as having no fix out of the SCA and CVE limits (those limits are then counted from the finding lists).', 'false'),
    action('fail-build', POLICY, undefined, 'Exit 1 when a limit is exceeded. false: exit 0 (the verdict still says fail).', 'true'),
    action('on-error', POLICY, '<fail|warn>', 'When the counts could not be obtained: fail (exit 2) or warn (exit 0). The verdict is error either way, never pass; bad input always exits 2.', 'fail'),
    action('require-scan', SCAN, undefined, 'Before trusting the counts, confirm Security Center has a completed scan of the image; otherwise the verdict is error. false: plain count query.', 'true'),
    action('wait-for-scan', SCAN, '<seconds>', 'Seconds to wait for a queued or running scan, on top of --timeout-seconds. 0: do not wait.', '600'),
    action('trigger-scan', SCAN, undefined, 'When the image has no completed (fresh enough) scan, start one and wait for it.', 'false'),
    action('max-scan-age', SCAN, '<hours>', 'Hours after which a completed scan counts as not scanned (refreshed with --trigger-scan true), or off.', 'off'),
    action('region-id', CONNECT, '<region>', 'Region whose Security Center site to query.', '', {
        defaultText: '--repo-region-id, else cn-shanghai',
    }),
    action('endpoint', CONNECT, '<host|url>', 'Security Center endpoint override: a host name or https URL (plain http only to loopback).'),
    action('timeout-seconds', CONNECT, '<seconds>', 'One deadline for all Security Center calls of the run, retries included.', '60'),
    action('max-concurrency', CONNECT, '<n>', 'Most Security Center requests in flight at once, over all images (1 to 20).', '4'),
    action('access-key-id', CONNECT, '<id>', 'AccessKey ID. Its secret is read only from ALIBABA_CLOUD_ACCESS_KEY_SECRET (and an STS token from ALIBABA_CLOUD_SECURITY_TOKEN), never from the command line.', '', { defaultVariable: 'ALIBABA_CLOUD_ACCESS_KEY_ID' }),
    action('role-arn', CONNECT, '<arn>', 'Keyless authentication (OIDC): the RAM role to assume, acs:ram::<account id>:role/<name>. With --oidc-provider-arn and the ID token in ALIBABA_CLOUD_OIDC_TOKEN_FILE (a file) or SAS_IMAGE_GATE_OIDC_TOKEN (the token), no access key is needed.', '', { defaultVariable: 'ALIBABA_CLOUD_ROLE_ARN' }),
    action('oidc-provider-arn', CONNECT, '<arn>', 'Keyless authentication: the RAM OIDC provider of the CI system, acs:ram::<account id>:oidc-provider/<name>.', '', { defaultVariable: 'ALIBABA_CLOUD_OIDC_PROVIDER_ARN' }),
    action('role-session-name', CONNECT, '<name>', 'RoleSessionName for STS (2 to 64 of A-Z a-z 0-9 . @ _ -).', '', {
        defaultVariable: 'ALIBABA_CLOUD_ROLE_SESSION_NAME',
        defaultText: '$ALIBABA_CLOUD_ROLE_SESSION_NAME, else sas-image-gate- and the CI job id or the time',
    }),
    action('role-duration-seconds', CONNECT, '<seconds>', "Lifetime of the STS credentials, 900 to 43200 seconds; above 3600 the role's maximum session duration must be raised.", '900'),
    action('sts-endpoint', CONNECT, '<host|url>', 'STS endpoint: a host name or https URL (plain http only to loopback).', 'sts.aliyuncs.com'),
    own('format', FILES, '<text|json>', 'Standard output: text (the verdict, the table and the listed findings) or json (exactly one JSON document, the report).', 'text'),
    action('list-findings', FILES, '<n>', 'How many findings per category the text output, the summary and the report list for each image, most severe first (0 to 1000).', '10'),
    own('summary-file', FILES, '<path>', 'Write the Markdown summary to this file.'),
    action('report-file', FILES, '<path>', 'Write the complete report JSON to this file.'),
    action('sarif-file', FILES, '<path>', 'Write a SARIF 2.1.0 log of every finding read to this file.'),
    action('dockerfile', FILES, '<path>', 'Repository-relative path of the Dockerfile the SARIF results point at.', 'Dockerfile'),
    own('outputs-file', FILES, '<path>', 'Write the outputs as SAS_IMAGE_GATE_<OUTPUT>=value lines (for GitLab artifacts:reports:dotenv).'),
    own('gitlab-report', FILES, '<path>', 'Write a GitLab container-scanning report (schema 15.2.x) of every CVE and SCA finding read.'),
    own('junit-file', FILES, '<path>', 'Write a JUnit XML file: one test suite per image, one test case per category.'),
    own('help', GENERAL, undefined, 'Print this help and exit.'),
    own('version', GENERAL, undefined, 'Print the version and exit.'),
];
const OPTION_BY_NAME = new Map(OPTIONS.map((o) => [o.name, o]));
/** Options written as files (their paths must differ from each other). */
const FILE_OPTIONS = [
    'summary-file',
    'report-file',
    'sarif-file',
    'outputs-file',
    'gitlab-report',
    'junit-file',
];
const FORMATS = ['text', 'json'];
/**
 * Secrets are never taken from the command line (process lists and CI logs show it): each of
 * these, as a flag or as SAS_IMAGE_GATE_<NAME>, is bad input naming where the secret goes.
 */
const SECRET_OPTIONS = new Map([
    ['access-key-secret', 'ALIBABA_CLOUD_ACCESS_KEY_SECRET'],
    ['security-token', 'ALIBABA_CLOUD_SECURITY_TOKEN'],
    [
        'oidc-token',
        'ALIBABA_CLOUD_OIDC_TOKEN_FILE (a file holding the ID token) or SAS_IMAGE_GATE_OIDC_TOKEN (the token)',
    ],
]);
/** Action inputs that are not options, with why (each ends a problem message). */
const NOT_OPTIONS = new Map([
    [
        'github-token',
        'it is a GitHub Action input for the pull request comment; the command line writes no comment',
    ],
    [
        'comment-on-pr',
        'it is a GitHub Action input for the pull request comment; the command line writes no comment',
    ],
    [
        'comment-key',
        'it is a GitHub Action input for the pull request comment; the command line writes no comment',
    ],
    [
        'job-summary',
        'it is a GitHub Action input; write the Markdown summary with --summary-file <path>',
    ],
    [
        'oidc-audience',
        "the audience is chosen where the CI system issues the ID token (GitLab: id_tokens' aud); it must be a Client ID of the OIDC provider",
    ],
]);
/**
 * SAS_IMAGE_GATE_* variables that are not options and are never bad input: the ID token, a test
 * knob, names a pipeline may use for itself (help, version), and the outputs file's variables,
 * which GitLab hands to later jobs (a later job running the gate again must not fail on them).
 */
const RESERVED_VARIABLES = new Set([
    'SAS_IMAGE_GATE_OIDC_TOKEN',
    'SAS_IMAGE_GATE_FIRST_POLL_MS',
    'SAS_IMAGE_GATE_HELP',
    'SAS_IMAGE_GATE_VERSION',
    ...[
        'result',
        'baseline-risks',
        'malicious-files',
        'sca-vulns',
        'cve-vulns',
        'exceeded',
        'request-id',
        'scan-status',
        'scanned-at',
        'scan-task-id',
        'gated-digests',
        'accepted',
        'new-findings',
    ].map(variableName),
]);
const WIDTH = 100;
const INDENT = '      ';
function wrap(text, indent, width) {
    const lines = [];
    let line = '';
    for (const word of text.split(/\s+/).filter((w) => w !== '')) {
        if (line !== '' && indent.length + line.length + 1 + word.length > width) {
            lines.push(indent + line);
            line = word;
        }
        else
            line = line === '' ? word : `${line} ${word}`;
    }
    if (line !== '')
        lines.push(indent + line);
    return lines;
}
/** The default as the help shows it. */
function defaultShown(o) {
    if (o.defaultText)
        return o.defaultText;
    if (o.defaultVariable)
        return o.default ? `$${o.defaultVariable}, else ${o.default}` : `$${o.defaultVariable}`;
    return o.default === '' ? 'none' : o.default;
}
/** `sas-image-gate --help`: every option with its default, the variables, the exit codes. */
function helpText() {
    const out = [
        'Usage: sas-image-gate [options]',
        '',
        ...wrap("Gates a CI job on Alibaba Cloud Security Center's scan results for Container Registry images.", '', WIDTH),
        ...wrap('Exit codes: 0 pass, 1 fail (a limit exceeded), 2 error (anything not established, bad input included).', '', WIDTH),
        '',
        ...wrap('Every option is written --name value or --name=value (booleans take true or false) and can also be set as the variable SAS_IMAGE_GATE_<NAME> (upper case, _ for -). A flag beats the variable, the variable beats the default; an empty value counts as unset.', '', WIDTH),
    ];
    let group = '';
    for (const o of OPTIONS) {
        if (o.group !== group) {
            group = o.group;
            out.push('', `${group}:`);
        }
        const head = o.flag
            ? `--${o.name}${o.value ? ` ${o.value}` : o.kind === 'boolean' ? ' <true|false>' : ''}`
            : variableName(o.name);
        out.push(`  ${head}`);
        out.push(...wrap(o.description, INDENT, WIDTH));
        if (o.kind !== 'switch')
            out.push(...wrap(`[default: ${defaultShown(o)}]`, INDENT, WIDTH));
    }
    out.push('', 'Credentials (read only from the environment, never from the command line):', ...wrap('ALIBABA_CLOUD_ACCESS_KEY_ID and ALIBABA_CLOUD_ACCESS_KEY_SECRET (plus ALIBABA_CLOUD_SECURITY_TOKEN for STS keys); or keyless with --role-arn (ALIBABA_CLOUD_ROLE_ARN), --oidc-provider-arn (ALIBABA_CLOUD_OIDC_PROVIDER_ARN) and the ID token from the file named by ALIBABA_CLOUD_OIDC_TOKEN_FILE or in SAS_IMAGE_GATE_OIDC_TOKEN.', '  ', WIDTH), '');
    return out.join('\n');
}

;// CONCATENATED MODULE: ./src/cli/args.ts
// The command line and the environment → the same named values the action reads from its
// inputs, each with where it came from (`--name`, SAS_IMAGE_GATE_NAME, another variable, or the
// default) so a problem can name what to change. Pure: argv and an environment in, values and
// problems out; files (--images-file) are read by the caller, never here.
//
// Fail closed: everything the parser cannot place is bad input, all of it reported at once: an
// option the CLI does not have (a typo such as --max-cve-vuln must never be ignored), a GitHub-only
// input, a SAS_IMAGE_GATE_* variable that names no option, an option given twice. Secrets are
// never taken from the command line, and no value that may be a secret is ever repeated in a
// message: a refused or unknown option is named without its value, and a stray argument by its
// position only.


/** How a message names an option: `--name`, with the variable when the value came from one. */
function optionLabel(name, origin) {
    const spec = OPTION_BY_NAME.get(name);
    const flag = spec && !spec.flag ? variableName(name) : `--${name}`;
    if (origin?.kind === 'variable' && origin.variable !== flag)
        return `${flag} (from ${origin.variable})`;
    return flag;
}
/** The values as INPUT_<NAME> variables, the form the action's input reader takes. */
function toInputEnv(values) {
    const out = {};
    for (const [name, { value }] of Object.entries(values)) {
        if (OPTION_BY_NAME.get(name)?.fromAction)
            out[`INPUT_${name.toUpperCase()}`] = value;
    }
    return out;
}
// eslint-disable-next-line no-control-regex -- control characters are exactly what is refused
const args_CONTROL = /[\u0000-\u001f\u007f-\u009f]/;
const MAX_PATH = 4096;
/** An option name as a message may show it: printable and short (it is never a value). */
function shownName(name) {
    // eslint-disable-next-line no-control-regex -- control characters are what is replaced
    const clean = name.replace(/[\u0000-\u001f\u007f-\u009f]/g, '?');
    return clean.length > 40 ? `${clean.slice(0, 37)}...` : clean;
}
function secretProblem(shown, variable) {
    return `${shown}: secrets are never taken from the command line or SAS_IMAGE_GATE_* variables (process lists and CI logs show them); set ${variable} instead (the value given was not used and is not shown)`;
}
/** The names a typo is compared with: every flag, and the refused ones (to explain them). */
const FLAG_NAMES = [
    ...OPTIONS.filter((o) => o.flag).map((o) => o.name),
    ...SECRET_OPTIONS.keys(),
    ...NOT_OPTIONS.keys(),
    'images',
];
/** Why `--<name>` is refused, or undefined when it is not a refused name. */
function refusal(name, shown) {
    const secret = SECRET_OPTIONS.get(name);
    if (secret)
        return secretProblem(shown, secret);
    const why = NOT_OPTIONS.get(name);
    if (why)
        return `${shown} is not an option of the command line: ${why}`;
    if (name === 'images')
        return `${shown} is not an option: give the image lines in a file with --images-file <path>, or in the variable SAS_IMAGE_GATE_IMAGES`;
    return undefined;
}
function unknownFlag(name) {
    const shown = `--${shownName(name)}`;
    const guess = (0,infra_text/* nearest */.pA)(name, FLAG_NAMES);
    const refused = guess === undefined ? undefined : refusal(guess, `--${guess}`);
    if (guess !== undefined && refused !== undefined)
        return `${shown} is not an option (the value given, if any, is not shown); it looks like ${refused}`;
    const hint = guess === undefined ? '' : `did you mean --${guess}? `;
    return `${shown} is not an option (the value given, if any, is not shown); ${hint}sas-image-gate --help lists every option`;
}
/** Reads the flags: values by name (set only when not empty), help, version, problems. */
function readFlags(argv, problems) {
    const flags = new Map();
    const seen = new Set();
    let help = false;
    let version = false;
    for (let i = 0; i < argv.length; i++) {
        const token = argv[i] ?? '';
        const position = i + 1;
        // A value that follows an option: a refused or unknown option's is skipped unseen.
        const takeNext = () => {
            const next = argv[i + 1];
            if (next === undefined || next.startsWith('--'))
                return undefined;
            i++;
            return next;
        };
        if (token === '-h') {
            help = true;
            continue;
        }
        if (token === '--') {
            const rest = argv.length - position;
            if (rest > 0)
                problems.push(`arguments after -- (${rest}, not shown) are not accepted: sas-image-gate takes options only`);
            break;
        }
        if (!token.startsWith('--')) {
            const shown = /^-[A-Za-z]$/.test(token) ? `${token} ` : '';
            problems.push(`argument ${position} ${shown}is not an option${shown ? '' : ' (not shown)'}: sas-image-gate takes options only, spelled --name value or --name=value`);
            continue;
        }
        const eq = token.indexOf('=');
        const name = eq < 0 ? token.slice(2) : token.slice(2, eq);
        const inline = eq < 0 ? undefined : token.slice(eq + 1);
        const spec = OPTION_BY_NAME.get(name);
        if (!spec || !spec.flag) {
            const refused = refusal(name, `--${name}`);
            problems.push(refused ?? unknownFlag(name));
            if (inline === undefined)
                takeNext();
            continue;
        }
        if (spec.kind === 'switch') {
            if (inline !== undefined)
                problems.push(`--${name} takes no value`);
            if (name === 'help')
                help = true;
            else
                version = true;
            continue;
        }
        const value = inline ?? takeNext();
        if (seen.has(name)) {
            problems.push(`--${name} is given more than once; give it once`);
            continue;
        }
        seen.add(name);
        if (value === undefined) {
            const form = spec.kind === 'boolean' ? 'true or false' : (spec.value ?? '<value>');
            problems.push(`--${name} needs a value: --${name} ${form} (or --${name}=…)`);
            continue;
        }
        // An empty value counts as unset, as an empty action input and an empty variable do.
        if (value.trim() !== '')
            flags.set(name, value);
    }
    return { flags, help, version };
}
/** SAS_IMAGE_GATE_* variables that name no option: bad input, never silently ignored. */
function checkVariables(env, problems) {
    const known = new Set(OPTIONS.filter((o) => o.kind !== 'switch').map((o) => variableName(o.name)));
    const byVariable = new Map([...FLAG_NAMES].map((n) => [variableName(n), n]));
    for (const variable of Object.keys(env).sort()) {
        if (!variable.startsWith(ENV_PREFIX) || known.has(variable) || RESERVED_VARIABLES.has(variable))
            continue;
        if ((env[variable] ?? '').trim() === '')
            continue;
        const shown = shownName(variable);
        const name = byVariable.get(variable);
        const refused = name === undefined || name === 'images' ? undefined : refusal(name, shown);
        if (refused) {
            problems.push(refused);
            continue;
        }
        const guess = (0,infra_text/* nearest */.pA)(variable, [...known]);
        const hint = guess ? `did you mean ${guess}? ` : '';
        problems.push(`${shown} is not a variable sas-image-gate reads; ${hint}sas-image-gate --help lists every option (each also read as SAS_IMAGE_GATE_<NAME>)`);
    }
}
function checkOwnValues(values, problems) {
    const format = values['format'];
    if (format) {
        const lower = format.value.trim().toLowerCase();
        if (FORMATS.includes(lower))
            format.value = lower;
        else
            problems.push(`${optionLabel('format', format.origin)}: ${JSON.stringify(format.value.slice(0, 40))} is not accepted; use text or json`);
    }
    const paths = new Map();
    for (const name of [...FILE_OPTIONS, 'images-file']) {
        const entry = values[name];
        if (!entry)
            continue;
        const label = optionLabel(name, entry.origin);
        const raw = entry.value.trim();
        if (args_CONTROL.test(raw) || raw.length > MAX_PATH) {
            problems.push(`${label} is not a file path (control characters, or longer than ${MAX_PATH} characters); give a path such as report.xml`);
            continue;
        }
        const key = normalise(raw);
        const other = paths.get(key);
        if (other !== undefined)
            problems.push(`${label} names the same file as ${other}; give each file its own path`);
        else
            paths.set(key, label);
    }
}
/** A path compared with another: `./a//b/../c` and `a/c` are the same file. */
function normalise(p) {
    const absolute = p.startsWith('/');
    const parts = [];
    for (const part of p.replace(/\\/g, '/').split('/')) {
        if (part === '' || part === '.')
            continue;
        if (part === '..' && parts.length > 0 && parts[parts.length - 1] !== '..')
            parts.pop();
        else
            parts.push(part);
    }
    return `${absolute ? '/' : ''}${parts.join('/')}`;
}
/**
 * Flags over SAS_IMAGE_GATE_<NAME> over the variable an option defaults to over the default; an
 * empty value counts as unset at every step (so it can never loosen a limit).
 */
function parseArgs(argv, env) {
    const problems = [];
    const { flags, help, version } = readFlags(argv, problems);
    checkVariables(env, problems);
    const fromEnv = (variable) => {
        const value = env[variable];
        return value === undefined || value.trim() === ''
            ? undefined
            : { value, origin: { kind: 'variable', variable } };
    };
    const values = {};
    const resolve = (o) => {
        const flag = flags.get(o.name);
        if (flag !== undefined)
            return { value: flag, origin: { kind: 'flag' } };
        const own = fromEnv(variableName(o.name));
        if (own)
            return own;
        const fallback = o.defaultVariable ? fromEnv(o.defaultVariable) : undefined;
        if (fallback)
            return fallback;
        return o.default === '' ? undefined : { value: o.default, origin: { kind: 'default' } };
    };
    for (const o of OPTIONS) {
        if (o.kind === 'switch')
            continue;
        const v = resolve(o);
        if (v)
            values[o.name] = v;
    }
    // The image lines come from one place. The two variables together say two different things,
    // which is bad input whatever the flags say; --images-file beats SAS_IMAGE_GATE_IMAGES.
    if (fromEnv(variableName('images')) && fromEnv(variableName('images-file')))
        problems.push('SAS_IMAGE_GATE_IMAGES and SAS_IMAGE_GATE_IMAGES_FILE are both set; set one (the lines themselves, or the path of a file holding them)');
    if (values['images'] && values['images-file'])
        delete values['images'];
    checkOwnValues(values, problems);
    return { values, help, version, problems };
}

;// CONCATENATED MODULE: ./src/report/dotenv.ts
// The outputs file (--outputs-file): the action's outputs, except `report` and `comment-url`, as
// `SAS_IMAGE_GATE_<OUTPUT>=value` lines for GitLab's `artifacts:reports:dotenv` (later jobs get
// them as variables) or for a shell to source. GitLab's reader is strict: no blank or comment
// lines, no multi-line values, no quote escapes, no spaces in values, and a file under 5 KB.
//
// Rules, so that no value can ever be read as something else:
// - A value keeps only the characters A-Z a-z 0-9 . _ : / , @ + = - (everything the outputs
//   hold in practice: results, counts, category names, digests, request ids, times, paths). Any
//   other character (white space, a line break, a quote, $, #, a control or non-ASCII
//   character) becomes `_`: a value is always one unquoted line, so it can neither start a second
//   variable nor be read as quoting, expansion or a comment by any dotenv reader. The outputs whose
//   value was changed are returned, for the caller to say so.
// - The file stays within 5,000 bytes (under 5 KB however it is counted). When the lists (request
//   ids, scan task ids, gated digests, exceeded) are too long, entries are dropped from the end of
//   the longest list, one at a time, and the list ends with `+N-more` (N the entries dropped): a
//   shortened list is visibly incomplete, never silently short, and its last entry can never be
//   taken for a digest or an id. A value that cannot fit even then (only an extreme path could
//   be that long) is left empty instead. The shortened outputs are returned too.
const PREFIX = 'SAS_IMAGE_GATE_';
/** Outputs the file leaves out: the whole report (too large) and the GitHub comment's URL. */
const DOTENV_EXCLUDED = ['report', 'comment-url'];
/** Lists that are shortened first when the file would be too large. */
const LISTS = ['request-id', 'scan-task-id', 'gated-digests', 'exceeded'];
const DOTENV_MAX_BYTES = 5000;
/** SAS_IMAGE_GATE_<OUTPUT>: upper case, `_` for `-`. */
function dotenvName(output) {
    return `${PREFIX}${output.toUpperCase().replace(/[^A-Z0-9]/g, '_')}`;
}
/** A value as one safe unquoted line: every character outside the kept set becomes `_`. */
function dotenvValue(value) {
    return value.replace(/[^A-Za-z0-9._:/,@+=-]/gu, '_');
}
function render(l) {
    const more = l.omitted > 0 ? [`+${l.omitted}-more`] : [];
    return `${dotenvName(l.output)}=${[...l.entries, ...more].join(',')}\n`;
}
function size(lines) {
    return lines.reduce((n, l) => n + render(l).length, 0);
}
function buildDotenv(outputs) {
    const altered = [];
    const lines = [];
    for (const [output, raw] of Object.entries(outputs)) {
        if (DOTENV_EXCLUDED.includes(output))
            continue;
        const value = dotenvValue(raw);
        if (value !== raw)
            altered.push(output);
        const list = LISTS.includes(output);
        const entries = list ? value.split(',').filter((e) => e !== '') : [value];
        lines.push({ output, entries, omitted: 0, list });
    }
    const shortened = new Set();
    // Values are ASCII after dotenvValue: characters are bytes.
    const byLength = (a, b) => render(b).length - render(a).length;
    // A value that cannot fit even with every list cut to its marker (only an extreme path) is
    // emptied first, so the lists are not emptied for nothing.
    const floor = () => size(lines.map((l) => (l.list ? { ...l, entries: [], omitted: l.entries.length + l.omitted } : l)));
    while (floor() > DOTENV_MAX_BYTES) {
        const other = lines.filter((l) => !l.list && (l.entries[0] ?? '') !== '').sort(byLength)[0];
        if (!other)
            break;
        other.entries = [''];
        shortened.add(other.output);
    }
    while (size(lines) > DOTENV_MAX_BYTES) {
        const list = lines.filter((l) => l.list && l.entries.length > 0).sort(byLength)[0];
        if (!list)
            break;
        list.entries.pop();
        list.omitted++;
        shortened.add(list.output);
    }
    return { text: lines.map(render).join(''), altered, shortened: [...shortened] };
}

;// CONCATENATED MODULE: ./src/report/gitlab.ts
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

/** The schema version the report declares. */
const GITLAB_SCHEMA_VERSION = '15.2.1';
/** `location.operating_system` when the image's is not known (the schema requires a value). */
const OS_UNKNOWN = 'unknown';
/** `location.dependency.package.name` of a finding that names no package (SCA items). */
const PACKAGE_UNKNOWN = 'unknown';
/** Identifier type of Security Center's own vulnerability name. */
const SAS_IDENTIFIER = 'alibaba-cloud-security-center';
/** Security Center's API version, reported as the scanner's version. */
const SAS_API_VERSION = '2018-12-03';
const gitlab_SEVERITY = {
    high: 'High',
    medium: 'Medium',
    low: 'Low',
};
const REPORTED = ['cve-vulns', 'sca-vulns'];
const CVE_ID = /^CVE-\d{4}-\d{4,}$/i;
const MAX_NAME = 255;
const MAX_SOLUTION = 7000;
const MAX_DESCRIPTION = 20_000;
const MAX_MESSAGES = 50;
/** yyyy-mm-ddThh:mm:ss in UTC, the schema's time format (no zone, no fraction). */
function gitlabTime(date) {
    return date.toISOString().slice(0, 19);
}
/** A UUID-shaped id (version 8, "custom") from a SHA-256 of the parts. */
function vulnerabilityId(parts) {
    const hex = (0,external_node_crypto_.createHash)('sha256').update(JSON.stringify(parts)).digest('hex');
    const variant = ((parseInt(hex[16] ?? '0', 16) & 0x3) | 0x8).toString(16);
    return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-8${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}
/** One line: control characters and line breaks become spaces; at most `max` characters. */
function line(text, max) {
    // eslint-disable-next-line no-control-regex -- control characters are what is replaced
    const flat = text.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]+/g, ' ').trim();
    return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}
const ENTITY = /[&<>"'|`[\]\\*_@~#!$%:]/g;
/** Cut to at most `max` characters without splitting an entity. */
function cut(text, max) {
    if (text.length <= max)
        return text;
    return `${text.slice(0, max - 1).replace(/&#?\d*$/, '')}…`;
}
/**
 * Untrusted text for a Markdown field: one line, every markup character an entity (no tags,
 * links, mentions or references), at most `max` characters once encoded.
 */
function inert(text, max) {
    const encoded = line(text, max)
        .replace(ENTITY, (c) => `&#${c.charCodeAt(0)};`)
        .replace(/\bwww\./gi, (w) => `${w.slice(0, 3)}&#46;`);
    return cut(encoded, max);
}
function advisory(cve) {
    return `https://avd.aliyun.com/detail/${cve}`;
}
function identifiersOf(f) {
    const cves = [...new Set(f.cveIds.filter((id) => CVE_ID.test(id)).map((id) => id.toUpperCase()))];
    const sasName = line(f.key || f.id, MAX_NAME) || 'unknown';
    const sas = { type: SAS_IDENTIFIER, name: sasName, value: sasName };
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
function packagesOf(f) {
    const out = new Map();
    for (const p of f.packages) {
        const name = line(p.name, MAX_NAME) || PACKAGE_UNKNOWN;
        const version = line(p.version ?? '', MAX_NAME);
        const key = JSON.stringify([name, version]);
        if (!out.has(key))
            out.set(key, { name, version, pkg: p });
    }
    if (out.size === 0)
        return [{ name: PACKAGE_UNKNOWN, version: '' }];
    return [...out.values()];
}
function describe(f, pkg) {
    const parts = [];
    if (f.title)
        parts.push(inert(f.title, 2000));
    const word = f.rawLevel && f.rawLevel !== f.level ? ` (${inert(f.rawLevel, 40)})` : '';
    const unknown = f.levelUnknown ? ', an unrecognised level counted as high' : '';
    parts.push(`Security Center level: ${f.level}${word}${unknown}.`);
    const fix = f.fixable === false ? 'no' : f.fixable === true ? 'yes' : 'not said';
    parts.push(`Fix available: ${fix}.`);
    if (pkg?.path)
        parts.push(`Found at ${inert(pkg.path, 1000)}.`);
    if (f.cvss !== undefined)
        parts.push(`CVSS score: ${f.cvss}.`);
    return cut(parts.join(' '), MAX_DESCRIPTION);
}
function vulnerabilitiesOf(image, seen) {
    const imageName = line(image.imageName, 1000) || line(image.digest ?? '', 200) || 'unknown';
    const identity = image.digest ?? imageName;
    const os = line(image.operatingSystem ?? '', 200) || OS_UNKNOWN;
    const out = [];
    for (const f of image.findings) {
        if (!REPORTED.includes(f.category))
            continue;
        const identifiers = identifiersOf(f);
        const links = identifiers.flatMap((i) => (i.url ? [{ name: i.name, url: i.url }] : []));
        for (const p of packagesOf(f)) {
            const id = vulnerabilityId([identity, f.category, f.key, p.name, p.version]);
            // The same finding twice (an image given twice, a repeated row) is one vulnerability.
            if (seen.has(id))
                continue;
            seen.add(id);
            const solution = p.pkg?.fixCommand ? inert(p.pkg.fixCommand, MAX_SOLUTION) : '';
            out.push({
                id,
                name: line(f.title || f.id || f.key, MAX_NAME) || 'unknown',
                description: describe(f, p.pkg),
                severity: gitlab_SEVERITY[f.level],
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
function messagesOf(report) {
    const messages = [];
    if (report.error)
        messages.push({ level: 'fatal', value: line(report.error, 2000) || 'error' });
    report.images.forEach((image, i) => {
        const which = `image ${i + 1}`;
        if (image.error)
            messages.push({ level: 'fatal', value: `${which}: ${line(image.error, 2000)}` });
        for (const note of image.notes)
            messages.push({ level: 'warn', value: `${which}: ${line(note, 2000)}` });
    });
    return messages.slice(0, MAX_MESSAGES);
}
function buildGitlabReport(input) {
    const seen = new Set();
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

;// CONCATENATED MODULE: ./src/report/junit.ts
// The verdict as a JUnit XML file, for CI systems that show test results natively (Jenkins'
// `junit` step, GitLab's `artifacts:reports:junit`): one test suite per image, named by its
// digest (else its selectors), one test case per category, named as in the report's `exceeded`.
// A category over its limit is a <failure> (with the count and the limit), a limit that is off
// is <skipped>, and every category of an image that ended in error is an <error>: a broken run
// never shows as passing tests. A run that stopped before any image was gated has one suite
// with an <error> case, so the file is never an empty (and so green) result.
//
// Pure. Every text is escaped for XML, and characters XML 1.0 forbids (most control characters,
// lone surrogates, U+FFFE/U+FFFF) are removed, so text from Security Center can neither break
// the document nor make a strict parser reject it.

const TOOL = 'sas-image-gate';
/** One case per category, in the report's order. */
const JUNIT_CASES = core_categories/* CATEGORIES */.R6;
// Everything outside XML 1.0's Char production: #x9 | #xA | #xD | [#x20-#xD7FF] |
// [#xE000-#xFFFD] | [#x10000-#x10FFFF]. With the u flag a lone surrogate is one code point,
// outside every range, so it is removed too.
const NOT_XML_CHAR = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;
/** Text content: the forbidden characters removed, & < > escaped. */
function xmlText(text) {
    return text
        .replace(NOT_XML_CHAR, '')
        .replace(/&/g, '&amp;')
        .replace(/</g, '&lt;')
        .replace(/>/g, '&gt;');
}
/** An attribute value (double-quoted): also quotes and white space, kept as character references. */
function xmlAttr(text) {
    return xmlText(text)
        .replace(/"/g, '&quot;')
        .replace(/'/g, '&apos;')
        .replace(/\t/g, '&#9;')
        .replace(/\n/g, '&#10;')
        .replace(/\r/g, '&#13;');
}
/** At most `max` characters. */
function junit_short(text, max) {
    return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}
/** The suite of an image: its digest, else its selectors as key=value pairs. */
function suiteName(image) {
    const digest = image.gatedDigests[0] ?? image.scan.digests[0] ?? image.selectors['image-digest'] ?? '';
    if (digest !== '')
        return digest;
    const selectors = Object.entries(image.selectors).map(([k, v]) => `${k}=${v}`);
    return selectors.length > 0 ? selectors.join(' ') : image.site;
}
function count(entry) {
    return entry.count === null ? 'unknown' : String(entry.count);
}
function junit_findingLine(f) {
    const p = f.packages[0];
    const pkg = p ? ` (${p.name}${p.version ? ` ${p.version}` : ''})` : '';
    const path = !p && f.paths?.[0] ? ` at ${f.paths[0]}` : '';
    const title = f.title ? ` ${junit_short(f.title, 200)}` : '';
    return `- ${f.level} ${junit_short(f.id, 200)}${title}${pkg}${path}`;
}
function outcome(image, category) {
    const entry = image.categories[category];
    if (image.result === 'error' || image.error !== undefined)
        return {
            kind: 'error',
            message: `${category}: not established, the image ended in error`,
            body: image.error ?? 'the counts were not established',
        };
    switch (entry.status) {
        case 'pass':
            return { kind: 'pass' };
        case 'off':
            return { kind: 'skipped', message: `limit off: ${count(entry)} found, not enforced` };
        case 'fail': {
            const terms = /^\d+$/.test(entry.limitText) ? [] : entry.exceededTerms;
            const over = terms.length > 0 ? ` (over: ${terms.join(', ')})` : '';
            const listed = image.findings[category] ?? [];
            const body = [
                `${count(entry)} found, limit ${entry.limitText}${over}.`,
                ...(listed.length > 0
                    ? [
                        '',
                        `Listed findings (${listed.length}, most severe first):`,
                        ...listed.map(junit_findingLine),
                    ]
                    : []),
            ].join('\n');
            return {
                kind: 'failure',
                message: `${category}: ${count(entry)} found, over the limit ${entry.limitText}`,
                body,
            };
        }
        default:
            return { kind: 'error', message: `${category}: the count is unknown` };
    }
}
function testcase(suite, name, o) {
    const classname = `${TOOL}.${suite.replace(/\./g, '_')}`;
    const open = `    <testcase name="${xmlAttr(name)}" classname="${xmlAttr(classname)}"`;
    if (o.kind === 'pass')
        return [`${open}/>`];
    const type = o.kind === 'failure' ? ' type="limit-exceeded"' : o.kind === 'error' ? ' type="error"' : '';
    const child = o.body === undefined
        ? `      <${o.kind} message="${xmlAttr(o.message)}"${type}/>`
        : `      <${o.kind} message="${xmlAttr(o.message)}"${type}>${xmlText(o.body)}</${o.kind}>`;
    return [`${open}>`, child, '    </testcase>'];
}
function suiteXml(s) {
    const tally = { tests: s.cases.length, failures: 0, errors: 0, skipped: 0 };
    for (const [, o] of s.cases) {
        if (o.kind === 'failure')
            tally.failures++;
        else if (o.kind === 'error')
            tally.errors++;
        else if (o.kind === 'skipped')
            tally.skipped++;
    }
    const head = `  <testsuite name="${xmlAttr(s.name)}" tests="${tally.tests}" failures="${tally.failures}" errors="${tally.errors}" skipped="${tally.skipped}">`;
    return {
        xml: [head, ...s.cases.flatMap(([name, o]) => testcase(s.name, name, o)), '  </testsuite>'],
        tally,
    };
}
function buildJunit(report) {
    const suites = report.images.map((image) => ({
        name: suiteName(image),
        cases: JUNIT_CASES.map((c) => [c, outcome(image, c)]),
    }));
    // A run that stopped (bad input, an unexpected failure) says so as a failing case of its own.
    if (report.error !== undefined || suites.length === 0) {
        const message = report.error ?? 'no image was gated';
        suites.push({
            name: TOOL,
            cases: [['run', { kind: 'error', message: junit_short(message, 1000), body: message }]],
        });
    }
    const built = suites.map(suiteXml);
    const total = { tests: 0, failures: 0, errors: 0, skipped: 0 };
    for (const { tally } of built)
        for (const k of Object.keys(total))
            total[k] += tally[k] ?? 0;
    return [
        '<?xml version="1.0" encoding="UTF-8"?>',
        `<testsuites name="${TOOL}" tests="${total.tests}" failures="${total.failures}" errors="${total.errors}" skipped="${total.skipped}">`,
        ...built.flatMap((b) => b.xml),
        '</testsuites>',
        '',
    ].join('\n');
}

;// CONCATENATED MODULE: ./src/core/scan.ts
// The scan proof's vocabulary: what an image's scan state can be, and the settings that decide
// how it is proven (require-scan, wait, trigger, max age). The decisions are gate/scan-state.ts's.
/** Worst first when several images are combined. */
const SCAN_STATUS_ORDER = [
    'unknown',
    'not-scanned',
    'scanning',
    'scanned',
];
function worstScanStatus(statuses) {
    for (const s of SCAN_STATUS_ORDER)
        if (statuses.includes(s))
            return s;
    return 'unknown';
}

;// CONCATENATED MODULE: ./src/report/bounded.ts
// The `report` output within what GitHub accepts. GitHub allows 1 MB per step output, and a
// workflow that passes the output on through an environment variable meets a far smaller bound
// (about 128 KiB for one variable on Linux), so the output is kept within REPORT_OUTPUT_MAX_BYTES
// of UTF-8: paths and packages per finding are capped (with a count of those left out), then the
// listed findings per image are halved until it fits, as the summary does. Whatever the output
// leaves out, `report-file` holds: the output then says `"truncated": true`. Pure.



/** The `report` output's bound, in UTF-8 bytes: half of GitHub's 1 MB per output. */
const REPORT_OUTPUT_MAX_BYTES = 512 * 1024;
/** Paths and packages listed per finding in the output. */
const LISTED_PER_FINDING = 20;
/** Notes per image, and characters per note or error, once findings no longer fit. */
const LAST_NOTES = 5;
const LAST_TEXT = 500;
function capFinding(f) {
    const out = { ...f };
    let cut = false;
    if (f.paths && f.paths.length > LISTED_PER_FINDING) {
        out.paths = f.paths.slice(0, LISTED_PER_FINDING);
        out.pathsLeftOut = f.paths.length - LISTED_PER_FINDING;
        cut = true;
    }
    if (f.packages.length > LISTED_PER_FINDING) {
        out.packages = f.packages.slice(0, LISTED_PER_FINDING);
        out.packagesLeftOut = f.packages.length - LISTED_PER_FINDING;
        cut = true;
    }
    return { finding: out, cut };
}
/** An image with at most `max` findings listed per category (the rest counted). */
function listFewer(image, max) {
    const findings = {};
    const leftOut = { ...image.findingsLeftOut };
    let cut = false;
    for (const c of core_categories/* CATEGORIES */.R6) {
        const list = image.findings[c];
        if (!list)
            continue;
        findings[c] = list.slice(0, max);
        if (list.length > max) {
            leftOut[c] = (leftOut[c] ?? 0) + list.length - max;
            cut = true;
        }
    }
    const out = { ...image, findings };
    if (Object.keys(leftOut).length > 0)
        out.findingsLeftOut = leftOut;
    return { image: out, cut };
}
const bounded_size = (r) => (0,infra_text/* utf8Bytes */.dy)(reportJson(r));
/** The report as the `report` output carries it: within `maxBytes`, marked when anything is left out. */
function boundedReport(report, maxBytes = REPORT_OUTPUT_MAX_BYTES) {
    let truncated = false;
    const images = report.images.map((image) => {
        const findings = {};
        for (const c of core_categories/* CATEGORIES */.R6) {
            const list = image.findings[c];
            if (!list)
                continue;
            findings[c] = list.map((f) => {
                const capped = capFinding(f);
                truncated ||= capped.cut;
                return capped.finding;
            });
        }
        return { ...image, findings };
    });
    const mark = (r) => (truncated ? { ...r, truncated: true } : r);
    let bounded = mark({ ...report, images });
    if (bounded_size(bounded) <= maxBytes)
        return bounded;
    // Fewer findings listed per image, halving as the summary does.
    const most = Math.max(0, ...images.flatMap((i) => Object.values(i.findings).map((f) => f.length)));
    for (let n = Math.floor(most / 2);; n = Math.floor(n / 2)) {
        const fewer = images.map((i) => listFewer(i, n));
        truncated ||= fewer.some((f) => f.cut);
        bounded = mark({ ...report, images: fewer.map((f) => f.image) });
        if (bounded_size(bounded) <= maxBytes || n === 0)
            break;
    }
    if (bounded_size(bounded) <= maxBytes)
        return bounded;
    // Still too large (thousands of images): shorter notes and errors, then fewer images.
    truncated = true;
    const short = (t) => (0,infra_text/* shorten */.ml)(t, LAST_TEXT);
    const lean = bounded.images.map((i) => {
        const out = { ...i, notes: i.notes.slice(0, LAST_NOTES).map(short) };
        if (i.error !== undefined)
            out.error = short(i.error);
        return out;
    });
    bounded = mark({ ...report, images: lean });
    for (let keep = lean.length; bounded_size(bounded) > maxBytes && keep > 0;) {
        keep = Math.floor(keep / 2);
        bounded = mark({ ...report, images: lean.slice(0, keep), imagesLeftOut: lean.length - keep });
    }
    return bounded;
}

;// CONCATENATED MODULE: ./src/report/outputs.ts
// The step outputs, derived from the report alone so they can never disagree with it.





function outputValues(report) {
    const out = { result: report.result };
    for (const c of core_categories/* CATEGORIES */.R6)
        out[c] = report.counts ? String(report.counts[c]) : '';
    out['exceeded'] = report.exceeded.join(',');
    out['request-id'] = report.images
        .map((i) => i.requestId)
        .filter((id) => id !== '')
        .join(',');
    const images = report.images;
    out['scan-status'] = worstScanStatus(images.map((i) => i.scan.status));
    const times = images
        .map((i) => i.scan.scannedAt)
        .filter((t) => t !== null)
        .sort();
    out['scanned-at'] = times[0] ?? '';
    out['scan-task-id'] = [
        ...new Set(images.map((i) => i.scan.taskId).filter((t) => t !== null)),
    ].join(',');
    out['gated-digests'] = [...new Set(images.flatMap((i) => i.gatedDigests))].join(',');
    // Issue 18: accepted risks (empty without a policy file) and new findings (empty when no image
    // was compared with a baseline); images whose counts were not established add nothing.
    const counted = images.filter((i) => i.result !== 'error');
    out['accepted'] = report.policy ? String(counted.reduce((n, i) => n + acceptedCount(i), 0)) : '';
    const compared = counted.filter(comparedWithBaseline);
    out['new-findings'] =
        compared.length > 0 ? String(compared.reduce((n, i) => n + newCount(i), 0)) : '';
    out['sarif-file'] = '';
    // Bounded: report-file holds the complete document.
    out['report'] = reportJson(boundedReport(report));
    return out;
}

;// CONCATENATED MODULE: ./src/report/escape.ts
// Untrusted text (inputs, event payload, API answers) becomes inert HTML entities before it
// enters Markdown: no tags, no table breaks, no links (not even bare URLs), no mentions, no code
// spans.

const ENTITIES = {
    '&': '&amp;',
    '<': '&lt;',
    '>': '&gt;',
    '"': '&quot;',
    "'": '&#39;',
    '|': '&#124;',
    '`': '&#96;',
    '[': '&#91;',
    ']': '&#93;',
    '\\': '&#92;',
    '*': '&#42;',
    _: '&#95;',
    '@': '&#64;',
    '~': '&#126;',
    '#': '&#35;',
    '!': '&#33;',
};
function escapeText(text) {
    return (text
        .replace(/[\r\n\t\u2028\u2029]+/g, ' ')
        // eslint-disable-next-line no-control-regex -- stripping control characters is the point
        .replace(/[\u0000-\u001f\u007f-\u009f]/g, '')
        // Invisible format characters: bidirectional overrides and isolates could reorder what a
        // reader sees (Trojan Source), zero-width ones hide text; the ones added below are ours.
        .replace(/[\u061c\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]/g, '')
        .replace(/[&<>"'|`[\]\\*_@~#!]/g, (c) => ENTITIES[c] ?? c)
        // GitHub turns bare URLs into links after entities are decoded: a zero-width space keeps
        // a scheme or a www. in outside text from becoming one.
        .replace(/:\/\//g, ':\u200b//')
        .replace(/\bwww\./gi, (w) => `${w.slice(0, 3)}\u200b.`)
        // GitHub also links e-mail addresses once `&#64;` is decoded, and its mention and
        // issue-reference filters run on the rendered text: a zero-width space directly after each
        // @ and # (before them does not stop a mention) keeps a name from following one.
        .replace(/&#64;|&#35;/g, (e) => `${e}\u200b`));
}
/** Escaped and shortened to at most `max` characters of the original text. */
function escape_escapeShort(text, max) {
    return escapeText((0,infra_text/* shorten */.ml)(text, max));
}

;// CONCATENATED MODULE: ./src/report/render-policy.ts
// Markdown for issue 18's parts of the summary and the PR comment: per image the baseline it
// was compared with (or why none was), "this change fixes N findings", the accepted risks, and
// per listed finding its marks (new, acceptance expired); for the run, the policy file's entries
// that need a look (expiring, expired, unused, not checked). Nothing here is an error: it is
// shown so that exceptions are reviewed, not hidden. Every text from the policy file, the inputs
// or Security Center goes through escapeText.


/** Baseline scans older than this (before the image's) may show disclosures as new findings. */
const BASELINE_AGE_WARNING_MS = 24 * 3_600_000;
/** How many entries of each kind the run's policy section names. */
const MAX_POLICY_ROWS = 20;
function render_policy_code(text, max = 200) {
    return `<code>${escape_escapeShort(text, max)}</code>`;
}
function when(iso) {
    return iso.replace('T', ' ').replace(/\.\d+Z$|Z$/, ' UTC');
}
/** The marks after a listed finding's id: new (with a baseline), acceptance expired. */
function findingMarks(f) {
    let out = '';
    if (f.baseline === 'new')
        out += ' 🆕 new';
    if (f.acceptanceExpired)
        out += ` (acceptance expired on ${escapeText(f.acceptanceExpired.expires)}, policy line ${f.acceptanceExpired.policyLine})`;
    return out;
}
/** The cells the counts table gains for one category: accepted, and new / inherited / fixed. */
function extraCells(image, category) {
    const e = image.categories[category];
    const cells = [];
    if (image.accepted !== undefined)
        cells.push(String(e.accepted ?? 0));
    if (comparedImage(image))
        cells.push(e.new === undefined ? '—' : `${e.new} / ${e.inherited ?? 0} / ${e.fixed ?? 0}`);
    return cells;
}
/** The counts table's extra headings, matching extraCells. */
function extraHeadings(image) {
    const names = [];
    if (image.accepted !== undefined)
        names.push('Accepted');
    if (comparedImage(image))
        names.push('New / inherited / fixed');
    return { names, aligns: names.map(() => '---:') };
}
/** In a several-images row, after a category's count: its accepted and new numbers. */
function rowSuffix(image, category) {
    const e = image.categories[category];
    const parts = [];
    if (e.accepted)
        parts.push(`${e.accepted} accepted`);
    if (comparedImage(image) && e.new !== undefined)
        parts.push(`${e.new} new`);
    return parts.length > 0 ? ` · ${parts.join(', ')}` : '';
}
function comparedImage(image) {
    return image.baseline !== undefined && 'digest' in image.baseline;
}
function selectorsText(selectors) {
    return Object.entries(selectors)
        .map(([k, v]) => `${escapeText(k)} ${render_policy_code(v, 120)}`)
        .join(' · ');
}
/** The baseline line(s) of one image: which image, or why none; the older-scan warning; fixes. */
function baselineLines(image) {
    const b = image.baseline;
    if (!b)
        return [];
    if (!('digest' in b)) {
        return [
            '',
            `**Baseline:** ${selectorsText(b.selectors)}: not used. ${escape_escapeShort(b.reason, 600)}`,
        ];
    }
    const scanned = b.scannedAt ? `, scanned at ${when(b.scannedAt)}` : '';
    const lines = [
        '',
        `**Baseline:** ${selectorsText(b.selectors)} → ${render_policy_code(b.digest, 80)}${scanned}. Only new findings count; inherited ones are listed after them.`,
    ];
    const mine = image.scan.scannedAt ? Date.parse(image.scan.scannedAt) : NaN;
    const theirs = b.scannedAt ? Date.parse(b.scannedAt) : NaN;
    if (mine - theirs > BASELINE_AGE_WARNING_MS) {
        const hours = Math.floor((mine - theirs) / 3_600_000);
        lines.push('', `⚠️ The baseline was scanned ${hours} hours before this image: vulnerabilities disclosed in between may show as new.`);
    }
    const fixed = core_categories/* CATEGORIES */.R6.reduce((n, c) => n + (image.categories[c].fixed ?? 0), 0);
    if (fixed > 0)
        lines.push('', `This change fixes ${fixed} finding${fixed === 1 ? '' : 's'} of the baseline.`);
    return lines;
}
/** Days until expiry for the entry on `line`, when it is expiring soon. */
function expiringDays(policy, line) {
    return policy?.expiring.find((e) => e.line === line)?.days;
}
/** The Accepted risks section of one image: at most `max` per category; the counts complete. */
function acceptedSection(image, policy, max) {
    const accepted = image.accepted;
    if (!accepted)
        return [];
    const total = core_categories/* CATEGORIES */.R6.reduce((n, c) => n + (image.categories[c].accepted ?? 0), 0);
    if (total === 0)
        return [];
    const listed = core_categories/* CATEGORIES */.R6.flatMap((c) => accepted.filter((a) => a.category === c).slice(0, max));
    const lines = [
        '',
        `**Accepted risks:** ${total} finding${total === 1 ? '' : 's'} accepted by the policy file (not counted)${listed.length < total ? `; ${listed.length} listed` : ''}.`,
    ];
    if (listed.length === 0)
        return lines;
    lines.push('', '| Category | ID | Level | Package | Reason | Expires | Policy line |', '| --- | --- | --- | --- | --- | --- | ---: |');
    for (const a of listed) {
        const days = expiringDays(policy, a.policyLine);
        const soon = days === undefined ? '' : ` ⏳ expires in ${days} day${days === 1 ? '' : 's'}`;
        lines.push(`| ${core_categories/* CATEGORY_INFO */.m3[a.category].label} | ${escape_escapeShort(a.id, 120)} | ${a.level} | ${a.package ? escape_escapeShort(a.package, 80) : '—'} | ${escape_escapeShort(a.reason, 500)} | ${escapeText(a.expires)}${soon} | ${a.policyLine} |`);
    }
    return lines;
}
function entryList(title, items) {
    if (items.length === 0)
        return [];
    const shown = items.slice(0, MAX_POLICY_ROWS);
    const more = items.length > shown.length
        ? [`- …and ${items.length - shown.length} more (report output)`]
        : [];
    return ['', title, '', ...shown.map((i) => `- ${i}`), ...more];
}
/** The run's policy file section: what needs a look. Nothing when there is no policy file. */
function policySection(report) {
    const p = report.policy;
    if (!p)
        return [];
    const name = (e) => `${render_policy_code(e.id, 120)} (policy line ${e.line})`;
    const lines = [
        '',
        `**Policy file:** ${render_policy_code(p.path, 200)}.`,
        ...entryList('**Expiring within 14 days:**', p.expiring.map((e) => `${name(e)} expires in ${e.days} day${e.days === 1 ? '' : 's'} (${escapeText(e.expires)})`)),
        ...entryList('**Expired** (they accept nothing; renew with a new reason or remove them):', p.expired.map((e) => e.matched > 0
            ? `${render_policy_code(e.id, 120)}: acceptance expired on ${escapeText(e.expires)}, policy line ${e.line}; it would still match ${e.matched} finding${e.matched === 1 ? '' : 's'} (those no entry in force accepts count)`
            : `${name(e)}: expired on ${escapeText(e.expires)}; matches nothing in the lists read`)),
        ...entryList('**Unused** (in force, matched no finding in any gated image: clean them up if stale):', p.unused.map(name)),
        ...entryList('**Not checked** (no list they could match was read, or an image they may cover could not be looked at):', p.notChecked.map(name)),
    ];
    return lines;
}
/**
 * At most one annotation: how many entries are expired, expiring or unused, pointing at the first
 * flagged line; undefined when none is (entries not checked are not flagged: another workflow's
 * images may be theirs).
 */
function policyAnnotation(policy) {
    const flagged = [...policy.expired, ...policy.expiring, ...policy.unused];
    if (flagged.length === 0)
        return undefined;
    const plural = (n, word) => `${n} ${word}`;
    const parts = [];
    if (policy.expired.length > 0)
        parts.push(plural(policy.expired.length, 'expired'));
    if (policy.expiring.length > 0)
        parts.push(plural(policy.expiring.length, 'expiring within 14 days'));
    if (policy.unused.length > 0)
        parts.push(plural(policy.unused.length, 'unused'));
    const n = new Set(flagged.map((e) => e.line)).size;
    return {
        message: `Policy file: ${n} entr${n === 1 ? 'y needs' : 'ies need'} a look (${parts.join(', ')}); see the job summary.`,
        file: policy.path,
        line: Math.min(...flagged.map((e) => e.line)),
    };
}

;// CONCATENATED MODULE: ./src/report/render-findings.ts
// The findings behind the counts, as Markdown for the job summary and the comment: per-level
// counts, the limit as written, and the listed findings a developer must fix. Everything that
// came from Security Center goes through escapeText; links are built only from validated CVE
// ids, so no answer text can become a link or markup.




function render_findings_code(text, max = 200) {
    return `<code>${escape_escapeShort(text, max)}</code>`;
}
/** "3 / 10 / 29" (high / medium / low) when the category's list was read, else "—". */
function levelsCell(image, category) {
    const levels = image.levels[category];
    return levels ? core_findings/* LEVELS */.A_.map((l) => levels[l]).join(' / ') : '—';
}
/** The limit as written. */
function limitCell(limitText) {
    return /^(off|\d+)$/.test(limitText) ? limitText : render_findings_code(limitText, 100);
}
/** The terms over their limit, after the status ("over limit: high:0"). */
function exceededText(entry) {
    // A plain number needs no repeating; with terms, say which one is over.
    if (entry.exceededTerms.length === 0 || /^\d+$/.test(entry.limitText))
        return '';
    return ` (${escapeText(entry.exceededTerms.join(', '))})`;
}
function levelText(f) {
    const word = f.rawLevel && f.rawLevel !== f.level ? ` (${escape_escapeShort(f.rawLevel, 40)})` : '';
    const unknown = f.levelUnknown ? ' — unrecognised level, counted as high' : '';
    return `${f.level}${word}${unknown}`;
}
/** The CVE ids (each linked to its advisory), else the id; links only from validated ids. */
function idCell(f) {
    return `${linkedId(f)}${findingMarks(f)}`;
}
function linkedId(f) {
    if (f.links.length === 0)
        return escape_escapeShort(f.id, 120);
    const shown = f.links.slice(0, 3).map((link) => {
        const cve = link.slice(link.lastIndexOf('/') + 1);
        return `[${escapeText(cve)}](${link})`;
    });
    const more = f.links.length > 3 ? ` (+${f.links.length - 3} more)` : '';
    return `${shown.join(', ')}${more}`;
}
function dash(text, max) {
    return text ? escape_escapeShort(text, max) : '—';
}
function vulnerabilityRows(findings) {
    const lines = [
        '| ID | Title | Level | Fixable | Package | Fix |',
        '| --- | --- | --- | --- | --- | --- |',
    ];
    for (const f of findings) {
        const p = f.packages[0];
        const more = f.packages.length > 1 ? ` (+${f.packages.length - 1} more)` : '';
        const pkg = p
            ? `${escape_escapeShort(p.name, 80)}${p.version ? ` ${escape_escapeShort(p.version, 60)}` : ''}${more}`
            : '—';
        const fix = p?.fixCommand ? render_findings_code(p.fixCommand, 200) : '—';
        const fixable = f.fixable === false ? 'no' : f.fixable === true ? 'yes' : 'not said';
        lines.push(`| ${idCell(f)} | ${dash(f.title, 160)} | ${levelText(f)} | ${fixable} | ${pkg} | ${fix} |`);
    }
    return lines;
}
function maliciousRows(findings) {
    const lines = ['| Name | Level | MD5 | Path |', '| --- | --- | --- | --- |'];
    for (const f of findings) {
        const paths = f.paths ?? [];
        const more = paths.length > 1 ? ` (+${paths.length - 1} more)` : '';
        const path = paths[0] ? `${render_findings_code(paths[0], 200)}${more}` : '—';
        lines.push(`| ${escape_escapeShort(f.id, 120)}${findingMarks(f)} | ${levelText(f)} | ${dash(f.md5, 64)} | ${path} |`);
    }
    return lines;
}
function baselineRows(findings) {
    const lines = [
        '| Check | Class | Level | Items (high / medium / low) |',
        '| --- | --- | --- | --- |',
    ];
    for (const f of findings) {
        const items = f.itemCounts ? core_findings/* LEVELS */.A_.map((l) => f.itemCounts?.[l] ?? 0).join(' / ') : '—';
        lines.push(`| ${escape_escapeShort(f.id, 160)}${findingMarks(f)} | ${dash(f.className, 80)} | ${levelText(f)} | ${items} |`);
    }
    return lines;
}
const ROWS = {
    'cve-vulns': vulnerabilityRows,
    'sca-vulns': vulnerabilityRows,
    'malicious-files': maliciousRows,
    'baseline-risks': baselineRows,
};
/**
 * The listed findings of one image, at most `max` per category (the caller lowers `max` until the
 * text fits its size cap, so a table is never cut mid-row).
 */
function findingsSection(image, max) {
    const lines = [];
    for (const c of core_categories/* CATEGORIES */.R6) {
        const listed = (image.findings[c] ?? []).slice(0, max);
        const levels = image.levels[c];
        if (!levels)
            continue;
        const entry = image.categories[c];
        // With a baseline, inherited findings are listed after the new ones (which alone count).
        const inherited = entry.new !== undefined ? (entry.inherited ?? 0) : 0;
        const total = core_findings/* LEVELS */.A_.reduce((sum, l) => sum + levels[l], 0) + inherited;
        const ignored = image.unfixableIgnored[c];
        // Nothing to list: the table's "0 / 0 / 0" already says so.
        if (total === 0 && !ignored)
            continue;
        const left = ignored ? `; ${ignored} without a fix left out (ignore-unfixable)` : '';
        const order = inherited > 0 ? `new first (${inherited} inherited)` : 'most severe first';
        const head = `**${core_categories/* CATEGORY_INFO */.m3[c].label}:** ${listed.length} of ${total} listed, ${order}${left}.`;
        lines.push('', head);
        if (listed.length > 0)
            lines.push('', ...ROWS[c](listed));
    }
    return lines;
}
/** Lists not read and other notes, one list item each. */
function notesSection(image) {
    if (image.notes.length === 0)
        return [];
    return ['', ...image.notes.map((n) => `- ${escape_escapeShort(n, 1000)}`)];
}

;// CONCATENATED MODULE: ./src/report/render.ts
// One Markdown renderer for the job summary and the pull request comment. Everything that
// came from inputs, the event or the API goes through escapeText.





const TITLE = 'Security Center image gate';
const ICON = { pass: '✅', fail: '❌', error: '⚠️' };
const STATUS_TEXT = {
    pass: '✅ within limit',
    fail: '❌ over limit',
    off: '➖ not enforced',
    unknown: '❔ unknown',
};
function verdictHeadline(report) {
    const n = report.images.length;
    const what = n === 1 ? 'the image is' : `all ${n} images are`;
    switch (report.result) {
        case 'pass':
            return `${ICON.pass} ${TITLE}: passed (${what} within limits)`;
        case 'fail':
            return `${ICON.fail} ${TITLE}: failed (limits exceeded: ${report.exceeded.map((c) => core_categories/* CATEGORY_INFO */.m3[c].label).join(', ')})`;
        default:
            return `${ICON.error} ${TITLE}: error (${n === 0 ? 'nothing was checked' : 'the counts could not be established'})`;
    }
}
function consequence(report, opts) {
    if (report.result === 'pass')
        return 'The step passes.';
    if (report.result === 'fail') {
        return opts.failBuild ? 'The step fails.' : 'The step only warns: fail-build is false.';
    }
    if (report.images.length === 0)
        return 'The step fails: the run could not start.';
    return opts.onError === 'fail'
        ? 'The step fails: an unchecked image is never a pass.'
        : 'The step only warns (on-error: warn); the result is still error, not pass.';
}
function fmtCount(count) {
    return count === null ? '—' : String(count);
}
function imageIdentity(image) {
    const parts = Object.entries(image.selectors).map(([k, v]) => `${escapeText(k)} ${render_findings_code(v, 120)}`);
    return parts.length > 0 ? parts.join(' · ') : '(no selector)';
}
function singleImage(image, maxFindings, policy) {
    // Issue 18: Accepted and New / inherited / fixed beside the count, when there are any.
    const extra = extraHeadings(image);
    const lines = [
        `| Category | Count | ${extra.names.map((n) => `${n} | `).join('')}High / medium / low | Limit | Status |`,
        `| --- | ---: | ${extra.aligns.map((a) => `${a} | `).join('')}:---: | --- | --- |`,
    ];
    for (const c of core_categories/* CATEGORIES */.R6) {
        const e = image.categories[c];
        const more = extraCells(image, c)
            .map((cell) => `${cell} | `)
            .join('');
        lines.push(`| ${core_categories/* CATEGORY_INFO */.m3[c].label} | ${fmtCount(e.count)} | ${more}${levelsCell(image, c)} | ${limitCell(e.limitText)} | ${STATUS_TEXT[e.status]}${exceededText(e)} |`);
    }
    lines.push('');
    lines.push(`**Image:** ${imageIdentity(image)}  `);
    lines.push(`**Scan:** ${scanText(image)}  `);
    lines.push(`**Security Center site:** ${render_findings_code(image.site)}  `);
    lines.push(`**Request ID:** ${image.requestId ? render_findings_code(image.requestId) : '—'}`);
    if (image.error)
        lines.push('', `**Error:** ${escape_escapeShort(image.error, 2000)}`);
    lines.push(...baselineLines(image), ...notesSection(image), ...findingsSection(image, maxFindings), ...acceptedSection(image, policy, maxFindings));
    return lines;
}
/** Scan state and time, shown next to the counts. */
function scanText(image) {
    const scan = image.scan;
    if (!scan.checked)
        return 'not checked (require-scan: false)';
    const when = scan.scannedAt
        ? ` at ${scan.scannedAt.replace('T', ' ').replace(/\.\d+Z$|Z$/, ' UTC')}`
        : '';
    const task = scan.taskId ? `, task ${render_findings_code(scan.taskId, 64)}` : '';
    const digests = scan.digests.length > 0 && !image.selectors['image-digest']
        ? `, resolved to ${scan.digests.map((d) => render_findings_code(d, 80)).join(', ')}`
        : '';
    return `${escapeText(scan.status)}${when}${task}${digests}`;
}
function imageRow(image, index) {
    const cells = core_categories/* CATEGORIES */.R6.map((c) => {
        const e = image.categories[c];
        const count = e.status === 'fail' ? `**${fmtCount(e.count)}**` : fmtCount(e.count);
        // High / medium / low beside the total, when the category's list was read.
        const cell = image.levels[c] ? `${count} (${levelsCell(image, c)})` : count;
        return `${cell}${rowSuffix(image, c)}`;
    });
    return `| ${index + 1} | ${imageIdentity(image)} | ${ICON[image.result]} ${image.result} | ${cells.join(' | ')} | ${scanText(image)} | ${render_findings_code(image.site, 80)} | ${image.requestId ? render_findings_code(image.requestId, 80) : '—'} |`;
}
const ROW_HEADER = [
    `| # | Image | Result | ${core_categories/* CATEGORIES */.R6.map((c) => core_categories/* CATEGORY_INFO */.m3[c].label).join(' | ')} | Scan | Site | Request ID |`,
    `| ---: | --- | --- | ${core_categories/* CATEGORIES */.R6.map(() => '---:').join(' | ')} | --- | --- | --- |`,
];
/** One image's notes and listed findings, folded away; nothing when it has neither. */
function imageDetails(image, index, maxFindings, policy) {
    const details = [
        ...baselineLines(image),
        ...notesSection(image),
        ...findingsSection(image, maxFindings),
        ...acceptedSection(image, policy, maxFindings),
    ];
    if (details.length === 0)
        return [];
    return [
        '',
        `<details><summary>Findings of image ${index + 1}</summary>`,
        ...details,
        '',
        '</details>',
    ];
}
/** Several images: totals first, then problem rows, then passing rows folded away. */
function manyImages(report, listPassing, maxProblemRows, maxFindings) {
    const lines = [];
    const over = (c) => report.images.filter((i) => i.categories[c].status === 'fail').length;
    lines.push('| Category | Total | Limit (per image) | Images over limit |', '| --- | ---: | ---: | ---: |');
    for (const c of core_categories/* CATEGORIES */.R6) {
        lines.push(`| ${core_categories/* CATEGORY_INFO */.m3[c].label} | ${report.counts ? report.counts[c] : '—'} | ${limitCell(String(report.limits[c]))} | ${over(c)} |`);
    }
    const counts = { pass: 0, fail: 0, error: 0 };
    for (const i of report.images)
        counts[i.result]++;
    lines.push('', `**Images:** ${counts.pass} passed, ${counts.fail} failed, ${counts.error} could not be checked.`);
    const indexed = report.images.map((image, index) => ({ image, index }));
    const problems = indexed.filter(({ image }) => image.result !== 'pass');
    const passing = indexed.filter(({ image }) => image.result === 'pass');
    if (problems.length > 0) {
        lines.push('', ...ROW_HEADER);
        for (const { image, index } of problems.slice(0, maxProblemRows))
            lines.push(imageRow(image, index));
        if (problems.length > maxProblemRows) {
            lines.push('', `…and ${problems.length - maxProblemRows} more images with problems (all are in the report output).`);
        }
        const errors = problems.filter(({ image }) => image.error).slice(0, maxProblemRows);
        if (errors.length > 0) {
            lines.push('', '**Errors:**');
            for (const { image, index } of errors)
                lines.push(`- image ${index + 1}: ${escape_escapeShort(image.error ?? '', 600)}`);
        }
        for (const { image, index } of problems.slice(0, maxProblemRows)) {
            lines.push(...imageDetails(image, index, maxFindings, report.policy));
        }
    }
    if (passing.length > 0) {
        if (listPassing) {
            lines.push('', `<details><summary>${passing.length} passing image(s)</summary>`, '', ...ROW_HEADER);
            for (const { image, index } of passing)
                lines.push(imageRow(image, index));
            for (const { image, index } of passing)
                lines.push(...imageDetails(image, index, maxFindings, report.policy));
            lines.push('', '</details>');
        }
        else {
            lines.push('', `${passing.length} passing image(s) are not listed here for size; all are in the report output.`);
        }
    }
    return lines;
}
function render_renderMarkdown(report, opts) {
    const attempt = (listPassing, maxProblemRows, maxFindings) => {
        const lines = [`### ${verdictHeadline(report)}`, '', consequence(report, opts)];
        if (opts.preamble?.length)
            lines.push('', ...opts.preamble);
        if (report.problems?.length) {
            lines.push('', '**Invalid input:**', '');
            for (const problem of report.problems)
                lines.push(`- ${escape_escapeShort(problem, 1000)}`);
        }
        else if (report.error)
            lines.push('', `**Error:** ${escape_escapeShort(report.error, 4000)}`);
        lines.push('');
        if (report.images.length === 1)
            lines.push(...singleImage(report.images[0], maxFindings, report.policy));
        else if (report.images.length > 1)
            lines.push(...manyImages(report, listPassing, maxProblemRows, maxFindings));
        // A run that gated nothing states no settings: some may be the very input that was refused.
        lines.push(...policySection(report));
        if (report.images.length > 0)
            lines.push('', `Risk status counted: ${escapeText(report.riskStatus)}.`);
        if (opts.footer?.length)
            lines.push('', ...opts.footer);
        return lines.join('\n') + '\n';
    };
    // Shrink step by step until it fits, never cutting a table: list fewer findings, then fold
    // passing rows away, then list fewer problem rows.
    const most = Math.max(0, ...report.images.flatMap((i) => Object.values(i.findings).map((f) => f.length)), ...report.images.map((i) => i.accepted?.length ?? 0));
    for (let n = most; n > 0; n = Math.floor(n / 2)) {
        const text = attempt(true, Number.MAX_SAFE_INTEGER, n);
        if ((0,infra_text/* utf8Bytes */.dy)(text) <= opts.maxBytes)
            return text;
    }
    let text = attempt(true, Number.MAX_SAFE_INTEGER, 0);
    if ((0,infra_text/* utf8Bytes */.dy)(text) <= opts.maxBytes)
        return text;
    for (let rows = report.images.length; rows >= 0; rows = rows > 10 ? Math.floor(rows / 2) : rows - 1) {
        text = attempt(false, rows, 0);
        if ((0,infra_text/* utf8Bytes */.dy)(text) <= opts.maxBytes)
            return text;
    }
    const cut = `\n\n…(cut to fit ${opts.maxBytes} bytes; the report output has everything)\n`;
    if ((0,infra_text/* utf8Bytes */.dy)(cut) >= opts.maxBytes)
        return (0,infra_text/* shortenBytes */.jJ)(cut, opts.maxBytes);
    return (0,infra_text/* shortenBytes */.jJ)(text, opts.maxBytes - (0,infra_text/* utf8Bytes */.dy)(cut)) + cut;
}

// EXTERNAL MODULE: external "node:zlib"
var external_node_zlib_ = __webpack_require__(8522);
// EXTERNAL MODULE: ./src/infra/hash.ts
var hash = __webpack_require__(5704);
;// CONCATENATED MODULE: ./src/report/sarif-text.ts
// Text and identity helpers of the SARIF log: one clean line for Security Center text, the
// fingerprint GitHub matches alerts by, rule ids, severities and the Dockerfile URI. Pure.


/** security-severity when Security Center gives no CVSS score. */
const DEFAULT_SEVERITY = { high: 8.0, medium: 5.5, low: 2.0 };
/** A malicious file at level high (serious): critical on GitHub's scale (over 9.0). */
const MALICIOUS_HIGH_SEVERITY = 9.5;
const LIMIT = {
    ruleId: 200,
    ruleName: 255,
    shortDescription: 1024,
    title: 1000,
    field: 300,
    message: 2000,
    description: 4000,
};
/** Paths, packages and images named in one message before "and N more". */
const LIST_MAX = 5;
const CVES_SHOWN = 20;
// Line breaks of every kind (CR, LF, NEL, VT, FF, LS, PS) and tabs become one space.
// eslint-disable-next-line no-control-regex -- matching line-break control characters is the point
const BREAKS = /[\r\n\t\u000b\u000c\u0085\u2028\u2029]+/g;
// Other control characters, and bidirectional overrides and marks that could make rendered text
// read differently from what it is.
// eslint-disable-next-line no-control-regex -- stripping control characters is the point
const INVISIBLE = /[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069\ufeff]/g;
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;
/** Security Center text as one clean line: no breaks, no control characters, no lone halves. */
function flatten(text) {
    return text
        .replace(LONE_SURROGATE, '\ufffd')
        .replace(BREAKS, ' ')
        .replace(INVISIBLE, '')
        .replace(/ {2,}/g, ' ')
        .trim();
}
/** At most `max` UTF-16 units (infra/text.ts: scrubbed first, '…' when cut, pairs kept whole). */
function cap(text, max) {
    return (0,infra_text/* shorten */.ml)(text, max);
}
const clean = (text, max) => cap(flatten(text ?? ''), max);
const sha256 = hash/* sha256Hex */.f;
/**
 * The alert identity GitHub matches across uploads: stable for one repository, category,
 * finding and package, different for any other. The raw values are hashed (JSON-encoded, so no
 * separator can make two tuples collide).
 */
function fingerprint(identity, category, key, packageName) {
    return sha256(JSON.stringify(['sas-image-gate/v1', identity, category, key, packageName ?? null])).slice(0, 32);
}
/** Rule id: the category, then the finding id; a long id keeps a hash so ids never merge. */
function ruleIdFor(category, finding) {
    const raw = finding.id || finding.key || '(unnamed)';
    const id = flatten(raw) || '(unnamed)';
    const full = `${category}/${id}`;
    if (full.length <= LIMIT.ruleId && id === raw)
        return full;
    // Shortened or cleaned: a hash of the raw id keeps two different ids apart.
    return `${cap(full, LIMIT.ruleId - 10)}~${sha256(raw).slice(0, 8)}`;
}
/** security-severity of one finding: CVSS when Security Center gives one, else by level. */
function findingSeverity(category, finding) {
    const { cvss } = finding;
    if (typeof cvss === 'number' && Number.isFinite(cvss) && cvss > 0 && cvss <= 10)
        return cvss;
    if (category === 'malicious-files' && finding.level === 'high')
        return MALICIOUS_HIGH_SEVERITY;
    return DEFAULT_SEVERITY[finding.level] ?? DEFAULT_SEVERITY.high;
}
function severityText(severity) {
    return Math.min(10, Math.max(0.1, Math.round(severity * 10) / 10)).toFixed(1);
}
/**
 * Repository-relative URI of the Dockerfile (GitHub resolves it against the checkout): forward
 * slashes, no '.' or empty segments (so no leading '/'), each segment percent-encoded.
 */
function dockerfileUri(path) {
    const segments = flatten(path)
        .replace(/\\/g, '/')
        .split('/')
        .filter((s) => s !== '.' && s !== '');
    return segments.length === 0 ? 'Dockerfile' : segments.map(encodeURIComponent).join('/');
}
const SEMVER = /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:-[0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*)?(?:\+[0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*)?$/;
function list(items, max = LIST_MAX) {
    if (items.length <= max)
        return items.join(', ');
    return `${items.slice(0, max).join(', ')} and ${items.length - max} more`;
}
function unique(items) {
    return [...new Set(items.filter((s) => s !== ''))];
}
const byText = (a, b) => (a < b ? -1 : a > b ? 1 : 0);

;// CONCATENATED MODULE: ./src/report/sarif-rules.ts
// The rules and result messages of the SARIF log: what GitHub shows for an alert. Security
// Center text is flattened and capped before it is used (sarif-text.ts).



const RESULT_LEVEL = {
    high: 'error',
    medium: 'warning',
    low: 'note',
};
const KIND_TAG = {
    'baseline-risks': 'misconfiguration',
    'malicious-files': 'malware',
    'sca-vulns': 'vulnerability',
    'cve-vulns': 'vulnerability',
};
const HELP = {
    'cve-vulns': 'Alibaba Cloud Security Center found this vulnerability in an operating-system package of a ' +
        'container image built from this repository. Each alert names the image and the package, ' +
        'its installed version and Security Center’s fix command where it gives one. Upgrade the ' +
        'package in the Dockerfile (or move to a patched base image), rebuild and push the image, ' +
        'and let Security Center scan it again: the alert closes when a later analysis no longer ' +
        'reports it.',
    'sca-vulns': 'Alibaba Cloud Security Center found this vulnerability in an application dependency (software ' +
        'composition analysis) of a container image built from this repository. Upgrade the ' +
        'dependency to a fixed version, rebuild and push the image, and let Security Center scan it ' +
        'again: the alert closes when a later analysis no longer reports it.',
    'malicious-files': 'Alibaba Cloud Security Center found a malicious file (the alert gives its MD5 and paths) in ' +
        'a container image built from this repository. Find the Dockerfile step or base image that ' +
        'adds it, remove it, rebuild and push the image, and treat the build inputs as possibly ' +
        'compromised until you know how it got there. The alert closes when a later analysis no ' +
        'longer reports it.',
    'baseline-risks': 'Alibaba Cloud Security Center’s baseline check found a risky configuration in a container ' +
        'image built from this repository (the alert gives the check’s class and its items per risk ' +
        'level; Security Center’s console lists the items). Change the configuration in the ' +
        'Dockerfile, rebuild and push the image, and let Security Center scan it again: the alert ' +
        'closes when a later analysis no longer reports it.',
};
/** The finding's level words, and whether it has a fix, as a closing sentence. */
function levelNote(finding) {
    const raw = clean(finding.rawLevel, LIMIT.field);
    const word = finding.levelUnknown
        ? `${raw || 'unknown'} (not a level the gate knows: counted as high)`
        : raw || finding.level;
    const fix = finding.fixable === false ? ' Security Center marks it as having no fix.' : '';
    return `Security Center level: ${word}.${fix}`;
}
function message(entry) {
    const f = entry.finding;
    const id = clean(f.id || f.key, LIMIT.field) || '(unnamed)';
    const images = entry.labels.map((l) => clean(l, LIMIT.field));
    const where = images.length === 1 ? `image ${images[0]}` : `images ${list(images)}`;
    const parts = [];
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
                parts.push(`Items at risk: ${c.high} high, ${c.medium} medium, ${c.low} low (shown, not gated).`);
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
                if (fixes.length > 0)
                    parts.push(`Fix: ${list(fixes, 2)}.`);
                const paths = unique(entry.packages.map((p) => clean(p.path, LIMIT.field)));
                if (paths.length > 0)
                    parts.push(`Path: ${list(paths)}.`);
            }
            else {
                parts.push(`${id} in ${where}.`);
            }
            const cves = unique(f.cveIds.map((c) => clean(c, 40))).filter((c) => c !== id);
            if (cves.length > 0)
                parts.push(`Also: ${list(cves)}.`);
        }
    }
    parts.push(levelNote(f));
    return cap(parts.join(' '), LIMIT.message);
}
function buildRule(acc) {
    // Findings of one rule share an id; take the text of the first (by key) that has a title.
    const sorted = [...acc.findings].sort((a, b) => byText(a.key, b.key));
    const first = sorted.find((f) => flatten(f.title) !== '') ?? sorted[0];
    const label = core_categories/* CATEGORY_INFO */.m3[acc.category].label;
    const id = clean(first.id || first.key, LIMIT.ruleName) || '(unnamed)';
    const title = clean(first.title, LIMIT.title);
    const cves = unique(sorted.flatMap((f) => f.cveIds.map(flatten)))
        .filter((c) => (0,core_findings/* advisoryLink */.Q0)(c) !== undefined)
        .map((c) => c.toUpperCase())
        .sort(byText);
    const keys = unique(sorted.map((f) => clean(f.key, LIMIT.field))).sort(byText);
    const full = [`${label}: ${title ? `${id}, ${title}` : id}.`];
    if (keys.length > 0 && !(keys.length === 1 && keys[0] === id)) {
        full.push(`Security Center reports it as ${list(keys)}.`);
    }
    if (cves.length > 0)
        full.push(`CVE: ${list(cves, CVES_SHOWN)}.`);
    full.push('Reported by Alibaba Cloud Security Center for a container image of this repository.');
    const shown = cves.slice(0, CVES_SHOWN);
    const links = shown.map((c) => `https://avd.aliyun.com/detail/${c}`);
    const helpText = [HELP[acc.category]];
    if (links.length > 0)
        helpText.push(`Details: ${links.join(' ')}`);
    // Markdown of fixed text and checked CVE ids only: nothing from Security Center is rendered
    // as Markdown (the title is the alert's title, from shortDescription).
    const md = [HELP[acc.category]];
    if (shown.length > 0) {
        md.push('', `Details: ${shown.map((c) => `[${c}](https://avd.aliyun.com/detail/${c})`).join(', ')}`);
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

;// CONCATENATED MODULE: ./src/report/sarif.ts
// The findings read in a run, as a SARIF 2.1.0 log for GitHub code scanning
// (github/codeql-action/upload-sarif). Pure: the same input gives byte-identical JSON.
//
// Shape (GitHub's rules, see the SARIF section of the findings reference):
// - one run; one rule per category and finding id (a CVE found in three images, or in several
//   packages, is one rule with several results); `security-severity` on the rule, as a string;
// - one result per finding per image, or per package for findings that name packages; every
//   result points at the Dockerfile (no region: given a line, upload-sarif would hash it and warn
//   for every result whose fingerprint differs) and carries `partialFingerprints.
//   primaryLocationLineHash`: a hash of (repository identity, category, finding key, package),
//   so a re-upload updates the alert instead of opening another;
// - at most 25,000 results and 9 MB compressed, the most severe kept; `automationDetails.id`
//   ends with '/'.
// Every string from Security Center is flattened to one line and shortened: JSON encoding keeps
// the file well-formed, but GitHub renders rule and message text.






/** GitHub rejects a run with more results, or more rules (each rule here has a result). */
const MAX_RESULTS = 25_000;
/**
 * GitHub rejects an upload over 10 MB gzip-compressed (upload-sarif compresses the compact JSON).
 * Kept under it with room for what upload-sarif adds (provenance, its own properties).
 */
const MAX_GZIP_BYTES = 9_000_000;
const SARIF_SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';
const TOOL_NAME = 'sas-image-gate';
/** Groups a finding's packages by name, names in first-seen order; none → one group without. */
function packageGroups(finding) {
    if (finding.packages.length === 0)
        return [{ packages: [] }];
    const groups = new Map();
    for (const p of finding.packages) {
        const group = groups.get(p.name);
        if (group)
            group.push(p);
        else
            groups.set(p.name, [p]);
    }
    return [...groups].map(([name, packages]) => ({ name, packages }));
}
function compareEntries(a, b) {
    return ((0,core_findings/* levelRank */.Le)(a.level) - (0,core_findings/* levelRank */.Le)(b.level) ||
        b.severity - a.severity ||
        core_categories/* CATEGORIES */.R6.indexOf(a.category) - core_categories/* CATEGORIES */.R6.indexOf(b.category) ||
        byText(a.ruleId, b.ruleId) ||
        byText(a.finding.key, b.finding.key) ||
        byText(a.packageName ?? '', b.packageName ?? '') ||
        byText(a.fingerprint, b.fingerprint));
}
/**
 * The SARIF log for the findings of a run. Results beyond 25,000, or beyond what fits in
 * MAX_GZIP_BYTES compressed, are dropped, least severe first (level, then security-severity),
 * and counted in `truncated`.
 */
function buildSarif(input) {
    const uri = dockerfileUri(input.dockerfile);
    const entries = new Map();
    const rules = new Map();
    for (const image of input.images) {
        const accepted = new Set(image.accepted ?? []);
        const inherited = image.baseline ? new Set(image.baseline.inherited) : undefined;
        for (const category of core_categories/* CATEGORIES */.R6) {
            const compared = image.baseline?.compared.includes(category) === true;
            for (const finding of image.findings[category] ?? []) {
                if (accepted.has(finding))
                    continue;
                const state = inherited && compared ? (inherited.has(finding) ? 'unchanged' : 'new') : undefined;
                const ruleId = ruleIdFor(category, finding);
                const severity = findingSeverity(category, finding);
                const level = (0,core_findings/* levelRank */.Le)(finding.level) < 0 ? 'high' : finding.level;
                const rule = rules.get(ruleId);
                if (rule) {
                    rule.findings.push(finding);
                    rule.severity = Math.max(rule.severity, severity);
                    if ((0,core_findings/* levelRank */.Le)(level) < (0,core_findings/* levelRank */.Le)(rule.level))
                        rule.level = level;
                }
                else {
                    rules.set(ruleId, { id: ruleId, category, findings: [finding], severity, level });
                }
                const key = finding.key || finding.id;
                for (const group of packageGroups(finding)) {
                    const fp = fingerprint(image.identity, category, key, group.name);
                    const seen = entries.get(fp);
                    if (seen) {
                        // The same finding of another image of this repository (or read twice): one alert.
                        if (!seen.labels.includes(image.label))
                            seen.labels.push(image.label);
                        seen.packages.push(...group.packages);
                        if ((0,core_findings/* levelRank */.Le)(level) < (0,core_findings/* levelRank */.Le)(seen.level))
                            seen.level = level;
                        seen.severity = Math.max(seen.severity, severity);
                        if (state && seen.baselineState !== 'new')
                            seen.baselineState = state;
                        continue;
                    }
                    entries.set(fp, {
                        fingerprint: fp,
                        ruleId,
                        category,
                        finding,
                        packageName: group.name,
                        packages: [...group.packages],
                        labels: [image.label],
                        level,
                        severity,
                        ...(state ? { baselineState: state } : {}),
                    });
                }
            }
        }
    }
    const ordered = [...entries.values()].sort(compareEntries);
    const rulesOf = (id) => {
        const rule = rules.get(id);
        return (rule.built ??= buildRule(rule));
    };
    // GitHub's count limit first, then its size limit: while the compressed log is too large,
    // keep fewer results in proportion (a few rounds at most; one in any ordinary run).
    let count = Math.min(ordered.length, MAX_RESULTS);
    let log = assemble(input, uri, ordered.slice(0, count), rulesOf);
    let size = (0,external_node_zlib_.gzipSync)(JSON.stringify(log)).length;
    let droppedForSize = 0;
    while (size > MAX_GZIP_BYTES && count > 0) {
        const next = Math.min(count - 1, Math.floor(count * (MAX_GZIP_BYTES / size) * 0.95));
        droppedForSize += count - next;
        count = next;
        log = assemble(input, uri, ordered.slice(0, count), rulesOf);
        size = (0,external_node_zlib_.gzipSync)(JSON.stringify(log)).length;
    }
    return {
        log,
        resultCount: count,
        truncated: ordered.length - count,
        droppedForSize,
        gzipBytes: size,
    };
}
function assemble(input, uri, kept, ruleOf) {
    const keptRules = [...new Set(kept.map((e) => e.ruleId))].sort(byText);
    const ruleIndex = new Map(keptRules.map((id, i) => [id, i]));
    const driver = {
        name: TOOL_NAME,
        version: input.toolVersion,
        ...(SEMVER.test(input.toolVersion) ? { semanticVersion: input.toolVersion } : {}),
        ...(input.informationUri ? { informationUri: input.informationUri } : {}),
        rules: keptRules.map(ruleOf),
    };
    const automationId = flatten(input.automationId);
    return {
        $schema: SARIF_SCHEMA,
        version: '2.1.0',
        runs: [
            {
                tool: { driver },
                automationDetails: { id: automationId.endsWith('/') ? automationId : `${automationId}/` },
                results: kept.map((e) => ({
                    ruleId: e.ruleId,
                    ruleIndex: ruleIndex.get(e.ruleId),
                    level: RESULT_LEVEL[e.level],
                    message: { text: (e.message ??= message(e)) },
                    locations: [{ physicalLocation: { artifactLocation: { uri } } }],
                    partialFingerprints: { primaryLocationLineHash: e.fingerprint },
                    ...(e.baselineState ? { baselineState: e.baselineState } : {}),
                })),
            },
        ],
    };
}
/**
 * Issue 18's parts of an image for the log: its accepted findings (left out) and, when it was
 * compared with a baseline, the findings it inherited.
 */
function sarifMarks(outcome) {
    const accepted = core_categories/* CATEGORIES */.R6.flatMap((c) => outcome.policy?.[c]?.accepted.map((a) => a.finding) ?? []);
    const out = {};
    if (accepted.length > 0)
        out.accepted = accepted;
    if (outcome.baseline?.used)
        out.baseline = {
            compared: core_categories/* CATEGORIES */.R6.filter((c) => outcome.comparison?.[c] !== undefined || c === 'malicious-files'),
            inherited: core_categories/* CATEGORIES */.R6.flatMap((c) => outcome.comparison?.[c]?.inherited ?? []),
        };
    return out;
}

;// CONCATENATED MODULE: ./src/report/comment.ts
// What the pull request comment says, and which comment is this gate's: the key, the hidden
// marker and the body (the same Markdown the job summary shows). No GitHub call is made here;
// github/comments.ts owns those.
//
// The marker `<!-- sas-image-gate:<hash> -->` is the SHA-256 of the key, so no untrusted text is
// ever embedded raw.





/** Render cap: well under GitHub's 65,536-character body limit, leaving room for the markers. */
/** The comment's budget in UTF-8 bytes (GitHub's limit is 65,536; its unit is not documented, bytes is the safe reading). */
const COMMENT_MAX_BYTES = 60_000;
const GITHUB_BODY_LIMIT = 65_536;
const MARKER_NAME = 'sas-image-gate';
const STATE_RE = /<!-- sas-image-gate-result:(pass|fail|error) -->/;
/**
 * What names an image's repository, never its digest or tag (they change on every push):
 * repo-instance-id, repo-id, repo-region-id; for an image given without them, image-uuid /
 * cluster-id. '' when none is given.
 */
function repositoryKey(selector) {
    const repo = [
        ['repo-instance-id', selector.repoInstanceId],
        ['repo-id', selector.repoId],
        ['repo-region-id', selector.repoRegionId],
    ];
    const fallback = [
        ['image-uuid', selector.uuid],
        ['cluster-id', selector.clusterId],
    ];
    const chosen = repo.some(([, v]) => v !== undefined) ? repo : fallback;
    return chosen
        .filter(([, v]) => v !== undefined)
        .map(([k, v]) => `${k}=${v}`)
        .join(' ');
}
/**
 * What tells this gate's comment apart: workflow name, job id, and either comment-key or the
 * images' repository keys. Never the digest or the tag: a new push must update the comment, not
 * add one.
 */
function commentKeyMaterial(config, env) {
    const custom = config.comment?.key ?? '';
    const scope = {
        v: 1,
        workflow: env['GITHUB_WORKFLOW'] ?? '',
        job: env['GITHUB_JOB'] ?? '',
    };
    if (custom !== '') {
        scope['key'] = custom;
    }
    else {
        const repos = new Set();
        for (const { selector } of config.images) {
            const repo = repositoryKey(selector);
            if (repo !== '')
                repos.add(repo);
        }
        scope['repositories'] = [...repos].sort();
    }
    return JSON.stringify(scope);
}
function keyHash(material) {
    return (0,hash/* sha256Hex */.f)(material);
}
function markerFor(hash) {
    if (!/^[0-9a-f]{64}$/.test(hash))
        throw new Error('marker: not a SHA-256 hex digest');
    return `<!-- ${MARKER_NAME}:${hash} -->`;
}
function stateLine(result) {
    return `<!-- ${MARKER_NAME}-result:${result} -->`;
}
/** The result an earlier comment of ours recorded, if any. */
function previousResult(body) {
    const m = STATE_RE.exec(body);
    return m ? m[1] : undefined;
}
/** Run link, workflow, job and time: safe Markdown (URL parts validated, text escaped). */
function runFooter(env, now, customKey = '') {
    const server = (env['GITHUB_SERVER_URL'] ?? 'https://github.com').replace(/\/+$/, '');
    const repository = env['GITHUB_REPOSITORY'] ?? '';
    const runId = env['GITHUB_RUN_ID'] ?? '';
    const attempt = env['GITHUB_RUN_ATTEMPT'] ?? '';
    const okServer = /^https?:\/\/[A-Za-z0-9.-]+(:\d+)?(\/[A-Za-z0-9._~/-]*)?$/.test(server);
    const okRepo = /^[A-Za-z0-9_.-]+\/[A-Za-z0-9_.-]+$/.test(repository);
    const okRun = /^\d{1,20}$/.test(runId);
    const attemptText = /^\d{1,6}$/.test(attempt) ? `, attempt ${attempt}` : '';
    const run = okServer && okRepo && okRun
        ? `[run ${runId}${attemptText}](${server}/${repository}/actions/runs/${runId})`
        : `run ${okRun ? runId : '(unknown)'}${attemptText}`;
    const parts = [`Written by ${run}`];
    const workflow = env['GITHUB_WORKFLOW'] ?? '';
    const job = env['GITHUB_JOB'] ?? '';
    if (workflow !== '')
        parts.push(`workflow <code>${escapeShort(workflow, 100)}</code>`);
    if (job !== '')
        parts.push(`job <code>${escapeShort(job, 100)}</code>`);
    if (customKey !== '')
        parts.push(`comment key <code>${escapeShort(customKey, 100)}</code>`);
    const time = now
        .toISOString()
        .replace('T', ' ')
        .replace(/\.\d+Z$/, ' UTC');
    parts.push(`updated ${time}`);
    return ['---', `<sub>${parts.join(' · ')}</sub>`];
}
/** Shown when a pass replaces a comment that reported fail or error. */
function resolvedPreamble(previous) {
    return `**The earlier failure is resolved.** The previous run of this gate on this pull request reported ${previous === 'fail' ? 'fail' : 'error'}; this run passes.`;
}
function buildCommentBody(report, opts, marker, previous, footer) {
    const preamble = report.result === 'pass' && (previous === 'fail' || previous === 'error')
        ? [resolvedPreamble(previous)]
        : [];
    const markdown = renderMarkdown(report, {
        failBuild: opts.failBuild,
        onError: opts.onError,
        maxBytes: COMMENT_MAX_BYTES,
        preamble,
        footer,
    });
    const body = scrub(`${marker}\n${stateLine(report.result)}\n${markdown}`);
    // scrub() could only lengthen a text by replacing a one- or two-character secret; stay safe.
    return shortenBytes(body, GITHUB_BODY_LIMIT - 1);
}

;// CONCATENATED MODULE: ./src/report/sarif-images.ts
// The pure half of writing a SARIF log, shared by both front ends: whether the findings read are
// the whole picture (a log missing an image or a category would tell code scanning that its
// alerts were fixed, so such a log is never written), the images as the SARIF builder takes
// them (every finding read, those left out of the limits as unfixable included), and the
// automation id that keeps each gate's alerts apart.




/** The code scanning category: stable per workflow, job and comment key (or repositories). */
function automationId(config, env) {
    return `sas-image-gate/${keyHash(commentKeyMaterial(config, env)).slice(0, 16)}/`;
}
/** Why the findings read are not the whole picture, or undefined when they are. */
function incompleteFindings(outcomes, categories = core_categories/* CATEGORIES */.R6) {
    for (const [i, o] of outcomes.entries()) {
        const which = outcomes.length > 1 ? `image ${i + 1}` : 'the image';
        if (o.error !== undefined)
            return `${which} could not be checked.`;
        const unread = categories.filter((c) => !o.lists[c]);
        if (unread.length > 0)
            return `the ${unread.join(', ')} list(s) of ${which} could not be read.`;
    }
    return undefined;
}
/** Every finding read for one image, by category (the unfixable ones included). */
function everyFinding(outcome) {
    const findings = {};
    for (const c of core_categories/* CATEGORIES */.R6) {
        const list = outcome.lists[c];
        if (list)
            findings[c] = [...list.findings, ...list.unfixable];
    }
    return findings;
}
/** The images as the SARIF builder takes them. */
function sarifImages(outcomes) {
    return outcomes.map((o) => {
        const repository = repositoryKey(o.target.selector);
        const digest = o.gatedDigests?.[0] ?? o.target.selector.digest;
        const name = digest ? `sha256:${digest.slice(0, 12)}…` : (0,core_selector/* describeSelection */.e9)(o.target.selector);
        return {
            label: repository ? `${name} (${repository})` : name,
            identity: `${o.target.endpoint.site} ${repository}`,
            findings: everyFinding(o),
            ...sarifMarks(o),
        };
    });
}

;// CONCATENATED MODULE: ./src/cli/files.ts
// The report files the command line writes (--summary-file, --report-file, --sarif-file,
// --outputs-file, --gitlab-report, --junit-file): each optional, relative to the working
// directory, missing parent folders created, written afresh, on every run that got past input
// validation (an error run included: its files say error). The formats are the pure builders of
// report/; this module only decides what goes where and does the file I/O.
//
// Fail closed on files too. CI workspaces persist between builds, so a file this run does not
// write (the SARIF log's no-partial-log rule, a list that could not be read, bad input) must not
// be left from an earlier run to pass as current: it is removed, and standard error says so. A
// requested file that cannot be written or removed is an error of the run (exit 2, whatever
// --on-error says). Everything written is scrubbed of secrets, as values, before serialising.















const SUMMARY_MAX_BYTES = 512 * 1024; // UTF-8 bytes, as the action's summary
function absolute(run, option) {
    const given = run.requests[option];
    return given === undefined ? undefined : external_node_path_default().resolve(run.cwd, given.trim());
}
/** Writes one requested file afresh (parents created); a failure is recorded. */
function put(run, option, text, what) {
    const file = absolute(run, option);
    if (file === undefined)
        return false;
    try {
        (0,external_node_fs_.mkdirSync)(external_node_path_default().dirname(file), { recursive: true });
        (0,external_node_fs_.writeFileSync)(file, text);
        run.log.info(`${what} written to ${run.requests[option]}.`);
        return true;
    }
    catch (err) {
        run.failures.push(`--${option}: cannot write ${file}: ${(0,errors/* describeError */.Uc)(err)}`);
        return false;
    }
}
/** A requested file this run does not write: one left from an earlier run is removed. */
function withhold(run, option, why) {
    const file = absolute(run, option);
    if (file === undefined)
        return;
    run.log.warning(`--${option}: ${run.requests[option]} not written: ${why}`);
    try {
        if (!(0,external_node_fs_.existsSync)(file))
            return;
        (0,external_node_fs_.rmSync)(file, { force: true });
        run.log.warning(`--${option}: removed ${run.requests[option]} left from an earlier run, so it cannot pass for this run's.`);
    }
    catch (err) {
        run.failures.push(`--${option}: ${file} is left from an earlier run and cannot be removed: ${(0,errors/* describeError */.Uc)(err)}`);
    }
}
/** The image as GitLab shows it: repository, tag and digest as far as known. */
function gitlabImage(outcome) {
    const s = outcome.target.selector;
    const hex = outcome.gatedDigests?.[0] ?? s.digest;
    const digest = hex ? `sha256:${hex}` : undefined;
    const repo = s.repoId ?? '';
    const named = `${repo}${s.tag ? `:${s.tag}` : ''}${digest ? `${repo || s.tag ? '@' : ''}${digest}` : ''}`;
    // Accepted findings are left out, as from the SARIF log: the merge request widget would flag
    // exceptions already decided in the policy file.
    const accepted = new Set(Object.values(outcome.policy ?? {}).flatMap((app) => app.accepted.map((a) => a.finding)));
    const findings = Object.values(everyFinding(outcome))
        .flat()
        .filter((f) => !accepted.has(f));
    return {
        imageName: named || (0,core_selector/* describeSelection */.e9)(s),
        ...(digest ? { digest } : {}),
        findings,
    };
}
/** Writes every requested file of a run that got past input validation. */
function writeReportFiles(run, input) {
    const { report, outcomes, config } = input;
    let sarifWritten = '';
    if (run.requests['sarif-file'] !== undefined) {
        const missing = incompleteFindings(outcomes);
        if (missing)
            withhold(run, 'sarif-file', `${missing} A log without those findings would close their code scanning alerts as fixed.`);
        else {
            const built = buildSarif({
                toolVersion: VERSION,
                automationId: automationId({ images: config.images }, {}),
                dockerfile: config.dockerfile,
                images: sarifImages(outcomes),
            });
            const what = `SARIF log with ${built.resultCount} result(s)${built.truncated > 0 ? ` (${built.truncated} less severe left out: GitHub accepts at most 25,000 results and 10 MB)` : ''}`;
            if (put(run, 'sarif-file', JSON.stringify((0,secrets/* scrubDeep */.wE)(built.log)), what))
                sarifWritten = run.requests['sarif-file'] ?? '';
        }
    }
    if (run.requests['gitlab-report'] !== undefined) {
        // An error run writes its report marked failed; a run that gated but could not read a
        // vulnerability list would report its findings as gone, so it writes none.
        const missing = report.result === 'error'
            ? undefined
            : incompleteFindings(outcomes, ['sca-vulns', 'cve-vulns']);
        if (missing)
            withhold(run, 'gitlab-report', `${missing} A report without those findings would show them as no longer detected.`);
        else {
            const gitlab = buildGitlabReport({
                report,
                images: outcomes.map(gitlabImage),
                startTime: input.startTime,
                endTime: input.endTime,
                toolVersion: VERSION,
            });
            put(run, 'gitlab-report', JSON.stringify((0,secrets/* scrubDeep */.wE)(gitlab)), 'GitLab container-scanning report');
        }
    }
    writeVerdictFiles(run, report, config, sarifWritten);
}
/** The files every run writes from the report alone (a bad-input run too, where asked). */
function writeVerdictFiles(run, report, policy, sarifWritten = '') {
    if (run.requests['junit-file'] !== undefined)
        put(run, 'junit-file', (0,secrets/* scrub */._I)(buildJunit(report)), 'JUnit XML');
    if (run.requests['report-file'] !== undefined)
        put(run, 'report-file', reportJson(report), 'Report JSON');
    if (run.requests['summary-file'] !== undefined) {
        const markdown = render_renderMarkdown(report, { ...policy, maxBytes: SUMMARY_MAX_BYTES });
        put(run, 'summary-file', (0,secrets/* scrub */._I)(markdown), 'Markdown summary');
    }
    if (run.requests['outputs-file'] !== undefined) {
        const dotenv = buildDotenv({ ...outputValues(report), 'sarif-file': sarifWritten });
        put(run, 'outputs-file', (0,secrets/* scrub */._I)(dotenv.text), 'Outputs');
        if (dotenv.altered.length > 0)
            run.log.warning(`--outputs-file: characters a dotenv file cannot hold were replaced by _ in ${dotenv.altered.join(', ')}.`);
        if (dotenv.shortened.length > 0)
            run.log.warning(`--outputs-file: ${dotenv.shortened.join(', ')} shortened to keep the file under 5 KB (the report file and the report JSON have them all).`);
    }
}

;// CONCATENATED MODULE: ./src/infra/log.ts
// The logging port every module writes to (bound to the runner in action/log.ts, to standard
// error in the CLI), and inert(): the one rule that keeps a log line from being read as a
// workflow command. Every binding scrubs secrets and applies inert() to plain lines.
//
// The runner executes any stdout line that starts with `::` (after the spacing it trims) and any
// line holding the legacy `##[` prefix. Messages interpolate text from API answers, the event
// payload and inputs; flattening every line break here, once, means none of that text can ever
// start a line of its own, whoever wrote the call site.
const silentLogger = { info() { }, warning() { }, debug() { }, notice() { } };
/** Every line break a runner, a terminal or a log viewer may honour. */
// eslint-disable-next-line no-control-regex -- these control characters are the point
const LINE_BREAKS = /\r\n|[\n\r\u000b\u000c\u001c-\u001e\u0085\u2028\u2029]/g;
/** What the runner trims before looking for `::` (C#'s TrimStart: any white space). */
const COMMAND_START = /^[\s\p{Z}\u180e\ufeff]*::/u;
/**
 * One line that the runner cannot read as a command: line breaks become " ⏎ ", a leading `::`
 * gets a visible prefix, and `##[` is split by a zero-width space so no text can smuggle one in.
 */
function log_inert(message) {
    const flat = message.replace(LINE_BREAKS, ' ⏎ ').replace(/##\[/g, '#\u200b#[');
    return COMMAND_START.test(flat) ? `› ${flat}` : flat;
}
/**
 * Annotations and debug lines are single commands: @actions/core encodes CR and LF in their data,
 * so they may span lines for the reader; only the legacy `##[` needs breaking there.
 */
const commandData = (message) => message.replace(/##\[/g, '#\u200b#[');

;// CONCATENATED MODULE: ./src/cli/log.ts
// The logging port bound to standard error for the command line. Standard output carries only
// the verdict (text) or the one JSON document, so every progress line, warning and notice goes
// here; each passes through scrub() (secrets) and inert() (one line, never a workflow command:
// the CLI may itself run inside a GitHub runner, and CI logs of other systems must not be
// spoofed by text from an API answer). Writing never throws: logging must not break a run.
//
// It also remembers when it last wrote, so the front end's heartbeat can say "still waiting"
// whenever the engine has been silent for a while: a long wait for a scan is never silent.


function stderrLogger(write = (t) => void process.stderr.write(t), now = Date.now) {
    let last = now();
    const line = (prefix) => (message) => {
        try {
            write(`${log_inert(`${prefix}${(0,secrets/* scrub */._I)(message)}`)}\n`);
            last = now();
        }
        catch {
            // nothing to report to
        }
    };
    return {
        info: line(''),
        warning: line('warning: '),
        notice: line('notice: '),
        // Debug lines are for the runner's step debug mode; the command line has none.
        debug: () => { },
        lastWrite: () => last,
    };
}

;// CONCATENATED MODULE: ./src/cli/settings.ts
// From the command line's values (flags over SAS_IMAGE_GATE_* over defaults, args.ts) to the
// named settings the action's reader takes (INPUT_*), so both front ends validate, default and
// gate with exactly the same rules (inputs/config.ts). What only the command line has is done
// here: the images file, the credentials from the ALIBABA_CLOUD_* variables, the ID token of
// keyless runs, the default RoleSessionName, and how a problem names a setting (`--name`, with
// the variable when the value came from one; never a workflow input).
//
// Credentials come from exactly these variables and nowhere else (no other variable family, no
// credentials file, no instance metadata): ALIBABA_CLOUD_ACCESS_KEY_ID (or --access-key-id),
// ALIBABA_CLOUD_ACCESS_KEY_SECRET, ALIBABA_CLOUD_SECURITY_TOKEN; keyless with
// ALIBABA_CLOUD_ROLE_ARN and ALIBABA_CLOUD_OIDC_PROVIDER_ARN (or the flags) and the ID token
// from ALIBABA_CLOUD_OIDC_TOKEN_FILE or SAS_IMAGE_GATE_OIDC_TOKEN. Every secret is registered
// for scrubbing the moment it is read, before anything can fail; the parse of the action's
// reader is handed only a consistent set, so each credential problem is said once, here, in the
// command line's words.








const KEY_ID_VARIABLE = 'ALIBABA_CLOUD_ACCESS_KEY_ID';
const SECRET_VARIABLE = 'ALIBABA_CLOUD_ACCESS_KEY_SECRET';
const TOKEN_VARIABLE = 'ALIBABA_CLOUD_SECURITY_TOKEN';
const TOKEN_FILE_VARIABLE = 'ALIBABA_CLOUD_OIDC_TOKEN_FILE';
const OIDC_TOKEN_VARIABLE = 'SAS_IMAGE_GATE_OIDC_TOKEN';
/** The variables whose values are secrets; registered before anything else is read. */
const SECRET_VARIABLES = [SECRET_VARIABLE, TOKEN_VARIABLE, OIDC_TOKEN_VARIABLE];
const trimmed = (env, name) => (env[name] ?? '').trim();
/** Registers every secret the environment holds; called first of all. */
function registerEnvSecrets(env) {
    for (const name of SECRET_VARIABLES)
        (0,secrets/* registerSecret */.cl)(env[name]);
}
/**
 * RoleSessionName when none is given: sas-image-gate- and the CI job id (GitLab CI_JOB_ID,
 * GitHub GITHUB_RUN_ID, Jenkins and Flow BUILD_NUMBER or BUILD_ID), else the UTC time, in STS's
 * alphabet [A-Za-z0-9.@_-] and at most 64 characters.
 */
function defaultRoleSessionName(env, now = new Date()) {
    const id = ['CI_JOB_ID', 'GITHUB_RUN_ID', 'BUILD_NUMBER', 'BUILD_ID']
        .map((name) => trimmed(env, name).replace(/[^A-Za-z0-9.@_-]+/g, '-'))
        .find((v) => v !== '');
    const time = now
        .toISOString()
        .replace(/[-:]/g, '')
        .replace(/\.\d+Z$/, 'Z');
    return `sas-image-gate-${id ?? time}`.slice(0, 64);
}
function readSettings(parsed, env, cwd) {
    const values = parsed.values;
    const problems = [];
    const notices = [];
    const label = (name) => {
        if (name === 'access-key-secret')
            return SECRET_VARIABLE;
        if (name === 'security-token')
            return TOKEN_VARIABLE;
        if (name === 'images' && values['images-file'])
            return optionLabel('images-file');
        if (OPTION_BY_NAME.has(name))
            return optionLabel(name, values[name]?.origin);
        return name;
    };
    const inputEnv = toInputEnv(values);
    const poll = env[FIRST_POLL_ENV];
    if (poll !== undefined)
        inputEnv[FIRST_POLL_ENV] = poll;
    const imagesFile = values['images-file'];
    if (imagesFile) {
        const file = external_node_path_default().resolve(cwd, imagesFile.value.trim());
        try {
            inputEnv['INPUT_IMAGES'] = (0,external_node_fs_.readFileSync)(file, 'utf8');
        }
        catch (err) {
            problems.push(`${optionLabel('images-file', imagesFile.origin)}: cannot read ${JSON.stringify(imagesFile.value.trim())}: ${(0,errors/* describeError */.Uc)(err)}`);
        }
    }
    const oidcToken = settings_readCredentials(values, env, cwd, inputEnv, problems, notices);
    return { inputEnv, label, problems, notices, ...(oidcToken ? { oidcToken } : {}) };
}
const HOW = `set ${KEY_ID_VARIABLE} and ${SECRET_VARIABLE} (plus ${TOKEN_VARIABLE} for STS keys), ` +
    `or go keyless with --role-arn and --oidc-provider-arn (or ALIBABA_CLOUD_ROLE_ARN and ALIBABA_CLOUD_OIDC_PROVIDER_ARN) ` +
    `and the ID token in the file named by ${TOKEN_FILE_VARIABLE} or in ${OIDC_TOKEN_VARIABLE}`;
/** Chooses keys or keyless, fills inputEnv; returns the ID token of a keyless run. */
function settings_readCredentials(values, env, cwd, inputEnv, problems, notices) {
    const keyId = values['access-key-id'];
    const secret = trimmed(env, SECRET_VARIABLE);
    const token = trimmed(env, TOKEN_VARIABLE);
    const role = values['role-arn'];
    const provider = values['oidc-provider-arn'];
    // The reader sees credentials only once they are consistent.
    delete inputEnv['INPUT_ACCESS-KEY-ID'];
    delete inputEnv['INPUT_ROLE-ARN'];
    delete inputEnv['INPUT_OIDC-PROVIDER-ARN'];
    const keyLabel = keyId ? optionLabel('access-key-id', keyId.origin) : '--access-key-id';
    if (role || provider) {
        if (!role || !provider) {
            const given = role
                ? optionLabel('role-arn', role.origin)
                : optionLabel('oidc-provider-arn', provider?.origin);
            problems.push(`--role-arn and --oidc-provider-arn: give both for keyless authentication (OIDC), or neither (got only ${given})`);
            return undefined;
        }
        // An access key chosen on purpose (a flag, SAS_IMAGE_GATE_ACCESS_KEY_ID) beside keyless
        // settings is a contradiction; keys merely present in the environment are ignored.
        if (keyId && keyId.origin.kind === 'variable' && keyId.origin.variable === KEY_ID_VARIABLE) {
            notices.push(`The access key in ${KEY_ID_VARIABLE} / ${SECRET_VARIABLE} is ignored: --role-arn and --oidc-provider-arn select keyless authentication (OIDC → STS AssumeRoleWithOIDC).`);
        }
        else if (keyId) {
            problems.push(`${keyLabel} and --role-arn / --oidc-provider-arn are both given; use one way at a time (remove ${keyLabel} for keyless authentication)`);
            return undefined;
        }
        inputEnv['INPUT_ROLE-ARN'] = role.value;
        inputEnv['INPUT_OIDC-PROVIDER-ARN'] = provider.value;
        inputEnv['INPUT_ROLE-SESSION-NAME'] =
            values['role-session-name']?.value ?? defaultRoleSessionName(env);
        return readOidcToken(env, cwd, problems);
    }
    if (!keyId && !secret && !token) {
        problems.push(`credentials: none found; ${HOW}`);
        return undefined;
    }
    if (!keyId || !secret) {
        const missing = keyId ? SECRET_VARIABLE : `${KEY_ID_VARIABLE} (or --access-key-id)`;
        const given = keyId ? keyLabel : secret ? SECRET_VARIABLE : TOKEN_VARIABLE;
        problems.push(`credentials: ${given} is set but ${missing} is not; set both ${KEY_ID_VARIABLE} and ${SECRET_VARIABLE}, or neither`);
        return undefined;
    }
    const unsafe = headerUnsafe([
        [keyLabel, keyId.value.trim()],
        [SECRET_VARIABLE, secret],
        [TOKEN_VARIABLE, token],
    ]);
    if (unsafe.length > 0) {
        problems.push(...unsafe);
        return undefined;
    }
    inputEnv['INPUT_ACCESS-KEY-ID'] = keyId.value.trim();
    inputEnv['INPUT_ACCESS-KEY-SECRET'] = secret;
    if (token)
        inputEnv['INPUT_SECURITY-TOKEN'] = token;
    return undefined;
}
/** The ID token from its file or variable; registered as a secret as soon as it is read. */
function readOidcToken(env, cwd, problems) {
    const file = trimmed(env, TOKEN_FILE_VARIABLE);
    const direct = trimmed(env, OIDC_TOKEN_VARIABLE);
    if (file && direct) {
        problems.push(`${TOKEN_FILE_VARIABLE} and ${OIDC_TOKEN_VARIABLE} are both set; set one (the file holding the ID token, or the token itself)`);
        return undefined;
    }
    if (direct)
        return direct;
    if (!file) {
        problems.push(`keyless authentication needs the ID token: set ${TOKEN_FILE_VARIABLE} to a file holding it, or ${OIDC_TOKEN_VARIABLE} to the token (GitLab CI: id_tokens: with SAS_IMAGE_GATE_OIDC_TOKEN)`);
        return undefined;
    }
    let jwt;
    try {
        const raw = (0,external_node_fs_.readFileSync)(external_node_path_default().resolve(cwd, file), 'utf8');
        (0,secrets/* registerSecret */.cl)(raw);
        jwt = raw.trim();
    }
    catch (err) {
        problems.push(`${TOKEN_FILE_VARIABLE}: cannot read ${JSON.stringify(file)}: ${(0,errors/* describeError */.Uc)(err)}`);
        return undefined;
    }
    (0,secrets/* registerSecret */.cl)(jwt);
    if (jwt === '') {
        problems.push(`${TOKEN_FILE_VARIABLE}: ${JSON.stringify(file)} is empty; it must hold the ID token`);
        return undefined;
    }
    return jwt;
}
const HYPHENATED = [...OPTION_BY_NAME.keys()].filter((n) => n.includes('-'));
const NAME_IN_TEXT = new RegExp(`(?<![\\w-])(${HYPHENATED.join('|')})(?![\\w=-])`, 'g');
/**
 * A problem from the action's reader in the command line's words: settings named as `--name`,
 * and no workflow syntax (an image digest comes from a variable here, not a step output).
 */
function cliWording(problem) {
    return problem
        .replace(/the step output it was given, such as \$\{\{[^}]*\}\}, was not set/g, 'the variable it was given (such as the digest from an earlier build step) was empty')
        .replace(/\$\{\{[^}]*\}\}/g, 'an expression')
        .replace(NAME_IN_TEXT, '--$1');
}

;// CONCATENATED MODULE: ./src/inputs/policy-source.ts
// Where settings find the policy file (issue 18): under the root only (the action's workspace,
// the command line's working directory; a path
// leading out of it, through `..`, an absolute path or a symbolic link, is bad input), with the
// runner's clock for "today". The YAML parser is loaded only when a file is there to check, so a
// run without a policy file does not pay for it at start-up.



async function policySource(env, root, now, 
/** How messages name the root (default: the action's workspace). */
rootName) {
    const read = (given) => readConfinedText(root, given, MAX_POLICY_BYTES, rootName);
    // Empty means the default path (inputs/policy.ts).
    const given = new InputReader(env).raw('policy-file') || DEFAULT_POLICY_FILE;
    // Read once here, to know whether the parser is needed; parseConfig gets the same answer.
    const first = read(given);
    const source = {
        readPolicyFile: (path) => (path === given ? first : read(path)),
        now,
        ...(rootName !== undefined ? { rootName } : {}),
    };
    if (first && 'text' in first)
        source.parsePolicy = (await Promise.all(/* import() */[__webpack_require__.e(815), __webpack_require__.e(302)]).then(__webpack_require__.bind(__webpack_require__, 1302))).parsePolicy;
    return source;
}

;// CONCATENATED MODULE: ./src/cli/main.ts
// The command line's pipeline, the twin of action/main.ts: flags and environment → the action's
// settings → the shared engine (runGate) → the report → standard output, the report files and
// the exit code (0 pass, 1 fail, 2 error). Standard output carries only the verdict: the text
// (its first line says pass, fail or error) or exactly one JSON document; everything else
// (version, settings, progress, warnings) goes to standard error, scrubbed and inert.
//
// Fail closed: bad input is reported all at once before any request and always exits 2 (even
// with --on-error warn); a file that cannot be written exits 2; an escape of any kind (a throw,
// a rejection, a stuck request) ends as error with exit 2, never as a pass.















const EXIT = { pass: 0, fail: 1, error: 2 };
/** Slack past timeout-seconds + wait-for-scan before the watchdog calls the run stuck. */
const WATCHDOG_GRACE_MS = 60_000;
/** A silent engine gets a "still waiting" line this often (the contract: at least every 30 s). */
const HEARTBEAT_MS = 20_000;
/** Standard output holds one verdict: a crash after it was printed must not print a second. */
let verdictPrinted = false;
function processIo() {
    const write = (stream) => (text) => {
        try {
            stream.write(text);
        }
        catch {
            // a closed stream: the exit code still tells
        }
    };
    return {
        argv: process.argv.slice(2),
        env: process.env,
        cwd: process.cwd(),
        stdout: write(process.stdout),
        stderr: write(process.stderr),
        stdoutIsTty: process.stdout.isTTY === true,
    };
}
/** The bin's entry (called by src/cli.ts once the Node version is known to be enough). */
function start() {
    const io = processIo();
    let settled = false;
    const format = () => (io.argv.some((a) => /^--format[= ]?json$/.test(a)) ? 'json' : '');
    const die = (err) => {
        if (settled)
            return;
        settled = true;
        const message = `Unexpected error: ${(0,errors/* describeError */.Uc)(err)}`;
        io.stderr(`error: ${(0,secrets/* scrub */._I)(message)}\n`);
        const json = format() === 'json' || io.env['SAS_IMAGE_GATE_FORMAT']?.trim() === 'json';
        if (json && !verdictPrinted)
            io.stdout(`${JSON.stringify((0,secrets/* scrubDeep */.wE)(failedRunReport(message)))}\n`);
        process.exitCode = EXIT.error;
    };
    process.stdout.on('error', () => { });
    process.stderr.on('error', () => { });
    process.on('unhandledRejection', die);
    process.on('uncaughtException', die);
    process.on('beforeExit', () => {
        if (!settled)
            die(new Error('the run stopped before reaching a verdict'));
    });
    runCli(io).then((code) => {
        if (settled)
            return;
        settled = true;
        process.exitCode = code;
    }, (err) => die(err));
}
/** One run; resolves to the exit code. */
async function runCli(io) {
    // Secrets first: whatever fails later, they are already known to the scrubber.
    registerEnvSecrets(io.env);
    const parsed = parseArgs(io.argv, io.env);
    if (parsed.help) {
        io.stdout(`${helpText()}\n`);
        return EXIT.pass;
    }
    if (parsed.version) {
        io.stdout(`${VERSION}\n`);
        return EXIT.pass;
    }
    const log = stderrLogger(io.stderr);
    log.info(`sas-image-gate ${VERSION} (Node.js ${process.version})`);
    const json = parsed.values['format']?.value === 'json';
    const requests = fileRequests(parsed);
    const settings = readSettings(parsed, io.env, io.cwd);
    const source = await policySource(settings.inputEnv, io.cwd, new Date(), 'the working directory');
    const result = parseConfig(settings.inputEnv, secrets/* registerSecret */.cl, '', source, settings.label);
    const problems = [...parsed.problems, ...settings.problems];
    if ('problems' in result)
        // Withheld credentials would show up again as "none found": each problem is said once.
        problems.push(...result.problems.filter((p) => !/^credentials: none found;/.test(p)).map(cliWording));
    if (problems.length > 0 || 'problems' in result) {
        return badInput(io, log, problems, json, requests);
    }
    for (const notice of settings.notices)
        log.notice(notice);
    const fromConfig = result.config;
    const config = {
        ...fromConfig,
        // The GitLab report lists every CVE and SCA finding: every list is read, as for SARIF.
        readEveryList: fromConfig.readEveryList === true || requests['gitlab-report'] !== undefined,
    };
    const creds = config.credentials;
    const how = creds.kind === 'keys'
        ? `access key ${creds.accessKeyId}${creds.securityToken ? ' (STS)' : ''}`
        : `OIDC → STS AssumeRoleWithOIDC (role ${creds.roleArn}, session ${creds.roleSessionName})`;
    log.info(`Gating ${config.images.length} image(s) with ${how}; limits ${core_categories/* CATEGORIES */.R6.map((c) => `${c} ${config.limits[c].text}`).join(', ')}`);
    const waitMs = config.scan.require ? config.scan.waitMs : 0;
    const startTime = new Date();
    const stopHeartbeat = heartbeat(log, startTime.getTime(), config.timeoutMs + waitMs);
    const watchdog = setTimeout(() => {
        io.stderr(`error: the run did not finish within ${Math.round((config.timeoutMs + waitMs + WATCHDOG_GRACE_MS) / 1000)} s\n`);
        if (json && !verdictPrinted)
            io.stdout(`${JSON.stringify(failedRunReport('the run did not finish in time'))}\n`);
        process.exit(EXIT.error);
    }, config.timeoutMs + waitMs + WATCHDOG_GRACE_MS);
    watchdog.unref();
    let outcomes;
    try {
        const deadline = new infra_deadline/* Deadline */.B(config.timeoutMs, Date.now, waitMs);
        const token = settings.oidcToken;
        outcomes = await runGate(config, {
            env: io.env,
            deadline,
            log,
            // Keyless runs only: the token read from ALIBABA_CLOUD_OIDC_TOKEN_FILE or the variable.
            idTokenSource: () => Promise.resolve(() => token === undefined
                ? Promise.reject(new Error('no ID token was read'))
                : Promise.resolve(token)),
        });
    }
    finally {
        stopHeartbeat();
        clearTimeout(watchdog);
    }
    const report = (0,secrets/* scrubDeep */.wE)(buildReport(config, outcomes));
    const files = { requests, cwd: io.cwd, log, failures: [] };
    writeReportFiles(files, { report, outcomes, config, startTime, endTime: new Date() });
    for (const failure of files.failures)
        log.warning(failure);
    print(io, report, json);
    return exitCode(io, report, config, files.failures);
}
function fileRequests(parsed) {
    const requests = {};
    for (const option of FILE_OPTIONS) {
        const value = parsed.values[option]?.value.trim();
        if (value)
            requests[option] = value;
    }
    return requests;
}
/** Bad input: exit 2 whatever --on-error says; no request was made, no file is written. */
function badInput(io, log, problems, json, requests) {
    const message = new errors/* InputError */.dz(problems).message;
    for (const line of message.split('\n'))
        log.info(line);
    // A file of a requested name left from an earlier run must not pass for this run's.
    const files = { requests, cwd: io.cwd, log, failures: [] };
    for (const option of FILE_OPTIONS)
        withhold(files, option, 'the input is bad (see above).');
    for (const failure of files.failures)
        log.warning(failure);
    print(io, (0,secrets/* scrubDeep */.wE)(failedRunReport(message, problems)), json);
    return EXIT.error;
}
function print(io, report, json) {
    verdictPrinted = true;
    if (json) {
        io.stdout(`${reportJson(report)}\n`);
        return;
    }
    const env = io.env;
    const color = io.stdoutIsTty && env['NO_COLOR'] === undefined && env['TERM'] !== 'dumb';
    io.stdout((0,secrets/* scrub */._I)(renderText(report, { color })));
}
function exitCode(io, report, config, failures) {
    const say = (text) => io.stderr(`${(0,secrets/* scrub */._I)(text)}\n`);
    if (failures.length > 0) {
        say(`exit 2: ${failures.length} requested file(s) could not be written; the result was ${report.result}.`);
        return EXIT.error;
    }
    if (report.result === 'pass')
        return EXIT.pass;
    if (report.result === 'fail') {
        if (config.failBuild)
            return EXIT.fail;
        say('--fail-build false: exit 0 although the result is fail.');
        return EXIT.pass;
    }
    if (config.onError === 'warn') {
        say('--on-error warn: exit 0 although the result is error (nothing was established).');
        return EXIT.pass;
    }
    return EXIT.error;
}
/** "Still waiting" on standard error whenever the engine has been silent for a while. */
function heartbeat(log, startedAt, budgetMs) {
    const timer = setInterval(() => {
        const now = Date.now();
        if (now - log.lastWrite() < HEARTBEAT_MS)
            return;
        const waited = Math.round((now - startedAt) / 1000);
        const left = Math.max(0, Math.round((startedAt + budgetMs - now) / 1000));
        log.info(`Still waiting for Security Center: ${waited} s so far, at most ${left} s left.`);
    }, 5_000);
    timer.unref();
    return () => clearInterval(timer);
}


/***/ }),

/***/ 2711:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   R6: () => (/* binding */ CATEGORIES),
/* harmony export */   Z4: () => (/* binding */ isVulnerability),
/* harmony export */   m3: () => (/* binding */ CATEGORY_INFO)
/* harmony export */ });
/* unused harmony export VULNERABILITY_CATEGORIES */
// The four risk categories Security Center counts for an image, in the one order every
// output, table and list uses.
const CATEGORIES = ['baseline-risks', 'malicious-files', 'sca-vulns', 'cve-vulns'];
/** The vulnerability categories: the ones with a fix state (ignore-unfixable applies to them). */
const VULNERABILITY_CATEGORIES = ['sca-vulns', 'cve-vulns'];
function isVulnerability(category) {
    return VULNERABILITY_CATEGORIES.includes(category);
}
const CATEGORY_INFO = {
    'baseline-risks': {
        apiField: 'ImageBaselineCount',
        limitInput: 'max-baseline-risks',
        label: 'Baseline risks',
    },
    'malicious-files': {
        apiField: 'ImageMaliciousFileCount',
        limitInput: 'max-malicious-files',
        label: 'Malicious files',
    },
    'sca-vulns': {
        apiField: 'ImageScaVulCount',
        limitInput: 'max-sca-vulns',
        label: 'SCA vulnerabilities',
    },
    'cve-vulns': {
        apiField: 'ImageCveVulCount',
        limitInput: 'max-cve-vulns',
        label: 'CVE vulnerabilities',
    },
};


/***/ }),

/***/ 5543:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   $: () => (/* binding */ bareDigest),
/* harmony export */   G: () => (/* binding */ normalizeDigest)
/* harmony export */ });
// The one digest rule: an image digest is `sha256:<64 hex>` or 64 bare hex digits, in any case,
// and the gate works with lower-case bare hex. Inputs, the policy file and the digests Security
// Center answers are all read through here, so two spellings of one digest always compare equal.
const DIGEST = /^(?:sha256:)?([0-9a-f]{64})$/i;
/** `sha256:<64 hex>` or 64 bare hex digits, any case; returns lower-case bare hex. */
function normalizeDigest(raw) {
    return DIGEST.exec(raw.trim())?.[1]?.toLowerCase();
}
/**
 * A digest as Security Center answered it, for comparison: its normal form, else the text
 * without a `sha256:` prefix, lower-cased (so a malformed digest compares unequal, never equal).
 */
function bareDigest(digest) {
    return (normalizeDigest(digest) ??
        digest
            .trim()
            .replace(/^sha256:/i, '')
            .toLowerCase());
}


/***/ }),

/***/ 4637:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   A_: () => (/* binding */ LEVELS),
/* harmony export */   In: () => (/* binding */ levelOf),
/* harmony export */   KY: () => (/* binding */ zeroLevels),
/* harmony export */   Le: () => (/* binding */ levelRank),
/* harmony export */   P4: () => (/* binding */ LEVEL_WORDS),
/* harmony export */   Q0: () => (/* binding */ advisoryLink)
/* harmony export */ });
const LEVELS = ['high', 'medium', 'low'];
/** Most severe first: the one order of levels (0 is high). */
function levelRank(level) {
    return LEVELS.indexOf(level);
}
function zeroLevels() {
    return { high: 0, medium: 0, low: 0 };
}
/** Each category's own words for the three levels (map by name, never by position). */
const LEVEL_WORDS = {
    'baseline-risks': { high: 'high', medium: 'medium', low: 'low' },
    'malicious-files': { high: 'serious', medium: 'suspicious', low: 'remind' },
    'sca-vulns': { high: 'asap', medium: 'later', low: 'nntf' },
    'cve-vulns': { high: 'asap', medium: 'later', low: 'nntf' },
};
/** The level a word names for a category: high/medium/low or the category's own word. */
function levelOf(category, word) {
    const w = word.trim().toLowerCase();
    return LEVELS.find((l) => l === w || LEVEL_WORDS[category][l] === w);
}
const CVE_ID = /^CVE-\d{4}-\d{4,}$/i;
/**
 * The advisory page of a CVE id, or undefined when the text is not one: the one check that
 * lets Security Center text become a link (only A-Z, digits and '-' reach the URL).
 */
function advisoryLink(id) {
    return CVE_ID.test(id) ? `https://avd.aliyun.com/detail/${id.toUpperCase()}` : undefined;
}


/***/ }),

/***/ 7442:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   e9: () => (/* binding */ describeSelection),
/* harmony export */   fr: () => (/* binding */ namesAnImage),
/* harmony export */   of: () => (/* binding */ SELECTOR_INPUTS)
/* harmony export */ });
// What names an image: the selectors a workflow gives, and the Security Center site each image
// is gated at. Shared by input reading, the scan proof, the count query and the report.
/** Selector inputs and their ImageSelector field, in the order they are shown to users. */
const SELECTOR_INPUTS = [
    ['repo-region-id', 'repoRegionId'],
    ['repo-instance-id', 'repoInstanceId'],
    ['repo-id', 'repoId'],
    ['image-tag', 'tag'],
    ['image-digest', 'digest'],
    ['image-uuid', 'uuid'],
    ['cluster-id', 'clusterId'],
];
/**
 * Whether a selection names one image: a digest or Security Center's image UUID, or a tag within
 * one repository (a tag alone, such as latest, names an image in every repository that has it).
 * Every other selector only narrows; on its own it would gate a whole repository or registry.
 */
function namesAnImage(selector) {
    return (selector.digest !== undefined ||
        selector.uuid !== undefined ||
        (selector.tag !== undefined && selector.repoId !== undefined));
}
/** The selection in a log line or message: the digest when there is one, else the selectors. */
function describeSelection(selector) {
    return selector.digest ? `sha256:${selector.digest}` : Object.values(selector).join(' ');
}


/***/ }),

/***/ 2716:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   B: () => (/* binding */ Deadline),
/* harmony export */   y: () => (/* binding */ sleep)
/* harmony export */ });
// One deadline for the whole step. Time spent waiting for a scan is granted on top of it
// (wait-for-scan), so it can be extended by what was waited, but never by more than the wait
// budget in total: images waiting side by side must not add up their sleeps.
class Deadline {
    now;
    end;
    extendable;
    constructor(budgetMs, now = Date.now, maxExtensionMs = 0) {
        this.now = now;
        this.end = now() + budgetMs;
        this.extendable = Math.max(0, maxExtensionMs);
    }
    remaining() {
        return Math.max(0, this.end - this.now());
    }
    expired() {
        return this.remaining() <= 0;
    }
    /** Adds up to `ms`, within what is left of the extension allowance. */
    extend(ms) {
        const granted = Math.min(Math.max(0, ms), this.extendable);
        this.extendable -= granted;
        this.end += granted;
    }
}
/** Resolves after `ms`, or as soon as `signal` aborts (the caller then checks the signal). */
function sleep(ms, signal) {
    return new Promise((resolve) => {
        if (signal?.aborted)
            return resolve();
        const done = () => {
            clearTimeout(timer);
            signal?.removeEventListener('abort', done);
            resolve();
        };
        const timer = setTimeout(done, Math.max(0, ms));
        signal?.addEventListener('abort', done, { once: true });
    });
}


/***/ }),

/***/ 639:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Uc: () => (/* binding */ describeError),
/* harmony export */   dz: () => (/* binding */ InputError),
/* harmony export */   ue: () => (/* binding */ GateError)
/* harmony export */ });
// Error types the action reports. Every one of them ends a run as `error`, never `pass`.
/** Bad input: all problems found, each naming the input and what it accepts. */
class InputError extends Error {
    problems;
    constructor(problems) {
        super(`Invalid input:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
        this.problems = problems;
        this.name = 'InputError';
    }
}
/**
 * What was needed could not be obtained (API, network, deadline, malformed answer, scan state).
 * When the failing answer carried a RequestId, the message ends with it: support needs it in
 * every message, and it is written here once rather than by every caller.
 */
class GateError extends Error {
    requestId;
    /** The message without its RequestId. */
    bare;
    constructor(message, requestId) {
        // A RequestId comes from the answer: one short line, whatever the answer sent.
        const id = requestId?.replace(/\s+/g, ' ').trim().slice(0, 100);
        super(id ? `${message} RequestId: ${id}.` : message);
        this.requestId = requestId;
        this.bare = message;
        this.name = 'GateError';
    }
    /** Anything thrown, with what it was about in front (`context: message`), its RequestId kept. */
    static within(context, err) {
        return err instanceof GateError
            ? new GateError(`${context}: ${err.bare}`, err.requestId)
            : new GateError(`${context}: ${describeError(err)}`);
    }
}
/** Message of anything thrown, including non-Error values, without ever throwing itself. */
function describeError(err) {
    try {
        if (err instanceof Error)
            return err.message || err.name;
        if (typeof err === 'string')
            return err;
        return `non-error value thrown: ${JSON.stringify(err) ?? String(err)}`;
    }
    catch {
        return 'unknown error (the thrown value could not be described)';
    }
}


/***/ }),

/***/ 5704:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   f: () => (/* binding */ sha256Hex)
/* harmony export */ });
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(7598);
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_crypto__WEBPACK_IMPORTED_MODULE_0__);
// The one SHA-256 helper: hex of a UTF-8 string (request signing, comment keys, SARIF
// fingerprints all hash text this way).

function sha256Hex(text) {
    return (0,node_crypto__WEBPACK_IMPORTED_MODULE_0__.createHash)('sha256').update(text, 'utf8').digest('hex');
}


/***/ }),

/***/ 5420:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Dr: () => (/* binding */ NetworkError),
/* harmony export */   gt: () => (/* binding */ isTlsFailure),
/* harmony export */   oO: () => (/* binding */ createTransport)
/* harmony export */ });
/* unused harmony exports isPermanentTlsFailure, MAX_BODY_BYTES */
/* harmony import */ var undici__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(6752);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(639);
// The one HTTP path for every outgoing call: undici over a keep-alive pool, proxies from the
// environment, bounded timeouts, and a capped body read.


/**
 * Network-level failure (connect, reset, timeout): worth another attempt unless `permanent`, which
 * marks what no retry can change (a TLS handshake with a server that does not speak TLS, a
 * certificate the runner does not trust, an answer over the size bound).
 */
class NetworkError extends Error {
    code;
    permanent;
    constructor(message, code, permanent = false) {
        super(message);
        this.code = code;
        this.permanent = permanent;
        this.name = 'NetworkError';
    }
}
/** TLS failures that a retry cannot mend: the peer's protocol or its certificate. */
const CERTIFICATE_CODES = new Set([
    'CERT_HAS_EXPIRED',
    'CERT_NOT_YET_VALID',
    'CERT_REVOKED',
    'CERT_UNTRUSTED',
    'CERT_SIGNATURE_FAILURE',
    'DEPTH_ZERO_SELF_SIGNED_CERT',
    'SELF_SIGNED_CERT_IN_CHAIN',
    'UNABLE_TO_GET_ISSUER_CERT',
    'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
    'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
    'HOSTNAME_MISMATCH',
    'ERR_TLS_CERT_ALTNAME_INVALID',
]);
/** A permanent failure that came from the TLS handshake (not from the answer's content). */
function isTlsFailure(err) {
    return err.permanent && isPermanentTlsFailure(err.code, err.message);
}
function isPermanentTlsFailure(code, message) {
    return (CERTIFICATE_CODES.has(code) ||
        code.startsWith('ERR_SSL_') ||
        (code === 'EPROTO' && /wrong version number|certificate|handshake/i.test(message)));
}
/** Largest answer read (the largest finding-list page is far below it); larger is an error. */
const MAX_BODY_BYTES = 8 * 1024 * 1024;
const PROXY_VARS = ['HTTPS_PROXY', 'https_proxy', 'HTTP_PROXY', 'http_proxy'];
/**
 * undici's EnvHttpProxyAgent warns that it is experimental each time it is built, so it is
 * built only when a proxy variable is actually set; it honours NO_PROXY itself.
 */
function createTransport(env, connections) {
    const options = {
        connections,
        connectTimeout: 10_000,
        keepAliveTimeout: 30_000,
    };
    const proxied = PROXY_VARS.some((name) => (env[name] ?? '').trim() !== '');
    for (const name of PROXY_VARS) {
        const value = (env[name] ?? '').trim();
        if (value !== '' && !URL.canParse(value.includes('://') ? value : `http://${value}`)) {
            // The value may carry proxy credentials: name the variable, never echo it.
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .GateError */ .ue(`${name} is set but is not a valid proxy URL; fix or unset it (expected e.g. http://proxy.example.com:3128).`);
        }
    }
    const dispatcher = proxied ? new undici__WEBPACK_IMPORTED_MODULE_0__/* .EnvHttpProxyAgent */ .J2(options) : new undici__WEBPACK_IMPORTED_MODULE_0__/* .Agent */ .g6(options);
    return {
        send: (req) => send(dispatcher, req),
        close: () => dispatcher.close(),
    };
}
async function send(dispatcher, req) {
    const timeout = Math.max(1, Math.floor(req.timeoutMs));
    const timer = AbortSignal.timeout(timeout);
    const signal = req.signal ? AbortSignal.any([timer, req.signal]) : timer;
    try {
        const res = await (0,undici__WEBPACK_IMPORTED_MODULE_0__/* .request */ .Em)(req.url, {
            dispatcher,
            method: req.method,
            headers: req.headers,
            body: req.body,
            headersTimeout: timeout,
            bodyTimeout: timeout,
            signal,
        });
        // No accept-encoding is sent, so a compressed answer is a proxy's doing: name it rather than
        // fail later on unreadable bytes.
        const encoding = String(res.headers['content-encoding'] ?? 'identity')
            .trim()
            .toLowerCase();
        if (encoding !== '' && encoding !== 'identity') {
            discard(res.body);
            throw new NetworkError(`the answer came with content-encoding ${encoding.slice(0, 40)}, which this client does not decode (no accept-encoding was sent; a proxy may be compressing answers)`, 'CONTENT_ENCODING', true);
        }
        const chunks = [];
        let size = 0;
        for await (const chunk of res.body) {
            size += chunk.length;
            if (size > MAX_BODY_BYTES) {
                discard(res.body);
                throw new NetworkError(`answer too large: over ${MAX_BODY_BYTES / 1024 / 1024} MiB, more than any answer the gate reads`, 'BODY_TOO_LARGE', true);
            }
            chunks.push(chunk);
        }
        // undici frees the connection for the pool one event-loop turn after the response ends
        // (setImmediate in client-h1.js onMessageComplete), but the body's end reaches us first. A
        // request sent before that turn finds the connection busy and the pool dials another: a
        // second TCP + TLS handshake for back-to-back calls. Yield that turn so the next request
        // reuses this connection.
        await new Promise((resolve) => setImmediate(resolve));
        const headers = {};
        for (const [name, value] of Object.entries(res.headers)) {
            if (value !== undefined)
                headers[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
        }
        return { status: res.statusCode, headers, body: Buffer.concat(chunks).toString('utf8') };
    }
    catch (err) {
        req.signal?.throwIfAborted();
        if (err instanceof NetworkError)
            throw err;
        throw toNetworkError(err, timer.aborted, timeout);
    }
}
/** Drops an answer's body unread; undici's abort error from that is expected, not a crash. */
function discard(body) {
    body.on('error', () => { });
    body.destroy();
}
function toNetworkError(err, timedOut, timeoutMs) {
    const e = err;
    const text = (v) => typeof v === 'string' || typeof v === 'number' ? String(v) : undefined;
    const code = text(e?.code) ?? text(e?.cause?.code) ?? (timedOut ? 'TIMEOUT' : 'NETWORK');
    if (timedOut || /TIMEOUT/i.test(code)) {
        return new NetworkError(`no answer within ${timeoutMs} ms`, code);
    }
    const detail = text(e?.cause?.message) ?? text(e?.message) ?? (0,_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .describeError */ .Uc)(err);
    if (isPermanentTlsFailure(code, detail)) {
        // OpenSSL's text carries its source path; its reason ("wrong version number") is what helps.
        const reason = /SSL routines:[^:]*:([^:]+)/.exec(detail)?.[1] ?? detail;
        return new NetworkError(`TLS handshake failed (${code}: ${reason})`, code, true);
    }
    return new NetworkError(`${code}: ${detail}`, code);
}


/***/ }),

/***/ 624:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   MX: () => (/* binding */ NO_CREDENTIALS_ADVICE),
/* harmony export */   R$: () => (/* binding */ retrying),
/* harmony export */   Vs: () => (/* binding */ retryAfterMs)
/* harmony export */ });
/* unused harmony exports CREDENTIAL_RETRY, backoffDelay */
/* harmony import */ var _deadline_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(2716);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(639);
/* harmony import */ var _http_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(5420);
// The one retry loop for every outgoing call (Security Center, STS, the ID token): attempts
// inside the step deadline, equal-jitter exponential backoff, Retry-After honoured, network
// errors retried. Callers say per attempt whether to return, retry or give up.



const CREDENTIAL_RETRY = {
    baseDelayMs: 500,
    maxDelayMs: 4_000,
    maxAttempts: 4,
    attemptTimeoutMs: 15_000,
};
/** How credential calls end their deadline and network messages. */
const NO_CREDENTIALS_ADVICE = {
    deadlineAdvice: 'No credentials were obtained.',
    networkAdvice: "Check the runner's network and proxy settings (HTTPS_PROXY / NO_PROXY). No credentials were obtained.",
};
const TLS_ADVICE = "Retrying cannot change this: check the endpoint, and that the runner trusts the server's certificate (NODE_EXTRA_CA_CERTS adds a CA).";
const ANSWER_ADVICE = 'Retrying cannot change this; if a proxy sits between the runner and the service, check what it does to answers.';
/** Exponential backoff with equal jitter: half fixed, half random. */
function backoffDelay(policy, attempt, random) {
    const exp = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1));
    return exp / 2 + (random() * exp) / 2;
}
async function retrying(ctx, attempt) {
    const policy = ctx.policy ?? CREDENTIAL_RETRY;
    const random = ctx.random ?? Math.random;
    let lastProblem = 'no attempt was made';
    for (let n = 1;; n++) {
        ctx.signal?.throwIfAborted();
        await ctx.beforeAttempt?.();
        ctx.signal?.throwIfAborted();
        if (ctx.deadline.expired()) {
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .GateError */ .ue(`${ctx.what} did not complete before the deadline (timeout-seconds) after ${n - 1} attempt(s); last problem: ${lastProblem}. ${ctx.deadlineAdvice ?? 'Raise timeout-seconds if the service is slow to answer.'}`);
        }
        const timeoutMs = Math.max(1, Math.min(policy.attemptTimeoutMs, ctx.deadline.remaining()));
        let delay = backoffDelay(policy, n, random);
        let final;
        let throttled = false;
        try {
            const result = await attempt(timeoutMs, n);
            if ('value' in result)
                return result.value;
            if ('done' in result)
                throw result.done;
            lastProblem = result.retry;
            final = result.final;
            throttled = result.throttled ?? false;
            delay = Math.max(delay, result.minDelayMs ?? 0);
        }
        catch (err) {
            if (!(err instanceof _http_js__WEBPACK_IMPORTED_MODULE_1__/* .NetworkError */ .Dr))
                throw err;
            if (err.permanent) {
                const advice = (0,_http_js__WEBPACK_IMPORTED_MODULE_1__/* .isTlsFailure */ .gt)(err) ? (ctx.tlsAdvice ?? TLS_ADVICE) : ANSWER_ADVICE;
                throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .GateError */ .ue(`${ctx.what} to ${ctx.host} failed: ${err.message}. ${advice}`);
            }
            lastProblem = `network error: ${err.message}`;
            final = new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .GateError */ .ue(`${ctx.what} could not reach ${ctx.host} after ${n} attempt(s): ${err.message}. ${ctx.networkAdvice ?? "Check the runner's network and proxy settings (HTTPS_PROXY / NO_PROXY)."}`);
        }
        if (n >= policy.maxAttempts || delay >= ctx.deadline.remaining()) {
            throw (final ??
                new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .GateError */ .ue(`${ctx.what} failed after ${n} attempt(s): ${lastProblem}. Retries ran out before the deadline.`));
        }
        if (throttled)
            ctx.onThrottled?.(delay);
        ctx.log.info(`${ctx.what}: attempt ${n} failed (${lastProblem}); retrying in ${Math.round(delay)} ms`);
        await (0,_deadline_js__WEBPACK_IMPORTED_MODULE_2__/* .sleep */ .y)(delay, ctx.signal);
    }
}
/**
 * x-acs-retry-after's unit is undocumented; the newer SDK core reads milliseconds, so do we.
 * A standard Retry-After (seconds) is honoured too. The caller caps both by the deadline.
 */
function retryAfterMs(headers) {
    const acs = Number(headers['x-acs-retry-after']);
    if (Number.isFinite(acs) && acs > 0)
        return acs;
    const std = Number(headers['retry-after']);
    if (Number.isFinite(std) && std > 0)
        return std * 1000;
    return 0;
}


/***/ }),

/***/ 5391:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   _I: () => (/* binding */ scrub),
/* harmony export */   cl: () => (/* binding */ registerSecret),
/* harmony export */   er: () => (/* binding */ scrubSecretTail),
/* harmony export */   wE: () => (/* binding */ scrubDeep)
/* harmony export */ });
/* unused harmony exports setMasker, MIN_SECRET_TAIL */
// Secrets the run has read. Each is masked for the runner as soon as it is registered, and
// every text the action emits passes through scrub(), so a secret never leaves the process
// even where the runner's masking does not apply (raw stdout, files, the event payload).
const known = new Set();
let masker = () => { };
function setMasker(fn) {
    masker = fn;
    for (const s of known)
        fn(s);
}
function registerSecret(value) {
    if (!value || known.has(value))
        return;
    known.add(value);
    masker(value);
    // A padded value may be used (and so printed) trimmed: mask that form too.
    const trimmed = value.trim();
    if (trimmed !== value && trimmed !== '')
        registerSecret(trimmed);
}
function scrub(text) {
    let out = text;
    for (const s of known)
        if (out.includes(s))
            out = out.split(s).join('***');
    return out;
}
/** Shortest start of a secret a cut text must not end in. */
const MIN_SECRET_TAIL = 8;
/**
 * A cut text without a trailing start (8 characters or more) of any secret: a secret that
 * straddled the cut would otherwise leave its prefix behind, where scrub() no longer sees it.
 */
function scrubSecretTail(text) {
    let out = text;
    for (const s of known) {
        for (let k = Math.min(s.length - 1, out.length); k >= MIN_SECRET_TAIL; k--) {
            if (out.endsWith(s.slice(0, k))) {
                out = out.slice(0, out.length - k);
                break;
            }
        }
    }
    return out;
}
/**
 * Every string inside a value, scrubbed. Applied to the report before it is escaped for
 * Markdown or serialised as JSON, so a secret cannot slip through in escaped form.
 */
function scrubDeep(value) {
    if (typeof value === 'string')
        return scrub(value);
    if (Array.isArray(value))
        return value.map((v) => scrubDeep(v));
    if (value && typeof value === 'object') {
        return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, scrubDeep(v)]));
    }
    return value;
}


/***/ }),

/***/ 7583:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   W: () => (/* binding */ Slots)
/* harmony export */ });
// Turns: at most `size` holders at once (requests in flight, images at work).
/** A counting semaphore: at most `size` holders; waiters are served first come, first served. */
class Slots {
    free;
    waiting = [];
    constructor(size) {
        this.free = Math.max(1, size);
    }
    async acquire() {
        if (this.free > 0)
            this.free--;
        else
            await new Promise((resolve) => this.waiting.push(resolve));
        let released = false;
        return () => {
            if (released)
                return;
            released = true;
            const next = this.waiting.shift();
            if (next)
                next();
            else
                this.free++;
        };
    }
}


/***/ }),

/***/ 1671:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   WU: () => (/* binding */ show),
/* harmony export */   dy: () => (/* binding */ utf8Bytes),
/* harmony export */   jJ: () => (/* binding */ shortenBytes),
/* harmony export */   ml: () => (/* binding */ shorten),
/* harmony export */   pA: () => (/* binding */ nearest),
/* harmony export */   xv: () => (/* binding */ truncate)
/* harmony export */ });
/* unused harmony exports ELLIPSIS, shortenLine, editDistance */
/* harmony import */ var _secrets_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(5391);
// The one place text is shortened. A cut must never leave part of a secret behind (the text is
// scrubbed before it is cut, and a cut that ends inside a secret drops that prefix too), never
// split a surrogate pair, and say that it cut ('…'). Sizes GitHub enforces in bytes are measured
// here in UTF-8 bytes. Quoting a value in a message and suggesting the name a typo meant live
// here too.

const ELLIPSIS = '…';
/** High surrogate at `index`: cutting after it would leave half a character. */
function splitsPair(text, end) {
    const unit = text.charCodeAt(end - 1);
    return unit >= 0xd800 && unit <= 0xdbff;
}
/**
 * At most `max` UTF-16 units, scrubbed of secrets; when cut, it ends in '…', never in half a
 * character and never in the first 8 or more characters of a secret.
 */
function shorten(text, max) {
    const clean = (0,_secrets_js__WEBPACK_IMPORTED_MODULE_0__/* .scrub */ ._I)(text);
    if (clean.length <= max)
        return clean;
    if (max <= 0)
        return '';
    let end = Math.max(0, max - ELLIPSIS.length);
    if (end > 0 && splitsPair(clean, end))
        end -= 1;
    return `${(0,_secrets_js__WEBPACK_IMPORTED_MODULE_0__/* .scrubSecretTail */ .er)(clean.slice(0, end))}${ELLIPSIS}`;
}
/** Whitespace runs as one space, trimmed, then shortened: for messages on one line. */
function shortenLine(text, max) {
    return shorten((0,_secrets_js__WEBPACK_IMPORTED_MODULE_0__/* .scrub */ ._I)(text).replace(/\s+/g, ' ').trim(), max);
}
/** Length in UTF-8 bytes (what GitHub's size limits count). */
function utf8Bytes(text) {
    return Buffer.byteLength(text, 'utf8');
}
/**
 * At most `maxBytes` bytes of UTF-8, scrubbed; when cut, it ends in '…' (counted in the bound),
 * never in half a character or the start of a secret.
 */
function shortenBytes(text, maxBytes) {
    const clean = (0,_secrets_js__WEBPACK_IMPORTED_MODULE_0__/* .scrub */ ._I)(text);
    if (utf8Bytes(clean) <= maxBytes)
        return clean;
    const room = maxBytes - utf8Bytes(ELLIPSIS);
    if (room <= 0)
        return '';
    // Whole code points while they fit.
    let used = 0;
    let end = 0;
    for (const ch of clean) {
        const size = utf8Bytes(ch);
        if (used + size > room)
            break;
        used += size;
        end += ch.length;
    }
    return `${(0,_secrets_js__WEBPACK_IMPORTED_MODULE_0__/* .scrubSecretTail */ .er)(clean.slice(0, end))}${ELLIPSIS}`;
}
/** A value as shown in a problem: quoted, and cut at 80 characters. */
function show(value) {
    return JSON.stringify(shorten(value, 80));
}
/**
 * Shortened for a message, on one line (secrets are scrubbed before the cut, and a cut never
 * ends in the start of one).
 */
function truncate(text, max) {
    return shortenLine(text, max);
}
/** Levenshtein distance: insertions, deletions and substitutions each cost one. */
function editDistance(a, b) {
    let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
    for (let i = 1; i <= a.length; i++) {
        const current = [i];
        for (let j = 1; j <= b.length; j++) {
            const substitution = (previous[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1);
            current[j] = Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, substitution);
        }
        previous = current;
    }
    return previous[b.length] ?? 0;
}
/**
 * The nearest of `names` to `wanted` (any case), when it is a few edits away: a typo's likely
 * meaning. Farther than that is another word, and nothing is suggested.
 */
function nearest(wanted, names, maxDistance = (w) => Math.max(2, Math.floor(w.length / 4))) {
    const w = wanted.trim().toLowerCase();
    let best;
    for (const name of names) {
        const distance = editDistance(w, name.toLowerCase());
        if (!best || distance < best.distance)
            best = { name, distance };
    }
    return best && best.distance <= maxDistance(w) ? best.name : undefined;
}


/***/ }),

/***/ 6931:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Iq: () => (/* binding */ parseDay),
/* harmony export */   im: () => (/* binding */ formatDay),
/* harmony export */   kb: () => (/* binding */ dayOf)
/* harmony export */ });
// Whole UTC calendar days, the only clock the policy rules know. Acceptances expire on a date
// (00:00 UTC, trivy's rule) and "expires in N days" is a difference of dates, so every rule here
// works on day numbers (days since 1970-01-01 UTC). Today is always handed in by the caller,
// as a `YYYY-MM-DD` text or a `Date`; nothing here reads the clock.
const DAY_MS = 86_400_000;
const ISO_DAY = /^(\d{4})-(\d{2})-(\d{2})$/;
/**
 * The day number of a real calendar date written exactly `YYYY-MM-DD`, else undefined
 * (`2027-02-30`, `2027-3-31` and `2027-03-31T00:00Z` are not).
 */
function parseDay(text) {
    const m = ISO_DAY.exec(text);
    if (!m)
        return undefined;
    const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
    const date = new Date(0);
    date.setUTCFullYear(year, month - 1, day);
    const real = date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
    return real ? Math.round(date.getTime() / DAY_MS) : undefined;
}
/** Today's day number. Throws on a date that is not one: the caller's mistake, never input. */
function dayOf(today) {
    if (typeof today === 'string') {
        const day = parseDay(today);
        if (day === undefined)
            throw new Error(`today must be a YYYY-MM-DD date, not "${today}"`);
        return day;
    }
    const ms = today.getTime();
    if (!Number.isFinite(ms))
        throw new Error('today is an invalid Date');
    return Math.floor(ms / DAY_MS);
}
/** A day number written `YYYY-MM-DD`. */
function formatDay(day) {
    return new Date(day * DAY_MS).toISOString().slice(0, 10);
}


/***/ })

};

//# sourceMappingURL=101.index.js.map
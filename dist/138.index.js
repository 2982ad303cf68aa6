export const id = 138;
export const ids = [138];
export const modules = {

/***/ 4138:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   fetchIdToken: () => (/* binding */ fetchIdToken)
/* harmony export */ });
/* unused harmony exports idTokenUnavailable, idTokenUrl */
/* harmony import */ var _event_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(5015);
/* harmony import */ var _infra_errors_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(639);
/* harmony import */ var _infra_retry_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(624);
/* harmony import */ var _infra_jwt_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(9703);
/* harmony import */ var _infra_text_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(1671);





const PERMISSION_SNIPPET = 'permissions:\n  id-token: write\n  contents: read';
/** Why no ID token can be requested, or undefined when the runner offers one. */
function idTokenUnavailable(env) {
    const url = (env['ACTIONS_ID_TOKEN_REQUEST_URL'] ?? '').trim();
    const token = (env['ACTIONS_ID_TOKEN_REQUEST_TOKEN'] ?? '').trim();
    if (url && token)
        return undefined;
    const pr = (0,_event_js__WEBPACK_IMPORTED_MODULE_0__/* .pullRequestEvent */ .X7)(env);
    if (!url && (0,_event_js__WEBPACK_IMPORTED_MODULE_0__/* .forkRestricted */ .QX)(pr)) {
        return ('Keyless authentication (GitHub OIDC) is not available on pull requests from forks: GitHub gives ' +
            'such workflow runs no ID token, whatever the permissions say. Skip this step for fork pull requests ' +
            '(for example `if: github.event.pull_request.head.repo.full_name == github.repository`), or set on-error: warn so they report an error without failing; do not hand repository secrets to fork code.');
    }
    const forkHint = pr !== undefined && pr.fromFork === undefined && pr.event !== 'pull_request_target'
        ? ' If this run is for a pull request from a fork, OIDC is not available there at all: GitHub gives fork pull requests no ID token.'
        : '';
    if (!url) {
        return ('No GitHub ID token is available (ACTIONS_ID_TOKEN_REQUEST_URL is not set): the job needs ' +
            `\`permissions: id-token: write\` for keyless authentication. Add to the job (or workflow):\n${PERMISSION_SNIPPET}\n` +
            '(Once a permissions block is present, every permission it does not list is none: keep contents: read if the job checks out code.)' +
            forkHint);
    }
    return ('ACTIONS_ID_TOKEN_REQUEST_URL is set but ACTIONS_ID_TOKEN_REQUEST_TOKEN is not: the runner did not provide ' +
        `the token needed to ask for a GitHub ID token. Check that the job has \`permissions: id-token: write\`.${forkHint}`);
}
/** The request URL with the audience added, as @actions/core forms it. */
function idTokenUrl(requestUrl, audience) {
    const sep = requestUrl.includes('?') ? '&' : '?';
    return `${requestUrl}${sep}audience=${encodeURIComponent(audience)}`;
}
async function fetchIdToken(opts) {
    const unavailable = idTokenUnavailable(opts.env);
    if (unavailable)
        throw new _infra_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .GateError */ .ue(unavailable);
    const requestUrl = (opts.env['ACTIONS_ID_TOKEN_REQUEST_URL'] ?? '').trim();
    const bearer = (opts.env['ACTIONS_ID_TOKEN_REQUEST_TOKEN'] ?? '').trim();
    // The runner's request token is a credential as well.
    opts.mask(bearer);
    let url;
    try {
        url = new URL(idTokenUrl(requestUrl, opts.audience));
    }
    catch {
        throw new _infra_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .GateError */ .ue('ACTIONS_ID_TOKEN_REQUEST_URL is not a URL; the runner set it wrongly.');
    }
    if (url.protocol !== 'https:' && url.protocol !== 'http:') {
        throw new _infra_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .GateError */ .ue('ACTIONS_ID_TOKEN_REQUEST_URL is not an http(s) URL; the runner set it wrongly.');
    }
    const headers = {
        authorization: `Bearer ${bearer}`,
        accept: 'application/json',
    };
    if (opts.userAgent)
        headers['user-agent'] = opts.userAgent;
    const what = 'Requesting the GitHub ID token';
    const jwt = await (0,_infra_retry_js__WEBPACK_IMPORTED_MODULE_2__/* .retrying */ .R$)({ what, deadline: opts.deadline, log: opts.log, host: url.host, ..._infra_retry_js__WEBPACK_IMPORTED_MODULE_2__/* .NO_CREDENTIALS_ADVICE */ .MX }, async (timeoutMs) => {
        const res = await opts.transport.send({ method: 'GET', url: url.href, headers, timeoutMs });
        if (res.status >= 200 && res.status < 300) {
            let value;
            try {
                value = JSON.parse(res.body).value;
            }
            catch {
                value = undefined;
            }
            // Masked before it is even checked: a malformed answer may still carry a real token.
            if (typeof value === 'string' && value !== '')
                opts.mask(value);
            if (typeof value !== 'string' || value.split('.').length !== 3) {
                return {
                    done: new _infra_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .GateError */ .ue(`${what} answered HTTP ${res.status} without a token (expected {"value": "<JWT>"}); no credentials were obtained.`),
                };
            }
            return { value };
        }
        const detail = `HTTP ${res.status}: ${(0,_infra_text_js__WEBPACK_IMPORTED_MODULE_3__/* .truncate */ .xv)(res.body, 200) || 'no body'}`;
        if (res.status >= 500 || res.status === 429)
            return { retry: detail };
        const advice = res.status === 401 || res.status === 403
            ? ' The runner refused the ID token request: check that the job has `permissions: id-token: write`.'
            : '';
        return { done: new _infra_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .GateError */ .ue(`${what} failed (${detail}).${advice}`) };
    });
    const claims = (0,_infra_jwt_js__WEBPACK_IMPORTED_MODULE_4__/* .describeClaims */ .Z)(jwt);
    opts.log.info(`GitHub ID token obtained for audience ${JSON.stringify(opts.audience)}${claims.sub ? `, subject ${JSON.stringify(claims.sub)}` : ''}${claims.iss ? `, issuer ${claims.iss}` : ''}`);
    return jwt;
}


/***/ }),

/***/ 9703:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Z: () => (/* binding */ describeClaims)
/* harmony export */ });
// What a JWT says about itself, for messages: decoded without verifying (the issuer's service
// verifies it). Shared by the GitHub ID token and a CI's OIDC token file.
/** Claims worth showing (never the token): who the token says this run is. */
function describeClaims(jwt) {
    try {
        const part = jwt.split('.')[1] ?? '';
        const claims = JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));
        const text = (v) => typeof v === 'string'
            ? v
            : Array.isArray(v)
                ? v.filter((x) => typeof x === 'string').join(',')
                : undefined;
        return { sub: text(claims['sub']), aud: text(claims['aud']), iss: text(claims['iss']) };
    }
    catch {
        return {};
    }
}


/***/ })

};

//# sourceMappingURL=138.index.js.map
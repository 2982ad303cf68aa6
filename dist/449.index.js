export const id = 449;
export const ids = [449];
export const modules = {

/***/ 8449:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  keylessSigningKey: () => (/* binding */ keylessSigningKey)
});

// EXTERNAL MODULE: ./src/infra/errors.ts
var errors = __webpack_require__(639);
// EXTERNAL MODULE: ./src/infra/retry.ts
var retry = __webpack_require__(624);
// EXTERNAL MODULE: ./src/alibaba/api-errors.ts
var api_errors = __webpack_require__(6802);
// EXTERNAL MODULE: ./src/alibaba/endpoints.ts
var endpoints = __webpack_require__(2430);
// EXTERNAL MODULE: ./src/alibaba/signer.ts
var signer = __webpack_require__(520);
;// CONCATENATED MODULE: ./src/alibaba/sts.ts





const STS_VERSION = '2015-04-01';
const ACTION = 'AssumeRoleWithOIDC';
function stsQuery(now) {
    return [
        ['Action', ACTION],
        ['Version', STS_VERSION],
        ['Format', 'JSON'],
        ['Timestamp', (0,signer/* acsDate */.cu)(now)],
    ]
        .map(([k, v]) => `${k}=${(0,signer/* percentEncode */.a)(v ?? '')}`)
        .join('&');
}
function stsForm(req) {
    return [
        ['RoleArn', req.roleArn],
        ['OIDCProviderArn', req.oidcProviderArn],
        ['OIDCToken', req.oidcToken],
        ['RoleSessionName', req.roleSessionName],
        ['DurationSeconds', String(req.durationSeconds)],
    ]
        .map(([k, v]) => `${k}=${(0,signer/* percentEncode */.a)(v ?? '')}`)
        .join('&');
}
async function assumeRoleWithOidc(req, opts) {
    const what = `STS ${ACTION} at ${req.endpoint.host}`;
    const body = stsForm(req);
    const headers = {
        'content-type': 'application/x-www-form-urlencoded',
        accept: 'application/json',
    };
    if (opts.userAgent)
        headers['user-agent'] = opts.userAgent;
    return (0,retry/* retrying */.R$)({
        what,
        host: req.endpoint.host,
        deadline: opts.deadline,
        log: opts.log,
        policy: opts.policy,
        ...retry/* NO_CREDENTIALS_ADVICE */.MX,
        tlsAdvice: `${(0,endpoints/* tlsAdvice */.SD)(req.endpoint, 'sts-endpoint')} No credentials were obtained.`,
    }, async (timeoutMs) => {
        const url = `${req.endpoint.origin}/?${stsQuery(opts.now?.() ?? new Date())}`;
        opts.log.debug(`${ACTION} to ${req.endpoint.host} (form body not shown: it holds the ID token)`);
        const res = await opts.transport.send({ method: 'POST', url, headers, body, timeoutMs });
        const answer = (0,api_errors/* parseAnswer */.Wp)(res.body, res.headers);
        // A 2xx answer whose body reports an error (any JSON type) is an error answer.
        if (res.status >= 200 && res.status < 300 && !answer.failedInBody) {
            return answer.json
                ? { value: readCredentials(answer, opts.mask, what) }
                : {
                    done: new errors/* GateError */.ue(`${what} answered HTTP ${res.status} with a body that is not a JSON object (content-type ${res.headers['content-type'] ?? 'none'}). No credentials were obtained.`, answer.requestId),
                };
        }
        if ((0,api_errors/* isRetryable */.r3)(res.status, answer.code)) {
            return {
                retry: `${answer.code ?? `HTTP ${res.status}`}${answer.requestId ? ` (RequestId ${answer.requestId})` : ''}`,
                final: stsError(what, res.status, answer, req, true),
                minDelayMs: (0,retry/* retryAfterMs */.Vs)(res.headers),
            };
        }
        return { done: stsError(what, res.status, answer, req, false) };
    });
}
/** The credentials of a success answer; the secret parts are masked before anything is checked. */
function readCredentials(answer, mask, what) {
    const raw = answer.json?.['Credentials'];
    const c = (raw && typeof raw === 'object' ? raw : {});
    // Credentials go into signed headers: only visible ASCII is usable (a padded or multi-line
    // token would be trimmed on the wire and slip past masking).
    const field = (name) => {
        const v = c[name];
        if (typeof v === 'string' && v !== '' && v !== v.trim())
            mask(v.trim());
        return typeof v === 'string' && /^[\x21-\x7e]+$/.test(v) ? v : undefined;
    };
    const accessKeySecret = field('AccessKeySecret');
    const securityToken = field('SecurityToken');
    if (accessKeySecret)
        mask(accessKeySecret);
    if (securityToken)
        mask(securityToken);
    const accessKeyId = field('AccessKeyId');
    const expirationText = field('Expiration');
    const expiration = expirationText ? new Date(expirationText) : undefined;
    const missing = [
        ['AccessKeyId', accessKeyId],
        ['AccessKeySecret', accessKeySecret],
        ['SecurityToken', securityToken],
        ['Expiration', expiration && !Number.isNaN(expiration.getTime()) ? 'ok' : undefined],
    ]
        .filter(([, v]) => v === undefined)
        .map(([name]) => `Credentials.${name}`);
    if (missing.length > 0 || !accessKeyId || !accessKeySecret || !securityToken || !expiration) {
        throw new errors/* GateError */.ue(`${what} answered success without usable credentials (${missing.join(', ')} missing or invalid). No credentials were obtained.`, answer.requestId);
    }
    return { accessKeyId, accessKeySecret, securityToken, expiration, requestId: answer.requestId };
}
/** What the user should do about an STS refusal. */
function stsAdvice(code, message, status, req) {
    const c = code ?? '';
    const m = message ?? '';
    const issuer = 'issuer URL https://token.actions.githubusercontent.com (GitHub Enterprise Server: https://<your GHES host>/_services/token)';
    if (c === 'AuthenticationFail.OIDCToken.AudienceNotMatch') {
        return (`The GitHub ID token was requested for the audience ${JSON.stringify(req.audience)} (input oidc-audience), ` +
            `and that audience is not a Client ID of the OIDC provider ${req.oidcProviderArn}. Either add ${JSON.stringify(req.audience)} ` +
            'to the Client IDs of that provider (RAM console → SSO → OIDC → the provider → Client IDs), or set oidc-audience ' +
            "to one of its Client IDs; the role's trust policy condition on oidc:aud must allow the same value.");
    }
    if (c === 'AuthenticationFail.OIDCToken.Expired') {
        return ('The GitHub ID token had expired when STS checked it. ID tokens live only minutes, so this usually means the ' +
            "runner's clock is off (synchronise it with NTP) or the request was held up; re-run the job.");
    }
    if (c === 'AuthenticationFail.NoPermission' || /no such oidc provider/i.test(m)) {
        return (`STS knows no OIDC provider ${req.oidcProviderArn}. Check oidc-provider-arn: copy the ARN from RAM console → SSO → OIDC; ` +
            `the provider must exist in the same Alibaba Cloud account as the role ${req.roleArn}, with the ${issuer}.`);
    }
    if (c.startsWith('AuthenticationFail')) {
        return (`STS did not accept the GitHub ID token. Check the OIDC provider ${req.oidcProviderArn}: its ${issuer}, ` +
            'its fingerprint (RAM fetches it when the issuer URL is entered) and its Client IDs (must include the audience ' +
            `${JSON.stringify(req.audience)}).`);
    }
    if (/DurationSeconds|MaxSessionDuration|session duration/i.test(`${c} ${m}`)) {
        return (`role-duration-seconds is ${req.durationSeconds}, more than the role allows: lower it, or raise the maximum session ` +
            `duration of ${req.roleArn} in RAM (values above 3600 always need that).`);
    }
    if (c === 'NoPermission' ||
        c.startsWith('EntityNotExist.Role') ||
        c.startsWith('InvalidParameter.RoleArn') ||
        c.startsWith('Forbidden') ||
        status === 403) {
        return (`The role ${req.roleArn} could not be assumed with this token. Check that the role exists, and that its trust ` +
            `policy allows the OIDC provider ${req.oidcProviderArn} with conditions that match this run: oidc:aud ` +
            `${JSON.stringify(req.audience)}${req.subject ? ` and oidc:sub ${JSON.stringify(req.subject)} (e.g. "repo:<owner>/<repo>:*")` : ''}.`);
    }
    if ((0,api_errors/* isThrottling */.E2)(c) || status === 429) {
        return 'STS kept throttling the request until the deadline: re-run the job, or raise timeout-seconds.';
    }
    if (status >= 500) {
        return 'STS kept failing until the deadline; this is usually temporary: re-run the job, or raise timeout-seconds.';
    }
    return 'See the STS AssumeRoleWithOIDC error reference for this code.';
}
function stsError(what, status, answer, req, retriesExhausted) {
    const summary = (0,api_errors/* summarizeAnswer */.wL)(status, answer, retriesExhausted);
    return (0,api_errors/* answerError */.n)(`Keyless authentication failed, no credentials were obtained: ${what} answered ${summary} ${stsAdvice(answer.code, answer.message, status, req)}`, answer);
}

// EXTERNAL MODULE: ./src/github/event.ts
var github_event = __webpack_require__(5015);
;// CONCATENATED MODULE: ./src/github/id-token.ts




const PERMISSION_SNIPPET = 'permissions:\n  id-token: write\n  contents: read';
/** Why no ID token can be requested, or undefined when the runner offers one. */
function idTokenUnavailable(env) {
    const url = (env['ACTIONS_ID_TOKEN_REQUEST_URL'] ?? '').trim();
    const token = (env['ACTIONS_ID_TOKEN_REQUEST_TOKEN'] ?? '').trim();
    if (url && token)
        return undefined;
    const pr = (0,github_event/* pullRequestEvent */.X7)(env);
    if (!url && (0,github_event/* forkRestricted */.QX)(pr)) {
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
async function fetchIdToken(opts) {
    const unavailable = idTokenUnavailable(opts.env);
    if (unavailable)
        throw new errors/* GateError */.ue(unavailable);
    const requestUrl = (opts.env['ACTIONS_ID_TOKEN_REQUEST_URL'] ?? '').trim();
    const bearer = (opts.env['ACTIONS_ID_TOKEN_REQUEST_TOKEN'] ?? '').trim();
    // The runner's request token is a credential as well.
    opts.mask(bearer);
    let url;
    try {
        url = new URL(idTokenUrl(requestUrl, opts.audience));
    }
    catch {
        throw new errors/* GateError */.ue('ACTIONS_ID_TOKEN_REQUEST_URL is not a URL; the runner set it wrongly.');
    }
    if (url.protocol !== 'https:' && url.protocol !== 'http:') {
        throw new errors/* GateError */.ue('ACTIONS_ID_TOKEN_REQUEST_URL is not an http(s) URL; the runner set it wrongly.');
    }
    const headers = {
        authorization: `Bearer ${bearer}`,
        accept: 'application/json',
    };
    if (opts.userAgent)
        headers['user-agent'] = opts.userAgent;
    const what = 'Requesting the GitHub ID token';
    const jwt = await (0,retry/* retrying */.R$)({ what, deadline: opts.deadline, log: opts.log, host: url.host, ...retry/* NO_CREDENTIALS_ADVICE */.MX }, async (timeoutMs) => {
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
                    done: new errors/* GateError */.ue(`${what} answered HTTP ${res.status} without a token (expected {"value": "<JWT>"}); no credentials were obtained.`),
                };
            }
            return { value };
        }
        const detail = `HTTP ${res.status}: ${(0,api_errors/* truncate */.xv)(res.body, 200) || 'no body'}`;
        if (res.status >= 500 || res.status === 429)
            return { retry: detail };
        const advice = res.status === 401 || res.status === 403
            ? ' The runner refused the ID token request: check that the job has `permissions: id-token: write`.'
            : '';
        return { done: new errors/* GateError */.ue(`${what} failed (${detail}).${advice}`) };
    });
    const claims = describeClaims(jwt);
    opts.log.info(`GitHub ID token obtained for audience ${JSON.stringify(opts.audience)}${claims.sub ? `, subject ${JSON.stringify(claims.sub)}` : ''}${claims.iss ? `, issuer ${claims.iss}` : ''}`);
    return jwt;
}

;// CONCATENATED MODULE: ./src/gate/credentials.ts


/**
 * The whole keyless exchange, done once per run: GitHub ID token → STS AssumeRoleWithOIDC →
 * a signing key. Throws (and so ends the run as error) whenever no credentials are obtained.
 */
async function keylessSigningKey(creds, opts) {
    const jwt = await fetchIdToken({ ...opts, audience: creds.audience });
    const key = await assumeRoleWithOidc({
        endpoint: creds.stsEndpoint,
        roleArn: creds.roleArn,
        oidcProviderArn: creds.oidcProviderArn,
        oidcToken: jwt,
        roleSessionName: creds.roleSessionName,
        durationSeconds: creds.durationSeconds,
        audience: creds.audience,
        subject: describeClaims(jwt).sub,
    }, opts);
    opts.log.info(`Assumed ${creds.roleArn} as session ${creds.roleSessionName}; the STS credentials expire at ${key.expiration.toISOString()}${key.requestId ? ` (RequestId ${key.requestId})` : ''}`);
    if (key.expiration.getTime() < Date.now() + opts.deadline.remaining()) {
        opts.log.warning(`The STS credentials expire before timeout-seconds runs out: raise role-duration-seconds (now ${creds.durationSeconds}) or lower timeout-seconds if calls start failing with an expired token.`);
    }
    return {
        accessKeyId: key.accessKeyId,
        accessKeySecret: key.accessKeySecret,
        securityToken: key.securityToken,
    };
}


/***/ })

};

//# sourceMappingURL=449.index.js.map
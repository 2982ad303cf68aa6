export const id = 550;
export const ids = [550];
export const modules = {

/***/ 6550:
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

;// CONCATENATED MODULE: ./src/infra/jwt.ts
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

;// CONCATENATED MODULE: ./src/gate/credentials.ts


/**
 * The whole keyless exchange, done once per run: OIDC token → STS AssumeRoleWithOIDC →
 * a signing key. Throws (and so ends the run as error) whenever no credentials are obtained.
 */
async function keylessSigningKey(creds, opts, idToken) {
    const jwt = await idToken(creds.audience);
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

//# sourceMappingURL=550.index.js.map
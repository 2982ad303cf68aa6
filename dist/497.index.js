export const id = 497;
export const ids = [497];
export const modules = {

/***/ 5497:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  postPullRequestComment: () => (/* binding */ postPullRequestComment)
});

// EXTERNAL MODULE: ./src/infra/errors.ts
var errors = __webpack_require__(639);
// EXTERNAL MODULE: ./src/infra/retry.ts
var retry = __webpack_require__(624);
;// CONCATENATED MODULE: ./src/github/comments.ts


const CLIENT_LOADED_DEBUG = 'Loading the GitHub client (@actions/github) to comment';
/** GitHub calls: the shared retry loop, with GitHub's own pace (retry-after wins when given). */
const GITHUB_RETRY = {
    baseDelayMs: 500,
    maxDelayMs: 8_000,
    maxAttempts: 4,
    attemptTimeoutMs: 30_000,
};
/** GITHUB_TOKEN and GitHub App installation tokens; `GET /user` answers 403 for them. */
function looksLikeInstallationToken(token) {
    return /^(ghs_|v1\.)/.test(token);
}
function isOurs(comment, marker, identity) {
    const body = typeof comment.body === 'string' ? comment.body.trimStart() : '';
    if (!body.startsWith(marker))
        return false;
    if (identity.kind === 'bot')
        return comment.user?.type === 'Bot';
    return comment.user?.login === identity.login;
}
function factsOf(err) {
    const e = err;
    const status = typeof e?.status === 'number' ? e.status : undefined;
    const raw = e?.response?.headers;
    const headers = {};
    if (raw && typeof raw === 'object')
        for (const [k, v] of Object.entries(raw))
            headers[k.toLowerCase()] =
                typeof v === 'string' || typeof v === 'number' ? String(v) : undefined;
    return { status, headers, message: (0,errors/* describeError */.Uc)(err) };
}
/** Whether to try again, and after how long (ms) when GitHub said so. */
function retryAdvice(err, nowMs = Date.now()) {
    const { status, headers, message } = factsOf(err);
    const retryAfter = Number(headers['retry-after']);
    const afterMs = Number.isFinite(retryAfter) && retryAfter >= 0 ? retryAfter * 1000 : undefined;
    const rateLimited = (status === 403 || status === 429) &&
        (afterMs !== undefined ||
            headers['x-ratelimit-remaining'] === '0' ||
            /rate limit/i.test(message));
    if (rateLimited) {
        const reset = Number(headers['x-ratelimit-reset']);
        const resetMs = headers['x-ratelimit-remaining'] === '0' && Number.isFinite(reset)
            ? Math.max(0, reset * 1000 - nowMs)
            : undefined;
        // A secondary rate limit without retry-after: GitHub asks for at least a minute.
        const waitMs = afterMs ?? resetMs ?? 60_000;
        return { retry: true, waitMs, rateLimited };
    }
    if (status === undefined || status >= 500)
        return { retry: true, rateLimited: false };
    return { retry: false, rateLimited: false };
}
const FORK_RECIPE = 'For pull requests from forks (no secrets, read-only token), use the workflow_run pattern: the pull_request workflow builds and uploads what is to be gated, with the pull request number, as an artifact; a workflow triggered by workflow_run, which has the secrets and a write token, runs the gate and posts its `report` output as the comment (README section "Pull request comments").';
/** The one log line for a comment that was not written: why, and what to do. */
function explainFailure(err, pr) {
    const { status, message } = factsOf(err);
    const tail = 'The verdict and the exit code are unaffected; the job summary has the report.';
    const lead = 'Pull request comment not written:';
    const detail = message.replace(/\s+-\s+https?:\/\/\S+$/, '').slice(0, 300);
    if (status === 403 && /not accessible by integration/i.test(message)) {
        const why = pr.fromFork
            ? 'this pull request comes from a fork, and GitHub gives such runs a read-only token.'
            : 'the token may not write pull request comments. Give the job `permissions: pull-requests: write` (and keep the default github-token), or pass a token that may. If this pull request comes from a fork, the token is read-only whatever the workflow asks.';
        return {
            level: 'notice',
            text: `${lead} GitHub answered 403 "${detail}": ${why} ${FORK_RECIPE} ${tail}`,
        };
    }
    if (status === 403 || status === 429) {
        return {
            level: 'notice',
            text: `${lead} GitHub answered ${status} "${detail}" (rate limit or permission), and retrying would not fit in timeout-seconds. ${tail}`,
        };
    }
    if (status === 404) {
        return {
            level: 'notice',
            text: `${lead} GitHub answered 404 "${detail}": the token cannot see this repository or pull request (for a personal token: its repository access), or GITHUB_API_URL does not point at this repository\u2019s GitHub. ${tail}`,
        };
    }
    if (status === 401) {
        return {
            level: 'notice',
            text: `${lead} GitHub answered 401 "${detail}": github-token is not a valid token. ${tail}`,
        };
    }
    return {
        level: 'warning',
        text: `${lead} ${status !== undefined ? `GitHub answered ${status} "${detail}"` : detail}${status === undefined || status >= 500 ? ' (retried within timeout-seconds)' : ''}. ${tail}`,
    };
}
/** Longest walk through the comment list: 100 pages of 100 comments. */
const MAX_PAGES = 100;
/**
 * The first comment that `ours` accepts, walking every page by the Link header's `next`.
 * (Octokit's paginate helpers drop the abort signal, so the walk is done here; a `next` link
 * to another origin is refused so the token never goes anywhere but GITHUB_API_URL.)
 */
async function findOurComment(octokit, pr, baseUrl, signal, ours) {
    const origin = new URL(baseUrl).origin;
    let res = await octokit.request('GET /repos/{owner}/{repo}/issues/{issue_number}/comments', {
        owner: pr.owner,
        repo: pr.repo,
        issue_number: pr.number,
        per_page: 100,
        request: { signal },
    });
    for (let page = 1;; page++) {
        const items = Array.isArray(res.data) ? res.data : [];
        const hit = items.find(ours);
        if (hit)
            return hit;
        const next = nextLink(String(res.headers.link ?? ''));
        if (!next)
            return undefined;
        if (new URL(next).origin !== origin)
            throw new Error(`the comment list's next page is on another host (${new URL(next).host})`);
        if (page >= MAX_PAGES)
            throw new Error(`the pull request has more than ${MAX_PAGES * 100} comments`);
        res = await octokit.request({ method: 'GET', url: next, request: { signal } });
    }
}
/** The `rel="next"` URL of a Link header, if any. */
function nextLink(link) {
    for (const part of link.split(',')) {
        const m = /^\s*<([^>]+)>\s*;(.*)$/.exec(part);
        if (m && /\brel="?next"?/.test(m[2] ?? '')) {
            try {
                const u = new URL(m[1] ?? '');
                if (u.protocol === 'https:' || u.protocol === 'http:')
                    return u.toString();
            }
            catch {
                return undefined;
            }
        }
    }
    return undefined;
}
async function whoAmI(octokit, token, deadline, log) {
    if (looksLikeInstallationToken(token))
        return { kind: 'bot' };
    try {
        const login = await withRetries(deadline, log, async (signal) => {
            const res = await octokit.rest.users.getAuthenticated({ request: { signal } });
            return res.data.login;
        });
        log.debug(`Pull request comment: the token belongs to ${login}.`);
        return { kind: 'user', login };
    }
    catch (err) {
        log.debug(`Pull request comment: GET /user failed (${(0,errors/* describeError */.Uc)(err)}); only comments by bot accounts are edited.`);
        return { kind: 'bot' };
    }
}
/**
 * Runs `attempt` until it succeeds, a non-transient error, the attempts run out, or the
 * deadline. Each attempt of the comment sync lists again before writing, so a create whose
 * answer was lost (5xx after the write) is found and updated rather than duplicated.
 */
async function withRetries(deadline, log, attempt) {
    return (0,retry/* retrying */.R$)({ what: 'GitHub request', host: 'the GitHub API', deadline, log, policy: GITHUB_RETRY }, async (timeoutMs) => {
        const signal = AbortSignal.timeout(timeoutMs);
        try {
            return { value: await attempt(signal) };
        }
        catch (err) {
            // Octokit reports its own abort as "HTTP 500": say what happened instead.
            if (signal.aborted) {
                const timeout = new Error(`GitHub did not answer within ${Math.max(1, Math.round(timeoutMs / 1000))} s`);
                return { retry: timeout.message, final: timeout };
            }
            const advice = retryAdvice(err);
            const failure = err instanceof Error ? err : new Error((0,errors/* describeError */.Uc)(err));
            if (!advice.retry)
                return { done: failure };
            return { retry: (0,errors/* describeError */.Uc)(err), final: failure, minDelayMs: advice.waitMs };
        }
    });
}
/**
 * Creates or updates the comment whose body starts with `marker`. Returns its URL, or '' when
 * none was written; never throws: a failure is one notice or warning saying why and what to do.
 */
async function syncComment(sync) {
    const { log, pr, deadline } = sync;
    try {
        log.debug(CLIENT_LOADED_DEBUG);
        const { getOctokit } = await __webpack_require__.e(/* import() */ 413).then(__webpack_require__.bind(__webpack_require__, 2413));
        const octokit = getOctokit(sync.token, {
            baseUrl: sync.baseUrl,
            userAgent: sync.userAgent,
            log: {
                debug: () => { },
                info: () => { },
                warn: (m) => log.debug(`GitHub client: ${m}`),
                error: (m) => log.debug(`GitHub client: ${m}`),
            },
        });
        const identity = await whoAmI(octokit, sync.token, deadline, log);
        return await withRetries(deadline, log, async (signal) => {
            const found = await findOurComment(octokit, pr, sync.baseUrl, signal, (c) => isOurs(c, sync.marker, identity));
            if (!found && !sync.mayCreate) {
                log.debug('Pull request comment: the gate passed and no earlier comment exists.');
                return '';
            }
            const body = sync.body(found ? (found.body ?? '') : undefined);
            const res = found
                ? await octokit.rest.issues.updateComment({
                    owner: pr.owner,
                    repo: pr.repo,
                    comment_id: found.id,
                    body,
                    request: { signal },
                })
                : await octokit.rest.issues.createComment({
                    owner: pr.owner,
                    repo: pr.repo,
                    issue_number: pr.number,
                    body,
                    request: { signal },
                });
            log.info(`${found ? 'Updated' : 'Created'} the pull request comment: ${res.data.html_url}`);
            return res.data.html_url;
        });
    }
    catch (err) {
        const { level, text } = explainFailure(err, pr);
        log[level](text);
        return '';
    }
}

// EXTERNAL MODULE: ./src/github/event.ts
var github_event = __webpack_require__(5015);
// EXTERNAL MODULE: ./src/report/comment.ts
var comment = __webpack_require__(4231);
// EXTERNAL MODULE: ./src/infra/version.ts
var version = __webpack_require__(8798);
;// CONCATENATED MODULE: ./src/action/comment-step.ts




/**
 * Creates or updates this gate's comment on the pull request of the event. Returns the
 * comment's URL, or '' when none was written; a problem is one notice or warning. `deadline` is
 * the comment's share of the step deadline (main reserves a slice of timeout-seconds for it, so a
 * run that timed out against Security Center can still say so).
 */
async function postPullRequestComment(report, config, env, deadline, log) {
    const settings = config.comment;
    const event = env['GITHUB_EVENT_NAME'] ?? '';
    if (!settings || settings.mode === 'never') {
        log.debug('Pull request comment: comment-on-pr is never.');
        return '';
    }
    if (!github_event/* PULL_REQUEST_EVENTS */.m_.has(event)) {
        log.debug(`Pull request comment: not a pull request event (${event || 'none'}).`);
        return '';
    }
    const pr = (0,github_event/* pullRequestFromEvent */.vR)(env);
    if (typeof pr === 'string') {
        log.notice(`Pull request comment not written: ${pr}.`);
        return '';
    }
    if (settings.token === '') {
        log.notice('Pull request comment not written: github-token is empty. Leave it at its default (${{ github.token }}) or pass a token that may write pull request comments; set comment-on-pr: never to turn comments off.');
        return '';
    }
    const baseUrl = (env['GITHUB_API_URL'] || 'https://api.github.com').replace(/\/+$/, '');
    if (!/^https?:\/\/\S+$/.test(baseUrl)) {
        log.notice('Pull request comment not written: GITHUB_API_URL is not an http(s) URL.');
        return '';
    }
    const marker = (0,comment/* markerFor */._Z)((0,comment/* keyHash */.aE)((0,comment/* commentKeyMaterial */._6)(config, env)));
    const footer = (0,comment/* runFooter */.Vm)(env, new Date(), settings.key);
    return syncComment({
        token: settings.token,
        baseUrl,
        userAgent: version/* USER_AGENT */._,
        pr,
        marker,
        // on-failure with a pass only updates an earlier comment (to say the failure is resolved).
        mayCreate: settings.mode === 'always' || report.result !== 'pass',
        body: (previous) => (0,comment/* buildCommentBody */.SM)(report, config, marker, previous === undefined ? undefined : (0,comment/* previousResult */.Vw)(previous), footer),
        deadline,
        log,
    });
}


/***/ }),

/***/ 4231:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Kq: () => (/* binding */ repositoryKey),
/* harmony export */   SM: () => (/* binding */ buildCommentBody),
/* harmony export */   Vm: () => (/* binding */ runFooter),
/* harmony export */   Vw: () => (/* binding */ previousResult),
/* harmony export */   _6: () => (/* binding */ commentKeyMaterial),
/* harmony export */   _Z: () => (/* binding */ markerFor),
/* harmony export */   aE: () => (/* binding */ keyHash)
/* harmony export */ });
/* unused harmony exports COMMENT_MAX_BYTES, GITHUB_BODY_LIMIT, resolvedPreamble */
/* harmony import */ var _infra_hash_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(5704);
/* harmony import */ var _infra_secrets_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(5391);
/* harmony import */ var _infra_text_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(1671);
/* harmony import */ var _escape_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(6412);
/* harmony import */ var _render_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(4747);
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
    return (0,_infra_hash_js__WEBPACK_IMPORTED_MODULE_0__/* .sha256Hex */ .f)(material);
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
        parts.push(`workflow <code>${(0,_escape_js__WEBPACK_IMPORTED_MODULE_3__/* .escapeShort */ .i)(workflow, 100)}</code>`);
    if (job !== '')
        parts.push(`job <code>${(0,_escape_js__WEBPACK_IMPORTED_MODULE_3__/* .escapeShort */ .i)(job, 100)}</code>`);
    if (customKey !== '')
        parts.push(`comment key <code>${(0,_escape_js__WEBPACK_IMPORTED_MODULE_3__/* .escapeShort */ .i)(customKey, 100)}</code>`);
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
    const markdown = (0,_render_js__WEBPACK_IMPORTED_MODULE_4__/* .renderMarkdown */ .Gc)(report, {
        failBuild: opts.failBuild,
        onError: opts.onError,
        maxBytes: COMMENT_MAX_BYTES,
        preamble,
        footer,
    });
    const body = (0,_infra_secrets_js__WEBPACK_IMPORTED_MODULE_1__/* .scrub */ ._I)(`${marker}\n${stateLine(report.result)}\n${markdown}`);
    // scrub() could only lengthen a text by replacing a one- or two-character secret; stay safe.
    return (0,_infra_text_js__WEBPACK_IMPORTED_MODULE_2__/* .shortenBytes */ .jJ)(body, GITHUB_BODY_LIMIT - 1);
}


/***/ })

};

//# sourceMappingURL=497.index.js.map
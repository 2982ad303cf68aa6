export const id = 34;
export const ids = [34];
export const modules = {

/***/ 7034:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  writeSarif: () => (/* binding */ writeSarif)
});

// EXTERNAL MODULE: ./src/infra/errors.ts
var errors = __webpack_require__(639);
// EXTERNAL MODULE: external "node:zlib"
var external_node_zlib_ = __webpack_require__(8522);
// EXTERNAL MODULE: ./src/core/categories.ts
var core_categories = __webpack_require__(2711);
// EXTERNAL MODULE: ./src/core/findings.ts
var findings = __webpack_require__(4637);
// EXTERNAL MODULE: ./src/infra/hash.ts
var hash = __webpack_require__(5704);
// EXTERNAL MODULE: ./src/infra/text.ts
var infra_text = __webpack_require__(1671);
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
        .filter((c) => (0,findings/* advisoryLink */.Q0)(c) !== undefined)
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
    return ((0,findings/* levelRank */.Le)(a.level) - (0,findings/* levelRank */.Le)(b.level) ||
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
                const level = (0,findings/* levelRank */.Le)(finding.level) < 0 ? 'high' : finding.level;
                const rule = rules.get(ruleId);
                if (rule) {
                    rule.findings.push(finding);
                    rule.severity = Math.max(rule.severity, severity);
                    if ((0,findings/* levelRank */.Le)(level) < (0,findings/* levelRank */.Le)(rule.level))
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
                        if ((0,findings/* levelRank */.Le)(level) < (0,findings/* levelRank */.Le)(seen.level))
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

// EXTERNAL MODULE: ./src/core/selector.ts
var selector = __webpack_require__(7442);
// EXTERNAL MODULE: ./src/report/comment.ts
var comment = __webpack_require__(4231);
;// CONCATENATED MODULE: ./src/report/sarif-images.ts
// The pure half of writing a SARIF log, shared by both front ends: whether the findings read are
// the whole picture (a log missing an image or a category would tell code scanning that its
// alerts were fixed, so such a log is never written), the images as the SARIF builder takes
// them (every finding read, those left out of the limits as unfixable included), and the
// automation id that keeps each gate's alerts apart.




/** The code scanning category: stable per workflow, job and comment key (or repositories). */
function automationId(config, env) {
    return `sas-image-gate/${(0,comment/* keyHash */.aE)((0,comment/* commentKeyMaterial */._6)(config, env)).slice(0, 16)}/`;
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
        const repository = (0,comment/* repositoryKey */.Kq)(o.target.selector);
        const digest = o.gatedDigests?.[0] ?? o.target.selector.digest;
        const name = digest ? `sha256:${digest.slice(0, 12)}…` : (0,selector/* describeSelection */.e9)(o.target.selector);
        return {
            label: repository ? `${name} (${repository})` : name,
            identity: `${o.target.endpoint.site} ${repository}`,
            findings: everyFinding(o),
            ...sarifMarks(o),
        };
    });
}

// EXTERNAL MODULE: ./src/infra/secrets.ts
var secrets = __webpack_require__(5391);
// EXTERNAL MODULE: ./src/infra/version.ts
var version = __webpack_require__(8798);
// EXTERNAL MODULE: ./src/infra/workspace-path.ts
var workspace_path = __webpack_require__(3059);
;// CONCATENATED MODULE: ./src/action/sarif-step.ts
// Writes the SARIF log for code scanning when `sarif-file` is set: every finding read, of every
// image, in one run whose category comes from the comment key (so matrix legs keep their own
// alerts). Loaded only by runs that write one. A log that cannot be written is a warning: the
// verdict never depends on it.






/** Writes the log; returns its absolute path, or '' when it could not be written. */
function writeSarif(config, outcomes, env, log) {
    // A log missing an image or a category would tell code scanning that its alerts were fixed.
    const missing = incompleteFindings(outcomes);
    if (missing) {
        log.warning(`SARIF log not written to ${config.sarifFile}: ${missing} Uploading a log without those findings would close their alerts as fixed.`);
        removeOld(config.sarifFile, log);
        return '';
    }
    try {
        const images = sarifImages(outcomes);
        const built = buildSarif({
            toolVersion: version/* VERSION */.x,
            automationId: automationId(config, env),
            dockerfile: config.dockerfile,
            images,
        });
        // Scrubbed as values, before JSON escaping could hide a secret from the scrubber. A symlink
        // at the path is replaced, never written through.
        (0,workspace_path/* replaceFile */.fR)(config.sarifFile, JSON.stringify((0,secrets/* scrubDeep */.wE)(built.log)));
        log.info(`SARIF log with ${built.resultCount} result(s) written to ${config.sarifFile}${built.truncated > 0 ? ` (${built.truncated} less severe result(s) left out: GitHub accepts at most 25,000 results and 10 MB)` : ''}.`);
        if (built.truncated > 0)
            log.warning(`The SARIF log leaves out ${built.truncated} less severe result(s) to stay within GitHub's limits; the job summary and the report output list the findings by image.`);
        return config.sarifFile;
    }
    catch (err) {
        log.warning(`SARIF log not written to ${config.sarifFile}: ${(0,errors/* describeError */.Uc)(err)}`);
        removeOld(config.sarifFile, log);
        return '';
    }
}
/**
 * No log was written this run: one left at the path by an earlier run (self-hosted runners keep
 * workspaces) must not be uploaded as if it were this run's.
 */
function removeOld(file, log) {
    try {
        if ((0,workspace_path/* removeStale */.sq)(file))
            log.info(`The old SARIF file at ${file} (left by an earlier run) was removed.`);
    }
    catch (err) {
        log.warning(`The old SARIF file at ${file} could not be removed: ${(0,errors/* describeError */.Uc)(err)}`);
    }
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

//# sourceMappingURL=34.index.js.map
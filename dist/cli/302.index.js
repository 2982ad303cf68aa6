export const id = 302;
export const ids = [302];
export const modules = {

/***/ 1302:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  parsePolicy: () => (/* binding */ parsePolicy)
});

// EXTERNAL MODULE: ./src/policy/dates.ts
var dates = __webpack_require__(6931);
// EXTERNAL MODULE: ./src/core/digest.ts
var core_digest = __webpack_require__(5543);
// EXTERNAL MODULE: ./src/core/categories.ts
var categories = __webpack_require__(2711);
// EXTERNAL MODULE: ./src/infra/text.ts
var infra_text = __webpack_require__(1671);
;// CONCATENATED MODULE: ./src/policy/yaml-words.ts
// How the policy checks speak about what they found: a value's kind in words, a value quoted
// the same way everywhere (escaped and shortened, so a hostile file cannot forge a line of the
// log), and a suggestion for a misspelt key.

const SHOWN = 60;
/** A value quoted for a message: JSON-escaped, at most 60 characters. */
function quoted(text) {
    const chars = [...text];
    return JSON.stringify(chars.length > SHOWN ? `${chars.slice(0, SHOWN).join('')}…` : text);
}
/** What a value is, in words: "a number", "a list", "nothing", "text". */
function describe(value) {
    if (value === undefined)
        return 'nothing';
    if (value.kind === 'map')
        return 'a mapping';
    if (value.kind === 'seq')
        return 'a list';
    switch (typeof value.value) {
        case 'string':
            return 'text';
        case 'number':
            return `a number (${value.text})`;
        case 'boolean':
            return `true/false (${value.text})`;
        case 'undefined':
            return 'an alias';
        default:
            return value.value === null ? 'nothing' : 'an unknown value';
    }
}
/**
 * ` (did you mean "expires"?)` when a known key is close (at most two edits, and at most one per
 * three letters of the word, so `x` does not suggest `id`), else ''.
 */
function didYouMean(word, known) {
    const best = (0,infra_text/* nearest */.pA)(word, known, (w) => Math.min(2, Math.floor(w.length / 3)));
    return best === undefined ? '' : ` (did you mean "${best}"?)`;
}

;// CONCATENATED MODULE: ./src/policy/policy-entry.ts
// One `accept:` entry of the policy file, checked field by field. Every rule here closes a way an
// exception could quietly outlive its purpose or cover more than was meant: unknown keys (a typo
// such as `expire:` must never become a permanent acceptance), a required reason, a real expiry
// within the cap, a `package` only where findings name packages, and image scopes that are
// recognisably one of the three image names. Each problem names the key's line; a missing key
// names the entry's line (its `-`).




const ENTRY_KEYS = ['id', 'reason', 'expires', 'category', 'package', 'images'];
const REQUIRED = ['id', 'reason', 'expires'];
const MAX_REASON = 500;
const MAX_NAME = 256;
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f]/;
// eslint-disable-next-line no-control-regex
const CONTROL_BUT_LINES = /[\u0000-\u0008\u000b-\u001f\u007f]/;
const REPO_NAME = /^[^/\s]+\/[^/\s]+$/;
const REPO_ID = /^[^/\s]+$/;
/** Checks one entry; undefined when it has problems (each pushed to `problems`). */
function checkEntry(item, index, rules, problems) {
    const where = `accept[${index}]`;
    const before = problems.length;
    if (item.value?.kind !== 'map') {
        problems.push({
            line: item.line,
            message: `${where}: must be a mapping with id, reason and expires, not ${describe(item.value)}`,
        });
        return undefined;
    }
    const fields = new Map();
    for (const pair of item.value.pairs) {
        const seen = fields.get(pair.key);
        if (seen) {
            problems.push({
                line: pair.line,
                message: `${where}.${pair.key}: given twice (also on line ${seen.line})`,
            });
        }
        else if (!ENTRY_KEYS.includes(pair.key)) {
            problems.push({
                line: pair.line,
                message: `${where}: unknown key ${quoted(pair.key)}${didYouMean(pair.key, ENTRY_KEYS)}`,
            });
        }
        else
            fields.set(pair.key, pair);
    }
    for (const key of REQUIRED)
        if (!fields.has(key))
            problems.push({ line: item.line, message: `${where}: \`${key}\` is required` });
    const field = (key) => {
        const pair = fields.get(key);
        return pair && { ...pair, where: `${where}.${key}` };
    };
    const check = new FieldChecks(problems);
    const id = check.name(field('id'));
    const reason = check.reason(field('reason'));
    const expires = check.expires(field('expires'), rules);
    const category = check.category(field('category'));
    const pkg = check.name(field('package'));
    const images = check.images(field('images'));
    const pkgPair = field('package');
    if (pkgPair && category && category !== 'cve-vulns') {
        problems.push({
            line: pkgPair.line,
            message: `${pkgPair.where}: only CVE findings name a package; with \`category: ${category}\` it could never match (use category cve-vulns or remove \`package\`)`,
        });
    }
    if (problems.length > before || !id || !reason || !expires)
        return undefined;
    return {
        index,
        line: item.line,
        id,
        reason,
        expires,
        ...(category ? { category } : {}),
        ...(pkg ? { package: pkg } : {}),
        ...(images ? { images } : {}),
    };
}
/** The checks of each field: each returns the value, or undefined after pushing a problem. */
class FieldChecks {
    problems;
    constructor(problems) {
        this.problems = problems;
    }
    fail(field, message) {
        this.problems.push({ line: field.line, message: `${field.where}: ${message}` });
        return undefined;
    }
    /** Text as written (a plain number, boolean or empty value is not text). */
    text(f) {
        const v = f.value;
        if (v?.kind === 'scalar' && typeof v.value === 'string')
            return v.value.trim();
        const hint = v?.kind === 'scalar' && v.value !== null ? ' (quote it)' : '';
        return this.fail(f, `must be text, not ${describe(v)}${hint}`);
    }
    /** An id or a package name: one line, not empty, at most 256 characters. */
    name(f) {
        if (!f)
            return undefined;
        const s = this.text(f);
        if (s === undefined)
            return undefined;
        if (s === '')
            return this.fail(f, 'must not be empty');
        if (s.length > MAX_NAME || CONTROL.test(s))
            return this.fail(f, `must be one line of at most ${MAX_NAME} characters`);
        return s;
    }
    reason(f) {
        if (!f)
            return undefined;
        const s = this.text(f);
        if (s === undefined)
            return undefined;
        if (s === '')
            return this.fail(f, 'must not be empty: say why this risk is accepted');
        const length = [...s].length;
        if (length > MAX_REASON)
            return this.fail(f, `is ${length} characters; at most ${MAX_REASON}`);
        if (CONTROL_BUT_LINES.test(s))
            return this.fail(f, 'must not hold control characters');
        return s;
    }
    expires(f, rules) {
        if (!f)
            return undefined;
        const v = f.value;
        if (v?.kind !== 'scalar' || (typeof v.value !== 'string' && typeof v.value !== 'number'))
            return this.fail(f, `must be a date (YYYY-MM-DD), not ${describe(v)}`);
        const text = v.text.trim();
        const day = (0,dates/* parseDay */.Iq)(text);
        if (day === undefined) {
            const shape = /^\d{4}-\d{2}-\d{2}$/.test(text) ? 'is not a real date' : 'is not a date';
            return this.fail(f, `${quoted(text)} ${shape} (use YYYY-MM-DD)`);
        }
        if (rules.maxAcceptDays > 0 && day - rules.today > rules.maxAcceptDays) {
            return this.fail(f, `${text} is ${day - rules.today} days after today (${(0,dates/* formatDay */.im)(rules.today)}); max-accept-days allows at most ${rules.maxAcceptDays}`);
        }
        return text;
    }
    category(f) {
        if (!f)
            return undefined;
        const s = this.text(f);
        if (s === undefined)
            return undefined;
        const category = categories/* CATEGORIES */.R6.find((c) => c === s);
        return (category ?? this.fail(f, `${quoted(s)} is not a category (one of ${categories/* CATEGORIES */.R6.join(', ')})`));
    }
    images(f) {
        if (!f)
            return undefined;
        const v = f.value;
        if (v?.kind !== 'seq')
            return this.fail(f, `must be a list such as [crr-frontend], not ${describe(v)}`);
        if (v.items.length === 0)
            return this.fail(f, 'an empty list covers no image; leave `images` out to cover every image');
        const refs = [];
        v.items.forEach((item, i) => {
            const ref = this.image({
                key: 'images',
                line: item.line,
                value: item.value,
                where: `${f.where}[${i}]`,
            });
            if (ref && !refs.some((r) => r.kind === ref.kind && r.value === ref.value))
                refs.push(ref);
        });
        return refs;
    }
    image(f) {
        const s = this.name(f);
        if (s === undefined)
            return undefined;
        const digest = (0,core_digest/* normalizeDigest */.G)(s);
        if (digest)
            return { kind: 'digest', value: `sha256:${digest}` };
        if (/^sha256:/i.test(s))
            return this.fail(f, `${quoted(s)} is not a sha256 digest (sha256: and 64 hex digits)`);
        if (REPO_NAME.test(s))
            return { kind: 'repo-name', value: s };
        if (REPO_ID.test(s))
            return { kind: 'repo-id', value: s };
        return this.fail(f, `${quoted(s)} is not a repository id, a repository name (namespace/name) or a sha256 digest`);
    }
}

// EXTERNAL MODULE: ./node_modules/yaml/dist/index.js
var dist = __webpack_require__(8815);
;// CONCATENATED MODULE: ./src/policy/yaml-tree.ts
// The policy file as a plain tree with a line number on every node, so the checks that follow
// can name the line of each problem without knowing the YAML library. Parsing runs no code and
// resolves nothing beyond YAML 1.2's core schema (forced, whatever `%YAML` directive the file
// carries): an unquoted 2027-03-31 stays the text as written. Anchors, aliases and explicit tags
// are refused (a policy file has no use for them, and an alias could hide what an entry says);
// a file over 1 MiB is refused before it is parsed. Every problem found is returned, not just
// the first.

/** The largest policy file read, in bytes (UTF-8). */
const MAX_POLICY_BYTES = 1024 * 1024;
/** The number of bytes `text` takes in UTF-8, without encoding it. */
function utf8Bytes(text) {
    let bytes = 0;
    for (const ch of text) {
        const cp = ch.codePointAt(0) ?? 0;
        bytes += cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
    }
    return bytes;
}
/**
 * Parses one YAML document into a tree with line numbers. Undefined tree: the file holds no
 * value (empty, or only comments).
 */
function parseYamlTree(text) {
    const bytes = utf8Bytes(text);
    if (bytes > MAX_POLICY_BYTES) {
        const message = `the file is ${bytes} bytes; a policy file is at most 1 MiB`;
        return { tree: undefined, problems: [{ line: 1, message }], fatal: true };
    }
    const lines = new dist/* LineCounter */.HN();
    const doc = (0,dist/* parseDocument */.Tp)(text, {
        lineCounter: lines,
        keepSourceTokens: true,
        prettyErrors: false,
        version: '1.2',
        schema: 'core',
        merge: false,
        uniqueKeys: false,
    });
    const lineAt = (offset) => lines.linePos(offset).line;
    // Unresolved tags are reported by toTree, with every other tag.
    const problems = [];
    // The parser may report one mistake at two places on a line: each line and message once.
    const seen = new Set();
    for (const e of [...doc.errors, ...doc.warnings]) {
        if (e.code === 'TAG_RESOLVE_FAILED')
            continue;
        const problem = { line: lineAt(e.pos[0]), message: `not valid YAML: ${e.message}` };
        const key = `${problem.line}\n${problem.message}`;
        if (seen.has(key))
            continue;
        seen.add(key);
        problems.push(problem);
    }
    const fatal = doc.errors.length > 0;
    const tree = doc.contents ? toTree(doc.contents, lineAt, problems) : undefined;
    return { tree, problems, fatal };
}
function toTree(node, lineAt, problems) {
    const line = lineAt(node.range?.[0] ?? 0);
    if ((0,dist/* isAlias */.Vj)(node)) {
        problems.push({ line, message: `aliases are not allowed (*${node.source})` });
        return { kind: 'scalar', line, value: undefined, text: `*${node.source}` };
    }
    if (node.anchor)
        problems.push({ line, message: `anchors are not allowed (&${node.anchor})` });
    if (node.tag)
        problems.push({ line, message: `tags are not allowed (${node.tag})` });
    if ((0,dist/* isScalar */.jn)(node)) {
        const text = typeof node.source === 'string' ? node.source : String(node.value);
        return { kind: 'scalar', line, value: node.value, text };
    }
    if ((0,dist/* isMap */.jh)(node)) {
        const pairs = [];
        for (const pair of node.items) {
            const key = pair.key;
            const value = pair.value;
            const keyLine = key?.range ? lineAt(key.range[0]) : line;
            const keyTree = key ? toTree(key, lineAt, problems) : undefined;
            const valueTree = value ? toTree(value, lineAt, problems) : undefined;
            if (keyTree?.kind !== 'scalar') {
                problems.push({ line: keyLine, message: 'a key must be a plain word' });
                continue;
            }
            pairs.push({ key: keyTree.text, line: keyLine, value: valueTree });
        }
        return { kind: 'map', line, pairs };
    }
    if ((0,dist/* isSeq */.oP)(node)) {
        const dashes = dashLines(node.srcToken, lineAt);
        const items = node.items.map((item, i) => {
            const value = item ? toTree(item, lineAt, problems) : undefined;
            return { line: dashes[i] ?? value?.line ?? line, value };
        });
        return { kind: 'seq', line, items };
    }
    problems.push({ line, message: 'unsupported YAML node' });
    return undefined;
}
/** The line of each `-` of a block list (empty for a flow list `[a, b]`). */
function dashLines(token, lineAt) {
    const t = token;
    if (t?.type !== 'block-seq' || !t.items)
        return [];
    return t.items.map((item) => {
        const dash = item.start.find((s) => s.type === 'seq-item-ind');
        return dash ? lineAt(dash.offset) : undefined;
    });
}

;// CONCATENATED MODULE: ./src/policy/policy-file.ts




const TOP_KEYS = ['version', 'accept'];
/** Checks the policy file's text: the policy, or every problem found, ordered by line. */
function parsePolicy(text, options) {
    if (!Number.isInteger(options.maxAcceptDays) || options.maxAcceptDays < 0)
        throw new Error(`maxAcceptDays must be a whole number ≥ 0, not ${options.maxAcceptDays}`);
    const rules = { today: (0,dates/* dayOf */.kb)(options.today), maxAcceptDays: options.maxAcceptDays };
    const parsed = parseYamlTree(text);
    const problems = [...parsed.problems];
    const entries = parsed.fatal ? [] : checkTop(parsed.tree, rules, problems);
    if (problems.length > 0) {
        const lines = [...problems].sort((a, b) => a.line - b.line);
        return { ok: false, problems: lines.map((p) => `${options.path}:${p.line}: ${p.message}`) };
    }
    return { ok: true, policy: { path: options.path, entries } };
}
function checkTop(tree, rules, problems) {
    if (tree === undefined) {
        problems.push({ line: 1, message: 'no `version`: the file must start with `version: 1`' });
        return [];
    }
    if (tree.kind !== 'map') {
        problems.push({
            line: tree.line,
            message: `the file must be a mapping with \`version: 1\` and \`accept:\`, not ${describe(tree)}`,
        });
        return [];
    }
    const seen = new Map();
    let accept;
    let version = false;
    for (const pair of tree.pairs) {
        const twice = seen.get(pair.key);
        seen.set(pair.key, pair.line);
        if (twice !== undefined) {
            problems.push({
                line: pair.line,
                message: `${pair.key}: given twice (also on line ${twice})`,
            });
        }
        else if (pair.key === 'version') {
            version = true;
            checkVersion(pair.value, pair.line, problems);
        }
        else if (pair.key === 'accept') {
            accept = pair.value;
        }
        else {
            problems.push({
                line: pair.line,
                message: `unknown key ${quoted(pair.key)}${didYouMean(pair.key, TOP_KEYS)}`,
            });
        }
    }
    if (!version)
        problems.push({
            line: tree.line,
            message: 'no `version`: the file must start with `version: 1`',
        });
    const acceptLine = tree.pairs.find((p) => p.key === 'accept')?.line ?? tree.line;
    return checkAccept(accept, acceptLine, rules, problems);
}
function checkVersion(value, line, problems) {
    if (value?.kind === 'scalar' && value.value === 1)
        return;
    const shown = value?.kind === 'scalar' ? quoted(value.text) : describe(value);
    problems.push({ line, message: `version: must be 1 (the only format version), not ${shown}` });
}
function checkAccept(accept, line, rules, problems) {
    if (accept === undefined || (accept.kind === 'scalar' && accept.value === null))
        return [];
    if (accept.kind !== 'seq') {
        problems.push({ line, message: `accept: must be a list of entries, not ${describe(accept)}` });
        return [];
    }
    const entries = [];
    accept.items.forEach((item, index) => {
        const entry = checkEntry(item, index, rules, problems);
        if (entry)
            entries.push(entry);
    });
    checkDuplicates(entries, problems);
    return entries;
}
/** Same id (any case), scope, reason and expiry: the later entry is reported. */
function checkDuplicates(entries, problems) {
    const first = new Map();
    for (const entry of entries) {
        const key = scopeKey(entry);
        const earlier = first.get(key);
        if (earlier) {
            problems.push({
                line: entry.line,
                message: `accept[${entry.index}]: duplicates accept[${earlier.index}] (line ${earlier.line}): same id, scope, reason and expires; remove one`,
            });
        }
        else
            first.set(key, entry);
    }
}
function scopeKey(entry) {
    const images = (entry.images ?? []).map((r) => `${r.kind}:${r.value}`).sort();
    const category = entry.category ?? '';
    return JSON.stringify([
        entry.id.toLowerCase(),
        category,
        entry.package ?? '',
        images,
        entry.reason,
        entry.expires,
    ]);
}


/***/ })

};

//# sourceMappingURL=302.index.js.map
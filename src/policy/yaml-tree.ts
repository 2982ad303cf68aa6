// The policy file as a plain tree with a line number on every node, so the checks that follow
// can name the line of each problem without knowing the YAML library. Parsing runs no code and
// resolves nothing beyond YAML 1.2's core schema (forced, whatever `%YAML` directive the file
// carries): an unquoted 2027-03-31 stays the text as written. Anchors, aliases and explicit tags
// are refused (a policy file has no use for them, and an alias could hide what an entry says);
// a file over 1 MiB is refused before it is parsed. Every problem found is returned, not just
// the first.
import { LineCounter, isAlias, isMap, isScalar, isSeq, parseDocument, type Node } from 'yaml';

/** The largest policy file read, in bytes (UTF-8). */
export const MAX_POLICY_BYTES = 1024 * 1024;

export type YamlTree = YamlScalar | YamlMap | YamlSeq;

export interface YamlScalar {
  kind: 'scalar';
  line: number;
  /** The value under the core schema: string, number, boolean or null; undefined for an alias. */
  value: unknown;
  /** The text as written (without quotes). */
  text: string;
}

export interface YamlPair {
  key: string;
  line: number;
  /** Undefined when the key has no value (`key:`), which reads as null. */
  value: YamlTree | undefined;
}

export interface YamlMap {
  kind: 'map';
  line: number;
  pairs: YamlPair[];
}

export interface YamlSeq {
  kind: 'seq';
  line: number;
  /** Each item with its line: the line of its `-` in a block list. */
  items: { line: number; value: YamlTree | undefined }[];
}

/** A problem with the line it is on. */
export interface LineProblem {
  line: number;
  message: string;
}

/**
 * The tree (undefined: the file holds no value, being empty or only comments) and the problems
 * found. `fatal`: the YAML itself is broken, so the tree may not say what the file means and
 * must not be checked further.
 */
export interface YamlParse {
  tree: YamlTree | undefined;
  problems: LineProblem[];
  fatal: boolean;
}

/** The number of bytes `text` takes in UTF-8, without encoding it. */
export function utf8Bytes(text: string): number {
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
export function parseYamlTree(text: string): YamlParse {
  const bytes = utf8Bytes(text);
  if (bytes > MAX_POLICY_BYTES) {
    const message = `the file is ${bytes} bytes; a policy file is at most 1 MiB`;
    return { tree: undefined, problems: [{ line: 1, message }], fatal: true };
  }
  const lines = new LineCounter();
  const doc = parseDocument(text, {
    lineCounter: lines,
    keepSourceTokens: true,
    prettyErrors: false,
    version: '1.2',
    schema: 'core',
    merge: false,
    uniqueKeys: false,
  });
  const lineAt = (offset: number) => lines.linePos(offset).line;
  // Unresolved tags are reported by toTree, with every other tag.
  const problems: LineProblem[] = [];
  // The parser may report one mistake at two places on a line: each line and message once.
  const seen = new Set<string>();
  for (const e of [...doc.errors, ...doc.warnings]) {
    if (e.code === 'TAG_RESOLVE_FAILED') continue;
    const problem = { line: lineAt(e.pos[0]), message: `not valid YAML: ${e.message}` };
    const key = `${problem.line}\n${problem.message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    problems.push(problem);
  }
  const fatal = doc.errors.length > 0;
  const tree = doc.contents ? toTree(doc.contents, lineAt, problems) : undefined;
  return { tree, problems, fatal };
}

type LineAt = (offset: number) => number;

function toTree(node: Node, lineAt: LineAt, problems: LineProblem[]): YamlTree | undefined {
  const line = lineAt(node.range?.[0] ?? 0);
  if (isAlias(node)) {
    problems.push({ line, message: `aliases are not allowed (*${node.source})` });
    return { kind: 'scalar', line, value: undefined, text: `*${node.source}` };
  }
  if (node.anchor) problems.push({ line, message: `anchors are not allowed (&${node.anchor})` });
  if (node.tag) problems.push({ line, message: `tags are not allowed (${node.tag})` });
  if (isScalar(node)) {
    const text = typeof node.source === 'string' ? node.source : String(node.value);
    return { kind: 'scalar', line, value: node.value, text };
  }
  if (isMap(node)) {
    const pairs: YamlPair[] = [];
    for (const pair of node.items) {
      const key = pair.key as Node | null;
      const value = pair.value as Node | null;
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
  if (isSeq(node)) {
    const dashes = dashLines(node.srcToken, lineAt);
    const items = node.items.map((item, i) => {
      const value = item ? toTree(item as Node, lineAt, problems) : undefined;
      return { line: dashes[i] ?? value?.line ?? line, value };
    });
    return { kind: 'seq', line, items };
  }
  problems.push({ line, message: 'unsupported YAML node' });
  return undefined;
}

/** The line of each `-` of a block list (empty for a flow list `[a, b]`). */
function dashLines(token: unknown, lineAt: LineAt): (number | undefined)[] {
  const t = token as { type?: string; items?: { start: { type: string; offset: number }[] }[] };
  if (t?.type !== 'block-seq' || !t.items) return [];
  return t.items.map((item) => {
    const dash = item.start.find((s) => s.type === 'seq-item-ind');
    return dash ? lineAt(dash.offset) : undefined;
  });
}

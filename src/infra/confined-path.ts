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
import { closeSync, fstatSync, lstatSync, openSync, readSync, realpathSync } from 'node:fs';
import path from 'node:path';

export type ConfinedRead =
  /** The file's text, and its path relative to the root with `/` separators. */
  | { text: string; relative: string }
  /** Nothing at that path (and nothing on the way leads out of the root); where it would be. */
  | { missing: true; relative?: string }
  /** Why the path is refused or the file cannot be used, as a phrase after the path. */
  | { problem: string };

/** Whether `child` is `parent` itself or lies under it (both absolute and normalised). */
function isWithin(parent: string, child: string): boolean {
  const rel = path.relative(parent, child);
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
}

function code(err: unknown): string | undefined {
  // Duck-typed: errors from another realm (a test's VM context) are not `instanceof Error`.
  return typeof err === 'object' && err !== null && 'code' in err && typeof err.code === 'string'
    ? err.code
    : undefined;
}

/**
 * The real path `given` leads to under `root`, or why it is refused. A path whose deepest
 * existing part is inside the root but whose rest does not exist resolves to `missing`.
 */
export function resolveConfined(
  root: string,
  given: string,
  /** How messages name the root: the action's workspace, the command line's working directory. */
  rootName = 'the workspace',
): { real: string; relative: string; exists: boolean } | { problem: string } {
  const rootAbs = path.resolve(root);
  const target = path.resolve(rootAbs, given);
  if (!isWithin(rootAbs, target)) return { problem: `lies outside ${rootName}` };
  // A workspace not made yet (a file to write creates it) is judged by its deepest existing part.
  const rootReal = realOrPlanned(rootAbs);
  if (rootReal === undefined)
    return { problem: `cannot be checked: ${rootName} cannot be resolved` };
  // The deepest part of the path that exists, through any symbolic links on the way.
  let existing = target;
  const rest: string[] = [];
  for (;;) {
    try {
      const real = realpathSync(existing);
      const full = path.join(real, ...rest);
      if (!isWithin(rootReal, full))
        return { problem: `leads outside ${rootName} (through a symbolic link)` };
      const relative = path.relative(rootReal, full).split(path.sep).join('/');
      return { real: full, relative, exists: rest.length === 0 };
    } catch (err) {
      const why = code(err);
      if (why !== 'ENOENT' && why !== 'ENOTDIR')
        return { problem: `cannot be resolved (${why ?? String(err)})` };
      // A link whose target is missing is not "nothing there": it points somewhere.
      if (isLink(existing)) return { problem: 'is a symbolic link to nothing' };
      const parent = path.dirname(existing);
      if (parent === existing) return { problem: 'cannot be resolved' };
      rest.unshift(path.basename(existing));
      existing = parent;
    }
  }
}

/** The real path of `p`, or of its deepest existing ancestor with the rest appended. */
function realOrPlanned(p: string): string | undefined {
  const rest: string[] = [];
  for (let at = p; ;) {
    try {
      return path.join(realpathSync(at), ...rest);
    } catch (err) {
      const why = code(err);
      const up = path.dirname(at);
      if ((why !== 'ENOENT' && why !== 'ENOTDIR') || up === at) return undefined;
      rest.unshift(path.basename(at));
      at = up;
    }
  }
}

function isLink(p: string): boolean {
  try {
    return lstatSync(p).isSymbolicLink();
  } catch {
    return false;
  }
}

/**
 * Reads a UTF-8 text file named by `given` under `root`, at most `maxBytes` long. Never throws:
 * every failure is a `problem` (or `missing`).
 */
export function readConfinedText(
  root: string,
  given: string,
  maxBytes: number,
  rootName?: string,
): ConfinedRead {
  const resolved = resolveConfined(root, given, rootName);
  if ('problem' in resolved) return resolved;
  if (!resolved.exists) return { missing: true, relative: resolved.relative };
  let fd: number | undefined;
  try {
    fd = openSync(resolved.real, 'r');
    const stat = fstatSync(fd);
    if (!stat.isFile()) return { problem: 'is not a file' };
    if (stat.size > maxBytes) return { problem: `is larger than ${maxBytes} bytes` };
    // One byte more than allowed tells a file that grew since fstat.
    const buffer = Buffer.alloc(Math.min(stat.size, maxBytes) + 1);
    let length = 0;
    for (;;) {
      const n = readSync(fd, buffer, length, buffer.length - length, null);
      if (n === 0) break;
      length += n;
      if (length === buffer.length) break;
    }
    if (length > maxBytes) return { problem: `is larger than ${maxBytes} bytes` };
    const text = new TextDecoder('utf-8', { fatal: true }).decode(buffer.subarray(0, length));
    return { text, relative: resolved.relative };
  } catch (err) {
    const why = code(err);
    if (why === 'ENOENT') return { missing: true };
    if (why === 'ERR_ENCODING_INVALID_ENCODED_DATA') return { problem: 'is not UTF-8 text' };
    return { problem: `cannot be read (${why ?? 'unexpected error'})` };
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

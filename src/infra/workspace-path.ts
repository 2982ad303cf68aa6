// Files the action writes (sarif-file, report-file) stay inside the workspace. A path is judged
// by where the folder it would be written in really leads, by the same rule as the files the
// gate reads (confined-path.ts: `..`, an absolute path elsewhere, a symbolic link leading out or
// to nothing are refused); found before any network request. A symlink at the file itself (a
// pull request can add one) is replaced, never written through: the file is written beside it
// under a temporary name and renamed over it. Shared by every front end that writes files.
import { randomBytes } from 'node:crypto';
import { lstatSync, mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { resolveConfined } from './confined-path.js';

export type Confined = { path: string } | { problem: string };

/**
 * `raw` resolved against the workspace, when the folder it would be written in leads inside the
 * workspace; else why not (a sentence without the input's name, for the caller to prefix).
 */
export function confineToWorkspace(raw: string, workspace: string): Confined {
  const root = path.resolve(workspace);
  const file = path.resolve(root, raw);
  if (file === root) return { problem: 'names the workspace itself, not a file in it' };
  // The file itself may be a symlink: it is replaced, so only its folder has to stay inside.
  const folder = resolveConfined(root, path.dirname(file));
  if ('problem' in folder)
    return { problem: `${folder.problem}; give a path inside it, such as results/out.json` };
  return { path: file };
}

/**
 * Writes `data` to `file`, creating its folders; a symlink (or any file) at `file` is replaced by
 * renaming a temporary file of the same folder over it, so nothing is written through a link.
 */
export function replaceFile(file: string, data: string): void {
  const dir = path.dirname(file);
  mkdirSync(dir, { recursive: true });
  const temp = path.join(dir, `.${path.basename(file)}.${randomBytes(6).toString('hex')}.tmp`);
  try {
    writeFileSync(temp, data, { flag: 'wx', mode: 0o644 });
    renameSync(temp, file);
  } catch (err) {
    rmSync(temp, { force: true });
    throw err;
  }
}

/** Removes a file (or a symlink, not its target) left at `file`; true when one was removed. */
export function removeStale(file: string): boolean {
  try {
    const stat = lstatSync(file);
    if (stat.isDirectory()) return false;
  } catch {
    return false;
  }
  rmSync(file, { force: true });
  return true;
}

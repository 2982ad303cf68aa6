// Where the action may write (infra/workspace-path.ts): the folder a path would be written in
// must lead inside the workspace (judged by infra/confined-path.ts, as the policy file is); a
// symlink at the file itself is replaced.
import {
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  realpathSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { confineToWorkspace, removeStale, replaceFile } from '../../../src/infra/workspace-path.js';

let ws: string;
let outside: string;
beforeEach(() => {
  ws = realpathSync(mkdtempSync(path.join(tmpdir(), 'sas-ws-')));
  outside = realpathSync(mkdtempSync(path.join(tmpdir(), 'sas-out-')));
});
afterEach(() => {
  rmSync(ws, { recursive: true, force: true });
  rmSync(outside, { recursive: true, force: true });
});

test.each(['x.sarif', 'a/b/c.json', './x', `${'deep/'.repeat(5)}x`, 'a/../x'])(
  '%s inside the workspace is accepted',
  (raw) => {
    expect(confineToWorkspace(raw, ws)).toEqual({ path: path.resolve(ws, raw) });
  },
);

test('an absolute path inside the workspace is accepted', () => {
  expect(confineToWorkspace(path.join(ws, 'x'), ws)).toEqual({ path: path.join(ws, 'x') });
});

test.each(['../x', '/etc/passwd', 'a/../../x', '.'])('%s is refused', (raw) => {
  expect(confineToWorkspace(raw, ws)).toEqual({ problem: expect.any(String) as string });
});

test('a folder symlink that leads out is refused, also below folders not made yet', () => {
  symlinkSync(outside, path.join(ws, 'link'));
  expect(confineToWorkspace('link/x.json', ws)).toHaveProperty('problem');
  expect(confineToWorkspace('link/new/deeper/x.json', ws)).toHaveProperty('problem');
});

test('a folder symlink to nothing is refused: it points somewhere, possibly out', () => {
  symlinkSync(path.join(outside, 'gone'), path.join(ws, 'link'));
  expect(confineToWorkspace('link/x.json', ws)).toHaveProperty('problem');
});

test('the problem says where the path leads and what to give instead', () => {
  expect(confineToWorkspace('../x.json', ws)).toEqual({
    problem: 'lies outside the workspace; give a path inside it, such as results/out.json',
  });
});

test('a folder symlink that stays inside is accepted', () => {
  mkdirSync(path.join(ws, 'real'));
  symlinkSync(path.join(ws, 'real'), path.join(ws, 'link'));
  expect(confineToWorkspace('link/x.json', ws)).toHaveProperty('path');
});

test('a workspace reached through a symlink is judged by its real path', () => {
  const alias = path.join(outside, 'alias');
  symlinkSync(ws, alias);
  expect(confineToWorkspace('x.json', alias)).toEqual({ path: path.join(alias, 'x.json') });
});

test('a symlink at the file is replaced, its target untouched', () => {
  const victim = path.join(outside, 'victim');
  writeFileSync(victim, 'precious');
  const file = path.join(ws, 'out.json');
  symlinkSync(victim, file);
  expect(confineToWorkspace('out.json', ws)).toEqual({ path: file });
  replaceFile(file, '{}');
  expect(readFileSync(victim, 'utf8')).toBe('precious');
  expect(lstatSync(file).isSymbolicLink()).toBe(false);
  expect(readFileSync(file, 'utf8')).toBe('{}');
});

test('removeStale removes a file or a link (never its target), not a folder', () => {
  const victim = path.join(outside, 'victim');
  writeFileSync(victim, 'precious');
  symlinkSync(victim, path.join(ws, 'link'));
  writeFileSync(path.join(ws, 'old'), 'x');
  mkdirSync(path.join(ws, 'dir'));
  expect(removeStale(path.join(ws, 'link'))).toBe(true);
  expect(removeStale(path.join(ws, 'old'))).toBe(true);
  expect(removeStale(path.join(ws, 'dir'))).toBe(false);
  expect(removeStale(path.join(ws, 'none'))).toBe(false);
  expect(readFileSync(victim, 'utf8')).toBe('precious');
});

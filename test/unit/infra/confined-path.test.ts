// Reading a file by a user-given path confined to a root folder: what is read, what is missing,
// and every way out of the root that is refused (`..`, absolute elsewhere, symbolic links).
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { readConfinedText, resolveConfined } from '../../../src/infra/confined-path.js';

let base: string;
let root: string;
let outside: string;

beforeEach(() => {
  base = mkdtempSync(path.join(tmpdir(), 'confined-'));
  root = path.join(base, 'workspace');
  outside = path.join(base, 'elsewhere');
  mkdirSync(path.join(root, '.github'), { recursive: true });
  mkdirSync(outside);
  writeFileSync(path.join(root, '.github', 'policy.yml'), 'version: 1\n');
  writeFileSync(path.join(outside, 'secret.yml'), 'version: 1\n');
});

afterEach(() => rmSync(base, { recursive: true, force: true }));

const MIB = 1024 * 1024;

test('reads a file inside the root, with its root-relative path', () => {
  expect(readConfinedText(root, '.github/policy.yml', MIB)).toEqual({
    text: 'version: 1\n',
    relative: '.github/policy.yml',
  });
  expect(readConfinedText(root, './.github//policy.yml', MIB)).toMatchObject({
    relative: '.github/policy.yml',
  });
  expect(readConfinedText(root, path.join(root, '.github/policy.yml'), MIB)).toMatchObject({
    relative: '.github/policy.yml',
  });
});

test('a path with nothing there is missing, also under a missing folder', () => {
  expect(readConfinedText(root, '.github/none.yml', MIB)).toEqual({
    missing: true,
    relative: '.github/none.yml',
  });
  expect(readConfinedText(root, 'no/such/dir/x.yml', MIB)).toEqual({
    missing: true,
    relative: 'no/such/dir/x.yml',
  });
});

test.each([
  ['..', '../elsewhere/secret.yml'],
  ['.. inside the path', '.github/../../elsewhere/secret.yml'],
  ['an absolute path elsewhere', '/etc/passwd'],
])('refuses %s', (_name, given) => {
  expect(readConfinedText(root, given, MIB)).toEqual({ problem: 'lies outside the workspace' });
});

test('refuses a symbolic link leading out, to a file or through a folder', () => {
  symlinkSync(path.join(outside, 'secret.yml'), path.join(root, 'link.yml'));
  symlinkSync(outside, path.join(root, 'dir'));
  const out = { problem: 'leads outside the workspace (through a symbolic link)' };
  expect(readConfinedText(root, 'link.yml', MIB)).toEqual(out);
  expect(readConfinedText(root, 'dir/secret.yml', MIB)).toEqual(out);
  // Even where the file itself does not exist: the deepest existing part decides.
  expect(readConfinedText(root, 'dir/none/x.yml', MIB)).toEqual(out);
});

test('follows a symbolic link that stays inside the root', () => {
  symlinkSync(path.join(root, '.github', 'policy.yml'), path.join(root, 'inside.yml'));
  expect(readConfinedText(root, 'inside.yml', MIB)).toEqual({
    text: 'version: 1\n',
    relative: '.github/policy.yml',
  });
});

test('a root reached through a symbolic link confines to its real folder', () => {
  const linkedRoot = path.join(base, 'ws-link');
  symlinkSync(root, linkedRoot);
  expect(readConfinedText(linkedRoot, '.github/policy.yml', MIB)).toMatchObject({
    text: 'version: 1\n',
  });
  expect(readConfinedText(linkedRoot, '../elsewhere/secret.yml', MIB)).toHaveProperty('problem');
});

test('a dangling symbolic link is refused, not missing', () => {
  symlinkSync(path.join(outside, 'gone.yml'), path.join(root, 'dangling.yml'));
  expect(readConfinedText(root, 'dangling.yml', MIB)).toEqual({
    problem: 'is a symbolic link to nothing',
  });
});

test('a folder, an oversized file and a file that is not UTF-8 are refused', () => {
  expect(readConfinedText(root, '.github', MIB)).toEqual({ problem: 'is not a file' });
  writeFileSync(path.join(root, 'big.yml'), 'x'.repeat(MIB + 1));
  expect(readConfinedText(root, 'big.yml', MIB)).toEqual({
    problem: `is larger than ${MIB} bytes`,
  });
  writeFileSync(path.join(root, 'exact.yml'), 'x'.repeat(MIB));
  expect(readConfinedText(root, 'exact.yml', MIB)).toHaveProperty('text');
  writeFileSync(path.join(root, 'latin1.yml'), Buffer.from([0x69, 0x64, 0x3a, 0xe9, 0x0a]));
  expect(readConfinedText(root, 'latin1.yml', MIB)).toEqual({ problem: 'is not UTF-8 text' });
});

test('resolveConfined tells an existing path from one that is not there yet', () => {
  expect(resolveConfined(root, '.github/policy.yml')).toMatchObject({ exists: true });
  expect(resolveConfined(root, '.github/new.yml')).toMatchObject({
    exists: false,
    relative: '.github/new.yml',
  });
});

test('a root not made yet is judged by its deepest existing part: missing, never refused', () => {
  const planned = path.join(root, 'not', 'yet');
  expect(resolveConfined(planned, 'out/x.json')).toMatchObject({
    exists: false,
    relative: 'out/x.json',
  });
  expect(readConfinedText(planned, 'x.yml', MIB)).toEqual({ missing: true, relative: 'x.yml' });
  expect(resolveConfined(planned, '../../../x.json')).toEqual({
    problem: 'lies outside the workspace',
  });
});

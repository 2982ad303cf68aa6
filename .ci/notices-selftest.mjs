#!/usr/bin/env node
// Proves that the notice check in .ci/notices.mjs can fail, so a green run means something.
//
// 1. `--check` passes on the committed dist/licenses.txt.
// 2. For every notice in it, a copy without that one notice makes `--check` exit non-zero and
//    name the package; so do a copy whose notice lost its license text and a copy with a notice
//    for a package that is not bundled.
// 3. Writing notices for a small fixture project fails when a bundled package ships no license
//    file, and succeeds (and then passes --check) once it has one.
// Run by .ci/run after the build.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import process from 'node:process';
import { fileURLToPath, URL } from 'node:url';

const script = fileURLToPath(new URL('./notices.mjs', import.meta.url));
const root = path.resolve(path.dirname(script), '..');
const licenses = path.join(root, 'dist', 'licenses.txt');
const RULE = '='.repeat(80);
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'notices-selftest-'));

function notices(...args) {
  const run = spawnSync(process.execPath, [script, ...args], { encoding: 'utf8' });
  return { status: run.status, output: `${run.stdout}${run.stderr}` };
}

function checkCopy(name, content) {
  const file = path.join(tmp, name);
  fs.writeFileSync(file, content);
  return notices('--check', '--licenses', file);
}

function expectFailure(what, run, mention) {
  assert.notEqual(run.status, 0, `the check passed ${what}:\n${run.output}`);
  assert.ok(
    run.output.includes(mention),
    `the failure ${what} does not name ${mention}:\n${run.output}`,
  );
}

try {
  const intact = notices('--check');
  assert.equal(intact.status, 0, `the check fails on the committed notices:\n${intact.output}`);

  const content = fs.readFileSync(licenses, 'utf8');
  const [head, ...sections] = content.split(`\n${RULE}\n`);
  assert.ok(sections.length > 0, 'dist/licenses.txt holds no notices');
  const join = (parts) => [head, ...parts].join(`\n${RULE}\n`);
  const nameOf = (section) => /^Package: (.+)$/m.exec(section)?.[1] ?? '?';
  const versionOf = (section) => /^Version: (.+)$/m.exec(section)?.[1] ?? '?';

  for (let i = 0; i < sections.length; i++) {
    const key = `${nameOf(sections[i])}@${versionOf(sections[i])}`;
    const run = checkCopy(`without-${i}.txt`, join(sections.filter((_, j) => j !== i)));
    expectFailure(`without the notice of ${key}`, run, `${key} is bundled`);
  }

  const first = sections[0];
  const firstKey = `${nameOf(first)}@${versionOf(first)}`;
  const textless = first.slice(0, first.indexOf('\n' + '-'.repeat(80) + '\n') + 82);
  expectFailure(
    'with an empty license text',
    checkCopy('textless.txt', join([textless, ...sections.slice(1)])),
    firstKey,
  );
  const stranger = first.replace(/^Package: .+$/m, 'Package: not-bundled-package');
  expectFailure(
    'with a notice for a package that is not bundled',
    checkCopy('stranger.txt', join([...sections, stranger])),
    'not-bundled-package@',
  );

  // A fixture project: one bundled package, first without a license file.
  const fixture = path.join(tmp, 'project');
  const pkgDir = path.join(fixture, 'node_modules', 'unlicensed-pkg');
  fs.mkdirSync(pkgDir, { recursive: true });
  fs.mkdirSync(path.join(fixture, 'dist'));
  fs.writeFileSync(
    path.join(pkgDir, 'package.json'),
    JSON.stringify({ name: 'unlicensed-pkg', version: '1.2.3', license: 'MIT' }),
  );
  fs.writeFileSync(path.join(pkgDir, 'index.js'), 'module.exports = 1;\n');
  fs.writeFileSync(path.join(fixture, 'dist', 'index.js'), 'export {};\n');
  fs.writeFileSync(
    path.join(fixture, 'dist', 'index.js.map'),
    JSON.stringify({ version: 3, sources: ['../node_modules/unlicensed-pkg/index.js'] }),
  );
  const stats = JSON.stringify({
    modules: [{ name: './node_modules/unlicensed-pkg/index.js', chunks: [1] }],
  });
  const statsFile = path.join(fixture, 'dist', 'ncc-stats.json');
  fs.writeFileSync(statsFile, stats);
  expectFailure(
    'for a package without a license file',
    notices('--root', fixture, '--stats', statsFile),
    'unlicensed-pkg@1.2.3',
  );
  fs.writeFileSync(path.join(pkgDir, 'LICENSE'), 'MIT License\n\nCopyright (c) the fixture\n');
  fs.writeFileSync(statsFile, stats);
  const written = notices('--root', fixture, '--stats', statsFile);
  assert.equal(written.status, 0, `writing the fixture's notices failed:\n${written.output}`);
  assert.ok(!fs.existsSync(statsFile), 'the stats file was left in dist/');
  const fixtureCheck = notices('--root', fixture, '--check');
  assert.equal(fixtureCheck.status, 0, `the fixture's check failed:\n${fixtureCheck.output}`);

  console.log(
    `notices self-test: ok (the check failed with each of ${sections.length} notices removed, ` +
      'with an empty text and with a stray notice; writing failed without a license file)',
  );
} catch (error) {
  console.error(`notices self-test: ${error.message}`);
  process.exitCode = 1;
} finally {
  fs.rmSync(tmp, { recursive: true, force: true });
}

#!/usr/bin/env node
// Third-party notices for dist/.
//
// Why this exists: `ncc --license` only lists the packages it happens to meet through a
// package.json "license" lookup, which left out undici, @actions/core, @octokit/*,
// before-after-hook (Apache-2.0) and others although their code is in the bundle. This script
// takes the list of bundled files from the build itself and writes one notice per package: name,
// version, license id and the full license text the package ships.
//
//   node .ci/notices.mjs --stats <file>…  (npm run build) write dist/licenses.txt from ncc's
//                                          webpack stats (--stats-out; once per bundle: the action
//                                          and the command line), then delete the stats files
//   node .ci/notices.mjs --check          fail unless every package bundled into a dist/ chunk has
//                                          a notice in dist/licenses.txt (and nothing else has one)
//
// Options: --root <dir> (the project, default: the parent of .ci/), --licenses <file> (the notice
// file to write or check, default: <root>/dist/licenses.txt).
//
// Where the list of bundled packages comes from:
// - writing: every module webpack put into a chunk (modules merged by scope hoisting are listed
//   inside their concatenated module), cross-checked against the source maps;
// - checking: the `sources` of the committed source maps (dist/*.js.map), which name every file
//   each chunk was built from, so the check needs no rebuild and no stats file.
// Files under node_modules/ belong to the innermost package folder, so copies nested under another
// package's node_modules/ (e.g. a second @actions/http-client) get their own notice. webpack's
// runtime and Node built-ins are not packages; our own src/ is covered by LICENSE.
//
// The output is deterministic: packages sorted by name then version, text normalised to LF.
import fs from 'node:fs';
import path from 'node:path';
import process from 'node:process';
import { fileURLToPath } from 'node:url';

// Packages that ship no LICENSE/LICENCE/COPYING file. Every entry must say why the text is right
// (where it was taken from) and names one exact version, so an upgrade is reviewed again.
// Shape: 'name@version': { license: 'SPDX id', source: 'where the text comes from', text: '...' }
const SUPPLIED_NOTICES = {};

const RULE = '='.repeat(80);
const SUBRULE = '-'.repeat(80);
const LICENSE_FILE = /^(?:licen[cs]e|copying|notice)(?:[-._].*)?$/i;

function fail(message) {
  const error = new Error(message);
  error.expected = true;
  throw error;
}

function parseArgs(argv) {
  const here = path.dirname(fileURLToPath(import.meta.url));
  const options = { root: path.resolve(here, '..'), check: false, stats: [] };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const value = () => {
      const next = argv[++i];
      if (next === undefined) fail(`${arg} needs a value`);
      return next;
    };
    if (arg === '--check') options.check = true;
    else if (arg === '--stats') options.stats.push(value());
    else if (arg === '--root') options.root = path.resolve(value());
    else if (arg === '--licenses') options.licenses = value();
    else fail(`unknown argument ${arg}`);
  }
  options.dist = path.join(options.root, 'dist');
  options.licenses = path.resolve(options.licenses ?? path.join(options.dist, 'licenses.txt'));
  if (!options.check && options.stats.length === 0)
    fail('give --stats <ncc stats file> or --check');
  return options;
}

/** The package folder (relative to root, with /) a bundled file belongs to, or undefined. */
function packageDirOf(root, file) {
  const relative = path.relative(root, file).split(path.sep).join('/');
  if (relative.startsWith('../') || path.isAbsolute(relative)) {
    fail(`bundled file outside the project: ${file}`);
  }
  const parts = relative.split('/');
  const at = parts.lastIndexOf('node_modules');
  if (at < 0 || at + 1 >= parts.length) return undefined;
  const length = parts[at + 1].startsWith('@') ? at + 3 : at + 2;
  if (length > parts.length - 1) fail(`cannot tell the package of ${relative}`);
  return parts.slice(0, length).join('/');
}

function listFiles(dir) {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => path.join(entry.parentPath, entry.name))
    .sort();
}

/** Package folders named by the source maps of every dist/ chunk. */
function packagesFromSourceMaps(root, dist) {
  const chunks = listFiles(dist).filter((file) => file.endsWith('.js'));
  if (chunks.length === 0) fail(`no .js files in ${dist}: build first`);
  const dirs = new Set();
  for (const chunk of chunks) {
    const mapFile = `${chunk}.map`;
    if (!fs.existsSync(mapFile)) {
      fail(`${path.relative(root, chunk)} has no source map: build with --source-map`);
    }
    const map = JSON.parse(fs.readFileSync(mapFile, 'utf8'));
    if (!Array.isArray(map.sources)) fail(`${path.relative(root, mapFile)} lists no sources`);
    for (const source of map.sources) {
      // webpack's own runtime ("webpack/bootstrap") and Node built-ins ("external ...").
      if (/^(?:\.\.\/)*(?:webpack\/|external )/.test(source)) continue;
      const file = path.resolve(path.dirname(mapFile), map.sourceRoot ?? '', source);
      const dir = packageDirOf(root, file);
      if (dir) dirs.add(dir);
    }
  }
  return dirs;
}

/** Package folders of every module webpack placed into a chunk. */
function packagesFromStats(root, statsFile) {
  const stats = JSON.parse(fs.readFileSync(statsFile, 'utf8'));
  if (!Array.isArray(stats.modules)) fail(`${statsFile} has no module list`);
  const dirs = new Set();
  const visit = (modules, inChunk) => {
    for (const module of modules) {
      const bundled = inChunk || (Array.isArray(module.chunks) && module.chunks.length > 0);
      if (Array.isArray(module.modules)) {
        visit(module.modules, bundled); // a concatenated module: its own name is "x + N modules"
        continue;
      }
      if (!bundled || typeof module.name !== 'string') continue;
      const name = module.name.split('!').pop();
      if (!/^\.{1,2}\//.test(name)) continue; // runtime and externals have no file
      const dir = packageDirOf(root, path.resolve(root, name));
      if (dir) dirs.add(dir);
    }
  };
  visit(stats.modules, false);
  return dirs;
}

function readPackage(root, dir) {
  const file = path.join(root, dir, 'package.json');
  if (!fs.existsSync(file)) fail(`${dir} is bundled but has no package.json: run npm ci`);
  const pkg = JSON.parse(fs.readFileSync(file, 'utf8'));
  if (typeof pkg.name !== 'string' || typeof pkg.version !== 'string') {
    fail(`${dir}/package.json has no name or version`);
  }
  return pkg;
}

function licenseId(pkg) {
  if (typeof pkg.license === 'string') return pkg.license.trim();
  if (pkg.license && typeof pkg.license.type === 'string') return pkg.license.type.trim();
  if (Array.isArray(pkg.licenses)) {
    return pkg.licenses
      .map((entry) => (typeof entry === 'string' ? entry : entry?.type))
      .filter(Boolean)
      .join(' OR ');
  }
  return '';
}

function normalise(text) {
  return text
    .replace(/^\uFEFF/, '')
    .replace(/\r\n?/g, '\n')
    .split('\n')
    .map((line) => line.trimEnd())
    .join('\n')
    .trim();
}

const byCodePoint = (a, b) => (a < b ? -1 : a > b ? 1 : 0);

/** A path for messages: relative to the working directory when inside it. */
function shown(file) {
  const relative = path.relative(process.cwd(), file);
  return relative.startsWith('..') || path.isAbsolute(relative) ? file : relative;
}

function collectNotices(root, dirs) {
  const notices = new Map();
  const problems = [];
  for (const dir of [...dirs].sort(byCodePoint)) {
    const pkg = readPackage(root, dir);
    const key = `${pkg.name}@${pkg.version}`;
    if (notices.has(key)) continue; // the same release installed twice: one notice
    const supplied = SUPPLIED_NOTICES[key];
    const files = fs
      .readdirSync(path.join(root, dir), { withFileTypes: true })
      .filter((entry) => entry.isFile() && LICENSE_FILE.test(entry.name))
      .map((entry) => entry.name)
      .sort(byCodePoint);
    let text;
    let source;
    if (files.length > 0) {
      text = files
        .map((name) => normalise(fs.readFileSync(path.join(root, dir, name), 'utf8')))
        .join(`\n\n${'- '.repeat(20).trim()}\n\n`);
      source = files.map((name) => `${dir}/${name}`).join(', ');
    } else if (supplied) {
      text = normalise(supplied.text);
      source = `supplied in .ci/notices.mjs (${supplied.source})`;
    } else {
      problems.push(
        `${key} (${dir}) ships no LICENSE, LICENCE or COPYING file: add an entry to ` +
          'SUPPLIED_NOTICES in .ci/notices.mjs with the license text and where it came from',
      );
      continue;
    }
    const license = licenseId(pkg) || supplied?.license || '';
    if (!license) problems.push(`${key} (${dir}) declares no license in its package.json`);
    if (!text) problems.push(`${key} (${dir}): its license file is empty`);
    if (text.split('\n').some((line) => line === RULE || line === SUBRULE)) {
      problems.push(`${key}: its license text contains a separator line of this file`);
    }
    notices.set(key, { name: pkg.name, version: pkg.version, license, source, text });
  }
  if (problems.length > 0) fail(`cannot write the notices:\n  ${problems.join('\n  ')}`);
  return [...notices.values()].sort(
    (a, b) => byCodePoint(a.name, b.name) || byCodePoint(a.version, b.version),
  );
}

function render(notices) {
  const lines = [
    'Third-party software notices for sas-image-gate (dist/)',
    '',
    `The files in dist/ contain code from the ${notices.length} npm packages below. Each notice`,
    'gives the package, its version, its license and the license text it ships with.',
    'sas-image-gate itself is under the MIT License (see LICENSE in the repository).',
    '',
    'Generated by .ci/notices.mjs during `npm run build`; do not edit by hand.',
  ];
  for (const notice of notices) {
    lines.push(
      '',
      RULE,
      `Package: ${notice.name}`,
      `Version: ${notice.version}`,
      `License: ${notice.license}`,
      `From: ${notice.source}`,
      SUBRULE,
      '',
      notice.text,
    );
  }
  return `${lines.join('\n')}\n`;
}

/** Notices found in a licenses.txt, as written by render(). */
function parse(content) {
  const notices = [];
  const problems = [];
  const sections = content.replace(/\r\n?/g, '\n').split(`\n${RULE}\n`).slice(1);
  for (const section of sections) {
    const cut = section.indexOf(`\n${SUBRULE}\n`);
    const head = cut < 0 ? section : section.slice(0, cut);
    const fields = Object.fromEntries(
      head.split('\n').map((line) => {
        const colon = line.indexOf(': ');
        return colon < 0 ? [line, ''] : [line.slice(0, colon), line.slice(colon + 2).trim()];
      }),
    );
    const text = cut < 0 ? '' : section.slice(cut + SUBRULE.length + 2).trim();
    if (!fields.Package || !fields.Version) {
      problems.push(`a notice without Package/Version lines: ${JSON.stringify(head.slice(0, 80))}`);
      continue;
    }
    notices.push({ name: fields.Package, version: fields.Version, license: fields.License, text });
  }
  return { notices, problems };
}

function check(options) {
  const dirs = packagesFromSourceMaps(options.root, options.dist);
  if (!fs.existsSync(options.licenses)) fail(`${options.licenses} does not exist`);
  const { notices, problems } = parse(fs.readFileSync(options.licenses, 'utf8'));
  const found = new Map(notices.map((notice) => [`${notice.name}@${notice.version}`, notice]));
  const bundled = new Map();
  for (const dir of dirs) {
    const pkg = readPackage(options.root, dir);
    bundled.set(`${pkg.name}@${pkg.version}`, dir);
  }
  for (const [key, dir] of [...bundled].sort(([a], [b]) => byCodePoint(a, b))) {
    const notice = found.get(key);
    if (!notice) problems.push(`${key} is bundled (${dir}) but has no notice`);
    else if (!notice.license) problems.push(`${key}: the notice names no license`);
    else if (!notice.text) problems.push(`${key}: the notice has no license text`);
  }
  for (const key of [...found.keys()].sort(byCodePoint)) {
    if (!bundled.has(key)) problems.push(`${key} has a notice but is not bundled: rebuild`);
  }
  if (problems.length > 0) {
    fail(`${shown(options.licenses)}:\n  ${problems.join('\n  ')}`);
  }
  console.log(`notices: all ${bundled.size} bundled packages have a license notice`);
}

function write(options) {
  const fromStats = new Set();
  for (const stats of options.stats) {
    const statsFile = path.resolve(stats);
    for (const dir of packagesFromStats(options.root, statsFile)) fromStats.add(dir);
    fs.rmSync(statsFile, { force: true }); // consumed: it holds timestamps and must not be shipped
  }
  // ncc deletes old .js files but not their maps: drop maps whose chunk is gone.
  for (const file of listFiles(options.dist)) {
    if (file.endsWith('.js.map') && !fs.existsSync(file.slice(0, -'.map'.length))) {
      fs.rmSync(file);
      console.log(`notices: removed the stale ${path.relative(options.root, file)}`);
    }
  }
  // The check reads the source maps, so they must name the same packages the stats do.
  const fromMaps = packagesFromSourceMaps(options.root, options.dist);
  const onlyStats = [...fromStats].filter((dir) => !fromMaps.has(dir));
  const onlyMaps = [...fromMaps].filter((dir) => !fromStats.has(dir));
  if (onlyStats.length > 0 || onlyMaps.length > 0) {
    fail(
      'webpack stats and source maps disagree on the bundled packages ' +
        `(only in stats: ${onlyStats.join(', ') || 'none'}; only in maps: ${onlyMaps.join(', ') || 'none'})`,
    );
  }
  const notices = collectNotices(options.root, fromStats);
  fs.writeFileSync(options.licenses, render(notices));
  console.log(`notices: ${shown(options.licenses)} lists ${notices.length} packages`);
}

try {
  const options = parseArgs(process.argv.slice(2));
  if (options.check) check(options);
  else write(options);
} catch (error) {
  console.error(`notices: ${error.expected ? error.message : (error.stack ?? error)}`);
  process.exitCode = 1;
}

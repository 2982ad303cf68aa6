#!/usr/bin/env node
// Prints the CHANGELOG.md section of one version: the release notes the release workflow
// publishes. Fails when CHANGELOG.md has no "## [Unreleased]" section or no non-empty section
// "## [<version>] - YYYY-MM-DD", so a version bump without its changelog entry is caught by
// .ci/run before a tag is pushed.
//
//   node .ci/release-notes.mjs [<version>]   default: package.json's version; a leading v is dropped
import fs from 'node:fs';
import process from 'node:process';
import { URL } from 'node:url';

const root = new URL('../', import.meta.url);
const wanted = (
  process.argv[2] ?? JSON.parse(fs.readFileSync(new URL('package.json', root), 'utf8')).version
).replace(/^v/, '');

function notesFor(changelog, version) {
  const lines = changelog.replace(/\r\n?/g, '\n').split('\n');
  if (!lines.some((line) => /^## \[Unreleased\]\s*$/i.test(line))) {
    throw new Error('CHANGELOG.md has no "## [Unreleased]" section');
  }
  const escaped = version.replace(/[.+]/g, '\\$&');
  const heading = new RegExp(`^## \\[${escaped}\\] - \\d{4}-\\d{2}-\\d{2}\\s*$`);
  const start = lines.findIndex((line) => heading.test(line));
  if (start < 0) throw new Error(`CHANGELOG.md has no "## [${version}] - YYYY-MM-DD" section`);
  const body = [];
  for (const line of lines.slice(start + 1)) {
    if (/^## /.test(line)) break;
    if (/^\[[^\]]+\]:\s/.test(line)) break; // link definitions at the end of the file
    body.push(line);
  }
  const notes = body.join('\n').trim();
  if (!notes) throw new Error(`the CHANGELOG.md section for ${version} is empty`);
  return notes;
}

try {
  const changelog = fs.readFileSync(new URL('CHANGELOG.md', root), 'utf8');
  process.stdout.write(`${notesFor(changelog, wanted)}\n`);
} catch (error) {
  console.error(`release-notes: ${error.message}`);
  process.exitCode = 1;
}

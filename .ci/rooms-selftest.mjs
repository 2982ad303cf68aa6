#!/usr/bin/env node
// Proves that the room directions in eslint.config.js can fail, so a green lint means something:
// for each wrong-way import below, a throwaway module in that room makes ESLint report
// no-restricted-imports (or no-restricted-properties); a right-way import passes. Run by .ci/run.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ESLint } from 'eslint';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const CASES = [
  // [room, source, expected to fail]
  ['core', "import type { CveRecord } from '../alibaba/findings-api.js';", true],
  ['core', "import type { Config } from '../inputs/config.js';", true],
  ['core', "export const env = process.env['X'];", true],
  ['policy', "import type { Finding } from '../core/findings.js';", false],
  ['policy', "import { readFileSync } from 'node:fs';", true],
  ['report', "import { request } from 'undici';", true],
  ['report', "import type { Config } from '../inputs/config.js';", true],
  ['gate', "import { buildReport } from '../report/model.js';", true],
  ['gate', "import * as core from '@actions/core';", true],
  ['alibaba', "import { runGate } from '../gate/run.js';", true],
  ['inputs', "import { pullRequestEvent } from '../github/event.js';", true],
  ['inputs', "import type { Policy } from '../policy/policy-file.js';", false],
  ['inputs', "import { runGate } from '../gate/run.js';", true],
  ['github', "import { AcsClient } from '../alibaba/client.js';", true],
  ['infra', "import type { Category } from '../core/categories.js';", true],
  ['cli', "import * as core from '@actions/core';", true],
  ['cli', "import { runGate } from '../gate/run.js';", false],
  ['action', "import * as core from '@actions/core';", false],
];

const eslint = new ESLint({ cwd: root });
let failures = 0;
for (const [room, source, wrong] of CASES) {
  const file = path.join(root, 'src', room, '__rooms_selftest.ts');
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, `${source}\nexport {};\n`);
  try {
    const [result] = await eslint.lintFiles([file]);
    const rules = (result?.messages ?? []).map((m) => m.ruleId);
    const flagged = rules.some(
      (r) => r === 'no-restricted-imports' || r === 'no-restricted-properties',
    );
    if (flagged !== wrong) {
      failures++;
      console.error(`rooms self-test: src/${room}: ${source} was ${flagged ? '' : 'not '}flagged`);
    }
  } finally {
    fs.rmSync(file, { force: true });
  }
}
assert.equal(failures, 0, `${failures} room direction case(s) did not hold`);
console.log(`rooms self-test: ${CASES.length} cases hold`);

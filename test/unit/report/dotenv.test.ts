// The outputs file: every action output but report and comment-url, one
// SAS_IMAGE_GATE_<OUTPUT>=value line each, as GitLab's dotenv reader takes them (no blank or
// comment lines, one unquoted line per value, under 5 KB), whatever the values hold.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse as parseYaml } from 'yaml';
import {
  buildDotenv,
  DOTENV_MAX_BYTES,
  dotenvName,
  dotenvValue,
} from '../../../src/report/dotenv.js';
import { outputValues } from '../../../src/report/outputs.js';
import { DIGEST_A, DIGEST_B, image, report } from '../../helpers/report-fixtures.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const ACTION_OUTPUTS = Object.keys(
  (parseYaml(readFileSync(path.join(ROOT, 'action.yml'), 'utf8')) as { outputs: object }).outputs,
);

/** A strict reader: what GitLab accepts, and nothing else. */
function readDotenv(text: string): Map<string, string> {
  expect(text.endsWith('\n')).toBe(true);
  const vars = new Map<string, string>();
  for (const line of text.slice(0, -1).split('\n')) {
    const m = /^([A-Z][A-Z0-9_]*)=([^\s"'#$`\\]*)$/.exec(line);
    if (!m) throw new Error(`not a dotenv line: ${JSON.stringify(line)}`);
    expect(vars.has(m[1] ?? '')).toBe(false);
    vars.set(m[1] ?? '', m[2] ?? '');
  }
  return vars;
}

function outputs(over: Record<string, string> = {}): Record<string, string> {
  return { ...outputValues(report([image()])), 'sarif-file': '/builds/p/r.sarif', ...over };
}

test('every action output but report and comment-url, in SAS_IMAGE_GATE_<OUTPUT> form', () => {
  const vars = readDotenv(buildDotenv(outputs()).text);
  const expected = ACTION_OUTPUTS.filter((o) => o !== 'report' && o !== 'comment-url');
  expect([...vars.keys()].sort()).toEqual(expected.map(dotenvName).sort());
  expect(vars.get('SAS_IMAGE_GATE_RESULT')).toBe('pass');
  expect(vars.get('SAS_IMAGE_GATE_GATED_DIGESTS')).toBe(DIGEST_A);
  expect(vars.get('SAS_IMAGE_GATE_SARIF_FILE')).toBe('/builds/p/r.sarif');
  expect(vars.get('SAS_IMAGE_GATE_EXCEEDED')).toBe('');
  expect(dotenvName('baseline-risks')).toBe('SAS_IMAGE_GATE_BASELINE_RISKS');
});

test('an error run says result=error', () => {
  const vars = readDotenv(buildDotenv(outputValues(report([], { result: 'error' }))).text);
  expect(vars.get('SAS_IMAGE_GATE_RESULT')).toBe('error');
});

test('a value with a line break cannot start a second variable', () => {
  const file = buildDotenv(
    outputs({ 'request-id': 'REQ-1\nSAS_IMAGE_GATE_RESULT=pass', 'scan-task-id': 'a\rb' }),
  );
  const vars = readDotenv(file.text);
  expect(vars.size).toBe(14);
  expect(vars.get('SAS_IMAGE_GATE_RESULT')).toBe('pass'); // the real one, from outputs()
  expect(vars.get('SAS_IMAGE_GATE_REQUEST_ID')).toBe('REQ-1_SAS_IMAGE_GATE_RESULT=pass');
  expect(file.altered).toEqual(['request-id', 'scan-task-id']);
});

test.each([
  ['a b', 'a_b'],
  ['"q"', '_q_'],
  ["'q'", '_q_'],
  ['$HOME', '_HOME'],
  ['#c', '_c'],
  ['\u001b[31m', '_[31m'.replace('[', '_')],
  ['é', '_'],
  ['😀', '_'],
  ['sha256:ab,2026-12-04T09:08:07.000Z', 'sha256:ab,2026-12-04T09:08:07.000Z'],
])('dotenvValue(%j) = %j', (raw, safe) => {
  expect(dotenvValue(raw)).toBe(safe);
});

test('long lists are shortened from the end, marked +N-more, and the file stays under 5 KB', () => {
  const digests = Array.from(
    { length: 200 },
    (_, i) => `sha256:${i.toString(16).padStart(64, '0')}`,
  );
  const ids = Array.from(
    { length: 200 },
    (_, i) => `0C1F${String(i).padStart(4, '0')}-AAAA-BBBB-CCCC-DDDDEEEEFFFF`,
  );
  const file = buildDotenv(
    outputs({ 'gated-digests': digests.join(','), 'request-id': ids.join(',') }),
  );
  expect(Buffer.byteLength(file.text)).toBeLessThanOrEqual(DOTENV_MAX_BYTES);
  const vars = readDotenv(file.text);
  const kept = (vars.get('SAS_IMAGE_GATE_GATED_DIGESTS') ?? '').split(',');
  const marker = kept.pop() ?? '';
  const dropped = Number(/^\+(\d+)-more$/.exec(marker)?.[1]);
  expect(kept).toEqual(digests.slice(0, kept.length));
  expect(kept.length + dropped).toBe(200);
  const keptIds = (vars.get('SAS_IMAGE_GATE_REQUEST_ID') ?? '').split(',');
  expect(keptIds.pop()).toMatch(/^\+\d+-more$/);
  expect(keptIds).toEqual(ids.slice(0, keptIds.length));
  expect(file.shortened.sort()).toEqual(['gated-digests', 'request-id']);
  expect(vars.get('SAS_IMAGE_GATE_RESULT')).toBe('pass');
});

test('a file that fits is not shortened', () => {
  const file = buildDotenv(outputs({ 'gated-digests': `${DIGEST_A},${DIGEST_B}` }));
  expect(file.shortened).toEqual([]);
  expect(readDotenv(file.text).get('SAS_IMAGE_GATE_GATED_DIGESTS')).toBe(`${DIGEST_A},${DIGEST_B}`);
});

test('an extreme path is emptied rather than the file going over', () => {
  const file = buildDotenv(outputs({ 'sarif-file': `/${'p'.repeat(6000)}` }));
  expect(Buffer.byteLength(file.text)).toBeLessThanOrEqual(DOTENV_MAX_BYTES);
  expect(readDotenv(file.text).get('SAS_IMAGE_GATE_SARIF_FILE')).toBe('');
  expect(file.shortened).toEqual(['sarif-file']);
});

// The option table against action.yml: every action input is an option under the same name with
// the same default, or is refused for a stated reason; and the help lists every option with its
// default. action.yml is parsed with a real YAML parser, so the two cannot drift apart.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import {
  defaultShown,
  helpText,
  NOT_OPTIONS,
  OPTIONS,
  RESERVED_VARIABLES,
  SECRET_OPTIONS,
  variableName,
} from '../../../src/cli/options.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

interface ActionYml {
  inputs: Record<string, { default?: string | number | boolean }>;
  outputs: Record<string, unknown>;
}
const ACTION = parse(readFileSync(path.join(ROOT, 'action.yml'), 'utf8')) as ActionYml;
const INPUTS = Object.entries(ACTION.inputs);

describe('the option table and action.yml', () => {
  test('action.yml was read (guards the checks below against an empty parse)', () => {
    expect(INPUTS.length).toBeGreaterThan(30);
    expect(ACTION.inputs['max-cve-vulns']?.default).toBe('0');
  });

  test.each(INPUTS)('input %s is an option with the same default, or refused', (name, input) => {
    const option = OPTIONS.find((o) => o.name === name);
    const refused = SECRET_OPTIONS.has(name) || NOT_OPTIONS.has(name);
    expect(option !== undefined || refused).toBe(true);
    expect(option !== undefined && refused).toBe(false);
    if (option) {
      expect(option.fromAction).toBe(true);
      expect(option.default).toBe(String(input.default ?? ''));
    }
  });

  test('every option marked fromAction is an action input', () => {
    for (const o of OPTIONS.filter((x) => x.fromAction))
      expect(ACTION.inputs[o.name]).toBeDefined();
  });

  test('the CLI-only options are not action inputs, and images is read only from its variable', () => {
    const own = OPTIONS.filter((o) => !o.fromAction).map((o) => o.name);
    expect(own.sort()).toEqual(
      [
        'format',
        'gitlab-report',
        'help',
        'images-file',
        'junit-file',
        'outputs-file',
        'summary-file',
        'version',
      ].sort(),
    );
    expect(OPTIONS.filter((o) => !o.flag).map((o) => o.name)).toEqual(['images']);
  });

  test('the GitHub-only inputs and oidc-audience are not options', () => {
    for (const name of [
      'github-token',
      'comment-on-pr',
      'comment-key',
      'job-summary',
      'oidc-audience',
    ])
      expect(OPTIONS.some((o) => o.name === name)).toBe(false);
    for (const name of ['access-key-secret', 'security-token', 'oidc-token'])
      expect(OPTIONS.some((o) => o.name === name)).toBe(false);
  });

  test('every action output but report, comment-url and sarif-file (also an option) is a reserved variable', () => {
    for (const name of Object.keys(ACTION.outputs)) {
      if (['report', 'comment-url', 'sarif-file'].includes(name)) continue;
      expect(RESERVED_VARIABLES.has(variableName(name))).toBe(true);
    }
  });

  test('option names are unique', () => {
    expect(new Set(OPTIONS.map((o) => o.name)).size).toBe(OPTIONS.length);
  });
});

describe('helpText', () => {
  const help = helpText();

  test.each(OPTIONS.map((o) => [o.name, o] as const))('lists %s with its default', (name, o) => {
    const head = o.flag ? `  --${name}` : `  ${variableName(name)}`;
    const at = help.split('\n').findIndex((l) => l === head || l.startsWith(`${head} `));
    expect(at).toBeGreaterThan(-1);
    if (o.kind !== 'switch') {
      // The description (wrapped) runs until the next option or section; its default ends it.
      const rest = help.split('\n').slice(at + 1);
      const end = rest.findIndex((l) => !l.startsWith('      '));
      const text = rest.slice(0, end).join(' ').replace(/\s+/g, ' ');
      expect(text).toContain(`[default: ${defaultShown(o)}]`);
    }
  });

  test('names the variables, the credentials and the exit codes; lines fit 100 columns', () => {
    expect(help).toContain('SAS_IMAGE_GATE_<NAME>');
    expect(help).toContain('ALIBABA_CLOUD_ACCESS_KEY_SECRET');
    expect(help).toContain('SAS_IMAGE_GATE_OIDC_TOKEN');
    expect(help.replace(/\s+/g, ' ')).toContain(
      'Exit codes: 0 pass, 1 fail (a limit exceeded), 2 error',
    );
    for (const line of help.split('\n')) expect(line.length).toBeLessThanOrEqual(100);
  });

  test('shows computed defaults as such', () => {
    expect(help).toContain('[default: $ALIBABA_CLOUD_ACCESS_KEY_ID]');
    expect(help).toContain('[default: 0]');
    expect(help).toContain('[default: sts.aliyuncs.com]');
  });
});

describe("README's Every option table", () => {
  test('lists every option with its variable, in the help order (--help and --version below it)', () => {
    const readme = readFileSync(path.join(ROOT, 'README.md'), 'utf8');
    const start = readme.indexOf('### Every option');
    const table = readme.slice(start, readme.indexOf('\n## ', start));
    const rows = [
      ...table.matchAll(/^\| (?:`--([a-z-]+)[^`]*`|—)\s*\| `(SAS_IMAGE_GATE_[A-Z_]+)`/gm),
    ];
    const listed = rows.map((m) => m[2]);
    const expected = OPTIONS.filter((o) => o.name !== 'help' && o.name !== 'version').map((o) =>
      variableName(o.name),
    );
    expect(listed).toEqual(expected);
    for (const m of rows) {
      const spec = OPTIONS.find((o) => variableName(o.name) === m[2]);
      if (m[1] !== undefined) expect(m[1]).toBe(spec?.name);
    }
  });
});

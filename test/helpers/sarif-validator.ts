// Microsoft's SARIF Multitool as a test validator: @microsoft/sarif-multitool (devDependency)
// resolves to the self-contained binary of its platform package; `validate` checks a log against
// the SARIF 2.1.0 schema and runs the SARIF rules, and with `--rule-kind Gh;Sarif` GitHub's
// ingestion rules too. It writes its findings as a SARIF log, read back here; schema errors are
// JSONnnnn results.
import { spawnSync } from 'node:child_process';
import {
  accessSync,
  chmodSync,
  constants,
  mkdtempSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';

export interface Problem {
  /** The name of the log the problem is in. */
  log: string;
  ruleId: string;
  level: string;
  text: string;
}

const requireCjs = createRequire(import.meta.url);
const MULTITOOL = requireCjs('@microsoft/sarif-multitool') as string;

function multitool(): string {
  try {
    accessSync(MULTITOOL, constants.X_OK);
  } catch {
    // What the package's own postinstall does, for an npm that did not run install scripts.
    chmodSync(MULTITOOL, statSync(MULTITOOL).mode | 0o100);
  }
  return MULTITOOL;
}

/** Validates several logs in one run of the multitool (about a second each run). */
export function validate(logs: Record<string, unknown>): Problem[] {
  const dir = mkdtempSync(path.join(tmpdir(), 'sarif-validate-'));
  try {
    const inputs = Object.entries(logs).map(([name, log]) => {
      const file = path.join(dir, `${name}.sarif`);
      writeFileSync(file, JSON.stringify(log));
      return file;
    });
    const output = path.join(dir, 'validation.json');
    const run = spawnSync(
      multitool(),
      // prettier-ignore
      ['validate', ...inputs, '--output', output, '--log', 'ForceOverwrite',
        '--rule-kind', 'Gh;Sarif',
        // Its default skips files over 10,000 KB; GitHub's limit is on the compressed file.
        '--max-file-size-in-kb', '1000000'],
      {
        encoding: 'utf8',
        timeout: 120_000,
        // Runs without ICU too; no .NET runtime is needed (the binary is self-contained).
        env: { ...process.env, DOTNET_SYSTEM_GLOBALIZATION_INVARIANT: '1' },
      },
    );
    if (run.status !== 0) {
      throw new Error(
        `multitool exited ${run.status}: ${run.error ?? ''}\n${run.stdout}${run.stderr}`,
      );
    }
    const report = JSON.parse(readFileSync(output, 'utf8')) as {
      runs: {
        invocations?: { executionSuccessful: boolean }[];
        artifacts?: { location: { uri: string } }[];
        results?: {
          ruleId: string;
          level?: string;
          message: { text?: string; arguments?: string[] };
          locations?: { physicalLocation?: { artifactLocation?: { uri?: string } } }[];
        }[];
      }[];
    };
    const vrun = report.runs[0]!;
    // A validator that could not run, or skipped a file, must never read as "no problems".
    expect(vrun.invocations?.[0]?.executionSuccessful).toBe(true);
    expect(run.stdout).toContain(`Done. ${inputs.length} files scanned.`);
    return (vrun.results ?? []).map((r) => {
      const uri = r.locations?.[0]?.physicalLocation?.artifactLocation?.uri ?? '';
      return {
        log: path.basename(decodeURIComponent(uri), '.sarif'),
        ruleId: r.ruleId,
        level: r.level ?? 'warning',
        text: r.message.text ?? (r.message.arguments ?? []).join(' | '),
      };
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export const errorsOf = (problems: Problem[]): Problem[] =>
  problems.filter((p) => p.level === 'error');

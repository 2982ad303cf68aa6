// The end-to-end set-up most test files share: a fresh Security Center simulator on a loopback
// port and an empty workspace folder for each test, both gone after it. Call at the top of a
// file (or a describe block); read `ctx.sim` and `ctx.workspace` inside the tests.
import { mkdtempSync, realpathSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { SasSimulator } from '../simulator/sas-simulator.js';

export interface SimulatorContext {
  readonly sim: SasSimulator;
  /** A new empty folder (its real path: the temporary folder may sit behind a symlink). */
  readonly workspace: string;
}

export function useSimulator(): SimulatorContext {
  let sim: SasSimulator | undefined;
  let workspace: string | undefined;
  beforeEach(async () => {
    sim = await SasSimulator.start();
    workspace = realpathSync(mkdtempSync(path.join(tmpdir(), 'sas-gate-ws-')));
  });
  afterEach(async () => {
    await sim?.close();
    if (workspace) rmSync(workspace, { recursive: true, force: true });
    sim = undefined;
    workspace = undefined;
  });
  return {
    get sim() {
      if (!sim) throw new Error('useSimulator: the simulator exists only inside a test');
      return sim;
    },
    get workspace() {
      if (!workspace) throw new Error('useSimulator: the workspace exists only inside a test');
      return workspace;
    },
  };
}

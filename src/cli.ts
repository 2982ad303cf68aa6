#!/usr/bin/env node
// Entry point of the `sas-image-gate` command (bundled into dist/cli/index.js, the package's
// bin). It checks the Node.js version before anything else is loaded: the engine needs Node 22
// or later, and an older Node must get one clear sentence and exit 2 (an error, never a pass),
// not a syntax error from deep inside the bundle. Everything else is loaded only then.
const major = Number(/^v?(\d+)/.exec(process.version)?.[1] ?? 0);
if (major < 22) {
  process.stderr.write(
    `sas-image-gate needs Node.js 22 or later; this is Node.js ${process.version}. Install a newer Node.js (https://nodejs.org) and run it again.\n`,
  );
  process.exitCode = 2;
} else {
  import('./cli/main.js').then(
    (cli) => cli.start(),
    (err: unknown) => {
      process.stderr.write(`error: sas-image-gate could not start: ${String(err)}\n`);
      process.exitCode = 2;
    },
  );
}

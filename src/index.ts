// Entry point the runner executes (bundled into dist/index.js).
import { failUnexpected, run, verdictReached } from './main.js';

// A closed stdout or stderr (EPIPE) must not turn every later log line into an uncaught
// exception: the verdict still goes to GITHUB_OUTPUT and the exit code.
process.stdout.on('error', () => {});
process.stderr.on('error', () => {});
process.on('unhandledRejection', failUnexpected);
process.on('uncaughtException', failUnexpected);
// The event loop ran dry before a verdict (a request that never settles holds no handle): that is
// an error, never a silent exit 0.
process.on('beforeExit', () => {
  if (!verdictReached()) failUnexpected(new Error('the run stopped before reaching a verdict'));
});
run().catch(failUnexpected);

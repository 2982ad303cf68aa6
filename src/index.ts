// Entry point the runner executes (bundled into dist/index.js).
import { failUnexpected, run } from './main.js';

// A closed stdout or stderr (EPIPE) must not turn every later log line into an uncaught
// exception: the verdict still goes to GITHUB_OUTPUT and the exit code.
process.stdout.on('error', () => {});
process.stderr.on('error', () => {});
process.on('unhandledRejection', failUnexpected);
process.on('uncaughtException', failUnexpected);
run().catch(failUnexpected);

// Entry point the runner executes (bundled into dist/index.js).
import { failUnexpected, run } from './main.js';

process.on('unhandledRejection', failUnexpected);
process.on('uncaughtException', failUnexpected);
run().catch(failUnexpected);

// Entry point the runner executes (bundled into dist/index.js).
import { failUnexpected, installLastResortHandlers } from './lifecycle.js';
import { run } from './main.js';

installLastResortHandlers();
run().catch(failUnexpected);

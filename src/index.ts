// Entry point the runner executes (bundled into dist/index.js).
import { failUnexpected, installLastResortHandlers } from './action/lifecycle.js';
import { run } from './action/main.js';

installLastResortHandlers();
run().catch(failUnexpected);

// Preloaded with --import by tests that run the action with a runner clock that is off: every
// Date.now() in the process is shifted by SKEW_CLOCK_MS (Security Center's clock is not).
const real = Date.now;
const skew = Number(process.env.SKEW_CLOCK_MS || 0);
Date.now = () => real() + skew;

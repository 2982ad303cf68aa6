// Starts the Security Center simulator on a fixed loopback port with two sample images and
// keeps it running (for the workflow job that runs the action with `uses: ./`).
// Usage: node test/.build/test/tools/serve-simulator.js [port]
import { SasSimulator } from '../simulator/sas-simulator.js';

const port = Number(process.argv[2] ?? 18_080);
const sim = new SasSimulator();
sim.addImage({
  digest: 'a'.repeat(64),
  tag: 'clean',
  repoId: 'crr-ci',
  counts: { ImageScaVulCount: 1 },
});
sim.addImage({
  digest: 'b'.repeat(64),
  tag: 'risky',
  repoId: 'crr-ci',
  counts: { ImageMaliciousFileCount: 2, ImageCveVulCount: 7 },
});
await sim.listen(port);
console.log(`Security Center simulator listening on ${sim.url}`);

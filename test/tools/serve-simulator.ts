// Starts the Security Center simulator on a fixed loopback port with two sample images and
// keeps it running (for the workflow job that runs the action with `uses: ./`, and by hand).
// Usage: node test/.build/test/tools/serve-simulator.js [port]
import { SasSimulator } from '../simulator/sas-simulator.js';

const port = Number(process.argv[2] ?? 18_080);
const sim = new SasSimulator();
// Clean: no finding at all, so it passes the default limits.
sim.addImage({ digest: 'a'.repeat(64), tag: 'clean', repoId: 'crr-ci', counts: {} });
// Risky: 2 malicious files (serious) and 7 CVE vulnerabilities (1 asap, 6 nntf).
sim.addImage({
  digest: 'b'.repeat(64),
  tag: 'risky',
  repoId: 'crr-ci',
  counts: {},
  findings: {
    malicious: ['1', '2'].map((n) => ({
      md5: n.repeat(32),
      name: `Sample ${n}`,
      level: 'serious',
      paths: [{ filePath: `/opt/sample-${n}` }],
    })),
    cve: Array.from({ length: 7 }, (_, i) => ({
      name: `debian:12:CVE-2024-${1000 + i}`,
      related: `CVE-2024-${1000 + i}`,
      aliasName: `sample vulnerability ${i + 1}`,
      necessity: i === 0 ? 'asap' : 'nntf',
      canFix: 'yes',
    })),
  },
});
await sim.listen(port);
console.log(`Security Center simulator listening on ${sim.url}`);

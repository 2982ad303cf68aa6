#!/usr/bin/env node
// Finishes the command line's bundle (dist/cli/, ncc's second entry) during `npm run build`.
//
// Why this exists: ncc writes every source map's `sources` relative to a folder one level below
// the project ("../node_modules/…"), whatever the output folder. For dist/cli/*.map that points
// into dist/node_modules/, so debuggers and the license-notice check (.ci/notices.mjs, which
// reads the maps) would look in the wrong place. This rewrites them one level up, the same way
// on every build (the build stays deterministic), and checks that the bin file still starts with
// its `#!/usr/bin/env node` line (npm links it as the `sas-image-gate` command).
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const dir = path.join(root, 'dist', 'cli');
const bin = path.join(dir, 'index.js');

if (!fs.readFileSync(bin, 'utf8').startsWith('#!/usr/bin/env node\n')) {
  console.error('cli-bundle: dist/cli/index.js does not start with #!/usr/bin/env node');
  process.exit(1);
}
let fixed = 0;
for (const name of fs.readdirSync(dir).sort()) {
  if (!name.endsWith('.js.map')) continue;
  const file = path.join(dir, name);
  const map = JSON.parse(fs.readFileSync(file, 'utf8'));
  map.sources = map.sources.map((s) => `../${s.replace(/^\.\.\/\.\//, '../')}`);
  fs.writeFileSync(file, JSON.stringify(map));
  fixed++;
}
console.log(`cli-bundle: ${fixed} source map(s) of dist/cli/ point at the project's files`);

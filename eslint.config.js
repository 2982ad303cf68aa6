import js from '@eslint/js';
import tseslint from 'typescript-eslint';

// The rooms of src/ and the one-way directions between them (CONTRIBUTING.md, "Architecture"):
// each folder may import only from the rooms listed for it. A wrong-way import fails lint.
const ROOMS = [
  'core',
  'policy',
  'gate',
  'alibaba',
  'github',
  'inputs',
  'report',
  'action',
  'cli',
  'infra',
];
const ALLOWED = {
  core: ['infra'],
  policy: ['core', 'infra'],
  alibaba: ['core', 'infra'],
  github: ['core', 'infra'],
  inputs: ['core', 'policy', 'alibaba', 'infra'],
  gate: ['core', 'policy', 'alibaba', 'inputs', 'infra'],
  report: ['gate', 'core', 'policy', 'infra'],
  action: ['gate', 'inputs', 'report', 'policy', 'github', 'infra', 'core'],
  cli: ['gate', 'inputs', 'report', 'policy', 'infra', 'core'],
  infra: [],
};
/** Pure rooms: no network, no file system, no process environment. */
const PURE = ['core', 'policy', 'report'];
const IO_MODULES = [
  'undici',
  'node:fs',
  'node:fs/promises',
  'fs',
  'node:net',
  'node:http',
  'node:https',
];

function roomRules(room) {
  const forbidden = ROOMS.filter((r) => r !== room && !ALLOWED[room].includes(r));
  const patterns = [
    {
      group: forbidden.flatMap((r) => [`../${r}/*`, `../../${r}/*`]),
      message: `src/${room}/ may import only from ${ALLOWED[room].map((r) => `${r}/`).join(', ') || 'infra/ itself'} (see CONTRIBUTING.md, Architecture).`,
    },
  ];
  const paths = [];
  if (room !== 'action')
    paths.push({ name: '@actions/core', message: 'Only src/action/ speaks to the runner.' });
  if (room !== 'github' && room !== 'action')
    paths.push({ name: '@actions/github', message: 'The GitHub API client lives in src/github/.' });
  if (PURE.includes(room))
    for (const name of IO_MODULES)
      paths.push({
        name,
        message: `src/${room}/ is pure: I/O belongs to the engine and adapters.`,
      });
  if (room === 'core' || room === 'policy')
    patterns.push({
      group: ['../alibaba/*', '../../alibaba/*'],
      message: 'The pure rules never see Alibaba wire records: alibaba/to-findings.ts maps them.',
    });
  const rules = {
    'no-restricted-imports': ['error', { paths, patterns }],
  };
  if (PURE.includes(room))
    rules['no-restricted-properties'] = [
      'error',
      {
        object: 'process',
        property: 'env',
        message: `src/${room}/ is pure: settings are handed in.`,
      },
    ];
  return { files: [`src/${room}/**/*.ts`], rules };
}

export default tseslint.config(
  { ignores: ['dist/', 'node_modules/', 'test/.build/', 'coverage/'] },
  js.configs.recommended,
  // Type-checked rules: in a fail-closed gate, a floating promise or an unsafe `any` is a bug.
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      globals: { process: 'readonly', console: 'readonly' },
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', ignoreRestSiblings: true },
      ],
    },
  },
  ...ROOMS.map(roomRules),
  // Fakes in tests implement async interfaces without awaiting anything.
  { files: ['test/**/*.ts'], rules: { '@typescript-eslint/require-await': 'off' } },
  // Plain JavaScript (this file, the CI scripts) has no type information to check against.
  { files: ['**/*.js', '**/*.mjs'], ...tseslint.configs.disableTypeChecked },
);

// Lint rules, including the folder dependency rules of the architecture (CONTRIBUTING.md): each
// folder of src/ has one row in LAYERS saying which other folders it may import, and whether it
// is pure (no node:*, process, console or clock). A folder without a row fails the lint and the
// architecture test (test/architecture/layers.test.ts), so a new folder is placed on purpose.
import { readdirSync } from 'node:fs';
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

/** What each folder of src/ may import besides itself and src/errors.ts, bottom layer first. */
export const LAYERS = {
  stats: { mayImport: [], pure: true },
  fields: { mayImport: ['stats'], pure: true },
  time: { mayImport: ['fields'], pure: true },
  metrics: { mayImport: ['fields', 'stats', 'time'], pure: true },
  scorecard: { mayImport: ['fields', 'metrics', 'stats', 'time'], pure: true },
  // The SQL pushdown's generator and decoder (README "SQL pushdown"): text in, text and snapshots out.
  sql: { mayImport: ['fields', 'metrics', 'scorecard', 'stats', 'time'], pure: true },
  report: { mayImport: ['fields', 'metrics', 'scorecard', 'stats', 'time'], pure: false },
  io: { mayImport: ['fields', 'metrics', 'scorecard', 'stats', 'time'], pure: false },
  config: { mayImport: ['fields', 'io', 'metrics', 'report', 'scorecard', 'stats', 'time'], pure: false },
  run: { mayImport: ['fields', 'io', 'metrics', 'report', 'scorecard', 'sql', 'stats', 'time'], pure: false },
  cli: { mayImport: ['config', 'fields', 'io', 'metrics', 'report', 'run', 'scorecard', 'sql', 'stats', 'time'], pure: false },
};

const folders = readdirSync(new URL('./src/', import.meta.url), { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name);
const unplaced = folders.filter((folder) => !(folder in LAYERS));
if (unplaced.length > 0) throw new Error(`eslint.config.js: src/${unplaced.join(', src/')} has no row in LAYERS`);

const nodeBuiltins = {
  group: ['node:*', 'fs', 'path', 'os', 'child_process', 'stream', 'readline', 'worker_threads'],
  message: 'Pure layer: no Node built-ins (CONTRIBUTING.md).',
};
const terminal = { group: ['chalk', 'cli-table3'], message: 'Only cli/ and report/ draw for the terminal.' };

/** The import patterns that reach `folder` from anywhere in src/ (any depth of ../). */
const reaching = (folder) => [`./${folder}/*`, `../${folder}/*`, `../../${folder}/*`, `../../../${folder}/*`];

function layerBlock(folder, { mayImport, pure }) {
  const barred = Object.keys(LAYERS).filter((other) => other !== folder && !mayImport.includes(other));
  const patterns = barred.map((other) => ({
    group: reaching(other),
    message: `src/${folder} may not import src/${other} (LAYERS in eslint.config.js).`,
  }));
  if (pure) patterns.push(nodeBuiltins, terminal);
  const globals = folder === 'cli' ? [] : [{ name: 'process', message: 'Only cli/ touches process.' }];
  if (pure) globals.push({ name: 'console', message: 'Only cli/ writes to the terminal.' });
  return {
    files: [`src/${folder}/**/*.ts`],
    rules: {
      'no-restricted-imports': ['error', { patterns }],
      ...(globals.length > 0 ? { 'no-restricted-globals': ['error', ...globals] } : {}),
      ...(pure
        ? {
            'no-restricted-properties': [
              'error',
              { object: 'Date', property: 'now', message: 'Pure layer: "now" comes in as an argument.' },
            ],
          }
        : {}),
    },
  };
}

export default tseslint.config(
  { ignores: ['dist/', 'node_modules/', 'bench/data/', 'coverage/'] },
  js.configs.recommended,
  ...tseslint.configs.strict,
  {
    files: ['**/*.ts'],
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['bin/**/*.js', 'bench/**/*.js', 'scripts/**/*.js', 'action/**/*.js', 'eslint.config.js'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly', URL: 'readonly' } },
  },
  ...Object.entries(LAYERS).map(([folder, layer]) => layerBlock(folder, layer)),
  {
    // Every stderr line is neutralised in one place (data in messages must not reach a terminal or CI log raw).
    files: ['src/**/*.ts'],
    ignores: ['src/cli/stderr.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: "CallExpression[callee.property.name='write'][callee.object.property.name='stderr']",
          message: 'Write to stderr through cli/stderr.ts.',
        },
      ],
    },
  },
);

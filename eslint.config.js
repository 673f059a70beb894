// Lint rules, including the folder dependency rules of the architecture (spec: architecture.md):
// the pure layers never touch node:*, process, the clock or the terminal; nothing imports cli/.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const pureLayers = ['metrics', 'stats', 'time', 'fields', 'scorecard'];
const nodeBuiltins = [{ group: ['node:*', 'fs', 'path', 'os', 'child_process', 'stream', 'readline'], message: 'Pure layer: no Node built-ins (architecture.md).' }];
const noCli = [{ group: ['**/cli/*', '../cli/*', '../../cli/*'], message: 'Nothing imports cli/ (architecture.md).' }];

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
    files: ['bin/**/*.js', 'bench/**/*.js', 'eslint.config.js'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly', URL: 'readonly' } },
  },
  ...pureLayers.map((layer) => ({
    files: [`src/${layer}/**/*.ts`],
    rules: {
      'no-restricted-imports': ['error', { patterns: [...nodeBuiltins, ...noCli, { group: ['chalk', 'cli-table3', '../io/*', '../report/*', '../config/*'], message: 'Pure layer: no terminal, file or formatter imports.' }] }],
      'no-restricted-globals': ['error', { name: 'process', message: 'Only cli/ touches process.' }, { name: 'console', message: 'Only cli/ writes to the terminal.' }],
      'no-restricted-properties': ['error', { object: 'Date', property: 'now', message: 'Pure layer: "now" comes in as an argument.' }],
    },
  })),
  {
    files: ['src/report/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [...nodeBuiltins, ...noCli, { group: ['../io/*', '../config/*'], message: 'Formatters are pure: (report, options) => string.' }] }],
      'no-restricted-globals': ['error', { name: 'process', message: 'Only cli/ touches process.' }],
    },
  },
  {
    // Every stderr line is neutralised in one place (data in messages must not reach a terminal or CI log raw).
    files: ['src/**/*.ts'],
    ignores: ['src/cli/stderr.ts'],
    rules: {
      'no-restricted-syntax': ['error', { selector: "CallExpression[callee.property.name='write'][callee.object.property.name='stderr']", message: 'Write to stderr through cli/stderr.ts.' }],
    },
  },
  {
    files: ['src/io/**/*.ts', 'src/config/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: noCli }],
      'no-restricted-globals': ['error', { name: 'process', message: 'Only cli/ touches process.' }],
    },
  },
);

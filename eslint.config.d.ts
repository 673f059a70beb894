// Types of what eslint.config.js exports, for test/architecture/imports.test.ts.
import type { Linter } from 'eslint';

export declare const LAYERS: Readonly<Record<string, { readonly mayImport: readonly string[]; readonly pure: boolean }>>;
declare const config: Linter.Config[];
export default config;

/**
 * The shape of src/'s imports (issue 17), type-only imports included:
 * - no cycle: a cycle makes the load order decide what a module sees, and ties layers that should
 *   be apart;
 * - every folder has a row in LAYERS (eslint.config.js), and imports only what its row allows:
 *   ESLint says the same per import, this says it for the whole tree at once.
 * The imports are read by TypeScript's own pre-processor, so every form (`import type`,
 * `export … from`, `import()`) counts.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, normalize, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { LAYERS } from '../../eslint.config.js';

const SRC = fileURLToPath(new URL('../../src/', import.meta.url));

function sourceFiles(folder: string): string[] {
  return readdirSync(folder, { recursive: true, encoding: 'utf8' })
    .filter((path) => path.endsWith('.ts'))
    .map((path) => join(folder, path));
}

/** Each file's imports of other files in src/, by path. */
function importGraph(files: readonly string[]): Map<string, string[]> {
  const known = new Set(files);
  return new Map(
    files.map((file) => {
      const { importedFiles } = ts.preProcessFile(readFileSync(file, 'utf8'), true, true);
      const targets = importedFiles
        .map((imported) => imported.fileName)
        .filter((name) => name.startsWith('.'))
        .map((name) => normalize(join(dirname(file), name.replace(/\.js$/, '.ts'))))
        .filter((path) => known.has(path));
      return [file, targets];
    }),
  );
}

/** The groups of files that import each other, round and round (Tarjan's strongly connected components). */
function cycles(graph: ReadonlyMap<string, readonly string[]>): string[][] {
  let next = 0;
  const order = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const found: string[][] = [];
  const visit = (file: string): void => {
    order.set(file, next);
    low.set(file, next);
    next += 1;
    stack.push(file);
    onStack.add(file);
    for (const target of graph.get(file) ?? []) {
      if (!order.has(target)) {
        visit(target);
        low.set(file, Math.min(low.get(file) ?? 0, low.get(target) ?? 0));
      } else if (onStack.has(target)) {
        low.set(file, Math.min(low.get(file) ?? 0, order.get(target) ?? 0));
      }
    }
    if (low.get(file) !== order.get(file)) return;
    const group: string[] = [];
    for (let member = stack.pop(); member !== undefined; member = stack.pop()) {
      onStack.delete(member);
      group.push(member);
      if (member === file) break;
    }
    if (group.length > 1 || (graph.get(file) ?? []).includes(file)) found.push(group.sort());
  };
  for (const file of graph.keys()) if (!order.has(file)) visit(file);
  return found;
}

describe('imports in src/', () => {
  it('form no cycle', () => {
    const found = cycles(importGraph(sourceFiles(SRC))).map((group) => group.map((file) => relative(SRC, file)));
    expect(found).toEqual([]);
  });

  it('the check finds a cycle where there is one', () => {
    const graph = new Map([
      ['a.ts', ['b.ts']],
      ['b.ts', ['c.ts']],
      ['c.ts', ['a.ts']],
      ['d.ts', ['a.ts']],
      ['e.ts', ['e.ts']],
    ]);
    expect(cycles(graph)).toEqual([['a.ts', 'b.ts', 'c.ts'], ['e.ts']]);
  });
});

/** The folder of src/ a file is in, or undefined for a file at src/'s top (errors.ts, index.ts). */
function folderOf(file: string): string | undefined {
  const parts = relative(SRC, file).split(sep);
  return parts.length > 1 ? parts[0] : undefined;
}

describe('layers of src/', () => {
  const layers: Record<string, { mayImport: readonly string[] }> = LAYERS;

  it('every folder has a row in LAYERS, and every row a folder', () => {
    const folders = readdirSync(SRC, { withFileTypes: true })
      .filter((entry) => entry.isDirectory())
      .map((entry) => entry.name);
    expect(Object.keys(layers).sort()).toEqual(folders.sort());
  });

  it('a folder imports only the folders its row allows', () => {
    const graph = importGraph(sourceFiles(SRC));
    const barred: string[] = [];
    for (const [file, targets] of graph) {
      const from = folderOf(file);
      if (from === undefined) continue;
      for (const target of targets) {
        const to = folderOf(target);
        if (to === undefined || to === from || layers[from]?.mayImport.includes(to)) continue;
        barred.push(`${relative(SRC, file)} -> ${relative(SRC, target)}`);
      }
    }
    expect(barred).toEqual([]);
  });

  it('the rows form no cycle of their own', () => {
    const graph = new Map(Object.entries(layers).map(([folder, row]) => [folder, [...row.mayImport]]));
    expect(cycles(graph)).toEqual([]);
  });
});

// compileInScope: the compiled function sees the scope's values under their keys; a body that does
// not compile is a bug and throws. (Where code generation is disallowed it returns undefined: the
// end-to-end test in test/cli/parallel.test.ts runs node with --disallow-code-generation-from-strings.)
import { describe, expect, it } from 'vitest';
import { compileInScope } from '../../src/fields/compile.js';

describe('compileInScope', () => {
  it('binds each key of the scope as a parameter of the body', () => {
    const add = compileInScope<(x: number) => number>(
      { offset: 40, twice: (x: number) => 2 * x },
      'return function add(x) { return twice(x) + offset; };',
    );
    expect(add?.(1)).toBe(42);
  });

  it('throws on a body that does not compile, instead of falling back quietly', () => {
    expect(() => compileInScope({}, 'return function (')).toThrow(SyntaxError);
  });
});

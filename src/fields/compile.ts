/**
 * Hot loops written out per source and compiled once (the row builder's `fillRow`, the
 * scorecard's `feed`): one call site per column or metric, which V8 can inline. Where code
 * generation from strings is disallowed (`node --disallow-code-generation-from-strings`, an
 * embedder's policy) the callers fall back to their plain loops: same results, slower.
 */

/**
 * The function `body` returns, compiled with each key of `scope` as a parameter bound to its
 * value; undefined where code generation from strings is disallowed. Callers build `body` from
 * numbers and JSON string literals only.
 */
export function compileInScope<F>(scope: Readonly<Record<string, unknown>>, body: string): F | undefined {
  let factory: (...values: unknown[]) => F;
  try {
    factory = new Function(...Object.keys(scope), body) as (...values: unknown[]) => F;
  } catch (error) {
    // V8 throws EvalError when strings may not become code; anything else is a bug in `body`.
    if (error instanceof EvalError) return undefined;
    throw error;
  }
  return factory(...Object.values(scope));
}

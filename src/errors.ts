/**
 * Errors a user can act on. Each carries the exit code `bin/xla.js` should use and an optional hint.
 * Anything else that escapes is a bug in xla (exit 3).
 */
export class XlaError extends Error {
  readonly exitCode: number;
  readonly hint: string | undefined;

  constructor(message: string, options: { exitCode?: number; hint?: string } = {}) {
    super(message);
    this.name = 'XlaError';
    this.exitCode = options.exitCode ?? 2;
    this.hint = options.hint;
  }
}

/** A bad command line: unknown option, malformed value. */
export class UsageError extends XlaError {
  constructor(message: string, hint?: string) {
    super(message, hint === undefined ? {} : { hint });
    this.name = 'UsageError';
  }
}

/** A bad XLA definition file. `path` is the dotted path inside the file (`targets[2].target`). */
export class ConfigError extends XlaError {
  readonly file: string | undefined;
  readonly path: string | undefined;
  /**
   * The message's lines, one per problem (`file:line:column: path: what`), when it lists several;
   * printed one by one, so that a line break inside a key or value from the file never starts a
   * line of its own.
   */
  readonly lines: readonly string[];

  constructor(message: string | readonly string[], where: { file?: string; path?: string; hint?: string } = {}) {
    const lines = typeof message === 'string' ? [message] : message;
    super(lines.join('\n'), where.hint === undefined ? {} : { hint: where.hint });
    this.name = 'ConfigError';
    this.file = where.file;
    this.path = where.path;
    this.lines = lines;
  }
}

/** Bad input data. `line`/`column` are 1-based; either may be unknown. */
export class InputError extends XlaError {
  readonly file: string;
  readonly line: number | undefined;
  readonly column: number | undefined;

  constructor(message: string, where: { file: string; line?: number; column?: number; hint?: string }) {
    super(message, where.hint === undefined ? {} : { hint: where.hint });
    this.name = 'InputError';
    this.file = where.file;
    this.line = where.line;
    this.column = where.column;
  }

  /** `file:line:column: message`, the form editors and CI logs turn into links. */
  get location(): string {
    return formatLocation(this.file, this.line, this.column);
  }
}

export function formatLocation(file: string, line?: number, column?: number): string {
  if (line === undefined) return file;
  if (column === undefined) return `${file}:${line}`;
  return `${file}:${line}:${column}`;
}

/** An error as plain data, to cross from a worker thread (structured clone keeps no classes). */
export interface PlainError {
  name: string;
  message: string;
  stack: string | undefined;
  exitCode?: number;
  hint?: string | undefined;
  file?: string | undefined;
  line?: number | undefined;
  column?: number | undefined;
  path?: string | undefined;
}

export function toPlainError(error: unknown): PlainError {
  if (!(error instanceof Error)) return { name: 'Error', message: String(error), stack: undefined };
  const plain: PlainError = { name: error.name, message: error.message, stack: error.stack };
  if (error instanceof XlaError) Object.assign(plain, { exitCode: error.exitCode, hint: error.hint });
  if (error instanceof InputError) Object.assign(plain, { file: error.file, line: error.line, column: error.column });
  if (error instanceof ConfigError) Object.assign(plain, { file: error.file, path: error.path });
  return plain;
}

/** The error again, of its own class where it was one of xla's (so it keeps its exit code and place). */
export function fromPlainError(plain: PlainError): Error {
  const hint = plain.hint === undefined ? {} : { hint: plain.hint };
  const error =
    plain.name === 'InputError' && plain.file !== undefined
      ? new InputError(plain.message, {
          file: plain.file,
          ...hint,
          ...(plain.line === undefined ? {} : { line: plain.line }),
          ...(plain.column === undefined ? {} : { column: plain.column }),
        })
      : plain.name === 'ConfigError'
        ? new ConfigError(plain.message, {
            ...hint,
            ...(plain.file === undefined ? {} : { file: plain.file }),
            ...(plain.path === undefined ? {} : { path: plain.path }),
          })
        : plain.exitCode !== undefined
          ? new XlaError(plain.message, { exitCode: plain.exitCode, ...hint })
          : new Error(plain.message);
  if (plain.stack !== undefined) error.stack = plain.stack;
  return error;
}

/**
 * What every command shares with the program: its streams and environment, the exit codes, and
 * the state an action reports back. Apart from main.ts, so that the commands need not import the
 * program that registers them.
 */

export interface CliIO {
  stdin: NodeJS.ReadableStream & { isTTY?: boolean };
  stdout: NodeJS.WritableStream & { isTTY?: boolean };
  stderr: NodeJS.WritableStream & { isTTY?: boolean };
  env: NodeJS.ProcessEnv;
  cwd: string;
}

/** Exit codes (cli.md). */
export const EXIT = { ok: 0, failed: 1, usage: 2, bug: 3 } as const;

/** What a command's action reports back to main. */
export interface CommandState {
  exitCode: number;
}

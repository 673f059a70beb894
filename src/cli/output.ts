/**
 * Where a command's output goes: the report, `--rejects`, the GitHub step summary, init's config.
 * Every path is resolved (io/output-file.ts) and checked against the run's inputs before any
 * input is read, and written through that one module; standard output and error are written
 * through the CliIO streams, so that what a shell redirect set up is used as it is.
 */
import { UsageError } from '../errors.js';
import {
  TextBlocks,
  descriptorIdentity,
  inputIdentity,
  isPresentIdentity,
  openOutputFile,
  resolveOutputTarget,
  writeWhole,
} from '../io/output-file.js';
import type { OutputFile, OutputTarget, WriteMode } from '../io/output-file.js';
import type { CliIO } from './context.js';

/**
 * Colour only on a terminal (cli.md): `--no-color` and `NO_COLOR` turn it off, `FORCE_COLOR` on;
 * a report written to a file is never coloured.
 */
export function shouldColor(io: CliIO, options: { color?: boolean; toFile: boolean }): boolean {
  if (options.toFile || options.color === false) return false;
  if (io.env.NO_COLOR !== undefined && io.env.NO_COLOR !== '') return false;
  const force = io.env.FORCE_COLOR;
  if (force !== undefined && force !== '') return force !== '0' && force !== 'false';
  return io.stdout.isTTY === true;
}

/** Standard output, where a report goes without `-o`. */
export const STDOUT: OutputTarget = { kind: 'descriptor', name: '-', fd: 1 };

/** Standard output as an output of the run, for the clash check (`xla score data.csv >> data.csv`). */
export const STDOUT_OUTPUT: NamedOutput = { label: 'standard output', target: STDOUT };

/** Whether the target is this process's standard output (`-`, /dev/stdout, /dev/fd/1). */
export function isStdout(target: OutputTarget): boolean {
  return target.kind === 'descriptor' && target.fd === 1;
}

/** An output the user named, resolved, with how they named it in messages (`-o out.csv`). */
export interface NamedOutput {
  label: string;
  target: OutputTarget;
}

/** An input the user named (a data file, the config file), with how messages name it. */
export interface NamedInput {
  label: string;
  path: string;
  kind?: string;
}

/**
 * A data file the run reads, named as messages name it: `the input data.csv`, or standard input
 * for `-`. `kind` is the kind it is read as, where one is given: one file read twice as the same
 * kind (or once detected) would count its rows twice, while a file read once as a survey and once
 * as tickets feeds different metrics and is fine.
 */
export function namedInput(path: string, kind?: string): NamedInput {
  return { label: path === '-' ? 'standard input' : `the input ${path}`, path, ...(kind === undefined ? {} : { kind }) };
}

export async function resolveOutput(io: CliIO, option: string, path: string, mode: WriteMode = 'replace'): Promise<NamedOutput> {
  return { label: `${option} ${path}`, target: await resolveOutputTarget(path, io.cwd, mode) };
}

/**
 * Refuses (exit 2, before any work) an output that is one of the inputs, an input given twice
 * (`xla score d.csv ./d.csv`, or a config source also on the command line), or two outputs that are
 * one file — whatever the spelling (`./x`, a symlink, a hard link): same device and inode, or
 * the same real path for a file not there yet. Devices, FIFOs and descriptors are written
 * through, not replaced, so `/dev/null` may take both outputs.
 */
export async function refuseClashes(io: CliIO, outputs: readonly NamedOutput[], inputs: readonly NamedInput[]): Promise<void> {
  const files = outputs.flatMap((output) => {
    const identity = outputIdentity(io, output.target);
    return identity === undefined ? [] : [{ label: output.label, identity, isReplaced: output.target.kind === 'file' }];
  });
  const read: { label: string; identity: string; kind: string | undefined }[] = [];
  for (const input of inputs) {
    const identity = input.path === '-' ? standardIdentity(io.stdin) : await inputIdentity(input.path, io.cwd);
    if (identity === undefined) continue;
    const clash = files.find((output) => output.identity === identity);
    if (clash !== undefined)
      throw new UsageError(`${clash.label} is ${input.label}: xla never writes over what it reads`, 'write the output to another file');
    // The same rows read twice would count twice: n, every sum and every interval off, silently.
    // A file not there is left to its reader to say so.
    if (!isPresentIdentity(identity)) continue;
    const again = read.find((earlier) => earlier.identity === identity && isSameKind(earlier.kind, input.kind));
    if (again !== undefined)
      throw new UsageError(
        `${input.label} is ${again.label} again: its rows would count twice`,
        "give each file once (the config's sources and the command line add up)",
      );
    read.push({ label: input.label, identity, kind: input.kind });
  }
  files.forEach((output, i) => {
    const other = files.slice(i + 1).find((candidate) => candidate.identity === output.identity);
    if (other === undefined) return;
    // Two descriptors on one file or pipe are written through: nothing is replaced, but the texts would interleave.
    const clash =
      output.isReplaced || other.isReplaced
        ? 'are the same file: one would replace the other'
        : 'are one stream: their texts would be mixed';
    throw new UsageError(`${output.label} and ${other.label} ${clash}`, 'give each output a file of its own');
  });
}

/** Two readings of one file as the same kind; a kind left to detection may be either. */
function isSameKind(one: string | undefined, other: string | undefined): boolean {
  return one === undefined || other === undefined || one === other;
}

/**
 * What an output is, to compare: a file's `dev:ino` (or real path), a descriptor's (standard
 * output redirected to a file has that file's); none for a device or FIFO, which is written
 * through and may take several outputs.
 */
function outputIdentity(io: CliIO, target: OutputTarget): string | undefined {
  switch (target.kind) {
    case 'file':
      return target.identity;
    case 'special':
      return undefined;
    case 'descriptor':
      if (target.fd === 1) return standardIdentity(io.stdout);
      if (target.fd === 2) return standardIdentity(io.stderr);
      return descriptorIdentity(target.fd);
  }
}

/** A standard stream's descriptor's identity; none for a stream that is not the process's own (a test's capture). */
function standardIdentity(stream: object): string | undefined {
  const fd: unknown = (stream as { fd?: unknown }).fd;
  return typeof fd === 'number' ? descriptorIdentity(fd) : undefined;
}

/** Opens an output; standard output and error go through the streams of `io`. */
export async function openOutput(io: CliIO, target: OutputTarget, mode: WriteMode = 'replace'): Promise<OutputFile> {
  if (target.kind === 'descriptor' && (target.fd === 1 || target.fd === 2)) return streamOutput(target.fd === 1 ? io.stdout : io.stderr);
  return openOutputFile(target, { append: mode === 'append' });
}

/** Writes a whole text (a report, a config) to a target; a failure leaves no partial file. */
export async function writeOutput(io: CliIO, target: OutputTarget, text: string, mode: WriteMode = 'replace'): Promise<void> {
  await writeWhole(await openOutput(io, target, mode), text);
}

/**
 * A standard stream as an output. Its write errors are the stream's own 'error' events, which
 * main watches (std-streams.ts): a reader that left (EPIPE) ends output quietly, anything else
 * is one line and exit 2. Committing waits until the text is handed to the system, so that the
 * run does not end before its report is out.
 */
function streamOutput(stream: NodeJS.WritableStream): OutputFile {
  let written: Promise<void> = Promise.resolve();
  const blocks = new TextBlocks((text) => {
    let settle = (): void => undefined;
    written = new Promise((resolve) => (settle = resolve));
    // Outside the promise, so that a write that throws fails the run where it happens.
    stream.write(text, () => settle());
  });
  return {
    write: (text) => blocks.write(text),
    commit: async () => {
      blocks.flush();
      await written;
    },
    discard: async () => undefined,
  };
}

/**
 * Every file xla writes — the report (`-o`), `--rejects`, `init`'s config, GitHub's step summary —
 * goes through this module, so that none is lost or left half-written. Where a path leads decides
 * how it is written:
 *
 * - a regular file, or a new one: the text goes to a temporary file in the same folder, is
 *   fsynced and renamed over it, so readers see the old file or the whole new one. A symlink is
 *   followed and its target replaced; the link stays. An existing file keeps its mode, and its
 *   owner and group where we may set them. A file we may not write (no write permission, e.g.
 *   0444 for a normal user) is refused rather than replaced behind the owner's back; root may
 *   write it, as a shell redirect would, and it keeps its mode.
 * - a device, FIFO or socket (/dev/null, a named pipe): opened and written through — renaming a
 *   file over /dev/null would replace the device node for every other program.
 * - `-`, /dev/stdout, /dev/stderr, /dev/fd/N, /proc/self/fd/N: the descriptor itself. These name
 *   whatever the shell opened (a terminal, a pipe, or a regular file for `> out.txt`): written
 *   where it points, at its own offset, it is never renamed over or truncated.
 *
 * Writes are synchronous, in blocks: rejected rows are written as they are found, from the row
 * loop, with nothing kept. The temporary files are tracked (temp-files.ts), so that an
 * interrupted run removes them.
 */
import { crypto } from './on-first-use.js';
import { constants, fstatSync, readdirSync, readFileSync, readlinkSync, writeSync } from 'node:fs';
import type { Stats } from 'node:fs';
import { access, lstat, open, readlink, realpath, rename, rm, stat } from 'node:fs/promises';
import type { FileHandle } from 'node:fs/promises';
import { basename, dirname, isAbsolute, join } from 'node:path';
import { InputError } from '../errors.js';
import { describeFsError, errorCode } from './byte-source.js';
import { trackTemporary, untrackTemporary } from './temp-files.js';

/** Where an output path leads, resolved before any work (see the module comment). */
export type OutputTarget = DescriptorTarget | SpecialTarget | FileTarget;

/** `-`, /dev/stdout, /dev/fd/N…: the open descriptor N of this process. */
export interface DescriptorTarget {
  kind: 'descriptor';
  /** The path as the user gave it, for messages. */
  name: string;
  fd: number;
}

/** An existing device, FIFO or socket: opened and written through. */
export interface SpecialTarget {
  kind: 'special';
  name: string;
  path: string;
}

/** A regular file (existing or not), symlinks followed: replaced whole, atomically. */
export interface FileTarget {
  kind: 'file';
  name: string;
  /** The real path: its folder has no symlink in it, and it is not one. */
  path: string;
  exists: boolean;
  /** Same value, same file: `dev:ino` when it exists, else its real path. */
  identity: string;
}

/** An output being written: text is appended as it comes, then kept (`commit`) or dropped (`discard`). */
export interface OutputFile {
  /** Synchronous, so that it can be called from the row loop; throws an InputError on a write error. */
  write: (text: string) => void;
  /** Writes what is buffered and puts the file in place (or closes a special file). */
  commit: () => Promise<void>;
  /** Removes what this run wrote where it can (a temporary file, an append), leaving the target as it was; safe after commit. */
  discard: () => Promise<void>;
}

/** How many links a path may pass through, as Linux's own limit (ELOOP beyond). */
const MAX_LINKS = 40;

/** Characters gathered before each write: one system call per block rather than per rejected row. */
const BLOCK_CHARS = 64 * 1024;

/** Folders whose entries are this process's own descriptors, where the platform has them. */
const OWN_DESCRIPTOR_FOLDERS = ['/dev/fd', '/proc/self/fd', '/proc/thread-self/fd'];

/** Linux's folders of a process's descriptors, as realpath gives them: `/proc/PID/fd`, `/proc/PID/task/TID/fd`. */
const PROC_DESCRIPTOR_FOLDER = /^\/proc\/(\d+)(?:\/task\/\d+)?\/fd$/;

/** How a file target will be written: replaced whole (a new file renamed over it), or appended to. */
export type WriteMode = 'replace' | 'append';

/**
 * Where `name` leads, or an InputError (exit 2) naming it: a folder, a missing folder, a symlink
 * loop, a file or folder we may not write. `-` is standard output.
 */
export async function resolveOutputTarget(name: string, cwd: string, mode: WriteMode = 'replace'): Promise<OutputTarget> {
  if (name === '-') return { kind: 'descriptor', name, fd: 1 };
  if (name === '')
    throw new InputError('cannot write to an empty file name', { file: name, hint: 'give a file name, or - for standard output' });
  return followLinks(name, cwd, mode).catch((error: unknown) => {
    throw writeError(name, error);
  });
}

/** Follows `name` link by link, so that a link to /dev/stdout is seen as the descriptor it is. */
async function followLinks(name: string, cwd: string, mode: WriteMode): Promise<OutputTarget> {
  const descriptors = await descriptorFolders();
  let path = spellAbsolute(name, cwd);
  for (let links = 0; ; links++) {
    const folder = await realFolder(name, path);
    const fd = descriptorIn(descriptors, folder, basename(path), name);
    if (fd !== undefined) return { kind: 'descriptor', name, fd: checkDescriptor(name, fd) };
    path = join(folder, basename(path));
    const entry = await lstat(path).catch(ignoreMissing);
    if (entry?.isSymbolicLink() !== true) return classify(name, path, entry, mode);
    if (links === MAX_LINKS) throw writeError(name, Object.assign(new Error('too many levels of symbolic links'), { code: 'ELOOP' }));
    path = spellAbsolute(await readlink(path), folder);
  }
}

/**
 * `path` from `base`, spelt as given: never normalised, since `link/..` is the folder above the
 * link's target for the kernel, not `base` (path.resolve would make it `base`).
 */
function spellAbsolute(path: string, base: string): string {
  return isAbsolute(path) ? path : `${base.replace(/\/+$/, '')}/${path}`;
}

/** This process's descriptor folders, and its own process folder (`/proc/PID`) where Linux has one. */
interface DescriptorFolders {
  own: Set<string>;
  pid: string | undefined;
}

async function descriptorFolders(): Promise<DescriptorFolders> {
  const real = await Promise.all(OWN_DESCRIPTOR_FOLDERS.map((folder) => realpath(folder).catch(() => undefined)));
  const self = await realpath('/proc/self').catch(() => undefined);
  return {
    own: new Set([...OWN_DESCRIPTOR_FOLDERS, ...real.filter((folder): folder is string => folder !== undefined)]),
    pid: self === undefined ? undefined : basename(self),
  };
}

/**
 * The descriptor a path names (`/dev/fd/3`, `/proc/self/fd/1`, `/proc/PID/task/TID/fd/1`), or
 * undefined for any other path. Another process's descriptor is refused: writing there would
 * replace a file that process has open.
 */
function descriptorIn(folders: DescriptorFolders, folder: string, entry: string, name: string): number | undefined {
  const proc = PROC_DESCRIPTOR_FOLDER.exec(folder);
  if (!folders.own.has(folder) && proc === null) return undefined;
  if (proc !== null && folders.pid !== undefined && proc[1] !== folders.pid) {
    throw new InputError(`cannot write ${name}: it is a descriptor of another process`, {
      file: name,
      hint: "write to a file, or to one of xla's own descriptors (/dev/fd/N)",
    });
  }
  if (!/^\d+$/.test(entry)) throw new InputError(`cannot write ${name}: no such descriptor`, { file: name });
  return Number(entry);
}

/** O_ACCMODE, and O_RDONLY within it, as /proc/PID/fdinfo/N prints the flags (octal). */
const ACCESS_MODE = 0o3;
const READ_ONLY = 0;

/**
 * A descriptor above 2 may be written only if it is one the shell handed over (`3> log.txt`,
 * `-o >(gzip > r.gz)`, `3>&1`): Node keeps descriptors of its own — its event loop's epoll and
 * eventfd, pipes whose two ends it holds — and writing a report into one of them crashes it or
 * loses the report. Node marks every descriptor close-on-exec, inherited ones too, so that flag
 * cannot tell them apart; what is Node's own is an anonymous inode, or a pipe whose reading end
 * is open here too. Where /proc has no such entries (not Linux), the descriptor is taken as given.
 */
function checkDescriptor(name: string, fd: number): number {
  if (fd <= 2) return fd;
  const hint = `open it in the shell, e.g. ${fd}> file`;
  let target: string;
  let isReadOnly: boolean;
  try {
    target = readlinkSync(`/proc/self/fd/${fd}`);
    isReadOnly = isOpenForReadingOnly(fd);
  } catch (error) {
    if (errorCode(error) === 'ENOENT') throw new InputError(`cannot write ${name}: descriptor ${fd} is not open`, { file: name, hint });
    return fd;
  }
  if (target.startsWith('anon_inode:') || (target.startsWith('pipe:') && isPipeReadHere(fd, target))) {
    throw new InputError(`cannot write ${name}: descriptor ${fd} is xla's own, not one it was given`, { file: name, hint });
  }
  if (isReadOnly) throw new InputError(`cannot write ${name}: descriptor ${fd} is open for reading only`, { file: name, hint });
  return fd;
}

/** Whether the descriptor's flags (in /proc/self/fdinfo) open it for reading only; throws when it is not open. */
function isOpenForReadingOnly(fd: number): boolean {
  const flags = /^flags:\s*([0-7]+)$/m.exec(readFileSync(`/proc/self/fdinfo/${fd}`, 'latin1'));
  return flags !== null && (Number.parseInt(flags[1] ?? '0', 8) & ACCESS_MODE) === READ_ONLY;
}

/**
 * Whether another descriptor of this process reads the same pipe: then both ends are here, a pipe
 * Node made for itself. A second writing end (`3>&1` onto a pipe) is the shell's, and is fine.
 */
function isPipeReadHere(fd: number, target: string): boolean {
  return readdirSync('/proc/self/fd').some((entry) => {
    if (entry === String(fd)) return false;
    try {
      return readlinkSync(`/proc/self/fd/${entry}`) === target && isOpenForReadingOnly(Number(entry));
    } catch {
      return false;
    }
  });
}

async function classify(name: string, path: string, entry: Stats | undefined, mode: WriteMode): Promise<OutputTarget> {
  if (entry?.isDirectory() === true) throw new InputError(`cannot write ${name}: it is a folder`, { file: name, hint: 'give a file name' });
  if (entry !== undefined && !entry.isFile()) {
    await access(path, constants.W_OK).catch((error: unknown) => {
      throw writeError(name, error);
    });
    return { kind: 'special', name, path };
  }
  // A new file, or the one that replaces an existing file, is made in its folder.
  if (entry === undefined || mode === 'replace') {
    await access(dirname(path), constants.W_OK | constants.X_OK).catch((error: unknown) => {
      throw new InputError(`cannot write ${name}: cannot create a file in ${dirname(path)} (${describeFsError(error)})`, {
        file: name,
        hint: 'write to a folder you may write to',
      });
    });
  }
  if (entry === undefined) return { kind: 'file', name, path, exists: false, identity: path };
  // Root passes this check whatever the mode, as a shell redirect would let it write.
  await access(path, constants.W_OK).catch((error: unknown) => {
    throw new InputError(`cannot write ${name}: ${describeFsError(error)}`, {
      file: name,
      hint: 'the file is read-only: make it writable (chmod u+w), or write elsewhere',
    });
  });
  return { kind: 'file', name, path, exists: true, identity: identityOf(entry) };
}

/** The real path of `path`'s folder, or an InputError when it does not exist. */
async function realFolder(name: string, path: string): Promise<string> {
  try {
    return await realpath(dirname(path));
  } catch (error) {
    const isMissing = errorCode(error) === 'ENOENT';
    throw new InputError(`cannot write ${name}: ${isMissing ? `no such folder ${dirname(path)}` : describeFsError(error)}`, { file: name });
  }
}

/**
 * What an input path is, to compare with outputs: `dev:ino` of a regular file, its real path when
 * it does not exist, undefined for anything else (a device, a pipe), which no output can destroy,
 * and for a path that cannot be looked at (its reader then says why, with exit 2). Standard input
 * is compared by its descriptor (descriptorIdentity).
 */
export async function inputIdentity(path: string, cwd: string): Promise<string | undefined> {
  const absolute = spellAbsolute(path, cwd);
  try {
    const entry = await stat(absolute).catch(ignoreMissing);
    if (entry !== undefined) return entry.isFile() ? identityOf(entry) : undefined;
    const folder = await realpath(dirname(absolute));
    return join(folder, basename(absolute));
  } catch {
    return undefined;
  }
}

/**
 * What an open descriptor is, to compare with inputs and outputs: `dev:ino` when it is a regular
 * file (`< data.csv`, `>> data.csv`), else `fd:N`, so that two outputs on one descriptor clash
 * too; undefined when it is not open.
 */
export function descriptorIdentity(fd: number): string | undefined {
  try {
    const entry = fstatSync(fd);
    return entry.isFile() ? identityOf(entry) : `fd:${fd}`;
  } catch {
    return undefined;
  }
}

function identityOf(entry: { dev: number; ino: number }): string {
  return `${entry.dev}:${entry.ino}`;
}

/**
 * Whether an identity (inputIdentity, descriptorIdentity) is of something there — a file's
 * `dev:ino`, a descriptor's `fd:N` — rather than the real path of a file not there yet.
 */
export function isPresentIdentity(identity: string): boolean {
  return !isAbsolute(identity);
}

/**
 * Opens a target for writing: a file is replaced (a temporary file renamed into place at commit),
 * or appended to with `append` (GitHub's step summary; a failed append is cut back off); a device,
 * FIFO or descriptor is written through. Standard output and error are the caller's: cli/ writes
 * them through its streams.
 */
export async function openOutputFile(target: OutputTarget, options: { append?: boolean } = {}): Promise<OutputFile> {
  switch (target.kind) {
    case 'descriptor':
      return writeThrough(target.name, target.fd, async () => undefined);
    case 'special': {
      // Opened without the event loop waiting: a FIFO blocks here until a reader comes, and
      // Ctrl-C must still work meanwhile. No O_CREAT, no O_TRUNC: it is written as it is.
      const handle = await open(target.path, constants.O_WRONLY).catch((error: unknown) => {
        throw writeError(target.name, error);
      });
      return writeThrough(target.name, handle.fd, () => handle.close());
    }
    case 'file':
      return options.append === true ? openAppending(target) : openReplacement(target);
  }
}

/** Writes a whole text to a target: the report, a config. */
export async function writeOutputFile(target: OutputTarget, text: string): Promise<void> {
  await writeWhole(await openOutputFile(target), text);
}

/** Writes `text` and commits it, or discards what was written when either fails. */
export async function writeWhole(file: OutputFile, text: string): Promise<void> {
  try {
    file.write(text);
    await file.commit();
  } catch (error) {
    await file.discard();
    throw error;
  }
}

async function openReplacement(target: FileTarget): Promise<OutputFile> {
  // At most 50 characters of the name (200 bytes of UTF-8), so that the temporary one fits in NAME_MAX (255 bytes).
  const temp = join(
    dirname(target.path),
    `.${[...basename(target.path)].slice(0, 50).join('')}.${crypto().randomBytes(6).toString('hex')}.tmp`,
  );
  trackTemporary(temp);
  let handle: FileHandle | undefined;
  const remove = async (): Promise<void> => {
    await handle?.close().catch(() => undefined);
    handle = undefined;
    await rm(temp, { force: true });
    untrackTemporary(temp);
  };
  try {
    handle = await open(temp, 'wx');
    await keepModeAndOwner(handle, target.path);
  } catch (error) {
    await remove();
    throw writeError(target.name, error);
  }
  const opened = handle;
  const blocks = new TextBlocks((text) => writeAllSync(opened.fd, text));
  let isDone = false;
  return {
    write: (text) => guard(target.name, () => blocks.write(text)),
    commit: async () => {
      try {
        blocks.flush();
        await opened.sync();
        await opened.close();
        handle = undefined;
        await rename(temp, target.path);
        untrackTemporary(temp);
        isDone = true;
      } catch (error) {
        await remove();
        throw writeError(target.name, error);
      }
    },
    discard: async () => {
      if (!isDone) await remove();
    },
  };
}

/**
 * The new file gets the old one's mode and, where we may set them, its owner and group (root may;
 * others may set a group they belong to). A new file gets 0666 less the umask, as `>` gives.
 */
async function keepModeAndOwner(handle: FileHandle, path: string): Promise<void> {
  const old = await stat(path).catch(ignoreMissing);
  if (old?.isFile() !== true) return;
  await handle.chown(old.uid, old.gid).catch(() => handle.chown(-1, old.gid).catch(() => undefined));
  // After chown, which may clear set-id bits.
  await handle.chmod(old.mode & 0o7777);
}

async function openAppending(target: FileTarget): Promise<OutputFile> {
  const handle = await open(target.path, 'a').catch((error: unknown) => {
    throw writeError(target.name, error);
  });
  const sizeBefore = (await handle.stat()).size;
  const blocks = new TextBlocks((text) => writeAllSync(handle.fd, text));
  let isOpen = true;
  const close = async (): Promise<void> => {
    if (isOpen) await handle.close();
    isOpen = false;
  };
  return {
    write: (text) => guard(target.name, () => blocks.write(text)),
    commit: async () => {
      try {
        blocks.flush();
        await close();
      } catch (error) {
        await handle.truncate(sizeBefore).catch(() => undefined);
        await close().catch(() => undefined);
        throw writeError(target.name, error);
      }
    },
    discard: async () => {
      if (!isOpen) return;
      await handle.truncate(sizeBefore).catch(() => undefined);
      await close();
    },
  };
}

/**
 * A descriptor, device or FIFO, written as it is. When its reader has gone (EPIPE, as with
 * `| head`) the rest is dropped quietly: the reader asked for no more.
 */
function writeThrough(name: string, fd: number, close: () => Promise<void>): OutputFile {
  let isReaderGone = false;
  const blocks = new TextBlocks((text) => {
    if (isReaderGone) return;
    try {
      writeAllSync(fd, text);
    } catch (error) {
      if (errorCode(error) !== 'EPIPE') throw error;
      isReaderGone = true;
    }
  });
  let isOpen = true;
  const end = async (): Promise<void> => {
    if (isOpen) await close();
    isOpen = false;
  };
  return {
    write: (text) => guard(name, () => blocks.write(text)),
    commit: async () => {
      try {
        guard(name, () => blocks.flush());
      } finally {
        await end();
      }
    },
    discard: end,
  };
}

/** Runs a write, turning a file-system error into the one-line InputError that names the output. */
function guard(name: string, write: () => void): void {
  try {
    write();
  } catch (error) {
    throw writeError(name, error);
  }
}

/** Text gathered into blocks of BLOCK_CHARS, each handed to `sink` whole. */
export class TextBlocks {
  readonly #sink: (text: string) => void;
  #parts: string[] = [];
  #size = 0;

  constructor(sink: (text: string) => void) {
    this.#sink = sink;
  }

  write(text: string): void {
    this.#parts.push(text);
    this.#size += text.length;
    if (this.#size >= BLOCK_CHARS) this.flush();
  }

  flush(): void {
    if (this.#size === 0) return;
    const text = this.#parts.join('');
    this.#parts = [];
    this.#size = 0;
    this.#sink(text);
  }
}

/** write(2) may take less than it is given (a pipe, a signal): go on until all of it is written. */
export function writeAllSync(fd: number, text: string): void {
  const bytes = Buffer.from(text, 'utf8');
  for (let written = 0; written < bytes.length;) written += writeSync(fd, bytes, written);
}

/** An error while writing `name`, as one line: `cannot write out.csv: no space left on device`. */
function writeError(name: string, error: unknown): InputError {
  if (error instanceof InputError) return error;
  return new InputError(`cannot write ${name}: ${describeFsError(error)}`, { file: name });
}

function ignoreMissing(error: unknown): undefined {
  if (errorCode(error) === 'ENOENT') return undefined;
  throw error;
}

/**
 * The text of an XLA file. A config is a few KB, so it is read whole, but never more than
 * MAX_CONFIG_BYTES: `-c /dev/urandom` or a pipe that never ends stops at the cap with a message.
 * UTF-8 (a BOM is dropped) and UTF-16 (a BOM, or NUL bytes beside the first ASCII character) are
 * decoded strictly: a byte that is not text stops the load at its line and column.
 */
import { lstat, open, readlink, stat } from 'node:fs/promises';
import type { FileHandle } from 'node:fs/promises';
import { ConfigError, formatLocation } from '../errors.js';
import { describeFsError, errorCode } from '../io/byte-source.js';
import { detectBom } from '../io/encoding.js';
import { locateOffset } from '../io/text-position.js';

/** 1 MiB: a config with hundreds of targets is a few dozen KB. */
export const MAX_CONFIG_BYTES = 1024 * 1024;

export async function readConfigFile(path: string): Promise<string> {
  return decodeConfigText(await readConfigBytes(path), path);
}

/** A regular file, a pipe (`-c <(…)`) or standard input; never a folder or a device. */
async function readConfigBytes(path: string): Promise<Uint8Array> {
  const info = await stat(path).catch(async (error: unknown) => {
    throw cannotRead(path, await describeMissing(path, error));
  });
  if (info.isDirectory()) throw cannotRead(path, 'it is a folder');
  if (info.isCharacterDevice() || info.isBlockDevice()) throw cannotRead(path, 'it is a device, not a file');
  if (info.isFile() && info.size > MAX_CONFIG_BYTES) throw tooLarge(path, info.size);
  let handle: FileHandle;
  try {
    handle = await open(path, 'r');
  } catch (error) {
    throw cannotRead(path, describeReadError(error));
  }
  try {
    return await readAtMost(handle, path);
  } finally {
    await handle.close();
  }
}

/** Reads until the end or one byte past the cap, whichever comes first. */
async function readAtMost(handle: FileHandle, path: string): Promise<Uint8Array> {
  const buffer = Buffer.alloc(MAX_CONFIG_BYTES + 1);
  let length = 0;
  try {
    for (;;) {
      const { bytesRead } = await handle.read(buffer, length, buffer.length - length, null);
      if (bytesRead === 0) break;
      length += bytesRead;
      if (length > MAX_CONFIG_BYTES) throw tooLarge(path, undefined);
    }
  } catch (error) {
    throw error instanceof ConfigError ? error : cannotRead(path, describeReadError(error));
  }
  return buffer.subarray(0, length);
}

const cannotRead = (path: string, reason: string): ConfigError =>
  new ConfigError(`${path}: cannot read the config file (${reason})`, { file: path });

const tooLarge = (path: string, bytes: number | undefined): ConfigError =>
  new ConfigError(
    `${path}: the config file is larger than ${MAX_CONFIG_BYTES / 1024 / 1024} MiB${bytes === undefined ? '' : ` (${bytes} bytes)`}`,
    {
      file: path,
      hint: 'an XLA file holds settings and targets, not data: list data files under sources',
    },
  );

/** A link whose target is gone says so: `xla.config.yml` → `old/xla.config.yml`. */
async function describeMissing(path: string, error: unknown): Promise<string> {
  if (errorCode(error) !== 'ENOENT') return describeReadError(error);
  const link = await lstat(path).catch(() => undefined);
  if (link?.isSymbolicLink() !== true) return 'no such file';
  const target = await readlink(path).catch(() => '?');
  return `a symbolic link to "${target}", which does not exist`;
}

/** The words every reader uses (io/byte-source.ts), but for a folder, which a config path should not be. */
function describeReadError(error: unknown): string {
  return errorCode(error) === 'EISDIR' ? 'it is a folder' : describeFsError(error);
}

// ── decoding ─────────────────────────────────────────────────────────────────────────────────

type TextEncoding = 'utf-8' | 'utf-16le' | 'utf-16be';

const UTF32_BOMS = [
  [0xff, 0xfe, 0x00, 0x00],
  [0x00, 0x00, 0xfe, 0xff],
] as const;

/** Pure: the file's bytes as text, without a BOM; a byte sequence that is not text is a ConfigError. */
export function decodeConfigText(bytes: Uint8Array, file: string): string {
  if (UTF32_BOMS.some((bom) => bom.every((byte, i) => bytes[i] === byte))) {
    throw new ConfigError(`${file}: the config file is UTF-32, which xla does not read`, { file, hint: 'save it as UTF-8' });
  }
  const encoding = encodingOf(bytes);
  try {
    // ignoreBOM: false (the default) drops the BOM that announced the encoding.
    return new TextDecoder(encoding, { fatal: true }).decode(bytes);
  } catch {
    throw notText(bytes, encoding, file);
  }
}

/**
 * A BOM says; else a NUL byte beside the first character is the other half of an ASCII character
 * in UTF-16 (a config starts with a key, `#`, `{` or `-`, and never holds NUL as text).
 */
function encodingOf(bytes: Uint8Array): TextEncoding {
  const bom = detectBom(bytes);
  if (bom === 'utf-16le' || bom === 'utf-16be') return bom;
  if (bom === undefined && bytes.length >= 2 && (bytes[0] === 0) !== (bytes[1] === 0)) return bytes[0] === 0 ? 'utf-16be' : 'utf-16le';
  return 'utf-8';
}

/**
 * Where decoding first fails: after the longest prefix that decodes as a stream (a sequence the
 * prefix cuts short is held back, so the prefix ends where the bad sequence starts).
 */
function notText(bytes: Uint8Array, encoding: TextEncoding, file: string): ConfigError {
  let good = 0;
  let bad = bytes.length + 1;
  while (bad - good > 1) {
    const middle = Math.floor((good + bad) / 2);
    if (decodesAsStream(bytes.subarray(0, middle), encoding)) good = middle;
    else bad = middle;
  }
  // The BOM is kept here so that the byte count below includes it; it takes no column.
  const before = new TextDecoder(encoding, { ignoreBOM: true }).decode(bytes.subarray(0, good), { stream: true });
  const { line, column } = locateOffset(before.replace(/^\uFEFF/, ''), Number.POSITIVE_INFINITY);
  const what = encoding === 'utf-8' ? `UTF-8 text (byte 0x${hexByte(bytes[new TextEncoder().encode(before).length])})` : 'UTF-16 text';
  return new ConfigError(`${formatLocation(file, line, column)}: the config file is not valid ${what}`, { file, hint: 'save it as UTF-8' });
}

const hexByte = (byte: number | undefined): string => (byte ?? 0).toString(16).toUpperCase().padStart(2, '0');

function decodesAsStream(bytes: Uint8Array, encoding: TextEncoding): boolean {
  try {
    new TextDecoder(encoding, { fatal: true }).decode(bytes, { stream: true });
    return true;
  } catch {
    return false;
  }
}

/**
 * Reading the XLA file itself: at most MAX_CONFIG_BYTES whatever the path is (a file, a pipe, a
 * device), folders and devices refused, UTF-8 and UTF-16 decoded, bytes that are not text located.
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { findConfigFile, loadConfig } from '../../src/config/load.js';
import { decodeConfigText, MAX_CONFIG_BYTES, readConfigFile } from '../../src/config/read-file.js';
import { ConfigError } from '../../src/errors.js';
import { pathExists } from '../../src/io/path-exists.js';
import { scratchDir } from '../scratch.js';

const TEXT = 'title: Über\ntargets:\n  - { metric: nps, target: ">= 30" }\n';

async function readErrorOf(path: string): Promise<ConfigError> {
  try {
    await readConfigFile(path);
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error(`expected ${path} to be refused`);
}

function decodeErrorOf(bytes: Uint8Array): ConfigError {
  try {
    decodeConfigText(bytes, 'xla.config.yml');
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error('expected the bytes to be refused');
}

const utf16 = (text: string, order: 'le' | 'be'): Buffer => {
  const bytes = Buffer.from(text, 'utf16le');
  return order === 'le' ? bytes : Buffer.from(bytes).swap16();
};

describe('decodeConfigText', () => {
  it('reads UTF-8, with or without a BOM', () => {
    expect(decodeConfigText(Buffer.from(TEXT), 'x.yml')).toBe(TEXT);
    expect(decodeConfigText(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(TEXT)]), 'x.yml')).toBe(TEXT);
  });

  it('reads UTF-16 in either byte order, with a BOM or without one', () => {
    expect(decodeConfigText(Buffer.concat([Buffer.from([0xff, 0xfe]), utf16(TEXT, 'le')]), 'x.yml')).toBe(TEXT);
    expect(decodeConfigText(Buffer.concat([Buffer.from([0xfe, 0xff]), utf16(TEXT, 'be')]), 'x.yml')).toBe(TEXT);
    expect(decodeConfigText(utf16(TEXT, 'le'), 'x.yml')).toBe(TEXT);
    expect(decodeConfigText(utf16(TEXT, 'be'), 'x.yml')).toBe(TEXT);
  });

  it('locates the first byte that is not UTF-8, by line and column', () => {
    // Latin-1 Ü (0xDC) on line 2, after `a: ` and after a valid é on line 1.
    const bytes = Buffer.concat([Buffer.from('title: é\na: '), Buffer.from([0xdc]), Buffer.from('ber\n')]);
    expect(decodeErrorOf(bytes).message).toBe('xla.config.yml:2:4: the config file is not valid UTF-8 text (byte 0xDC)');
    // A lead byte without its continuation, and a sequence cut by the end of the file.
    expect(decodeErrorOf(Buffer.from([0x61, 0xc3, 0x28])).message).toBe(
      'xla.config.yml:1:2: the config file is not valid UTF-8 text (byte 0xC3)',
    );
    expect(decodeErrorOf(Buffer.from([0x61, 0x62, 0xe2, 0x82])).message).toBe(
      'xla.config.yml:1:3: the config file is not valid UTF-8 text (byte 0xE2)',
    );
    expect(decodeErrorOf(Buffer.from([0xef, 0xbb, 0xbf, 0x61, 0xff])).message).toBe(
      'xla.config.yml:1:2: the config file is not valid UTF-8 text (byte 0xFF)',
    );
  });

  it('refuses broken UTF-16 and any UTF-32', () => {
    const odd = Buffer.concat([Buffer.from([0xff, 0xfe]), utf16('a: 1\n', 'le'), Buffer.from([0x41])]);
    expect(decodeErrorOf(odd).message).toBe('xla.config.yml:2:1: the config file is not valid UTF-16 text');
    const loneSurrogate = Buffer.concat([Buffer.from([0xff, 0xfe]), utf16('a: ', 'le'), Buffer.from([0x00, 0xd8]), utf16('\n', 'le')]);
    expect(decodeErrorOf(loneSurrogate).message).toBe('xla.config.yml:1:4: the config file is not valid UTF-16 text');
    const utf32 = Buffer.concat([Buffer.from([0xff, 0xfe, 0x00, 0x00]), Buffer.from('a\0\0\0')]);
    expect(decodeErrorOf(utf32).message).toBe('xla.config.yml: the config file is UTF-32, which xla does not read');
  });
});

describe('readConfigFile', () => {
  const folder = scratchDir('xla-config-');
  const file = (name: string, content: string | Buffer): string => {
    const path = join(folder, name);
    writeFileSync(path, content);
    return path;
  };

  it('reads a file up to the cap, and refuses one a byte longer before reading it', async () => {
    const padding = (size: number): string => `title: x\n${'#'.repeat(size - 10)}\n`;
    expect(await readConfigFile(file('at-cap.yml', padding(MAX_CONFIG_BYTES)))).toHaveLength(MAX_CONFIG_BYTES);
    const over = file('over-cap.yml', padding(MAX_CONFIG_BYTES + 1));
    expect((await readErrorOf(over)).message).toBe(`${over}: the config file is larger than 1 MiB (${MAX_CONFIG_BYTES + 1} bytes)`);
  });

  it('refuses a folder and a device', async () => {
    const sub = join(folder, 'sub.yml');
    mkdirSync(sub);
    expect((await readErrorOf(sub)).message).toBe(`${sub}: cannot read the config file (it is a folder)`);
    expect((await readErrorOf('/dev/zero')).message).toBe('/dev/zero: cannot read the config file (it is a device, not a file)');
    expect((await readErrorOf('/dev/urandom')).message).toBe('/dev/urandom: cannot read the config file (it is a device, not a file)');
  });

  it('reads a pipe, but stops one that does not end one byte past the cap', async () => {
    const fifo = join(folder, 'endless.yml');
    spawnSync('mkfifo', [fifo]);
    const writer = spawn('sh', ['-c', `yes "title: x" > "${fifo}"`], { stdio: 'ignore' });
    try {
      expect((await readErrorOf(fifo)).message).toBe(`${fifo}: the config file is larger than 1 MiB`);
    } finally {
      writer.kill();
    }
    const ending = join(folder, 'ending.yml');
    spawnSync('mkfifo', [ending]);
    spawn('sh', ['-c', `printf 'title: piped\\n' > "${ending}"`], { stdio: 'ignore' });
    expect(await readConfigFile(ending)).toBe('title: piped\n');
  });

  it('names a missing file, and a link whose target is gone', async () => {
    const missing = join(folder, 'missing.yml');
    expect((await readErrorOf(missing)).message).toBe(`${missing}: cannot read the config file (no such file)`);
    const dangling = join(folder, 'dangling.yml');
    symlinkSync('gone.yml', dangling);
    expect((await readErrorOf(dangling)).message).toBe(
      `${dangling}: cannot read the config file (a symbolic link to "gone.yml", which does not exist)`,
    );
    const loop = join(folder, 'loop.yml');
    symlinkSync('loop.yml', loop);
    expect((await readErrorOf(loop)).message).toBe(`${loop}: cannot read the config file (too many levels of symbolic links)`);
  });

  it('finds a default config that is a broken link, so that reading it can say so', () => {
    const cwd = join(folder, 'cwd');
    mkdirSync(cwd);
    symlinkSync('gone.yml', join(cwd, 'xla.config.yml'));
    writeFileSync(join(cwd, 'xla.config.json'), '{}');
    expect(findConfigFile(cwd, pathExists)).toBe(join(cwd, 'xla.config.yml'));
    expect(pathExists(join(cwd, 'xla.config.yaml'))).toBe(false);
    expect(pathExists(join(cwd, 'xla.config.json', 'below-a-file'))).toBe(false);
  });

  it('loads a UTF-16 config as loadConfig reads any other', async () => {
    const config = await loadConfig(file('utf16.yml', Buffer.concat([Buffer.from([0xff, 0xfe]), utf16(TEXT, 'le')])));
    expect(config.title).toBe('Über');
    expect(config.targets.map((target) => target.metric)).toEqual(['nps']);
  });
});

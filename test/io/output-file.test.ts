import { existsSync, lstatSync, readlinkSync, statSync, symlinkSync } from 'node:fs';
import { chmod, mkdir, mkdtemp, open, readdir, readFile, realpath, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { InputError } from '../../src/errors.js';
import { descriptorIdentity, inputIdentity, openOutputFile, resolveOutputTarget, writeOutputFile } from '../../src/io/output-file.js';
import { removeTemporariesSync } from '../../src/io/temp-files.js';
import { safeDevice } from '../device-nodes.js';

let dir = '';
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'xla-write-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('resolveOutputTarget', () => {
  it("takes -, /dev/stdout, /dev/stderr and /dev/fd/N as this process's descriptors, also through a link", async () => {
    symlinkSync('/dev/stdout', join(dir, 'to-stdout'));
    expect(await resolveOutputTarget('-', dir)).toEqual({ kind: 'descriptor', name: '-', fd: 1 });
    expect(await resolveOutputTarget('/dev/stdout', dir)).toMatchObject({ kind: 'descriptor', fd: 1 });
    expect(await resolveOutputTarget('/dev/stderr', dir)).toMatchObject({ kind: 'descriptor', fd: 2 });
    expect(await resolveOutputTarget('/dev/fd/2', dir)).toMatchObject({ kind: 'descriptor', fd: 2 });
    expect(await resolveOutputTarget('/proc/self/fd/1', dir)).toMatchObject({ kind: 'descriptor', fd: 1 });
    expect(await resolveOutputTarget('to-stdout', dir)).toMatchObject({ kind: 'descriptor', name: 'to-stdout', fd: 1 });
  });

  it('writes devices through', async () => {
    expect(await resolveOutputTarget('/dev/null', dir)).toEqual({ kind: 'special', name: '/dev/null', path: '/dev/null' });
  });

  it('follows a chain of symlinks, relative ones from their own folder, to the file they name', async () => {
    await mkdir(join(dir, 'real'));
    symlinkSync('real/report.json', join(dir, 'first'));
    symlinkSync('../first', join(dir, 'real', 'second'));
    const target = await resolveOutputTarget('real/second', dir);
    expect(target).toMatchObject({
      kind: 'file',
      name: 'real/second',
      exists: false,
      path: join(await realpath(dir), 'real', 'report.json'),
    });
  });

  it('refuses a folder, a missing folder and a symlink loop, naming the path', async () => {
    await expect(resolveOutputTarget(dir, '/')).rejects.toThrow(`cannot write ${dir}: it is a folder`);
    await expect(resolveOutputTarget('out/report.json', dir)).rejects.toThrow(
      `cannot write out/report.json: no such folder ${join(dir, 'out')}`,
    );
    symlinkSync('b', join(dir, 'a'));
    symlinkSync('a', join(dir, 'b'));
    await expect(resolveOutputTarget('a', dir)).rejects.toThrow(
      new InputError('cannot write a: too many levels of symbolic links', { file: 'a' }),
    );
  });

  it('gives a file and its hard link, or two spellings of a new file, one identity', async () => {
    await writeFile(join(dir, 'data.csv'), 'x\n');
    const existing = await resolveOutputTarget('./data.csv', dir);
    expect(existing.kind === 'file' && existing.identity).toBe(await inputIdentity(join(dir, 'data.csv'), '/'));
    // `sub/..` needs sub to exist, as for the kernel.
    await expect(resolveOutputTarget('sub/../new.csv', dir)).rejects.toThrow(`cannot write sub/../new.csv: no such folder ${dir}/sub/..`);
    await mkdir(join(dir, 'sub'));
    const fresh = await resolveOutputTarget('sub/../new.csv', dir);
    expect(fresh.kind === 'file' && fresh.identity).toBe(await inputIdentity('new.csv', dir));
    // A descriptor open on the file is that file; one on anything else is itself; a closed one is nothing.
    const handle = await open(join(dir, 'data.csv'), 'r');
    expect(descriptorIdentity(handle.fd)).toBe(await inputIdentity('data.csv', dir));
    await handle.close();
    expect(descriptorIdentity(999_999)).toBeUndefined();
    expect(await inputIdentity('/dev/null', dir)).toBeUndefined();
  });
});

describe('writeOutputFile', () => {
  const write = async (name: string, text: string): Promise<void> => writeOutputFile(await resolveOutputTarget(name, dir), text);

  it('writes the content and leaves no temp file', async () => {
    await write('report.json', '{"ok":true}\n');
    expect(await readFile(join(dir, 'report.json'), 'utf8')).toBe('{"ok":true}\n');
    expect(await readdir(dir)).toEqual(['report.json']);
  });

  it('replaces an existing file whole, keeping its mode', async () => {
    const target = join(dir, 'report.md');
    await writeFile(target, 'old content that is longer than the new one');
    await chmod(target, 0o640);
    await write('report.md', 'new ✓');
    expect(await readFile(target, 'utf8')).toBe('new ✓');
    expect(statSync(target).mode & 0o7777).toBe(0o640);
    expect(await readdir(dir)).toEqual(['report.md']);
  });

  it('replaces the target of a symlink and keeps the link', async () => {
    await writeFile(join(dir, 'real.csv'), 'old');
    symlinkSync('real.csv', join(dir, 'link.csv'));
    await write('link.csv', 'new');
    expect(lstatSync(join(dir, 'link.csv')).isSymbolicLink()).toBe(true);
    expect(readlinkSync(join(dir, 'link.csv'))).toBe('real.csv');
    expect(await readFile(join(dir, 'real.csv'), 'utf8')).toBe('new');
    expect((await readdir(dir)).sort()).toEqual(['link.csv', 'real.csv']);
  });

  it('writes through a null device and leaves it a device', async () => {
    const device = safeDevice(dir, 'null');
    await write(device, 'gone');
    expect(statSync(device).isCharacterDevice()).toBe(true);
  });

  it('fails with one line naming the file when the device is full (ENOSPC)', async () => {
    const device = safeDevice(dir, 'full');
    await expect(write(device, 'x'.repeat(10))).rejects.toThrow(
      new InputError(`cannot write ${device}: no space left on device`, { file: device }),
    );
    expect(statSync(device).isCharacterDevice()).toBe(true);
  });

  it('writes a file whose name is as long as a name may be (255 bytes)', async () => {
    const name = `${'é'.repeat(125)}.csv`;
    await write(name, 'ok');
    expect(await readFile(join(dir, name), 'utf8')).toBe('ok');
    expect(await readdir(dir)).toEqual([name]);
  });

  it('removes its temp file when the final rename fails', async () => {
    const target = await resolveOutputTarget('report.json', dir);
    await mkdir(join(dir, 'report.json'));
    await expect(writeOutputFile(target, 'x')).rejects.toMatchObject({
      name: 'InputError',
      message: expect.stringMatching(new RegExp(`^cannot write report\\.json: `)),
    });
    expect(await readdir(dir)).toEqual(['report.json']);
    expect(await readdir(join(dir, 'report.json'))).toEqual([]);
  });
});

describe('openOutputFile', () => {
  it('streams blocks to a temporary file that only commit puts in place; discard leaves the old file', async () => {
    const target = join(dir, 'rejects.csv');
    await writeFile(target, 'old\n');
    const kept = await openOutputFile(await resolveOutputTarget('rejects.csv', dir));
    const line = `${'x'.repeat(99)}\n`;
    for (let i = 0; i < 2000; i++) kept.write(line);
    // 200,000 characters: the first blocks are on disk, in the temporary file, not yet in place.
    const [temp] = (await readdir(dir)).filter((name) => name !== 'rejects.csv');
    expect(temp).toMatch(/^\.rejects\.csv\.[0-9a-f]+\.tmp$/);
    expect(statSync(join(dir, temp ?? '')).size).toBeGreaterThan(100_000);
    expect(await readFile(target, 'utf8')).toBe('old\n');
    await kept.commit();
    expect(await readFile(target, 'utf8')).toBe(line.repeat(2000));

    const dropped = await openOutputFile(await resolveOutputTarget('rejects.csv', dir));
    dropped.write('new\n');
    await dropped.discard();
    expect(await readFile(target, 'utf8')).toBe(line.repeat(2000));
    expect(await readdir(dir)).toEqual(['rejects.csv']);
  });

  it('appends, and takes back a failed append', async () => {
    const target = join(dir, 'summary.md');
    await writeFile(target, '# before\n');
    const first = await openOutputFile(await resolveOutputTarget('summary.md', dir, 'append'), { append: true });
    first.write('one\n');
    await first.commit();
    const second = await openOutputFile(await resolveOutputTarget('summary.md', dir, 'append'), { append: true });
    second.write('x'.repeat(100_000));
    await second.discard();
    expect(await readFile(target, 'utf8')).toBe('# before\none\n');
  });

  it('leaves temporary files for removeTemporariesSync, which an interrupted run calls', async () => {
    const file = await openOutputFile(await resolveOutputTarget('report.json', dir));
    file.write('partial');
    expect(await readdir(dir)).toHaveLength(1);
    removeTemporariesSync();
    expect(await readdir(dir)).toEqual([]);
    expect(existsSync(join(dir, 'report.json'))).toBe(false);
  });
});

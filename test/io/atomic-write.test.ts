import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { InputError } from '../../src/errors.js';
import { writeFileAtomic } from '../../src/io/atomic-write.js';

let dir = '';
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'xla-write-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('writeFileAtomic', () => {
  it('writes the content and leaves no temp file', async () => {
    const target = join(dir, 'report.json');
    await writeFileAtomic(target, '{"ok":true}\n');
    expect(await readFile(target, 'utf8')).toBe('{"ok":true}\n');
    expect(await readdir(dir)).toEqual(['report.json']);
  });

  it('replaces an existing file whole', async () => {
    const target = join(dir, 'report.md');
    await writeFile(target, 'old content that is longer than the new one');
    await writeFileAtomic(target, 'new ✓');
    expect(await readFile(target, 'utf8')).toBe('new ✓');
    expect(await readdir(dir)).toEqual(['report.md']);
  });

  it('fails with an InputError when the directory is missing, creating nothing', async () => {
    const target = join(dir, 'out', 'report.json');
    await expect(writeFileAtomic(target, 'x')).rejects.toThrow(InputError);
    await expect(writeFileAtomic(target, 'x')).rejects.toThrow(`cannot write ${target}: no such directory ${join(dir, 'out')}`);
    expect(await readdir(dir)).toEqual([]);
  });

  it('removes its temp file when the final rename fails', async () => {
    const target = join(dir, 'report.json');
    await mkdir(target);
    await expect(writeFileAtomic(target, 'x')).rejects.toMatchObject({
      name: 'InputError',
      message: expect.stringMatching(new RegExp(`^cannot write ${target.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: `)),
    });
    expect(await readdir(dir)).toEqual(['report.json']);
    expect(await readdir(target)).toEqual([]);
  });
});

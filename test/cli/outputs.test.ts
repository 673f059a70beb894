/**
 * What xla writes, and what it never loses (issue 16): `-o`, `--rejects`, init's config and the
 * step summary go through one module that writes devices, FIFOs and descriptors through, replaces
 * files atomically (symlinks followed, mode and owner kept), refuses an output that is an input,
 * and cleans up after an interrupted run; standard output's errors end quietly (EPIPE) or in one
 * line and exit 2 (ENOSPC). End to end, with the built binary.
 */
import { spawn, spawnSync, execFileSync } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import {
  chmodSync,
  chownSync,
  closeSync,
  copyFileSync,
  existsSync,
  linkSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  readdirSync,
  readFileSync,
  readlinkSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { open, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { isRoot, safeDevice } from '../device-nodes.js';
import { BIN, fixture, runXla } from './run-xla.js';

/** A user that owns nothing here, to run xla as when the tests run as root. */
const NOBODY = 65_534;

let base: string;
let dir: string;
let input: string;
let count = 0;

beforeAll(() => {
  base = mkdtempSync(join(tmpdir(), 'xla-outputs-'));
});
afterAll(() => {
  rmSync(base, { recursive: true, force: true });
});
beforeEach(() => {
  dir = join(base, `case-${count++}`);
  mkdirSync(dir);
  input = join(dir, 'in.csv');
  copyFileSync(fixture('survey/responses.csv'), input);
});

/** The one rejected value of the survey fixture, as --rejects lists it. */
const REJECTS = (file: string): string => `file,line,record,column,field,value,reason\n${file},13,11,3,nps,11,11 is outside 0–10\n`;

/** Everything in the case's folder but the input. */
const written = (): string[] =>
  readdirSync(dir)
    .filter((name) => name !== 'in.csv')
    .sort();

/** Runs xla in the case's folder. */
const xla = (args: readonly string[], options: Parameters<typeof runXla>[1] = {}): ReturnType<typeof runXla> =>
  runXla(args, { cwd: dir, ...options });

function spawnXla(
  args: readonly string[],
  options: { env?: Record<string, string> } = {},
): ChildProcess & { result: Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }> } {
  const child = spawn(process.execPath, [BIN, ...args], {
    cwd: dir,
    env: { PATH: process.env.PATH ?? '', ...options.env },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const result = new Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }>((resolve) =>
    child.on('close', (code, signal) => resolve({ code, signal, stderr })),
  );
  return Object.assign(child, { result });
}

async function waitFor(condition: () => boolean, what: string): Promise<void> {
  for (let waited = 0; !condition(); waited += 10) {
    if (waited > 20_000) throw new Error(`gave up waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

describe('special files are written through, never renamed over', () => {
  it('keeps a null device node, made with mknod, a device when -o and --rejects name it', ({ skip }) => {
    skip(!isRoot, 'mknod needs root: this test runs only as root (as CI containers do); without root /dev cannot be renamed over');
    const nul = safeDevice(dir, 'null');
    const before = statSync(nul);
    expect(xla(['score', 'in.csv', '-o', 'null', '-q'])).toMatchObject({ code: 0, stdout: '', stderr: '' });
    expect(xla(['score', 'in.csv', '--rejects', 'null', '-q', '-f', 'json']).code).toBe(0);
    expect(xla(['score', 'in.csv', '-o', nul, '--rejects', './null', '-q'])).toMatchObject({ code: 0, stdout: '', stderr: '' });
    const after = lstatSync(nul);
    expect(after.isCharacterDevice()).toBe(true);
    expect([after.ino, after.rdev]).toEqual([before.ino, before.rdev]);
    expect(written()).toEqual(['null']);
  });

  it('takes /dev/null for both outputs', ({ skip }) => {
    // A broken build run as root would rename a file over the machine's /dev/null: the test above, on a node of its own, stands for this one then.
    skip(isRoot, "as root this runs on a node made with mknod (above), never on the machine's /dev/null");
    expect(xla(['score', 'in.csv', '-o', '/dev/null', '--rejects', '/dev/null', '-q'])).toMatchObject({ code: 0, stdout: '', stderr: '' });
    expect(statSync('/dev/null').isCharacterDevice()).toBe(true);
    expect(written()).toEqual([]);
  });

  it('writes the report and the rejects into FIFOs their readers read as xla writes', async () => {
    execFileSync('mkfifo', [join(dir, 'report.fifo'), join(dir, 'rejects.fifo')]);
    const child = spawnXla(['score', 'in.csv', '-o', 'report.fifo', '--rejects', 'rejects.fifo', '-f', 'json', '-q']);
    const [rejects, report] = await Promise.all([readFile(join(dir, 'rejects.fifo'), 'utf8'), readFile(join(dir, 'report.fifo'), 'utf8')]);
    expect(await child.result).toMatchObject({ code: 0, stderr: '' });
    expect(rejects).toBe(REJECTS('in.csv'));
    expect(report).toBe(xla(['score', 'in.csv', '-f', 'json', '-q']).stdout);
    expect(statSync(join(dir, 'report.fifo')).isFIFO()).toBe(true);
    expect(written()).toEqual(['rejects.fifo', 'report.fifo']);
  });

  it('writes -o /dev/stdout to standard output: a file the shell opened for appending is appended to, not replaced', () => {
    // As root, a link of our own as /dev/stdout is (to /proc/self/fd/1): a broken build would replace it, not the machine's.
    const stdout = isRoot ? 'stdout' : '/dev/stdout';
    if (isRoot) symlinkSync('/proc/self/fd/1', join(dir, stdout));
    const expected = xla(['score', 'in.csv', '-f', 'json', '-q']).stdout;
    expect(xla(['score', 'in.csv', '-f', 'json', '-q', '-o', stdout])).toMatchObject({ code: 0, stdout: expected });
    const log = join(dir, 'log.txt');
    writeFileSync(log, 'earlier\n');
    const inode = statSync(log).ino;
    const fd = openSync(log, 'a');
    const run = spawnSync(process.execPath, [BIN, 'score', 'in.csv', '-f', 'json', '-q', '-o', stdout], {
      cwd: dir,
      stdio: ['ignore', fd, 'pipe'],
    });
    closeSync(fd);
    expect(run.status).toBe(0);
    expect(readFileSync(log, 'utf8')).toBe(`earlier\n${expected}`);
    expect(statSync(log).ino).toBe(inode);
    expect(written()).toEqual(isRoot ? ['log.txt', 'stdout'] : ['log.txt']);
  });

  it('writes /dev/fd/3 and a link to /dev/stderr to the descriptors they name', () => {
    const out = join(dir, 'three.csv');
    const fd = openSync(out, 'w');
    const run = spawnSync(process.execPath, [BIN, 'score', 'in.csv', '-q', '--rejects', '/dev/fd/3'], {
      cwd: dir,
      stdio: ['ignore', 'pipe', 'pipe', fd],
      encoding: 'utf8',
    });
    closeSync(fd);
    expect(run.status).toBe(0);
    expect(readFileSync(out, 'utf8')).toBe(REJECTS('in.csv'));
    symlinkSync('/dev/stderr', join(dir, 'errors'));
    expect(xla(['score', 'in.csv', '-q', '--rejects', 'errors'])).toMatchObject({ code: 0, stderr: REJECTS('in.csv') });
    expect(lstatSync(join(dir, 'errors')).isSymbolicLink()).toBe(true);
  });
});

describe('an output that is an input, or two outputs on one file: exit 2 before any work', () => {
  /** Exactly the refusal: no line about the input's rejected row, which reading it would print. */
  const expectRefused = (run: ReturnType<typeof runXla>, message: string): void => {
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toBe(
      `xla: ${message}\n  hint: ${/the same file|one stream/.test(message) ? 'give each output a file of its own' : 'write the output to another file'}\n`,
    );
  };
  const original = (): string => readFileSync(fixture('survey/responses.csv'), 'utf8');

  it.each([
    ['-o', 'in.csv'],
    ['-o', './in.csv'],
    ['-o', 'link.csv'],
    ['-o', 'hard.csv'],
    ['--rejects', 'in.csv'],
    ['--rejects', 'link.csv'],
  ])('refuses %s %s when it is the input in.csv', (option, path) => {
    symlinkSync('in.csv', join(dir, 'link.csv'));
    linkSync(input, join(dir, 'hard.csv'));
    expectRefused(xla(['score', 'in.csv', option, path]), `${option} ${path} is the input in.csv: xla never writes over what it reads`);
    expect(readFileSync(input, 'utf8')).toBe(original());
    expect(written()).toEqual(['hard.csv', 'link.csv']);
  });

  it('refuses -o naming the config file, given with -c or found in the folder, and a source the config lists', () => {
    const config = 'sources:\n  - path: in.csv\ntargets:\n  - metric: nps\n    target: ">= 0"\n';
    writeFileSync(join(dir, 'xla.config.yml'), config);
    expectRefused(
      xla(['check', '-o', 'xla.config.yml']),
      `-o xla.config.yml is the config file ${join(dir, 'xla.config.yml')}: xla never writes over what it reads`,
    );
    expectRefused(
      xla(['check', '-c', './xla.config.yml', '--rejects', 'xla.config.yml']),
      '--rejects xla.config.yml is the config file ./xla.config.yml: xla never writes over what it reads',
    );
    expect(xla(['check', '-o', './in.csv']).stderr).toMatch(
      /^xla: -o \.\/in\.csv is the input .*in\.csv: xla never writes over what it reads\n/,
    );
    expect(readFileSync(join(dir, 'xla.config.yml'), 'utf8')).toBe(config);
    expect(readFileSync(input, 'utf8')).toBe(original());
  });

  it.each([
    ['out.csv', 'out.csv'],
    ['out.csv', './out.csv'],
    ['sub/../out.csv', 'out.csv'],
    ['report-link', 'out.csv'],
  ])('refuses -o %s with --rejects %s: one would replace the other', (output, rejects) => {
    mkdirSync(join(dir, 'sub'));
    symlinkSync('out.csv', join(dir, 'report-link'));
    expectRefused(
      xla(['score', 'in.csv', '-o', output, '--rejects', rejects]),
      `-o ${output} and --rejects ${rejects} are the same file: one would replace the other`,
    );
    expect(written()).toEqual(['report-link', 'sub']);
  });

  it('refuses a $GITHUB_STEP_SUMMARY that is the input or the report, with -f github', () => {
    expectRefused(
      xla(['score', 'in.csv', '-f', 'github'], { env: { GITHUB_STEP_SUMMARY: 'in.csv' } }),
      '$GITHUB_STEP_SUMMARY in.csv is the input in.csv: xla never writes over what it reads',
    );
    expectRefused(
      xla(['score', 'in.csv', '-f', 'github', '-o', 'out.txt'], { env: { GITHUB_STEP_SUMMARY: './out.txt' } }),
      '-o out.txt and $GITHUB_STEP_SUMMARY ./out.txt are the same file: one would replace the other',
    );
    expect(readFileSync(input, 'utf8')).toBe(original());
  });

  it('refuses xla init -o naming its own data file, even with --force', () => {
    expectRefused(
      xla(['init', 'in.csv', '-o', './in.csv', '--force']),
      '-o ./in.csv is the input in.csv: xla never writes over what it reads',
    );
    expect(readFileSync(input, 'utf8')).toBe(original());
  });
});

describe('standard streams and descriptors are outputs and inputs too', () => {
  const refusal = (message: string, hint = 'write the output to another file'): string => `xla: ${message}\n  hint: ${hint}\n`;
  const original = (): string => readFileSync(fixture('survey/responses.csv'), 'utf8');

  /** Runs xla with the given descriptors as its standard input and output (and fd 3, when given). */
  function withDescriptors(
    args: readonly string[],
    stdin: number | 'ignore',
    stdout: number | 'pipe',
    extra: number[] = [],
  ): { status: number | null; stdout: string; stderr: string } {
    const run = spawnSync(process.execPath, [BIN, ...args], { cwd: dir, stdio: [stdin, stdout, 'pipe', ...extra], encoding: 'utf8' });
    return { status: run.status, stdout: run.stdout ?? '', stderr: run.stderr };
  }

  it('refuses a report on standard output that the shell sends into the input (>> in.csv)', () => {
    const fd = openSync(input, 'a');
    const run = withDescriptors(['score', 'in.csv'], 'ignore', fd);
    closeSync(fd);
    expect(run).toMatchObject({ status: 2, stderr: refusal('standard output is the input in.csv: xla never writes over what it reads') });
    expect(readFileSync(input, 'utf8')).toBe(original());
  });

  it('refuses -o and --rejects naming the file standard input reads (< in.csv)', () => {
    for (const option of ['-o', '--rejects']) {
      const fd = openSync(input, 'r');
      const run = withDescriptors(['score', '-', '--kind', 'survey', option, 'in.csv'], fd, 'pipe');
      closeSync(fd);
      expect(run).toMatchObject({
        status: 2,
        stdout: '',
        stderr: refusal(`${option} in.csv is standard input: xla never writes over what it reads`),
      });
    }
    expect(readFileSync(input, 'utf8')).toBe(original());
    expect(written()).toEqual([]);
  });

  it('refuses rejects on the stream the report goes to, and a file that standard output also writes', () => {
    const mixed = (rejects: string): string =>
      refusal(`standard output and --rejects ${rejects} are one stream: their texts would be mixed`, 'give each output a file of its own');
    expect(xla(['score', 'in.csv', '--rejects', '-'])).toMatchObject({ code: 2, stdout: '', stderr: mixed('-') });
    expect(xla(['score', 'in.csv', '--rejects', '/dev/stdout'])).toMatchObject({ code: 2, stdout: '', stderr: mixed('/dev/stdout') });
    const log = join(dir, 'log.txt');
    const fd = openSync(log, 'w');
    const run = withDescriptors(['score', 'in.csv', '--rejects', 'log.txt'], 'ignore', fd);
    closeSync(fd);
    expect(run).toMatchObject({
      status: 2,
      stderr: refusal(
        'standard output and --rejects log.txt are the same file: one would replace the other',
        'give each output a file of its own',
      ),
    });
    // Each on its own stream is fine: the report on standard output, the rejects on standard error.
    expect(xla(['score', 'in.csv', '-q', '--rejects', '/dev/stderr'])).toMatchObject({ code: 0, stderr: REJECTS('in.csv') });
  });

  it("writes only descriptors it was given: not one of its own, not one that is closed or read-only, not another process's", () => {
    // No descriptor above 2 is handed over here: whatever Node keeps open for itself (epoll, eventfd, its own pipes) is refused.
    for (let fd = 3; fd <= 24; fd++) {
      const run = xla(['score', 'in.csv', '-q', '-o', `/dev/fd/${fd}`]);
      expect(run.code, run.stderr).toBe(2);
      expect(run.stderr).toMatch(
        new RegExp(
          `^xla: cannot write /dev/fd/${fd}: descriptor ${fd} is (xla's own, not one it was given|not open|open for reading only)\\n`,
        ),
      );
    }
    const readOnly = openSync(input, 'r');
    const run = withDescriptors(['score', 'in.csv', '-q', '-o', '/dev/fd/3'], 'ignore', 'pipe', [readOnly]);
    closeSync(readOnly);
    expect(run).toMatchObject({
      status: 2,
      stderr: 'xla: cannot write /dev/fd/3: descriptor 3 is open for reading only\n  hint: open it in the shell, e.g. 3> file\n',
    });
    expect(xla(['score', 'in.csv', '-o', `/proc/${process.pid}/fd/1`])).toMatchObject({
      code: 2,
      stderr: `xla: cannot write /proc/${process.pid}/fd/1: it is a descriptor of another process\n  hint: write to a file, or to one of xla's own descriptors (/dev/fd/N)\n`,
    });
    expect(readFileSync(input, 'utf8')).toBe(original());
  });

  it('writes a descriptor the shell made a second writing end of a pipe (3>&1)', () => {
    const shell = spawnSync('bash', ['-c', `"${process.execPath}" "${BIN}" score in.csv -q -f json --rejects /dev/fd/3 3>&1 | cat`], {
      cwd: dir,
      encoding: 'utf8',
    });
    expect(shell.stderr).toBe('');
    expect(shell.stdout.startsWith(REJECTS('in.csv'))).toBe(true);
    expect(JSON.parse(shell.stdout.slice(REJECTS('in.csv').length))).toMatchObject({ inputs: [{ rejected: 1 }] });
  });

  it("resolves link/.. as the kernel does, to the folder above the link's target", () => {
    mkdirSync(join(dir, 'deep', 'er'), { recursive: true });
    symlinkSync('deep/er', join(dir, 'link'));
    // The shell's `> link/../out.json` writes deep/out.json; so does -o.
    expect(xla(['score', 'in.csv', '-q', '-f', 'json', '-o', 'link/../out.json']).code).toBe(0);
    expect(readdirSync(join(dir, 'deep')).sort()).toEqual(['er', 'out.json']);
    // And the clash check sees deep/in.csv through the same spelling.
    copyFileSync(input, join(dir, 'deep', 'in.csv'));
    expect(xla(['score', 'deep/in.csv', '-o', 'link/../in.csv'])).toMatchObject({
      code: 2,
      stderr: refusal('-o link/../in.csv is the input deep/in.csv: xla never writes over what it reads'),
    });
  });

  it('refuses an empty output name', () => {
    expect(xla(['score', 'in.csv', '-o', ''])).toMatchObject({
      code: 2,
      stderr: 'xla: cannot write to an empty file name\n  hint: give a file name, or - for standard output\n',
    });
  });
});

describe('files are replaced atomically, as they were', () => {
  it('follows a symlinked -o: the link stays, its target gets the report', () => {
    mkdirSync(join(dir, 'reports'));
    writeFileSync(join(dir, 'reports', 'latest.json'), 'old');
    symlinkSync('reports/latest.json', join(dir, 'report.json'));
    expect(xla(['score', 'in.csv', '-o', 'report.json', '-q']).code).toBe(0);
    expect(readlinkSync(join(dir, 'report.json'))).toBe('reports/latest.json');
    expect(JSON.parse(readFileSync(join(dir, 'reports', 'latest.json'), 'utf8'))).toMatchObject({ schema: 'xla-report/1' });
    expect(readdirSync(join(dir, 'reports'))).toEqual(['latest.json']);
  });

  it.each([
    ['0600', 0o600],
    ['0640', 0o640],
    ['0444', 0o444],
  ])('keeps the mode %s of an existing report and rejects file', (_, mode) => {
    for (const name of ['report.md', 'rejects.csv']) {
      writeFileSync(join(dir, name), 'old');
      chmodSync(join(dir, name), mode);
    }
    const run = xla(['score', 'in.csv', '-o', 'report.md', '--rejects', 'rejects.csv', '-q']);
    if (!isRoot && mode === 0o444) return expect(run.code).toBe(2);
    expect(run.code).toBe(0);
    expect(readFileSync(join(dir, 'report.md'), 'utf8')).toMatch(/^## XLA scorecard\n/);
    expect(readFileSync(join(dir, 'rejects.csv'), 'utf8')).toBe(REJECTS('in.csv'));
    for (const name of ['report.md', 'rejects.csv']) expect(statSync(join(dir, name)).mode & 0o7777).toBe(mode);
  });

  it('keeps the owner and group of a report it replaces, when run as root', ({ skip }) => {
    skip(!isRoot, 'only root may give a file to another user');
    writeFileSync(join(dir, 'report.json'), 'old');
    chownSync(join(dir, 'report.json'), NOBODY, NOBODY);
    expect(xla(['score', 'in.csv', '-o', 'report.json', '-q']).code).toBe(0);
    expect(statSync(join(dir, 'report.json'))).toMatchObject({ uid: NOBODY, gid: NOBODY });
  });

  /** Whether an unprivileged user can run the built binary: not from a clone in a folder only root may enter (mktemp -d). */
  const canRunAsNobody = (): boolean =>
    spawnSync(process.execPath, ['-e', `require('node:fs').accessSync(${JSON.stringify(BIN)}, require('node:fs').constants.R_OK)`], {
      uid: NOBODY,
      gid: NOBODY,
    }).status === 0;

  it('refuses, as a user without write permission, a read-only report or a folder it may not write to', ({ skip }) => {
    skip(!isRoot, 'needs root to run xla as another user');
    skip(!canRunAsNobody(), `the user ${NOBODY} cannot read ${BIN} (the clone is in a folder only root may enter)`);
    chmodSync(base, 0o755);
    chmodSync(dir, 0o777);
    chmodSync(input, 0o644);
    writeFileSync(join(dir, 'report.json'), 'old');
    chmodSync(join(dir, 'report.json'), 0o444);
    chownSync(join(dir, 'report.json'), NOBODY, NOBODY);
    mkdirSync(join(dir, 'locked'), 0o755);
    const asNobody = (args: readonly string[]): ReturnType<typeof spawnSync> =>
      spawnSync(process.execPath, [BIN, ...args], {
        cwd: dir,
        uid: NOBODY,
        gid: NOBODY,
        encoding: 'utf8',
        env: { PATH: process.env.PATH ?? '' },
      });
    const readOnly = asNobody(['score', 'in.csv', '-o', 'report.json']);
    expect([readOnly.status, readOnly.stdout]).toEqual([2, '']);
    expect(readOnly.stderr).toBe(
      'xla: cannot write report.json: permission denied\n  hint: the file is read-only: make it writable (chmod u+w), or write elsewhere\n',
    );
    expect(readFileSync(join(dir, 'report.json'), 'utf8')).toBe('old');
    const locked = asNobody(['score', 'in.csv', '--rejects', 'locked/rejects.csv']);
    expect(locked.status).toBe(2);
    expect(locked.stderr).toBe(
      `xla: cannot write locked/rejects.csv: cannot create a file in ${join(dir, 'locked')} (permission denied)\n  hint: write to a folder you may write to\n`,
    );
  });

  it('leaves no rejects file, nor its temporary file, when the run fails', () => {
    const run = xla(['score', 'in.csv', 'missing.csv', '--rejects', 'rejects.csv', '-o', 'out.json']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('cannot read missing.csv');
    expect(written()).toEqual([]);
  });
});

describe('write errors on standard output', () => {
  /** A report larger than a pipe's buffer (64 KiB): 300 teams × a few metrics. */
  const manyTeams = (): string => {
    const rows = Array.from({ length: 3000 }, (_, i) => `2024-01-${String(1 + (i % 28)).padStart(2, '0')},Team ${i % 300},${i % 11}`);
    writeFileSync(join(dir, 'teams.csv'), ['Submitted At,Team,NPS', ...rows, ''].join('\n'));
    return 'teams.csv';
  };

  it.each([
    ['score', 0],
    ['check', 1],
  ])('%s | head -c 100 ends quietly with the exit code of the run (%i)', (command, code) => {
    const file = manyTeams();
    const full = xla([command, file, '--kind', 'survey', '--by', 'Team', '-t', 'nps >= 90', '-f', 'json']);
    expect(full.code).toBe(code);
    // More than a pipe holds (64 KiB): xla is still writing when head has gone.
    expect(full.stdout.length).toBeGreaterThan(64 * 1024);
    const shell = spawnSync(
      'bash',
      [
        '-c',
        `"${process.execPath}" "${BIN}" ${command} ${file} --kind survey --by Team -t "nps >= 90" -f json 2>stderr.txt | head -c 100 >/dev/null; echo "\${PIPESTATUS[0]}"`,
      ],
      { cwd: dir, encoding: 'utf8' },
    );
    expect(shell.stdout).toBe(`${code}\n`);
    expect(readFileSync(join(dir, 'stderr.txt'), 'utf8')).toBe('');
  });

  it('ends in one line and exit 2 on a full device (ENOSPC), for standard output and for -o and --rejects', () => {
    const device = safeDevice(dir, 'full');
    const full = openSync(device, 'w');
    // `check` with a breached target: exit 2 for the failed write, not 1 for the verdict.
    const toStdout = spawnSync(process.execPath, [BIN, 'check', 'in.csv', '-q', '-t', 'nps >= 90'], {
      cwd: dir,
      stdio: ['ignore', full, 'pipe'],
      encoding: 'utf8',
    });
    closeSync(full);
    expect([toStdout.status, toStdout.stderr]).toEqual([2, 'xla: cannot write standard output: no space left on device\n']);
    expect(xla(['score', 'in.csv', '-q', '-o', device])).toMatchObject({
      code: 2,
      stdout: '',
      stderr: `xla: cannot write ${device}: no space left on device\n`,
    });
    expect(xla(['score', 'in.csv', '-q', '--rejects', device, '-o', 'out.json'])).toMatchObject({
      code: 2,
      stderr: `xla: cannot write ${device}: no space left on device\n`,
    });
    expect(statSync(device).isCharacterDevice()).toBe(true);
    expect(written()).toEqual(isRoot ? ['full'] : []);
  });
});

describe('an interrupted run', () => {
  it.each(['SIGINT', 'SIGTERM'] as const)('removes its temporary rejects file on %s and ends by that signal', async (signal) => {
    const fifo = join(dir, 'slow.fifo');
    execFileSync('mkfifo', [fifo]);
    const child = spawnXla(['score', 'slow.fifo', '--kind', 'survey', '--rejects', 'rejects.csv', '-o', 'out.json']);
    // A writer that sends a few rows and then keeps the input open: the run waits for more.
    const writer = await open(fifo, 'w');
    await writer.write('nps\n5\nlots\n9\n');
    await waitFor(() => written().some((name) => name.endsWith('.tmp')), 'the temporary rejects file');
    child.kill(signal);
    const result = await child.result;
    await writer.close();
    expect(result).toMatchObject({ code: null, signal });
    expect(written()).toEqual(['slow.fifo']);
  });

  it('ends on SIGINT while blocked writing a report into a FIFO nobody reads: no handler holds the signal back', async ({ skip }) => {
    const wchan = (pid: number): string => {
      try {
        return readFileSync(`/proc/${pid}/wchan`, 'utf8');
      } catch {
        return '';
      }
    };
    if (!existsSync('/proc/self/wchan')) skip('needs /proc/PID/wchan to see the run blocked in a write (Linux)');
    writeFileSync(join(dir, 'many.csv'), `id,nps\n${Array.from({ length: 3000 }, (_, i) => `u${i},${i % 11}\n`).join('')}`);
    const fifo = join(dir, 'report.fifo');
    execFileSync('mkfifo', [fifo]);
    // Opened for reading and writing, so xla's open does not wait for a reader; never read, so its write blocks once the pipe is full.
    const holder = await open(fifo, 'r+');
    const child = spawnXla(['score', 'many.csv', '--by', 'id', '-f', 'json', '-q', '-o', 'report.fifo']);
    await waitFor(() => child.pid !== undefined && wchan(child.pid).includes('pipe_write'), 'the run to block writing the FIFO');
    child.kill('SIGINT');
    const result = await child.result;
    await holder.close();
    expect(result).toMatchObject({ code: null, signal: 'SIGINT' });
  });
});

describe('rejected rows are streamed, never kept', () => {
  /** 2M rows, nine in ten rejected ("lots" is not a score): 1.8M rejections. */
  const ROWS = 2_000_000;
  const REJECTED = ROWS - ROWS / 10;
  let big: string;

  beforeAll(() => {
    big = join(base, 'rejected.csv');
    const lines = ['Submitted At,NPS'];
    for (let i = 0; i < ROWS; i++) lines.push(`2024-01-${String(1 + (i % 28)).padStart(2, '0')},${i % 10 === 0 ? '7' : 'lots'}`);
    writeFileSync(big, `${lines.join('\n')}\n`);
  });

  /** Peak RSS of the xla process (all its threads), in MiB, as the process itself measures it on exit. */
  function peakRss(args: readonly string[], env: Record<string, string> = {}): { run: ReturnType<typeof runXla>; mib: number } {
    const report = join(dir, 'rss.txt');
    const preload = `data:text/javascript,import{writeFileSync}from'node:fs';process.on('exit',()=>writeFileSync(${JSON.stringify(report)},String(process.resourceUsage().maxRSS)))`;
    const run = runXla(args, { cwd: dir, env, nodeOptions: ['--import', preload], timeoutMs: 300_000 });
    return { run, mib: Number(readFileSync(report, 'utf8')) / 1024 };
  }

  // Keeping each rejection took ~1 KB of memory: 1.8M of them over 1.5 GB. Reading the rows
  // alone takes ~150 MB on two threads; the bound leaves room for any machine's allocator.
  const BOUND_MIB = 400;

  it('keeps memory bounded without --rejects, on two threads, and counts every rejected row', () => {
    const { run, mib } = peakRss(['score', big, '--kind', 'survey', '-f', 'json', '-j', '2']);
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({ inputs: [{ rows: ROWS, rejected: REJECTED, accepted: ROWS - REJECTED }] });
    expect(run.stderr).toContain(`xla: ${big}: ${(REJECTED - 5).toLocaleString('en-US')} more rejected values not shown`);
    expect(mib).toBeLessThan(BOUND_MIB);
  }, 300_000);

  it('keeps memory bounded with --rejects, on two threads (spooled parts), and writes every row in order', () => {
    const tmp = join(dir, 'tmp');
    mkdirSync(tmp);
    const { run, mib } = peakRss(['score', big, '--kind', 'survey', '-q', '-j', '2', '--rejects', 'rejects.csv'], { TMPDIR: tmp });
    expect(run.code).toBe(0);
    expect(mib).toBeLessThan(BOUND_MIB);
    const text = readFileSync(join(dir, 'rejects.csv'), 'utf8');
    const lines = text.split('\n');
    expect(lines.length).toBe(1 + REJECTED + 1);
    // Row i (0-based) is record i + 1 on line i + 2; rows 1 and 1,999,999 are the first and last rejected.
    expect(lines[1]).toBe(`${big},3,2,2,nps,lots,not a number`);
    expect(lines[REJECTED]).toBe(`${big},${ROWS + 1},${ROWS},2,nps,lots,not a number`);
    expect(readdirSync(tmp)).toEqual([]);
  }, 300_000);

  it('removes the spools of a parallel run when it is stopped (SIGTERM)', async () => {
    const tmp = join(dir, 'tmp');
    mkdirSync(tmp);
    const child = spawnXla(['score', big, '--kind', 'survey', '-q', '-j', '2', '--rejects', 'rejects.csv'], { env: { TMPDIR: tmp } });
    await waitFor(() => readdirSync(tmp).some((name) => name.startsWith('xla-spool-')), 'the spool folder');
    child.kill('SIGTERM');
    expect(await child.result).toMatchObject({ code: null, signal: 'SIGTERM' });
    expect(readdirSync(tmp)).toEqual([]);
    expect(written()).toEqual(['tmp']);
  }, 60_000);
});

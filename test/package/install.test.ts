/**
 * The package as users get it: `npm pack`, then `npm install -g` of the tarball into a temporary
 * prefix, then the installed `xla` run with nothing but node on PATH, from a folder outside the
 * repository. Needs dist/ built (npm test builds it); packs with --ignore-scripts so that the
 * `prepare` build does not rewrite dist/ under the other test files running meanwhile.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { fixture, ROOT } from '../cli/run-xla.js';

const manifest = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
  version: string;
  dependencies: Record<string, string>;
  devDependencies: Record<string, string>;
};

/** What npm says when it can reach neither the registry nor a cached copy of a package. */
const OFFLINE = /ENOTCACHED|ENOTFOUND|EAI_AGAIN|ECONNREFUSED|ECONNRESET|ETIMEDOUT|ENETUNREACH/;

const scratch = mkdtempSync(join(tmpdir(), 'xla-install-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

function npm(args: readonly string[]): { code: number | null; stdout: string; stderr: string } {
  const result = spawnSync('npm', args, { cwd: ROOT, encoding: 'utf8', env: { ...process.env, npm_config_update_notifier: 'false' } });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** The installed binary run as a user would: only node's own folder on PATH, cwd outside the repository. */
function runInstalled(bin: string, args: readonly string[]): { code: number | null; stdout: string; stderr: string } {
  const cwd = mkdtempSync(join(scratch, 'cwd-'));
  const result = spawnSync(bin, args, { cwd, encoding: 'utf8', env: { PATH: dirname(process.execPath) } });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('the packed tarball', () => {
  it('holds the binary, the bundle and the library entry, and no sources or tests', () => {
    const packed = npm(['pack', '--dry-run', '--json', '--ignore-scripts']);
    expect(packed.code, packed.stderr).toBe(0);
    const [{ files }] = JSON.parse(packed.stdout) as [{ files: { path: string }[] }];
    const paths = files.map((file) => file.path);
    expect(paths).toEqual(
      expect.arrayContaining([
        'package.json',
        'bin/xla.js',
        'dist/bundle/xla.js',
        'dist/bundle/score-worker.js',
        'dist/index.js',
        'dist/index.d.ts',
      ]),
    );
    const unexpected = paths.filter(
      (path) => !['package.json', 'README.md', 'LICENSE'].includes(path) && !path.startsWith('bin/') && !path.startsWith('dist/'),
    );
    expect(unexpected).toEqual([]);
    // TypeScript only as declarations; no source maps pointing at sources that are not shipped.
    expect(paths.filter((path) => path.endsWith('.ts') && !path.endsWith('.d.ts'))).toEqual([]);
    expect(paths.filter((path) => path.endsWith('.map'))).toEqual([]);
  });

  it('installs globally into a prefix and runs `xla` with nothing else', ({ skip }) => {
    const packed = npm(['pack', '--json', '--ignore-scripts', '--pack-destination', scratch]);
    expect(packed.code, packed.stderr).toBe(0);
    const [{ filename }] = JSON.parse(packed.stdout) as [{ filename: string }];
    const prefix = join(scratch, 'prefix');
    const installed = npm([
      'install',
      '--global',
      '--prefix',
      prefix,
      '--prefer-offline',
      '--no-audit',
      '--no-fund',
      join(scratch, filename),
    ]);
    if (installed.code !== 0 && OFFLINE.test(installed.stderr)) {
      skip(
        true,
        `npm could not fetch a dependency (no registry, not in the cache): ${installed.stderr.split('\n').find((line) => OFFLINE.test(line))}`,
      );
    }
    expect(installed.code, installed.stderr).toBe(0);

    // The runtime dependencies only: global installs leave devDependencies out.
    const installedModules = readdirSync(join(prefix, 'lib/node_modules/xla/node_modules'));
    for (const dev of Object.keys(manifest.devDependencies)) expect(installedModules).not.toContain(dev.split('/')[0]);
    expect(existsSync(join(prefix, 'lib/node_modules/xla/src'))).toBe(false);

    const bin = join(prefix, 'bin/xla');
    const version = runInstalled(bin, ['--version']);
    expect(version).toEqual({ code: 0, stdout: `${manifest.version}\n`, stderr: '' });

    const scored = runInstalled(bin, ['score', fixture('survey/responses.csv'), '--format', 'json', '--metrics', 'nps,csat']);
    expect(scored.code, scored.stderr).toBe(0);
    // The fixture's last row has an NPS answer of 11: rejected, named on stderr, the other 10 scored.
    expect(scored.stderr).toContain('responses.csv:13:3');
    const report = JSON.parse(scored.stdout) as {
      inputs: { rows: number; accepted: number }[];
      results: { metric: string; value: number; n: number; detail?: Record<string, number> }[];
    };
    expect(report.inputs[0]).toMatchObject({ rows: 11, accepted: 10 });
    // Scores 10,9,9,8,7,6,5,10,3,9: promoters 5, passives 2, detractors 3 → NPS (5 − 3) / 10 = 20.
    const nps = report.results.find((result) => result.metric === 'nps');
    expect(nps).toMatchObject({ value: 20, n: 10, detail: { promoters: 5, passives: 2, detractors: 3 } });
    // Satisfaction 5,4,3,2,1,5,4,4,3,5: six of ten are 4 or 5 → CSAT 60 %.
    expect(report.results.find((result) => result.metric === 'csat')).toMatchObject({ value: 60, n: 10 });

    // A Windows-1251 file: iconv-lite, which xla loads only for such input (src/io/iconv.ts), is found in the installed package.
    const russian = runInstalled(bin, ['score', fixture('russian-excel/survey-1251.csv'), '--format', 'json', '--metrics', 'nps']);
    expect(russian.code, russian.stderr).toBe(0);
    const russianReport = JSON.parse(russian.stdout) as { inputs: { format: { encoding: string } }[]; results: { metric: string }[] };
    expect(russianReport.inputs[0]?.format.encoding).toBe('windows-1251');
    // Scores 10,9,7,6,3,10,8,9,0,10: promoters 5, passives 2, detractors 3 → NPS 20.
    expect(russianReport.results.find((result) => result.metric === 'nps')).toMatchObject({
      value: 20,
      n: 10,
      detail: { promoters: 5, passives: 2, detractors: 3 },
    });
  }, 300_000);
});

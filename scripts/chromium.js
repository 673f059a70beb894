// Debian's Chromium for the HTML report's browser test and the README screenshot, driven by
// playwright-core. Playwright never downloads a browser here: the one from apt is used, and
// installed first where it is missing and may be (as root, with apt-get), as .ci/run does.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

export const CHROMIUM_PATH = '/usr/bin/chromium';

/** Headless, sandbox off (it will not start as root with it), and nothing that reaches the network on its own. */
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** apt can take minutes on a cold cache. */
const APT_TIMEOUT_MS = 15 * 60 * 1000;

/**
 * `{ path }` of Chromium, installing Debian's package first when it is missing and this process
 * may install it; `{ path: null, reason }` when it cannot be had.
 */
export function ensureChromium() {
  if (existsSync(CHROMIUM_PATH)) return { path: CHROMIUM_PATH, reason: null };
  if (typeof process.getuid !== 'function' || process.getuid() !== 0) {
    return { path: null, reason: `${CHROMIUM_PATH} is missing and installing it needs root (apt-get install chromium)` };
  }
  if (!existsSync('/usr/bin/apt-get')) return { path: null, reason: `${CHROMIUM_PATH} is missing and there is no apt-get to install it` };
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  const apt = (args) => spawnSync('apt-get', args, { env, encoding: 'utf8', timeout: APT_TIMEOUT_MS, stdio: ['ignore', 'pipe', 'pipe'] });
  let install = apt(['install', '-y', 'chromium']);
  // A fresh machine has no package lists yet.
  if (install.status !== 0) {
    apt(['update']);
    install = apt(['install', '-y', 'chromium']);
  }
  if (existsSync(CHROMIUM_PATH)) return { path: CHROMIUM_PATH, reason: null };
  const why = (install.stderr ?? '').trim().split('\n').at(-1) ?? '';
  return { path: null, reason: `apt-get install chromium failed (exit ${String(install.status)}): ${why}` };
}

/** Chromium through playwright-core, at Debian's path: never a browser Playwright would fetch. */
export async function launchChromium() {
  const { chromium } = await import('playwright-core');
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS, headless: true });
}

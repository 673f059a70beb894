import type { Browser } from 'playwright-core';

export const CHROMIUM_PATH: string;
export const CHROMIUM_ARGS: readonly string[];
export function ensureChromium(): { path: string; reason: null } | { path: null; reason: string };
export function launchChromium(): Promise<Browser>;

// Run before every test file (vitest.config.ts setupFiles): its scratch folders go when it ends.
import { afterAll } from 'vitest';
import { removeScratchDirs } from './scratch.js';

afterAll(removeScratchDirs);

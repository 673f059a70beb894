/** What the config tests share: the error a text raises, and YAML written line by line. */
import { parseConfigText } from '../../src/config/load.js';
import { ConfigError } from '../../src/errors.js';

/** The ConfigError a text raises; fails the test when it loads. */
export function configErrorOf(text: string, file = 'xla.config.yml'): ConfigError {
  try {
    parseConfigText(text, file);
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error('expected a ConfigError, but the config loaded');
}

export const yaml = (...lines: string[]): string => `${lines.join('\n')}\n`;

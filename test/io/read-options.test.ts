import { describe, expect, it } from 'vitest';
import { UsageError } from '../../src/errors.js';
import { normalizeDelimiter, normalizeEncoding } from '../../src/io/read-options.js';

describe('normalizeEncoding', () => {
  it.each([undefined, 'utf-8', 'UTF-8', 'utf8', 'Utf-8-Sig', ' utf8 '])('accepts %j as utf-8', (encoding) => {
    expect(normalizeEncoding(encoding)).toBe('utf-8');
  });

  it.each(['utf-16', 'windows-1251', 'latin1', ''])('rejects %j as a usage error', (encoding) => {
    expect(() => normalizeEncoding(encoding)).toThrow(UsageError);
    expect(() => normalizeEncoding(encoding)).toThrow(`encoding ${encoding} is not supported yet (utf-8 only)`);
  });
});

describe('normalizeDelimiter', () => {
  it.each([
    [undefined, undefined],
    [',', ','],
    [';', ';'],
    ['|', '|'],
    ['\t', '\t'],
    ['\\t', '\t'],
    ['tab', '\t'],
    ['Tab', '\t'],
  ])('%j → %j', (option, delimiter) => {
    expect(normalizeDelimiter(option)).toBe(delimiter);
  });

  it.each(['', '"', '\n'])('rejects %j', (option) => {
    expect(() => normalizeDelimiter(option)).toThrow(UsageError);
  });
});

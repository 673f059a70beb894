import { describe, expect, it } from 'vitest';
import { UsageError } from '../../src/errors.js';
import { normalizeDelimiter, normalizeEncoding, normalizeHeaderRows } from '../../src/io/read-options.js';

describe('normalizeEncoding', () => {
  it('leaves an unset encoding to sniffing', () => {
    expect(normalizeEncoding(undefined)).toBeUndefined();
  });

  it.each([
    ['utf-8', 'utf-8'],
    ['UTF-8', 'utf-8'],
    [' utf8 ', 'utf-8'],
    ['Utf-8-Sig', 'utf-8'],
    ['utf16le', 'utf-16le'],
    ['UTF-16LE', 'utf-16le'],
    ['ucs-2', 'utf-16le'],
    ['utf-16be', 'utf-16be'],
    ['utf-16', 'utf-16'],
    ['cp1251', 'windows-1251'],
    ['Windows-1251', 'windows-1251'],
    ['win1252', 'windows-1252'],
    ['CP1250', 'windows-1250'],
    ['latin1', 'iso-8859-1'],
    ['koi8-r', 'koi8-r'],
    ['Shift_JIS', 'shift_jis'],
  ])('%j → %j', (spelling, canonical) => {
    expect(normalizeEncoding(spelling)).toBe(canonical);
  });

  it.each(['klingon', '', 'utf-9'])('rejects %j as a usage error naming it', (encoding) => {
    expect(() => normalizeEncoding(encoding)).toThrow(UsageError);
    expect(() => normalizeEncoding(encoding)).toThrow(`unknown encoding "${encoding}"`);
  });
});

describe('normalizeHeaderRows', () => {
  it.each([undefined, 1, 2, 3, 10])('accepts %j', (rows) => {
    expect(normalizeHeaderRows(rows)).toBe(rows);
  });

  it.each([0, -1, 2.5, 11, Number.NaN])('rejects %j', (rows) => {
    expect(() => normalizeHeaderRows(rows)).toThrow(UsageError);
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
    ['§', '§'],
    ['😀', '😀'],
  ])('%j → %j', (option, delimiter) => {
    expect(normalizeDelimiter(option)).toBe(delimiter);
  });

  it.each(['', '"', '\n'])('rejects %j', (option) => {
    expect(() => normalizeDelimiter(option)).toThrow(UsageError);
  });

  it.each(['ab', ';;', ', '])('rejects %j, more than one character', (option) => {
    expect(() => normalizeDelimiter(option)).toThrow(
      new UsageError(`delimiter ${JSON.stringify(option)} is more than one character`, 'use one of , ; tab |'),
    );
  });
});

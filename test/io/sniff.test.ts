import { describe, expect, it } from 'vitest';
import { detectFormatFromExtension, isBlank, isMarkup, sniffDelimiter, sniffFormat, takeFirstLine } from '../../src/io/sniff.js';

describe('isMarkup: XML and HTML are no table', () => {
  it.each([
    '<?xml version="1.0" encoding="UTF-8"?>\n<testResults version="1.2">',
    '\uFEFF  <testResults version="1.2">\n<httpSample t="120"/>',
    '<!DOCTYPE html><html>',
    '<HTML><body>',
  ])('%j is markup', (text) => {
    expect(isMarkup(text)).toBe(true);
  });

  it.each(['timeStamp,elapsed,label', '<b>,score\n1,2', 'html,score', '[{"a":1}]'])('%j is not', (text) => {
    expect(isMarkup(text)).toBe(false);
  });
});

describe('detectFormatFromExtension', () => {
  it.each([
    ['survey.csv', 'csv'],
    ['export.TSV', 'csv'],
    ['dump.txt', 'csv'],
    ['rows.json', 'json'],
    ['events.ndjson', 'ndjson'],
    ['events.JSONL', 'ndjson'],
    ['archive.csv.gz', undefined],
    ['README', undefined],
    ['-', undefined],
  ])('%s → %s', (path, format) => {
    expect(detectFormatFromExtension(path)).toBe(format);
  });
});

describe('sniffDelimiter', () => {
  it.each([
    ['a,b,c', ','],
    ['a;b;c', ';'],
    ['a\tb\tc', '\t'],
    ['a|b|c', '|'],
    ['single column', ','],
    ['a,b;c', ','],
    ['a;b\tc', ';'],
    ['a\tb|c', '\t'],
    ['"Revenue, net";"Cost, total, EUR";id', ';'],
    ['"a;b";"c;d",x,y', ','],
    ['"say ""x;y""",a|b|c', '|'],
  ])('%j → %j', (line, delimiter) => {
    expect(sniffDelimiter(line)).toBe(delimiter);
  });
});

describe('takeFirstLine', () => {
  it('skips a BOM and empty lines and keeps a quoted line break inside the header', () => {
    expect(takeFirstLine('\ufeff\r\n\r\n"first\nname";age\r\n1;2')).toEqual({ line: '"first\nname";age', isComplete: true });
  });

  it('says when the line has not ended yet', () => {
    expect(takeFirstLine('a,b,"c\n')).toEqual({ line: 'a,b,"c\n', isComplete: false });
  });
});

describe('sniffFormat', () => {
  it.each([
    ['[{"a":1}]', false, 'json'],
    ['\ufeff \n [', false, 'json'],
    ['{"a":1}\n{"a":2}', false, 'ndjson'],
    ['{"a":1}\r\n\r\n{"a":2}', false, 'ndjson'],
    ['{\n  "data": []\n}', false, 'json'],
    ['{"data": [1]', false, undefined],
    ['{"data": [1]', true, 'json'],
    ['{"a":1}\n', false, undefined],
    ['{"a":1}\n  \n', true, 'json'],
    ['{not json}\nmore', false, 'json'],
    ['id,score\n1,9', false, 'csv'],
    ['  ', false, undefined],
  ] as const)('%j (whole: %s) → %s', (text, isWhole, format) => {
    expect(sniffFormat(text, isWhole)).toBe(format);
  });
});

describe('isBlank', () => {
  it.each([
    ['', true],
    ['\ufeff \r\n\t', true],
    ['\ufeffa', false],
  ])('%j → %s', (text, expected) => {
    expect(isBlank(text)).toBe(expected);
  });
});

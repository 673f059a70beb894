import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InputError, UsageError } from '../../src/errors.js';
import { detectBom, isValidUtf8, looksCyrillic, sniffEncoding } from '../../src/io/encoding.js';
import { openSource } from '../../src/io/open-source.js';
import { catchError, collect, openStdin, readAll } from './helpers.js';

let workDir = '';
beforeAll(async () => {
  workDir = await mkdtemp(join(tmpdir(), 'xla-encoding-'));
});
afterAll(async () => {
  await rm(workDir, { recursive: true, force: true });
});

async function writeTemp(name: string, content: Uint8Array): Promise<string> {
  const path = join(workDir, name);
  await writeFile(path, content);
  return path;
}

/** A Russian Excel survey export ("CSV (разделители — запятые)" writes Windows-1251 with `;`). */
const RUSSIAN =
  'Дата ответа;Оценка;Комментарий\r\n15.01.2024 10:30;5;Всё отлично, спасибо!\r\n16.01.2024 09:05;3;Долго ждали ответа оператора\r\n';
/** Western European text: accented letters one at a time between ASCII ones. */
const WESTERN =
  'Nom;Commentaire\r\nFrançois;Très satisfait, équipe réactive\r\nMüller;Größe passt, schnelle Lieferung\r\nNúñez;Atención rápida, ¡gracias!\r\n';

describe('detectBom', () => {
  it.each([
    [[0xef, 0xbb, 0xbf, 0x61], 'utf-8-bom'],
    [[0xff, 0xfe, 0x61, 0x00], 'utf-16le'],
    [[0xfe, 0xff, 0x00, 0x61], 'utf-16be'],
    [[0xef, 0xbb], undefined],
    [[0x61, 0x62], undefined],
  ])('%j → %s', (bytes, encoding) => {
    expect(detectBom(Uint8Array.from(bytes))).toBe(encoding);
  });
});

describe('isValidUtf8', () => {
  const euro = Buffer.from('a€'); // 61 e2 82 ac

  it('allows a sequence cut at the very end of a window', () => {
    expect(isValidUtf8(euro.subarray(0, 3), false)).toBe(true);
  });

  it('does not allow the cut when the window is the whole input', () => {
    expect(isValidUtf8(euro.subarray(0, 3), true)).toBe(false);
  });

  it('does not allow a broken sequence anywhere else', () => {
    expect(isValidUtf8(Buffer.concat([euro.subarray(0, 3), Buffer.from('bc')]), false)).toBe(false);
  });

  it('rejects single-byte Latin text', () => {
    expect(isValidUtf8(iconv.encode('café au lait', 'windows-1252'), false)).toBe(false);
  });
});

describe('looksCyrillic', () => {
  it('recognises Russian text in Windows-1251', () => {
    expect(looksCyrillic(iconv.encode(RUSSIAN, 'windows-1251'))).toBe(true);
  });

  it('does not take Western European text in Windows-1252 for Cyrillic', () => {
    expect(looksCyrillic(iconv.encode(WESTERN, 'windows-1252'))).toBe(false);
  });

  it('needs some non-ASCII bytes to say yes', () => {
    expect(looksCyrillic(Buffer.from('plain ascii'))).toBe(false);
  });
});

describe('sniffEncoding', () => {
  it.each([
    ['UTF-8', Buffer.from('Größe;Дата'), 'utf-8'],
    ['ASCII', Buffer.from('a,b\n1,2\n'), 'utf-8'],
    ['UTF-8 with a BOM', Buffer.from('\ufeffa,b'), 'utf-8-bom'],
    ['UTF-16LE with a BOM', iconv.encode('a,b', 'utf-16le', { addBOM: true }), 'utf-16le'],
    ['UTF-16BE with a BOM', iconv.encode('a,b', 'utf-16be', { addBOM: true }), 'utf-16be'],
    ['Russian Windows-1251', iconv.encode(RUSSIAN, 'windows-1251'), 'windows-1251'],
    ['Western Windows-1252', iconv.encode(WESTERN, 'windows-1252'), 'windows-1252'],
  ])('%s → %s', (_name, bytes, encoding) => {
    expect(sniffEncoding(bytes, true)).toBe(encoding);
  });
});

describe('openSource: encodings', () => {
  it('reads a Russian Windows-1251 header right, even one byte at a time', async () => {
    const bytes = iconv.encode('Дата;Оценка\r\n15.01.2024;5\r\n16.01.2024;4\r\n', 'windows-1251');
    const source = await openStdin(bytes, {}, 1);
    expect(source.format).toEqual({ type: 'csv', delimiter: ';', encoding: 'windows-1251' });
    expect(await readAll(source)).toEqual({
      columns: ['Дата', 'Оценка'],
      records: [
        { line: 2, index: 1, cells: ['15.01.2024', '5'] },
        { line: 3, index: 2, cells: ['16.01.2024', '4'] },
      ],
    });
  });

  it('reads Western European Windows-1252', async () => {
    const source = await openStdin(iconv.encode(WESTERN, 'windows-1252'));
    expect(source.format.encoding).toBe('windows-1252');
    const { records } = await readAll(source);
    expect(records.map((record) => record.cells[0])).toEqual(['François', 'Müller', 'Núñez']);
  });

  /** A Google Play reviews export (exports.md §3.8): UTF-16 with a BOM. */
  const PLAY = 'Package Name,Star Rating,Review Text\ncom.example.app,5,"Отлично, 👍"\ncom.example.app,2,Très lent\n';

  it.each([
    ['utf-16le', 'utf-16le'],
    ['utf-16be', 'utf-16be'],
  ])('reads %s with a BOM, characters split across chunks', async (encoding, reported) => {
    const source = await openStdin(iconv.encode(PLAY, encoding, { addBOM: true }), {}, 3);
    expect(source.format).toEqual({ type: 'csv', delimiter: ',', encoding: reported });
    expect(await readAll(source)).toEqual({
      columns: ['Package Name', 'Star Rating', 'Review Text'],
      records: [
        { line: 2, index: 1, cells: ['com.example.app', '5', 'Отлично, 👍'] },
        { line: 3, index: 2, cells: ['com.example.app', '2', 'Très lent'] },
      ],
    });
  });

  it('reads a Matomo-style UTF-16LE export by its extension-less content as JSON too', async () => {
    const source = await openStdin(iconv.encode('[{"label":"Главная","nb_visits":3}]', 'utf-16le', { addBOM: true }));
    expect(source.format).toEqual({ type: 'json', encoding: 'utf-16le' });
    expect(await readAll(source)).toEqual({
      columns: ['label', 'nb_visits'],
      records: [{ line: undefined, index: 1, cells: ['Главная', 3] }],
    });
  });

  it.each([
    ['cp1251', 'windows-1251', 'Дата'],
    ['windows-1252', 'windows-1252', 'Äàòà'],
  ])('--encoding %s overrides sniffing', async (encoding, reported, header) => {
    const source = await openStdin(iconv.encode('Дата;Оценка\n1;2\n', 'windows-1251'), { encoding });
    expect(source.format.encoding).toBe(reported);
    expect(source.columns[0]).toBe(header);
  });

  it('--encoding utf-16le reads UTF-16 without a BOM', async () => {
    const source = await openStdin(iconv.encode('a,b\n1,2\n', 'utf-16le'), { encoding: 'utf16le' });
    expect(source.format.encoding).toBe('utf-16le');
    expect(await readAll(source)).toEqual({ columns: ['a', 'b'], records: [{ line: 2, index: 1, cells: ['1', '2'] }] });
  });

  it('rejects an unknown --encoding by name', async () => {
    const error = await catchError(() => openStdin('a\n1\n', { encoding: 'ebcdic-klingon' }));
    expect(error).toBeInstanceOf(UsageError);
    expect(error).toMatchObject({ message: 'unknown encoding "ebcdic-klingon"' });
  });

  it('refuses an xlsx workbook', async () => {
    const path = await writeTemp('survey.xlsx', Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00, 0x06, 0x00, 0x08, 0x00]));
    const error = await catchError(() => openSource({ path }, {}));
    expect(error).toBeInstanceOf(InputError);
    expect(error).toMatchObject({ message: `${path} is an Excel workbook, not CSV: save it as CSV (UTF-8)` });
  });

  it('refuses an old xls workbook, whatever its extension', async () => {
    const path = await writeTemp('survey.csv', Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0x00, 0x00]));
    const error = await catchError(() => openSource({ path }, { encoding: 'utf-8' }));
    expect(error).toMatchObject({ message: `${path} is an Excel workbook, not CSV: save it as CSV (UTF-8)` });
  });

  it('refuses binary bytes', async () => {
    const path = await writeTemp('x.bin', Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0x02, 0x01, 0x01, 0x00, 0x00, 0x00]));
    const error = await catchError(() => openSource({ path }, {}));
    expect(error).toBeInstanceOf(InputError);
    expect(error).toMatchObject({ message: `${path} does not look like text (NUL bytes)` });
  });

  it('reads on past a stray NUL far into a text file', async () => {
    const text = `id,note\n${'1,ok\n'.repeat(2000)}2,x\u0000y\n`;
    const records = await collect((await openStdin(text)).records);
    expect(records.at(-1)?.cells).toEqual(['2', 'x\u0000y']);
  });

  it('takes UTF-16 without a BOM for binary, with a hint', async () => {
    const error = await catchError(() => openStdin(iconv.encode('a,b\n1,2\n', 'utf-16le')));
    expect(error).toMatchObject({
      message: 'stdin does not look like text (NUL bytes)',
      hint: expect.stringContaining('--encoding utf-16le'),
    });
  });
});

// Detection of the layouts issue 18 added, per column from a sample, as for the older ones.
import { describe, expect, it } from 'vitest';
import { detectDateFormat, type DateFormatDetection } from '../../src/fields/column-formats.js';

function describeDetection(detection: DateFormatDetection): string {
  switch (detection.kind) {
    case 'format':
      return detection.rival === undefined ? detection.format.id : `${detection.format.id} (rival ${detection.rival.other})`;
    case 'ambiguous':
      return `ambiguous ${detection.candidates.map((format) => format.id).join('|')} at ${detection.example}`;
    case 'none':
      return 'none';
  }
}

describe('detectDateFormat: month names, dotted years and dashes', () => {
  it.each([
    ["Excel's d-MMM-yy", ['31-Jul-18', '1-Aug-18', '15-sep-18', ''], 'dmy-name-yy'],
    ["Excel's dd-MMM-yyyy", ['31-Jul-2018', '01-Aug-2018'], 'dmy-name'],
    ['Russian Excel ДД.МММ.ГГ', ['31.янв.18', '01.февр.18', '05.мар.18'], 'dmy-name-yy'],
    ['MMM d, yyyy', ['Jul 31, 2018', 'Aug 1, 2018'], 'month-name'],
    ['English text dates', ['31 July 2018', '1 August 2018'], 'dmy-name-spaced'],
    ['Russian text dates (genitive, with г.)', ['31 июля 2018 г.', '1 августа 2018 г.', '5 сент. 2018 г.'], 'dmy-name-spaced'],
    ['yyyy.MM.dd', ['2018.07.31', '2018.08.01 10:20'], 'ymd-dot'],
    ['dd.MM.yy', ['31.07.18', '01.08.18'], 'dmy-dot-yy'],
    ['dd/MM/yyyy HH:mm:ss', ['31/07/2018 10:20:30', '01/08/2018 23:00:00'], 'dmy-slash (rival as MM/dd/yyyy)'],
    ['dd-MM-yyyy (a day above 12)', ['31-07-2018', '01-08-2018'], 'dmy-dash (rival as MM-dd-yyyy)'],
    ['MM-dd-yyyy (a day above 12)', ['07-31-2018', '08-01-2018'], 'mdy-dash (rival as dd-MM-yyyy)'],
    ['dashes that nothing settles', ['01-02-2018', '03-04-2018'], 'ambiguous dmy-dash|mdy-dash at 01-02-2018'],
    ['Dutch month names', ['31-mrt-18', '1-mei-18', '2-okt-18'], 'none'],
  ])('%s', (_name, samples, expected) => {
    expect(describeDetection(detectDateFormat(samples))).toBe(expected);
  });

  it('keeps the layout of a column with a few odd month names, which are then rejected one by one', () => {
    const samples = [...Array.from({ length: 19 }, (_, i) => `${i + 1}-Jul-18`), '20-Juillet-18'];
    expect(describeDetection(detectDateFormat(samples))).toBe('dmy-name-yy');
  });
});

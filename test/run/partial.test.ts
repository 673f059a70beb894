// The xla-partial/1 document (run/partial.ts): written, read back, checked and ordered by the library functions.
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { formatPartial, gatherPartials } from '../../src/run/partial.js';
import type { PartialDocument } from '../../src/run/partial.js';
import { mergePartials, scoreInputs, scorePartial } from '../../src/run/score-inputs.js';
import { libraryOptions } from '../pipeline/library-options.js';

const SURVEY = fileURLToPath(new URL('../../fixtures/survey/responses.csv', import.meta.url));
const options = libraryOptions([SURVEY], { by: ['Team'], period: 'month', onDiagnostic: () => undefined });

/** The partial as `xla merge` gets it from a file of this name. */
function asRead(
  partial: PartialDocument,
  file: string,
  edit: (text: string) => string = (text) => text,
): { file: string; text: string; data: unknown } {
  const text = edit(formatPartial(partial));
  return { file, text, data: JSON.parse(text) };
}

describe('a partial', () => {
  it('read back and merged alone gives the report of its run', async () => {
    const partial = await scorePartial(options);
    const [back] = gatherPartials([asRead(partial, 'p.json')]);
    expect(back?.settings).toEqual(partial.settings);
    const merged = await mergePartials([back as PartialDocument], {});
    expect(JSON.stringify(merged)).toBe(JSON.stringify(await scoreInputs(options)));
  });

  it('holds each input with its rows and the newest event stamp', async () => {
    const partial = await scorePartial(options);
    // fixtures/survey/responses.csv: 11 records (one comment spans two lines); the last one's NPS of
    // 11 is rejected, so 10 are accepted whole, but its date still counts: the newest is 2024-03-10T10:00Z.
    expect(partial.inputs.map((input) => [input.summary.rows, input.summary.accepted, input.summary.rejected])).toEqual([[11, 10, 1]]);
    expect(partial.newestStamp).toBe(Date.UTC(2024, 2, 10, 10));
  });

  it('is refused when its settings differ from the first one given, naming the first setting that does', async () => {
    const monthly = await scorePartial(options);
    const weekly = await scorePartial({ ...options, period: 'week' });
    const confident = await scorePartial({ ...options, period: 'week', confidence: 0.9 });
    expect(() => gatherPartials([asRead(monthly, 'm.json'), asRead(weekly, 'w.json')])).toThrow(
      'w.json: a partial of another run than m.json: its setting period differs',
    );
    expect(() => gatherPartials([asRead(weekly, 'w.json'), asRead(confident, 'c.json')])).toThrow('its setting confidence differs');
  });

  it('naming a metric this xla does not know is refused (exit 2), not merged', async () => {
    const partial = await scorePartial(options);
    const later = { ...partial, settings: { ...partial.settings, metricIds: [...partial.settings.metricIds, 'nps.future'] } };
    expect(() => gatherPartials([asRead(later, 'later.json')])).toThrow(
      /later\.json: not a valid xla-partial\/1 document: \.settings: the metric "nps\.future" is unknown/,
    );
  });

  it('is ordered by its inputs names, then its text, whatever order it is given in', async () => {
    const partial = await scorePartial(options);
    const renamed = (name: string): PartialDocument => ({
      ...partial,
      inputs: partial.inputs.map((input) => ({ ...input, summary: { ...input.summary, name } })),
    });
    const [b, a] = [renamed('b.csv'), renamed('a.csv')];
    const order = gatherPartials([asRead(b, 'b.json'), asRead(a, 'a.json')]).map((part) => part.inputs[0]?.summary.name);
    expect(order).toEqual(['a.csv', 'b.csv']);
  });
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { neutraliseJson, neutraliseMarkdown, neutraliseText, quoteText, showControls } from '../../src/report/safe-text.js';
import { expectNeutral, hostileText } from '../hostile-text.js';

describe('showControls', () => {
  it.each([
    ['plain text, é and 😀 stay', 'plain text, é and 😀 stay'],
    ['a\nb\r\nc\td', 'a\\nb\\r\\nc\\td'],
    ['\u001b]0;title\u0007', '\\x1B]0;title\\x07'],
    ['\u001b[8mhidden', '\\x1B[8mhidden'],
    ['\u0000\u007f\u0085\u009b', '\\x00\\x7F\\x85\\x9B'],
    ['\u202eevil\u202c \u2066x\u2069 \u200e\u200f\u061c', '\\u202Eevil\\u202C \\u2066x\\u2069 \\u200E\\u200F\\u061C'],
    ['line\u2028para\u2029', 'line\\u2028para\\u2029'],
    ['lone \ud800 and \udfff, \ufffe \uffff', 'lone \\uD800 and \\uDFFF, \\uFFFE \\uFFFF'],
    ['C:\\data\\new.csv', 'C:\\data\\new.csv'],
    ['Net\u200bwork \u2060\ufeff\u180e', 'Net\\u200Bwork \\u2060\\uFEFF\\u180E'],
    ['tag\u{e0041}\u{e007f}', 'tag\\u{E0041}\\u{E007F}'],
    ['joiners stay: \u0645\u06cc\u200c\u0634\u0648\u0645 👩\u200d💻', 'joiners stay: \u0645\u06cc\u200c\u0634\u0648\u0645 👩\u200d💻'],
  ])('showControls(%j) = %j', (text, expected) => {
    expect(showControls(text)).toBe(expected);
  });
});

describe('neutraliseText', () => {
  it.each([
    ['::error::x', '\\::error::x'],
    ['  ::warning file=a::y', '  \\::warning file=a::y'],
    ['\u00a0\u3000::x', '\u00a0\u3000\\::x'],
    ['a\n::error::x', 'a\\n::error::x'],
    ['std::vector', 'std::vector'],
    [':x', ':x'],
    ['##[error]x', '##\\[error]x'],
    ['a ###[b ##[c', 'a ###\\[b ##\\[c'],
    ['#[x] ## [y]', '#[x] ## [y]'],
    [
      '##vso[task.setvariable variable=x]y ##VSO[x] ##teamcity[message]',
      '##vso\\[task.setvariable variable=x]y ##VSO\\[x] ##teamcity\\[message]',
    ],
  ])('neutraliseText(%j) = %j', (text, expected) => {
    expect(neutraliseText(text)).toBe(expected);
  });

  it('leaves nothing a terminal or runner acts on, and changes nothing twice', () => {
    fc.assert(
      fc.property(hostileText, (text) => {
        const shown = neutraliseText(text);
        expectNeutral(shown);
        expect(shown).not.toContain('\n');
        expect(neutraliseText(shown)).toBe(shown);
      }),
      { numRuns: 500 },
    );
  });
});

describe('quoteText', () => {
  it.each([
    ['abc', '"abc"'],
    ['a"b\\c', '"a\\"b\\\\c"'],
    ['x\n::error::y', '"x\\n::error::y"'],
    ['\u001b[2J##[group]', '"\\x1B[2J##\\[group]"'],
  ])('quoteText(%j) = %j', (text, expected) => {
    expect(quoteText(text)).toBe(expected);
  });
});

describe('neutraliseMarkdown', () => {
  it.each([
    // xla's own words stay readable.
    ['csat [team=Network] 72.0% is below >= 85% (n 120)', 'csat [team=Network] 72.0% is below >= 85% (n 120)'],
    ['resolution_time.p90 <= 4h, R & D', 'resolution_time.p90 <= 4h, R & D'],
    ['where priority=P1|P2', 'where priority=P1\\|P2'],
    // Links, images, emphasis, code, strikethrough, math.
    ['[x](https://e.example)', '[x\\](https:&#8203;//e.example)'],
    ['![i](x.png)', '![i\\](x.png)'],
    ['*a* **b** _c_ __d__', '\\*a\\* \\*\\*b\\*\\* \\_c\\_ \\_\\_d\\_\\_'],
    ['`code` ~~gone~~ $x^2$', '\\`code\\` \\~\\~gone\\~\\~ \\$x^2\\$'],
    // HTML and entities.
    ['<img src=x onerror=alert(1)> <!-- c --> </b>', '&lt;img src=x onerror=alert(1)> &lt;!-- c --> &lt;/b>'],
    ['&amp; &#64;', '&amp;amp; &amp;#&#8203;64;'],
    // GitHub shortcuts.
    [
      '@octocat #12 www.e.example WWW.E.EXAMPLE a@b.example',
      '@&#8203;octocat #&#8203;12 www&#8203;.e.example WWW&#8203;.E.EXAMPLE a@&#8203;b.example',
    ],
    // Controls and workflow commands first, as neutraliseText shows them; the backslashes then escaped.
    ['a\nb', 'a\\\\nb'],
    ['##[x]', '##\\\\[x]'],
    ['::error::x', '\\\\::error::x'],
  ])('neutraliseMarkdown(%j) = %j', (text, expected) => {
    expect(neutraliseMarkdown(text)).toBe(expected);
  });
});

describe('neutraliseJson', () => {
  it.each([
    ['"plain"', '"plain"'],
    ['"a\u007fb\u0085c\u009b"', '"a\\u007Fb\\u0085c\\u009B"'],
    ['"\u202e\u2066\u200f\u061c\u2028\u2029"', '"\\u202E\\u2066\\u200F\\u061C\\u2028\\u2029"'],
    ['"Net\u200bwork\ufeff\u{e0041}"', '"Net\\u200Bwork\\uFEFF\\uDB40\\uDC41"'],
    ['"##[stop-commands]x"', '"##\\u005Bstop-commands]x"'],
    ['{"##[k]":"\\\\##[v"}', '{"##\\u005Bk]":"\\\\##\\u005Bv"}'],
    ['"##vso[x] ##teamcity[y]"', '"##vso\\u005Bx] ##teamcity\\u005By]"'],
  ])('neutraliseJson(%j) = %j', (json, expected) => {
    expect(neutraliseJson(json)).toBe(expected);
  });

  it('gives back the exact strings, keys included, with nothing raw', () => {
    fc.assert(
      fc.property(fc.dictionary(hostileText, fc.array(hostileText, { maxLength: 3 }), { maxKeys: 3 }), (value) => {
        const json = neutraliseJson(JSON.stringify(value, null, 2));
        expectNeutral(json);
        expect(JSON.parse(json)).toEqual(value);
      }),
      { numRuns: 500 },
    );
  });
});

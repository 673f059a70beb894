import { describe, expect, it } from 'vitest';
import { describeIssue, formatPath, unknownKeysMessage } from '../../src/config/issues.js';

describe('formatPath', () => {
  it('writes paths as a reader would type them', () => {
    expect(formatPath(['targets', 2, 'target'])).toBe('targets[2].target');
    expect(formatPath(['composites', 0, 'components', 'happy-users', 'floor'])).toBe('composites[0].components.happy-users.floor');
    expect(formatPath(['composites', 0, 'components', 'resolution_time.p90'])).toBe('composites[0].components["resolution_time.p90"]');
    expect(formatPath(['sla', 'P 1'])).toBe('sla["P 1"]');
    expect(formatPath([])).toBe('');
  });
});

describe('describeIssue', () => {
  it('renders one line, path first; a top-level issue has no path', () => {
    expect(describeIssue({ path: ['targets', 2, 'target'], message: 'expected "<op> <value>", got "85"' })).toBe(
      'targets[2].target: expected "<op> <value>", got "85"',
    );
    expect(describeIssue({ path: [], message: 'unknown key "titel" (did you mean "title"?)' })).toBe(
      'unknown key "titel" (did you mean "title"?)',
    );
  });

  it('shows the complaint of the union form whose type matched, under the full path', () => {
    const issue = {
      code: 'invalid_union' as const,
      path: ['composites', 0, 'components', 'a'],
      message: 'expected a weight or { weight, key, floor }',
      input: { weight: 1, flor: 2 },
      errors: [
        [{ code: 'invalid_type' as const, expected: 'number' as const, path: [], message: 'expected a number' }],
        [{ code: 'unrecognized_keys' as const, keys: ['flor'], path: [], message: 'unknown key "flor" (did you mean "floor"?)' }],
      ],
    };
    expect(describeIssue(issue)).toBe('composites[0].components.a: unknown key "flor" (did you mean "floor"?)');
  });
});

describe('unknownKeysMessage', () => {
  it('suggests a near key, or lists the known ones', () => {
    expect(unknownKeysMessage(['metirc'], ['metric', 'target'])).toBe('unknown key "metirc" (did you mean "metric"?)');
    expect(unknownKeysMessage(['colour'], ['metric', 'target'])).toBe('unknown key "colour"; known keys: metric, target');
    expect(unknownKeysMessage(['metirc', 'trget'], ['metric', 'target'])).toBe(
      'unknown keys "metirc" (did you mean "metric"?), "trget" (did you mean "target"?)',
    );
  });
});

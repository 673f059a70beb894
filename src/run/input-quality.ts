/**
 * Each input's data quality for the JSON report (`inputs[].quality`, metrics.md §5.6): over every
 * row the input gave, whatever the filters keep.
 */
import { DATA_QUALITY_METRICS, inputQuality } from '../metrics/data-quality.js';
import type { InputQuality, InputQualityState } from '../metrics/data-quality.js';
import type { Result } from '../scorecard/model.js';
import { FIELD_KEY } from '../scorecard/field-targets.js';
import { reviveState } from '../scorecard/snapshot.js';
import type { JobScore } from './parallel-jobs.js';

const DATA_QUALITY_IDS = DATA_QUALITY_METRICS.map((metric) => metric.id);

/**
 * Whether the run's own overall results are the input's quality, so that the input need not count
 * its rows a second time (on the bench file that second pass was ~0.25 s of 4.2): one input, every
 * row it gave fed to the scorecard (no `--where`, `--from`, `--to`, no join), and every data
 * quality metric scored.
 */
export function isQualityInResults(run: { inputs: number; filtered: boolean; joined: boolean; metricIds: readonly string[] }): boolean {
  return run.inputs === 1 && !run.filtered && !run.joined && DATA_QUALITY_IDS.every((id) => run.metricIds.includes(id));
}

/** The input's quality read from the run's overall results (isQualityInResults). */
export function qualityFromResults(results: readonly Result[]): InputQuality {
  const isOverall = (result: Result): boolean => result.period === null && Object.keys(result.segment).length === 0;
  const overall = (metric: string): number | null => results.find((result) => result.metric === metric && isOverall(result))?.value ?? null;
  const perField = (metric: string): Map<string, number | null> =>
    new Map(
      results.flatMap((result) => {
        const keys = Object.keys(result.segment);
        const field = result.segment[FIELD_KEY];
        const isFieldRow = result.metric === metric && result.period === null && keys.length === 1 && field !== undefined;
        return isFieldRow ? [[field, result.value] as const] : [];
      }),
    );
  const validity = perField('data.validity');
  return {
    completeness: overall('data.completeness'),
    validity: overall('data.validity'),
    duplicates: overall('data.duplicates'),
    freshness: overall('data.freshness'),
    fields: Object.fromEntries(
      [...perField('data.completeness')].map(([field, completeness]) => [field, { completeness, validity: validity.get(field) ?? null }]),
    ),
  };
}

/** One input's quality state from its parts' (in part order: the counts and the multiset of ids are the same in any). */
export function mergedQualityState(score: JobScore): InputQualityState {
  if (score.kind === 'here') return score.scored.quality;
  const quality = inputQuality();
  return score.partials
    .flatMap((partial) => partial.inputs.map((input) => reviveState(input.quality) as InputQualityState))
    .reduce((merged, state) => quality.merge(merged, state), quality.init());
}

/** An input's quality from its own pass, finished at the run's "now". */
export function qualityOf(state: InputQualityState, asOf: number | undefined): InputQuality {
  return inputQuality().summarize(state, asOf);
}

import type { Result } from '../../scorecard/model.js';
import { formatCount, formatValue } from '../units.js';
import { coord, renderChart, svgText, type IdSource } from './svg.js';
import { describeSegment, describeSegmentColumns, shorten } from './labels.js';

/** The stacked bar's box, in SVG units; exported so that tests can work widths out by hand. */
export const NPS_LAYOUT = { width: 520, label: 130, right: 16, top: 8, row: 30, bar: 20, legend: 30 } as const;

const PARTS = ['promoters', 'passives', 'detractors'] as const;
type Part = (typeof PARTS)[number];

export interface NpsCounts {
  label: string;
  counts: Record<Part, number>;
}

/** Promoter, passive and detractor counts of an NPS-family result (nps, enps…); null for any other. */
function npsCounts(result: Result): Record<Part, number> | null {
  const detail = result.detail;
  if (detail === undefined) return null;
  const [promoters, passives, detractors] = PARTS.map((part) => detail[part]);
  if (typeof promoters !== 'number' || typeof passives !== 'number' || typeof detractors !== 'number') return null;
  return promoters + passives + detractors > 0 ? { promoters, passives, detractors } : null;
}

/** The whole-window rows of an NPS-family metric: overall first, then each segment by its label; and the columns of the segments. */
export function collectNpsRows(results: readonly Result[], metric: string): { rows: NpsCounts[]; by: string } {
  const whole = results.filter((r) => r.metric === metric && r.period === null);
  const rows = whole.flatMap((r) => {
    const counts = npsCounts(r);
    return counts === null ? [] : [{ label: describeSegment(r.segment), counts, isOverall: Object.keys(r.segment).length === 0 }];
  });
  const overall = rows.filter((r) => r.isOverall);
  const segments = rows.filter((r) => !r.isOverall).sort((a, b) => (a.label < b.label ? -1 : a.label > b.label ? 1 : 0));
  return {
    rows: [...overall, ...segments].map(({ label, counts }) => ({ label, counts })),
    by: describeSegmentColumns(whole.filter((r) => npsCounts(r) !== null).map((r) => r.segment)),
  };
}

/**
 * Promoters, passives and detractors as one stacked bar per row: solid dark, light, and hatched,
 * so that the three parts stay apart in greyscale; each part's share written on it where it fits.
 */
export function renderNpsBars(name: string, rows: readonly NpsCounts[], by: string, ids: IdSource): string {
  const { width, label, right, top, row, bar, legend } = NPS_LAYOUT;
  const id = ids.next('nps');
  const barWidth = width - label - right;
  const height = top + rows.length * row + legend;
  const hatch = `${id}-hatch`;
  const defs = `<defs><pattern id="${hatch}" patternUnits="userSpaceOnUse" width="6" height="6" patternTransform="rotate(45)"><rect width="6" height="6" class="part-detractors"/><line x1="0" y1="0" x2="0" y2="6" class="hatch"/></pattern></defs>`;
  const bars = rows.map((r, i) => {
    const total = r.counts.promoters + r.counts.passives + r.counts.detractors;
    const y = top + i * row;
    let x = label;
    const rects = PARTS.map((part) => {
      const w = (r.counts[part] / total) * barWidth;
      const share = formatValue((r.counts[part] / total) * 100, '%');
      const text = w >= 44 ? svgText(x + w / 2, y + bar / 2 + 4, share, `share share-${part}`, 'middle') : '';
      const rect = `<rect ${partFill(part, hatch)} x="${coord(x)}" y="${coord(y)}" width="${coord(w)}" height="${String(bar)}"/>`;
      x += w;
      return rect + text;
    });
    return svgText(label - 8, y + bar / 2 + 4, shorten(r.label, 18), 'row-label', 'end') + rects.join('');
  });
  const legendY = top + rows.length * row + 12;
  const legendItems = PARTS.map((part, i) => {
    const lx = label + i * 120;
    return (
      `<rect ${partFill(part, hatch)} x="${String(lx)}" y="${String(legendY)}" width="12" height="12"/>` +
      svgText(lx + 18, legendY + 10, part, 'legend')
    );
  });
  return renderChart({
    id,
    title: `${name}: promoters, passives and detractors${by === '' ? '' : ` by ${by}`}`,
    description: rows.map((r) => describeRow(r)).join('; ') + '.',
    width,
    height,
    body: [defs, ...bars, ...legendItems].join('\n'),
  });
}

/** Detractors are hatched (a pattern, which a class cannot name), the others solid by class. */
function partFill(part: Part, hatch: string): string {
  return part === 'detractors' ? `class="part-hatched" fill="url(#${hatch})"` : `class="part-${part}"`;
}

/** `All: 200 promoters (50.0%), 70 passives (17.5%), 130 detractors (32.5%), n 400`. */
function describeRow(row: NpsCounts): string {
  const total = row.counts.promoters + row.counts.passives + row.counts.detractors;
  const parts = PARTS.map((part) => `${formatCount(row.counts[part])} ${part} (${formatValue((row.counts[part] / total) * 100, '%')})`);
  return `${row.label}: ${parts.join(', ')}, n ${formatCount(total)}`;
}

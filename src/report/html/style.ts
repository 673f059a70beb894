/**
 * The report's one stylesheet, inline (the Content-Security-Policy allows no other). Status
 * colours differ in lightness as well as hue and always come with an icon and a word; charts
 * use line styles and patterns, so that a greyscale print keeps every distinction.
 */
export const STYLE = `
:root {
  --ink: #1f2328; --muted: #59636e; --line: #d1d9e0; --paper: #ffffff; --wash: #f6f8fa;
  --accent: #0a4f9e; --band: #c9dcf3;
  --met: #1a7f37; --met-wash: #dafbe1;
  --breached: #c11f2b; --breached-wash: #ffebe9;
  --warn: #8a5a00; --warn-wash: #fff4d4;
  --nodata: #59636e; --nodata-wash: #eef1f4;
}
* { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; }
body {
  margin: 0; background: var(--wash); color: var(--ink);
  font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, "Liberation Sans", "DejaVu Sans", sans-serif;
}
.page { max-width: 1120px; margin: 0 auto; padding: 24px 20px 40px; }
header.masthead { background: var(--paper); border: 1px solid var(--line); border-top: 4px solid var(--accent); border-radius: 8px; padding: 20px 24px; margin-bottom: 24px; }
h1 { font-size: 1.7rem; line-height: 1.2; margin: 0 0 6px; }
h2 { font-size: 1.3rem; margin: 0 0 14px; padding-bottom: 6px; border-bottom: 1px solid var(--line); }
h3 { font-size: 1.02rem; margin: 22px 0 10px; color: var(--ink); }
.lede { margin: 0; color: var(--muted); overflow-wrap: anywhere; }
.verdict { margin: 12px 0 0; font-size: 1.05rem; }
.verdict .counts { color: var(--muted); margin-left: 8px; }
section.block { background: var(--paper); border: 1px solid var(--line); border-radius: 8px; padding: 20px 24px; margin-bottom: 24px; }
.cards { display: grid; grid-template-columns: repeat(auto-fill, minmax(190px, 1fr)); gap: 12px; }
.card { border: 1px solid var(--line); border-left: 6px solid var(--line); border-radius: 6px; padding: 10px 12px; background: var(--paper); break-inside: avoid; }
.card p { margin: 0; }
.card-name { font-size: 0.85rem; color: var(--muted); overflow-wrap: anywhere; }
.card-value { font-size: 1.6rem; font-weight: 650; font-variant-numeric: tabular-nums; line-height: 1.25; margin: 2px 0 !important; overflow-wrap: anywhere; }
.card-meta { font-size: 0.78rem; color: var(--muted); font-variant-numeric: tabular-nums; }
.card-status { margin-top: 6px !important; font-size: 0.85rem; }
.card-target { color: var(--muted); }
.tone-met { border-left-color: var(--met); }
.tone-breached { border-left-color: var(--breached); border-left-style: double; border-left-width: 7px; background: var(--breached-wash); }
.tone-warn { border-left-color: var(--warn); border-left-style: dashed; background: var(--warn-wash); }
.tone-nodata { border-left-color: var(--nodata); border-left-style: dotted; }
.status { font-weight: 650; white-space: nowrap; }
.status .icon { display: inline-block; min-width: 1.1em; text-align: center; border-radius: 3px; color: var(--paper); padding: 0 2px; }
.status-met { color: var(--met); } .status-met .icon { background: var(--met); }
.status-breached { color: var(--breached); } .status-breached .icon { background: var(--breached); }
.status-warn { color: var(--warn); } .status-warn .icon { background: var(--warn); }
.status-nodata { color: var(--nodata); } .status-nodata .icon { background: var(--nodata); }
.problems { margin: 0 0 16px; padding-left: 20px; }
.problems li { margin: 4px 0; overflow-wrap: anywhere; }
.charts { display: grid; grid-template-columns: repeat(auto-fill, minmax(min(100%, 440px), 1fr)); gap: 16px; }
figure { margin: 0; border: 1px solid var(--line); border-radius: 6px; padding: 10px 12px 6px; break-inside: avoid; background: var(--paper); }
figcaption { font-weight: 600; font-size: 0.92rem; margin-bottom: 4px; overflow-wrap: anywhere; }
figcaption .sub { font-weight: 400; color: var(--muted); }
svg.chart { display: block; width: 100%; height: auto; font-family: inherit; overflow: visible; }
svg .grid { stroke: #e3e8ee; stroke-width: 1; }
svg .tick { font-size: 12px; fill: var(--muted); }
svg .row-label { font-size: 12px; fill: var(--ink); }
svg .legend { font-size: 12px; fill: var(--ink); }
svg .band { fill: var(--band); stroke: none; }
svg .whisker { stroke: var(--ink); stroke-width: 1.5; fill: none; }
svg .value { fill: none; stroke: var(--accent); stroke-width: 2.5; stroke-linejoin: round; }
svg .dot { fill: var(--paper); stroke: var(--accent); stroke-width: 2; }
svg .target { stroke: var(--breached); stroke-width: 1.5; stroke-dasharray: 6 4; }
svg .target-label { font-size: 11px; fill: var(--ink); paint-order: stroke; stroke: var(--paper); stroke-width: 3px; }
svg .overall { stroke: var(--ink); stroke-width: 1.2; stroke-dasharray: 4 3; }
svg .limits { fill: #d9dfe6; }
svg .bar { opacity: 0.45; }
svg .bar-neutral { fill: #8aa4c4; } svg .bar-good { fill: var(--met); } svg .bar-bad { fill: var(--breached); }
svg .marker { stroke: var(--paper); stroke-width: 1.5; }
svg .marker-neutral { fill: var(--accent); } svg .marker-good { fill: var(--met); } svg .marker-bad { fill: var(--breached); }
svg .flag { font-size: 12px; font-weight: 650; }
svg .flag-neutral { fill: var(--muted); } svg .flag-good { fill: var(--met); } svg .flag-bad { fill: var(--breached); }
svg .part-promoters { fill: var(--met); } svg .part-passives { fill: #c5ccd4; } svg .part-detractors { fill: var(--breached); }
svg .hatch { stroke: #ffffff; stroke-width: 2.5; opacity: 0.7; }
svg .share { font-size: 12px; font-weight: 600; fill: #ffffff; } svg .share-passives { fill: var(--ink); }
.key { font-size: 0.82rem; color: var(--muted); margin: -4px 0 10px; }
.key span { display: inline-block; margin-right: 14px; }
.key i { display: inline-block; width: 22px; height: 0; vertical-align: middle; margin-right: 6px; }
.key .k-value { border-top: 3px solid var(--accent); }
.key .k-band { height: 10px; background: var(--band); }
.key .k-target { border-top: 2px dashed var(--breached); }
.table-wrap { overflow-x: auto; margin: 0 0 12px; }
table { border-collapse: collapse; width: 100%; font-size: 0.88rem; font-variant-numeric: tabular-nums; }
caption { text-align: left; font-weight: 600; padding: 4px 0 8px; }
th, td { text-align: left; padding: 6px 10px; border-bottom: 1px solid var(--line); vertical-align: top; overflow-wrap: break-word; }
th { background: var(--wash); font-weight: 600; white-space: nowrap; }
.nowrap { white-space: nowrap; }
.num { text-align: right; white-space: nowrap; }
tbody tr:nth-child(even) td { background: #fbfcfd; }
details { margin-top: 18px; }
summary { cursor: pointer; color: var(--accent); font-weight: 600; }
footer { color: var(--muted); font-size: 0.8rem; text-align: center; }
.visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
@media (max-width: 640px) {
  .page { padding: 12px 10px 24px; }
  header.masthead, section.block { padding: 14px 14px; }
  h1 { font-size: 1.35rem; }
  .cards { grid-template-columns: 1fr 1fr; gap: 8px; }
  .card-value { font-size: 1.3rem; }
  .charts { grid-template-columns: 1fr; }
  .table-wrap table { min-width: 600px; }
  /* A chart shrinks to about 0.65 of its drawn size on a phone: its words grow to stay readable. */
  svg .tick, svg .legend, svg .flag { font-size: 14px; }
  svg .row-label, svg .share, svg .target-label { font-size: 14px; }
}
@media print {
  body { background: #ffffff; font-size: 11pt; }
  .page { max-width: none; padding: 0; }
  header.masthead, section.block { border: none; padding: 0; margin-bottom: 18pt; }
  section.block { break-before: auto; }
  .tone-breached, .tone-warn, tbody tr:nth-child(even) td, th { background: #ffffff; }
  figure, .card, tr { break-inside: avoid; }
  .charts { grid-template-columns: 1fr 1fr; }
  .table-wrap { overflow: visible; }
}
`;

import { normalizeName } from '../../fields/catalog.js';
import type { Kind } from '../../fields/types.js';
import { BOSTON_311 } from './boston-311.js';
import { FRESHDESK, FRESHSERVICE } from './freshdesk.js';
import { GA4 } from './ga4.js';
import { GOOGLE_FORMS } from './google-forms.js';
import { GOOGLE_PLAY_APPS } from './google-play-apps.js';
import { GOOGLE_PLAY_REVIEWS } from './google-play-reviews.js';
import { HUBSPOT_COMPANIES } from './hubspot.js';
import { JIRA } from './jira.js';
import { JMETER } from './jmeter.js';
import { QUALTRICS } from './qualtrics.js';
import { SERVICENOW } from './servicenow.js';
import { STRIPE_SUBSCRIPTIONS } from './stripe.js';
import { SURVEYMONKEY } from './surveymonkey.js';
import { TASKS } from './tasks.js';
import { TYPEFORM } from './typeform.js';
import type { Preset } from './types.js';
import { AMPLITUDE, GA4_BIGQUERY, MIXPANEL } from './usage.js';
import { ZENDESK, ZENDESK_EXPLORE } from './zendesk.js';

export type { Preset } from './types.js';

/**
 * Every known export. The order is the documented tie-break of `detectPreset` (tickets, then
 * surveys, then analytics, then customers; within a kind, the vendor export before its sister product or
 * variant), and the order `xla inspect` and `--preset` errors list them in.
 */
export const PRESETS: readonly Preset[] = [
  SERVICENOW,
  ZENDESK,
  ZENDESK_EXPLORE,
  JIRA,
  FRESHDESK,
  FRESHSERVICE,
  BOSTON_311,
  SURVEYMONKEY,
  QUALTRICS,
  TYPEFORM,
  GOOGLE_FORMS,
  GOOGLE_PLAY_REVIEWS,
  GOOGLE_PLAY_APPS,
  GA4,
  JMETER,
  TASKS,
  // Product-analytics event exports (issue 21).
  MIXPANEL,
  AMPLITUDE,
  GA4_BIGQUERY,
  // customers (issue 21)
  STRIPE_SUBSCRIPTIONS,
  HUBSPOT_COMPANIES,
];

const PRESET_BY_ID = new Map(PRESETS.map((preset) => [preset.id, preset]));

/** The preset `--preset` names; ids are lower-case, so `ServiceNow` finds `servicenow`. */
export function findPreset(id: string): Preset | undefined {
  return PRESET_BY_ID.get(id.trim().toLowerCase());
}

export function presetIds(): string[] {
  return PRESETS.map((preset) => preset.id);
}

/** How well one preset fits a header. */
export interface PresetMatch {
  preset: Preset;
  /** Names in the preset's best-fitting signature alternative, all of them present. */
  matched: number;
  /** How many of those are spelt exactly as in the file (case and punctuation too). */
  exact: number;
}

/** The header's names, ready for comparison; built once per header. */
interface HeaderNames {
  normalized: ReadonlySet<string>;
  written: ReadonlySet<string>;
  first: string | undefined;
}

/**
 * Every preset whose signature the header fits, best first: more signature names matched, then
 * more of them spelt exactly as written (Freshservice's `Ticket Id` against Freshdesk's `Ticket
 * ID`), then the order of PRESETS. `alternateNames[i]` are further names of column i from extra
 * header rows.
 */
export function rankPresets(columns: readonly string[], alternateNames: readonly (readonly string[])[] = []): PresetMatch[] {
  const header = collectNames(columns, alternateNames);
  return PRESETS.flatMap((preset, order) => {
    const match = matchPreset(preset, header);
    return match === undefined ? [] : [{ ...match, order }];
  })
    .sort((a, b) => b.matched - a.matched || b.exact - a.exact || a.order - b.order)
    .map(({ preset, matched, exact }) => ({ preset, matched, exact }));
}

/**
 * The export a header comes from: the most specific fitting signature (rankPresets), or
 * undefined. With `kind` (the user's `--kind`), presets of other kinds are not considered.
 */
export function detectPreset(
  columns: readonly string[],
  alternateNames: readonly (readonly string[])[],
  options: { kind?: Kind | undefined } = {},
): Preset | undefined {
  return rankPresets(columns, alternateNames).find((match) => options.kind === undefined || match.preset.kind === options.kind)?.preset;
}

function collectNames(columns: readonly string[], alternateNames: readonly (readonly string[])[]): HeaderNames {
  const all = [...columns, ...alternateNames.flat()].map(cleanName);
  return {
    normalized: new Set(all.map(normalizeName).filter((name) => name !== '')),
    written: new Set(all),
    first: columns[0] === undefined ? undefined : cleanName(columns[0]),
  };
}

function matchPreset(preset: Preset, header: HeaderNames): PresetMatch | undefined {
  if (preset.firstColumn !== undefined && (header.first === undefined || !preset.firstColumn.includes(header.first))) return undefined;
  let best: PresetMatch | undefined;
  for (const names of preset.signature) {
    if (!names.every((name) => hasName(header, name))) continue;
    const exact = names.filter((name) => header.written.has(cleanName(name))).length;
    if (best === undefined || names.length > best.matched || (names.length === best.matched && exact > best.exact)) {
      best = { preset, matched: names.length, exact };
    }
  }
  return best;
}

/** Normalized like the aliases; a name of punctuation only (`#`) would normalize to nothing, so it is compared as written. */
function hasName(header: HeaderNames, name: string): boolean {
  const normalized = normalizeName(name);
  return normalized === '' ? header.written.has(cleanName(name)) : header.normalized.has(normalized);
}

/** A BOM or outer blanks are how a file was saved, not part of the name. */
function cleanName(name: string): string {
  return name.replace(/^\uFEFF/, '').trim();
}

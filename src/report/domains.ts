import type { Domain } from '../metrics/types.js';

/** The order domains appear in a scorecard and the catalogue: experience first, then its drivers. */
export const DOMAIN_ORDER: readonly Domain[] = ['cx', 'ex', 'ux', 'mx', 'ops', 'value', 'data'];

const DOMAIN_DESCRIPTIONS: Readonly<Record<Domain, string>> = {
  cx: 'customer experience',
  ex: 'employee experience',
  ux: 'digital experience',
  mx: 'multi-experience and conversion',
  ops: 'operations',
  value: 'business value',
  data: 'data quality',
};

/** `CX · customer experience`. */
export function formatDomainHeading(domain: Domain): string {
  return `${domain.toUpperCase()} · ${DOMAIN_DESCRIPTIONS[domain]}`;
}

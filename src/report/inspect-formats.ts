/** The ways `xla inspect` (and `xla metrics`) print: apart from their formatters, so that reading the option loads neither. */
export const INSPECT_FORMATS = ['table', 'json'] as const;
export type InspectFormat = (typeof INSPECT_FORMATS)[number];

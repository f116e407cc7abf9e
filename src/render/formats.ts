/** The output formats a briefing is rendered to; on their own so option parsing and configuration need no renderer. */
export const OUTPUT_FORMATS = ['html', 'pdf', 'json', 'md'] as const;
export type OutputFormat = (typeof OUTPUT_FORMATS)[number];
export const DEFAULT_FORMATS: OutputFormat[] = ['html', 'pdf', 'json'];

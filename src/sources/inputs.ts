import { isHttpUrl } from './locations.js';
import type { SourceSpec } from './types.js';

/**
 * Sources for the command line's --input values: all paths become one path source (read together, so their order on
 * the command line does not change the result, as before), each http(s) URL a source whose kind is sniffed.
 */
export function sourcesFromInputs(inputs: string[]): SourceSpec[] {
  const paths = inputs.filter((input) => !isHttpUrl(input));
  const urls = [...new Set(inputs.filter(isHttpUrl))];
  const sources: SourceSpec[] = [];
  if (paths.length > 0) sources.push({ name: 'input', kind: 'path', location: paths });
  for (const url of urls) sources.push({ name: url, kind: 'url', location: url });
  return sources;
}

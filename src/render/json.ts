import type { Briefing } from '../model/schema.js';

export interface RenderedOutput {
  filename: string;
  content: string | Uint8Array;
}

export function renderJson(briefing: Briefing): RenderedOutput {
  return { filename: `briefing-${briefing.date}.json`, content: `${JSON.stringify(briefing, null, 2)}\n` };
}

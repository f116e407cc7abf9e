/**
 * The programmatic API: what a typed configuration file and other programs import from "briefing".
 */
import type { ConfigFile } from './config/schema.js';

/** Types a `briefing.config.ts`: `export default defineConfig({ editions: [...] })`. Returns its argument. */
export function defineConfig<T extends ConfigFile>(config: T | (() => T | Promise<T>)): T | (() => T | Promise<T>) {
  return config;
}

export type { ConfigFile as BriefingConfigFile } from './config/schema.js';
export type { Briefing } from './model/schema.js';
export { BriefingSchema, SCHEMA_VERSION } from './model/schema.js';
export { generateBriefing, type GenerateOptions, type GenerateResult } from './pipeline.js';
export { renderBriefing, type OutputFormat, type RenderOptions } from './render/index.js';

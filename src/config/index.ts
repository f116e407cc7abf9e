export { ConfigError } from './errors.js';
export {
  CONFIG_ENV,
  CONFIG_FILE_NAMES,
  DEFAULT_DATABASE,
  DEFAULT_OUT_DIR,
  DEFAULT_RETENTION_DAYS,
  defaultConfig,
  defaultUserAgent,
  findConfigFile,
  loadConfig,
  parseConfigText,
  readConfigFile,
  type ConfigFlags,
  type LoadConfigOptions,
} from './load.js';
export { ConfigFileSchema, type BriefingConfig, type ConfigFile, type FetchSettings } from './schema.js';
export { EditionSchema, type EditionConfig, type EditionFile } from './editions.js';

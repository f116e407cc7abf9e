export { ConfigError } from './errors.js';
export {
  CONFIG_ENV,
  CONFIG_FILE_NAMES,
  DEFAULT_DATABASE,
  dataFolder,
  DEFAULT_OUT_DIR,
  DEFAULT_RETENTION_DAYS,
  DEFAULT_ALERT_INTERVAL_MINUTES,
  defaultConfig,
  defaultUserAgent,
  findConfigFile,
  loadConfig,
  parseConfigText,
  readConfigFile,
  starterTimeZone,
  type ConfigFlags,
  type LoadConfigOptions,
} from './load.js';
export { ConfigFileSchema, type BriefingConfig, type ConfigFile, type FetchSettings } from './schema.js';
export { EditionSchema, SOURCE_FAILURE_POLICIES, type EditionConfig, type EditionDefaults, type EditionFile, type SourceFailurePolicy } from './editions.js';
export {
  MIN_TOKEN_LENGTH,
  SERVER_SCOPES,
  SERVER_TOKENS_ENV,
  defaultServerConcurrency,
  type ServerScope,
  type ServerSettings,
  type ServerToken,
} from './server.js';
export { QUEUE_URL_ENV, type QueueSettings } from './queue.js';

import { basename } from 'node:path';
import { ConfigError } from './errors.js';
import type { BriefingConfig } from './schema.js';

/**
 * Loads each edition's theme the way its runs will (found, manifest valid, templates parsed; nothing rendered), so a
 * missing or broken theme stops `schedule` at start-up instead of failing the edition at 6 in the morning.
 */
export async function checkEditionThemes(config: BriefingConfig): Promise<void> {
  if (config.editions.length === 0) return;
  // The theme code (Handlebars) is loaded only for a configuration with editions, not for every command.
  const { DEFAULT_THEME, loadTheme } = await import('../render/theme.js');
  const file = config.file ? basename(config.file) : 'the configuration';
  const checked = new Map<string, Promise<unknown>>();
  for (const [index, edition] of config.editions.entries()) {
    const theme = edition.theme ?? DEFAULT_THEME;
    if (!checked.has(theme)) checked.set(theme, loadTheme(theme, config.baseDir, config.themesDir).catch((error: unknown) => error));
    const error = await checked.get(theme);
    if (error instanceof Error) throw new ConfigError(`${file}: editions[${index}].theme: ${error.message}`, { cause: error });
  }
}

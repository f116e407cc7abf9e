import { basename } from 'node:path';
import { editionBranding } from './branding.js';
import { ConfigError } from './errors.js';
import type { BriefingConfig } from './schema.js';

/**
 * Loads each edition's theme the way its runs will (found, manifest valid, templates parsed; nothing rendered), so a
 * missing or broken theme stops `schedule` at start-up instead of failing the edition at 6 in the morning. The
 * edition's `branding.labels` are checked against that theme's labels for the same reason.
 */
export async function checkEditionThemes(config: BriefingConfig): Promise<void> {
  if (config.editions.length === 0) return;
  // The theme code (Handlebars) is loaded only for a configuration with editions, not for every command.
  const [{ DEFAULT_THEME, loadTheme }, { checkOverrides, englishMessage }] = await Promise.all([
    import('../render/theme.js'),
    import('../render/labels.js'),
  ]);
  const file = config.file ? basename(config.file) : 'the configuration';
  const checked = new Map<string, Promise<unknown>>();
  for (const [index, edition] of config.editions.entries()) {
    const theme = edition.theme ?? DEFAULT_THEME;
    if (!checked.has(theme)) checked.set(theme, loadTheme(theme, config.baseDir, config.themesDir).catch((error: unknown) => error));
    const loaded = await checked.get(theme);
    if (loaded instanceof Error) throw new ConfigError(`${file}: editions[${index}].theme: ${loaded.message}`, { cause: loaded });
    const { labels } = loaded as Awaited<ReturnType<typeof loadTheme>>;
    const own = edition.branding?.labels ?? {};
    const problems = checkOverrides(editionBranding(config.branding, edition.branding)?.labels ?? {}, labels.known, (key) => englishMessage(labels.catalogs, key));
    if (problems.length > 0) {
      const where = (key: string) => (key in own ? `editions[${index}].branding.labels.${key}` : 'branding.labels.' + key);
      throw new ConfigError(`${file}: ${problems.map((p) => `${where(p.key)}: ${p.message}`).join('; ')}`);
    }
  }
}

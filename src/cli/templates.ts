import { relative, resolve } from 'node:path';
import { Command } from 'commander';
import type { Briefing } from '../model/schema.js';
import { BriefingError, UsageError } from '../util/errors.js';
import { formatBytes } from '../util/format-bytes.js';
import type { ScheduleIO } from './schedule.js';

/** A theme with problems is a failed check, not a crash: exit 1 with every problem listed. */
class ThemeCheckFailed extends BriefingError {}


/** The sample briefing themes are previewed and documented with: the seeds shipped with the program. */
async function sampleBriefing(now: Date): Promise<Briefing> {
  return (await import('./preview-input.js')).sampleBriefing(now);
}

/**
 * `preview --email`: the e-mail of the same briefing the preview would show (the sample, `--input` or `--edition`),
 * with the same settings, made by the same function as the preview's e-mail pane. The HTML has its cid: logo as a
 * data: URL so a browser shows it; the text is the text/plain part as sent.
 */
async function writeEmailPreview(theme: string, options: { out: string; config?: string; edition?: string; input?: string }, io: ScheduleIO): Promise<string[]> {
  const [{ themedEmail }, { previewInput }, { writeFileSet }, { resolveThemeDir }] = await Promise.all([
    import('../templates/index.js'),
    import('./preview-input.js'),
    import('../util/write-set.js'),
    import('../render/theme.js'),
  ]);
  const input = await previewInput({ config: options.config, edition: options.edition, input: options.input }, io);
  const email = await themedEmail(input.briefing, await resolveThemeDir(theme, io.cwd, input.render.themesDir), input.render);
  return writeFileSet(resolve(io.cwd, options.out), [
    { filename: 'email.html', content: email.html },
    { filename: 'email.txt', content: email.text },
  ]);
}

/** Each action imports the code it runs, as in program.ts, so defining these commands costs nothing. */
export function templatesCommand(io: ScheduleIO): Command {
  const command = new Command('templates').description('Tools for theme authors: list, init, validate, preview, reference.').exitOverride();
  const say = (line: string) => io.stdout.write(`${line}\n`);
  // The configuration (its themesDir, or $BRIEFING_THEMES_DIR) decides where theme names are looked for.
  const configured = async (file: string | undefined) =>
    (await import('../config/index.js')).loadConfig({ cwd: io.cwd, file, env: io.env ?? process.env });

  command
    .command('list')
    .description('Show the themes found (built-in and in the configured themesDir), where they are and what each extends.')
    .option('-c, --config <file>', 'configuration file (for themesDir)')
    .exitOverride()
    .action(async (options: { config?: string }) => {
      const { listThemeInfo } = await import('../templates/index.js');
      const config = await configured(options.config);
      for (const theme of await listThemeInfo({ userThemesDir: config.themesDir })) {
        const origin = theme.builtIn ? 'built-in' : 'user';
        const parent = theme.extends ? ` extends ${theme.extends}` : '';
        say(`${theme.name.padEnd(14)} ${origin.padEnd(8)} ${theme.dir}${parent}${theme.error ? `  (broken: ${theme.error})` : ''}`);
        if (theme.description) say(`${' '.repeat(24)}${theme.description}`);
      }
    });

  command
    .command('init')
    .description('Create a theme to edit, ready to run: it extends another theme and overrides one partial as an example.')
    .argument('<name>', 'name of the new theme (a folder of that name is created)')
    .option('--from <theme>', 'the theme it extends', 'default')
    .option('--dir <folder>', 'where the theme folder is created', '.')
    .option('-c, --config <file>', 'configuration file (for themesDir, where --from is looked for first)')
    .exitOverride()
    .action(async (name: string, options: { from: string; dir: string; config?: string }) => {
      const [{ initTheme }, { howToRun }] = await Promise.all([import('../templates/index.js'), import('./how-to-run.js')]);
      const { themesDir } = await configured(options.config);
      const result = await initTheme(name, { from: options.from, dir: resolve(io.cwd, options.dir), themesDir });
      const run = howToRun(io.cwd, io.env ?? process.env);
      say(`created ${relative(io.cwd, result.dir) || result.dir} (${result.files.length} files); try: ${run} templates preview ${relative(io.cwd, result.dir) || result.dir} --watch`);
    });

  command
    .command('validate')
    .description('Compile every template of a theme and report each problem with file:line:column.')
    .argument('<path>', 'theme folder (or built-in theme name)')
    .option('-c, --config <file>', 'configuration file (for themesDir, where a theme name is looked for first)')
    .exitOverride()
    .action(async (path: string, options: { config?: string }) => {
      const { validateTheme } = await import('../templates/index.js');
      const { themesDir } = await configured(options.config);
      const result = await validateTheme(path, { cwd: io.cwd, themesDir, sample: await sampleBriefing(io.now()) });
      if (result.assets.length > 0) {
        const total = result.assets.reduce((sum, a) => sum + a.bytes, 0);
        say(`assets (${result.assets.length}, ${formatBytes(total)} in all; only those the theme refers to are inlined):`);
        const width = Math.max(...result.assets.map((a) => a.name.length));
        for (const a of result.assets) say(`  ${a.name.padEnd(width)}  ${a.mediaType.padEnd(13)}  ${formatBytes(a.bytes).padStart(8)}`);
      }
      for (const p of result.problems) say(`${relative(io.cwd, p.file) || p.file}:${p.line}:${p.column}: ${p.kind}: ${p.message}`);
      if (!result.ok) throw new ThemeCheckFailed(`${result.problems.length} problem${result.problems.length === 1 ? '' : 's'} in ${path}.`);
      say(`${path}: no problems found.`);
    });

  command
    .command('preview')
    .description(
      'Serve a briefing rendered with a theme on 127.0.0.1, the HTML and the PDF side by side, exactly as generate renders it; ' +
        'with --watch the page reloads on every save.',
    )
    .argument('<path>', 'theme folder (or built-in theme name)')
    .option('--watch', 'reload the page when a theme file changes')
    .option('--port <n>', 'port to listen on (default: a free one)', '0')
    .option('-c, --config <file>', 'configuration file: its branding (logo, classification line, accent, locale) and themes folder')
    .option('--edition <name>', "preview that edition's latest archived briefing (its branding, paper and editor's note too)")
    .option('--input <folder>', 'preview a briefing made from these articles instead of the built-in sample')
    .option('--email', "write the theme's e-mail body, with the configured branding, to email.html and email.txt instead of serving")
    .option('--out <dir>', 'with --email: the folder to write into', '.')
    .exitOverride()
    .action(async (path: string, options: { watch?: boolean; port: string; config?: string; edition?: string; input?: string; email?: boolean; out: string }) => {
      if (options.email) {
        const files = await writeEmailPreview(path, options, io);
        say(`wrote ${files.map((f) => relative(io.cwd, f) || f).join(' and ')}`);
        return;
      }
      const port = Number(options.port);
      if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError(`--port "${options.port}" must be a port number (0 picks a free one).`);
      const [{ startPreview }, { previewInput }] = await Promise.all([import('../templates/index.js'), import('./preview-input.js')]);
      const input = await previewInput({ config: options.config, edition: options.edition, input: options.input }, io);
      const shutdown = (io.shutdown ?? (await import('./schedule.js')).processShutdown)();
      const server = await startPreview(path, {
        briefing: input.briefing,
        label: input.label,
        render: input.render,
        watchFiles: input.watchFiles,
        reloadSettings: input.reloadSettings,
        port,
        watch: options.watch ?? false,
        cwd: io.cwd,
      });
      say(`previewing ${path} (${input.label}) at ${server.url}; Ctrl+C stops`);
      try {
        await shutdown;
      } finally {
        await server.close();
      }
    });

  command
    .command('reference')
    .description('Write the template authors\' reference: every model field with its type and an example, and the helpers.')
    .option('-o, --out <dir>', 'folder to write TEMPLATES.md into', '.')
    .exitOverride()
    .action(async (options: { out: string }) => {
      const { templateReference } = await import('../render/reference.js');
      const { writeFileSet } = await import('../util/write-set.js');
      const output = templateReference(await sampleBriefing(io.now()));
      const [target] = await writeFileSet(resolve(io.cwd, options.out), [output]);
      say(`wrote ${relative(io.cwd, target!) || target}`);
    });

  return command;
}

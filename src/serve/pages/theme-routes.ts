/*
 * The themes, each shown with a real archived edition and the configured branding. The preview is the briefing's
 * own HTML under the rendered-file policy (sandboxed, no script), framed by the page from a URL of its own.
 */
import type { FastifyInstance } from 'fastify';
import { renderBriefing } from '../../render/index.js';
import { formatDay } from '../../render/helpers.js';
import { RENDERED_FILE_POLICY } from '../api/files.js';
import type { ServerContext } from '../context.js';
import { CONTENT_SECURITY_POLICY } from '../app.js';
import { requireScope } from '../security.js';
import { allEditionRecords, findEditionRecord, readEditionBriefing, validDate, validEditionName } from './edition-data.js';
import { themeNames } from './job-routes.js';
import { sendNotFound, sendPage } from './page.js';

/** The page policy plus frames of this server, for the one page that shows a preview. */
const FRAMING_PAGE_POLICY = `${CONTENT_SECURITY_POLICY}; frame-src 'self'`;

export async function registerThemePages(app: FastifyInstance, ctx: ServerContext): Promise<void> {
  const read = requireScope('read', 'page');

  app.get('/themes', { preHandler: read }, async (request, reply) => {
    const query = request.query as Record<string, unknown>;
    const names = await themeNames(ctx);
    const wanted = typeof query.theme === 'string' && names.includes(query.theme) ? query.theme : names.includes('default') ? 'default' : names[0];
    const records = (await allEditionRecords(ctx.store)).filter((r) => r.status === 'ok');
    const choices = records.map((r) => ({ value: `${r.edition}/${r.date}`, label: `${r.edition}, ${formatDay(r.date)}` }));
    const source = choices.find((c) => c.value === query.source) ?? choices[0];
    const [edition, date] = source ? source.value.split('/') : [];
    reply.header('content-security-policy', FRAMING_PAGE_POLICY);
    return sendPage(ctx, request, reply, 'themes', { title: 'Themes', section: 'themes' }, {
      themes: names.map((name) => ({ name, selected: name === wanted })),
      choices: choices.map((c) => ({ ...c, selected: c === source })),
      current: source && { theme: wanted, label: source.label },
      previewHref: source && `/themes/preview?${new URLSearchParams({ theme: wanted ?? 'default', edition: edition!, date: date! })}`,
    });
  });

  app.get('/themes/preview', { preHandler: read }, async (request, reply) => {
    const query = request.query as Record<string, unknown>;
    const names = await themeNames(ctx);
    const theme = typeof query.theme === 'string' && names.includes(query.theme) ? query.theme : undefined;
    const edition = typeof query.edition === 'string' && validEditionName(query.edition) ? query.edition : undefined;
    const date = validDate(typeof query.date === 'string' ? query.date : undefined);
    if (!theme || !edition || !date) return sendNotFound(ctx, request, reply, 'Choose a theme by name, an edition and a date written YYYY-MM-DD.');
    const record = await findEditionRecord(ctx.store, edition, date);
    const briefing = record && (await readEditionBriefing(record, ctx.config.baseDir));
    if (!briefing) return sendNotFound(ctx, request, reply, `No readable edition ${edition} of ${date} to preview the theme with.`);
    const editorNote = ctx.config.editions.find((e) => e.name === edition)?.editorNote;
    const [html] = await renderBriefing(briefing, {
      formats: ['html'],
      theme,
      editorNote,
      cwd: ctx.config.baseDir,
      themesDir: ctx.config.themesDir,
      branding: ctx.config.branding,
    });
    return reply
      .type('text/html; charset=utf-8')
      .header('content-security-policy', RENDERED_FILE_POLICY)
      .header('x-frame-options', 'SAMEORIGIN')
      .header('cache-control', 'no-store')
      .send(Buffer.from(html!.content));
  });
}

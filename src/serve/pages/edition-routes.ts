/*
 * The archive's pages: Today (the latest of each edition), the archive by date with a headline search, an edition,
 * and one story of it.
 */
import type { FastifyInstance } from 'fastify';
import type { Briefing } from '../../model/schema.js';
import { formatDay } from '../../render/helpers.js';
import type { EditionRecord } from '../../store/index.js';
import type { ServerContext } from '../context.js';
import { requireScope } from '../security.js';
import { allEditionRecords, findEditionRecord, latestEditions, readEditionBriefing, validDate, validEditionName } from './edition-data.js';
import { briefingOverview, editionCard, editionFileLinks, editionPath, filterHeadlines, matchesQuery, recordedFormats, shiftDate, storyView } from './models.js';
import { sendNotFound, sendPage } from './page.js';

const RECENT_DAYS = 14;

interface EditionParams {
  name: string;
  date: string;
}

export async function registerEditionPages(app: FastifyInstance, ctx: ServerContext): Promise<void> {
  const read = requireScope('read', 'page');

  app.get('/', { preHandler: read }, async (request, reply) => {
    const names = ctx.config.editions.map((e) => e.name);
    const latest = await latestEditions(ctx.store, names);
    const editions = await Promise.all(
      latest.map(async ({ name, record, failedAfter }) => ({
        name,
        record: record && editionCard(record, await readEditionBriefing(record, ctx.config.baseDir)),
        failure: failedAfter && `The run of ${formatDay(failedAfter.date)} did not complete (${failedAfter.status}${failedAfter.error ? `: ${failedAfter.error}` : ''}).`,
      })),
    );
    return sendPage(ctx, request, reply, 'today', { title: 'Today', section: 'today' }, { editions, canRun: request.principal?.scope === 'admin' });
  });

  app.get('/archive', { preHandler: read }, async (request, reply) => {
    const query = request.query as Record<string, unknown>;
    const q = typeof query.q === 'string' ? query.q.trim().slice(0, 200) : '';
    const date = validDate(typeof query.date === 'string' ? query.date : undefined);
    let records = (await allEditionRecords(ctx.store)).filter((r) => !date || r.date === date);
    // Unfiltered, the page shows the most recent days only (each edition's JSON is read to list its headlines).
    const recentDays = [...new Set(records.map((r) => r.date))].slice(0, RECENT_DAYS);
    const older = !date && !q && recentDays.length === RECENT_DAYS && records.some((r) => r.date < recentDays.at(-1)!);
    if (!date && !q) records = records.filter((r) => recentDays.includes(r.date));
    const withBriefings = await Promise.all(records.map(async (record) => ({ record, briefing: await readEditionBriefing(record, ctx.config.baseDir) })));
    const shown = withBriefings.filter(({ briefing }) => matchesQuery(briefing, q));
    const byDate = new Map<string, Array<{ record: EditionRecord; briefing?: Briefing }>>();
    for (const item of shown) byDate.set(item.record.date, [...(byDate.get(item.record.date) ?? []), item]);
    const link = (d: string | undefined) => {
      const params = new URLSearchParams();
      if (q) params.set('q', q);
      if (d) params.set('date', d);
      const search = params.toString();
      return `/archive${search ? `?${search}` : ''}`;
    };
    const dayLink = (d: string) => ({ href: link(d), label: formatDay(d) });
    const days = [...byDate].map(([day, items]) => ({
      date: day,
      label: formatDay(day, undefined, 'long'),
      // Each day heading opens that day, with its links to the days around it (unless it is the day shown).
      href: date ? undefined : link(day),
      editions: items.map(({ record, briefing }) => filterHeadlines(editionCard(record, briefing, 3), q)),
    }));
    const heading = `${shown.length} ${shown.length === 1 ? 'edition' : 'editions'}${date ? ` on ${formatDay(date, undefined, 'long')}` : ''}${q ? ` with headlines matching “${q}”` : ''}`;
    return sendPage(ctx, request, reply, 'archive', { title: 'Archive', section: 'archive' }, {
      q,
      date,
      days,
      heading,
      empty: q ? 'No headline matches. Try fewer or other words.' : 'No edition was recorded for this day.',
      previous: date ? dayLink(shiftDate(date, -1)) : undefined,
      next: date ? dayLink(shiftDate(date, 1)) : undefined,
      all: { href: link(undefined) },
      older: older ? dayLink(shiftDate(recentDays.at(-1)!, -1)) : undefined,
    });
  });

  app.get('/editions/:name/:date', { preHandler: read }, async (request, reply) => {
    const found = await loadEdition(request.params as EditionParams);
    if (typeof found === 'string') return sendNotFound(ctx, request, reply, found);
    const { record, briefing } = found;
    const base = editionPath(record.edition, record.date);
    return sendPage(ctx, request, reply, 'edition', { title: briefing.title, section: 'archive' }, {
      ...briefingOverview(briefing, base),
      outputs: editionFileLinks(record.edition, record.date, recordedFormats(record)),
      back: { href: `/archive?date=${record.date}`, label: `All editions of ${formatDay(record.date)}` },
    });
  });

  app.get('/editions/:name/:date/stories/:threadId', { preHandler: read }, async (request, reply) => {
    const params = request.params as EditionParams & { threadId: string };
    const found = await loadEdition(params);
    if (typeof found === 'string') return sendNotFound(ctx, request, reply, found);
    const thread = found.briefing.threads.find((t) => t.id === params.threadId);
    if (!thread) return sendNotFound(ctx, request, reply, `The edition ${found.record.edition} of ${found.record.date} has no story with that id.`);
    return sendPage(ctx, request, reply, 'story', { title: thread.headline, section: 'archive' }, {
      ...storyView(found.briefing, thread),
      back: { href: editionPath(found.record.edition, found.record.date), label: `${found.briefing.title}, ${formatDay(found.record.date)}` },
    });
  });

  async function loadEdition(params: EditionParams): Promise<{ record: EditionRecord; briefing: Briefing } | string> {
    const date = validDate(params.date);
    if (!validEditionName(params.name) || !date) return 'There is no such edition: the address needs an edition name and a date written YYYY-MM-DD.';
    const record = await findEditionRecord(ctx.store, params.name, date);
    if (!record) return `No edition ${params.name} was recorded for ${date}.`;
    if (record.status !== 'ok') return `The edition ${params.name} of ${date} did not complete (${record.status}${record.error ? `: ${record.error}` : ''}).`;
    const briefing = await readEditionBriefing(record, ctx.config.baseDir);
    if (!briefing) return `The JSON file of the edition ${params.name} of ${date} is missing or damaged; keep json among the edition's formats.`;
    return { record, briefing };
  }
}

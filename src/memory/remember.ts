import type { Briefing } from '../model/schema.js';
import { recordEvent, recordMemoryDay, recordSeenArticle, upsertThread, type Store } from '../store/index.js';
import { urlIdentity } from '../text/url.js';
import { contentHash, primaryKey } from './keys.js';
import { threadSignature } from './signature.js';

/**
 * Records a briefing's articles, threads and events as reported in `edition` on the briefing date, in one
 * transaction. Pass the briefing returned by applyMemory, so the stable thread ids are the ones remembered.
 * Already-known articles and events are left as first recorded, so recording a date twice changes nothing.
 */
export async function rememberBriefing(store: Store, briefing: Briefing, edition: string): Promise<void> {
  const date = briefing.date;
  const byId = new Map(briefing.articles.map((a) => [a.id, a]));
  await store.transaction(async (db) => {
    await recordMemoryDay(db, edition, date);
    for (const thread of briefing.threads) {
      let hasNew = false;
      for (const id of thread.articleIds) {
        const article = byId.get(id);
        if (!article) continue;
        if (article.isNewSinceLast !== false) hasNew = true;
        await recordSeenArticle(db, {
          edition,
          url: urlIdentity(article.url),
          contentHash: contentHash(article),
          firstSeenDate: date,
          threadId: thread.id,
          articleId: article.id,
          title: article.title,
        });
      }
      await upsertThread(db, {
        edition,
        id: thread.id,
        firstDate: thread.continuesFrom ?? date,
        lastNewDate: hasNew ? date : (thread.lastEditionDate ?? date),
        signature: threadSignature(briefing, thread),
        headline: thread.headline,
      });
      for (const event of thread.events) {
        const articles = event.articleIds.map((id) => byId.get(id));
        // Events brought back from memory name articles of earlier briefings: they are stored already.
        if (articles.some((a) => a === undefined)) continue;
        await recordEvent(db, {
          edition,
          threadId: thread.id,
          eventId: event.id,
          date: event.date,
          dateCertain: event.dateCertain,
          headline: event.headline,
          articleIds: [...event.articleIds],
          articleKeys: articles.map((a) => primaryKey(a!)),
          firstSeenDate: date,
        });
      }
    }
  });
}

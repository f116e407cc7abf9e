import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_TOKEN, READ_TOKEN, Session, startPagesServer, type PagesServer } from './helpers.js';

let server: PagesServer;
beforeAll(async () => {
  server = await startPagesServer();
}, 120_000);
afterAll(async () => {
  await server?.close();
});

describe('pages over HTTP', () => {
  it('smoke', async () => {
    const s = new Session(server.base);
    const r = await s.get('/');
    expect(r.status).toBe(303);
    expect((await s.signIn(READ_TOKEN)).status).toBe(303);
    const today = await s.get('/');
    const html = await today.text();
    console.log(html);
    expect(today.status).toBe(200);
    void ADMIN_TOKEN;
  });
});

import { Socket } from 'node:net';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { startPostgres, startRedis } from './servers.js';

/** Sends raw inline Redis commands one by one and returns the replies' first lines. */
async function redis(port: number, ...commands: string[]): Promise<string[]> {
  const socket = new Socket();
  await new Promise<void>((resolve, reject) => {
    socket.once('error', reject);
    socket.connect(port, '127.0.0.1', resolve);
  });
  const replies: string[] = [];
  let buffer = '';
  for (const line of commands) {
    const reply = new Promise<string>((resolve) => {
      const onData = (chunk: Buffer) => {
        buffer += String(chunk);
        const end = buffer.indexOf('\r\n');
        if (end < 0) return;
        socket.off('data', onData);
        const first = buffer.slice(0, end);
        buffer = '';
        resolve(first);
      };
      socket.on('data', onData);
    });
    socket.write(`${line}\r\n`);
    replies.push(await reply);
  }
  socket.destroy();
  return replies;
}

describe('test servers', () => {
  it('startPostgres gives a cluster that makes fresh databases and is gone after stop()', async () => {
    const server = await startPostgres();
    let url: string;
    try {
      url = await server.createDatabase('servers_check');
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      const { rows } = await client.query('SELECT current_database() AS name');
      await client.end();
      expect(rows[0].name).toBe('servers_check');
    } finally {
      await server.stop();
    }
    const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2000 });
    await expect(client.connect()).rejects.toThrow();
  });

  it('startRedis with appendonly keeps data across restart(), and stop() frees the port and folder', async () => {
    const server = await startRedis({ appendonly: true });
    try {
      expect(await redis(server.port, 'SET k v')).toEqual(['+OK']);
      await server.restart();
      expect(await redis(server.port, 'GET k')).toEqual(['$1']);
    } finally {
      await server.stop();
    }
    await expect(redis(server.port, 'PING')).rejects.toThrow();
  });

  it('startRedis without persistence loses data on restart', async () => {
    const server = await startRedis();
    try {
      await redis(server.port, 'SET k v');
      await server.restart();
      expect(await redis(server.port, 'GET k')).toEqual(['$-1']);
    } finally {
      await server.stop();
    }
  });
});

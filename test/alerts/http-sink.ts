import { createServer, type IncomingHttpHeaders } from 'node:http';

export interface HttpSink {
  url: string;
  requests: Array<{ headers: IncomingHttpHeaders; body: string }>;
  /** The status the next requests are answered with (200 unless set). */
  status: number;
  close: () => Promise<void>;
}

/** A real HTTP server on 127.0.0.1 that records every request it is sent. */
export async function startHttpSink(): Promise<HttpSink> {
  const sink: HttpSink = { url: '', requests: [], status: 200, close: async () => {} };
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      sink.requests.push({ headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
      res.writeHead(sink.status).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  sink.url = `http://127.0.0.1:${(server.address() as { port: number }).port}/alerts`;
  sink.close = () => new Promise<void>((resolve) => server.close(() => resolve()));
  return sink;
}

/*
 * `npm run bench -- --workers 1,2,3`: the scale-out mode on this machine. For each count, that many `briefing worker`
 * processes on a redis-server started here (local-servers.ts), a real SMTP server (smtp-server, in this process),
 * one SQLite store: E editions of the seeds (JSON, HTML, PDF) to R e-mail recipients each. Reported: editions and deliveries per minute,
 * and where the time goes (the editions' stages from the store, the sends from the workers' logs, CPU).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../config/index.js';
import { openQueues } from '../queue/connection.js';
import { EDITION_RUN, editionRunJobId } from '../queue/jobs.js';
import { listEditions, listOutbox, openStore } from '../store/index.js';
import { machineCpuMs } from './cpu.js';
import { startRedis, type TestRedis } from './local-servers.js';
import { median } from './measure.js';

export interface WorkersRun {
  workers: number;
  editions: number;
  deliveries: number;
  /** From the first job added to the last edition recorded, and to the last delivery sent. */
  editionsMs: number;
  allMs: number;
  editionsPerMinute: number;
  deliveriesPerMinute: number;
  /** Median ms per stage over the editions. */
  stages: Record<string, number>;
  /** Median ms of one SMTP send (connection, body, attachments, answer), as the workers logged them. */
  sendMs: number;
  /** Machine CPU over the run (all cores, other programs' too), ms; undefined off Linux. */
  cpuMs?: number;
  /** The machine's one-minute load average when the run started: other work skews the numbers. */
  loadAtStart: number;
}

/** Today's 06:00: an edition run prunes deliveries older than retentionDays, so an old date would lose its rows. */
const scheduledFor = () => `${new Date().toISOString().slice(0, 10)}T06:00:00.000Z`;

async function until(check: () => Promise<boolean>, what: string, ms: number): Promise<void> {
  const end = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`timed out after ${ms} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

export async function runWorkersBench(options: { counts: number[]; editions: number; recipients: number; input: string; bin: string }): Promise<WorkersRun[]> {
  const { SMTPServer } = await import('smtp-server');
  const runs: WorkersRun[] = [];
  for (const count of options.counts) {
    const dir = await mkdtemp(join(tmpdir(), 'briefing-bench-workers-'));
    const children: ChildProcess[] = [];
    let redis: TestRedis | undefined;
    let received = 0;
    const smtp = new SMTPServer({
      disabledCommands: ['STARTTLS', 'AUTH'],
      authOptional: true,
      logger: false,
      onData(stream, _session, callback) {
        stream.on('data', () => {});
        stream.on('end', () => ((received += 1), callback()));
      },
    });
    smtp.on('error', () => {});
    try {
      await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
      const smtpPort = (smtp.server.address() as { port: number }).port;
      redis = await startRedis();
      const url = redis.url;
      const recipients = Array.from({ length: options.recipients }, (_, i) => `reader${i}@example.org`).join(', ');
      const names = Array.from({ length: options.editions }, (_, i) => `edition${i + 1}`);
      const configPath = join(dir, 'briefing.config.yaml');
      await writeFile(
        configPath,
        `database: data/briefing.sqlite
outDir: shared/out
sources:
  - { name: desk, kind: path, location: ${options.input} }
smtp: { host: 127.0.0.1, port: ${smtpPort}, ignoreTLS: true, from: briefing@briefing.test, domain: briefing.test }
queue: { url: "${url}", smtpPerSecond: 10000 }
editions:
${names.map((name) => `  - { name: ${name}, schedule: { cron: "0 6 1 1 *", timezone: UTC }, formats: [json, html, pdf], deliver: [{ channel: email, recipients: [${recipients}] }] }`).join('\n')}
`,
      );
      const config = await loadConfig({ cwd: dir, env: {} });
      const logs: string[] = [];
      for (let i = 0; i < count; i++) {
        const child = spawn(process.execPath, [options.bin, 'worker', '--config', configPath], { cwd: dir, env: { ...process.env, TMPDIR: dir }, stdio: ['ignore', 'pipe', 'inherit'] });
        const index = logs.push('') - 1;
        child.stdout!.on('data', (chunk) => (logs[index] += String(chunk)));
        children.push(child);
      }
      await until(async () => logs.every((log) => log.includes('"worker.start"')), 'the workers to start', 60_000);
      const store = await openStore(config.database);
      const queues = openQueues(config, url);
      try {
        const loadAtStart = loadavg()[0] ?? 0;
        const cpu0 = machineCpuMs();
        const t0 = Date.now();
        const at = scheduledFor();
        for (const name of names) await queues.editions.add(EDITION_RUN, { edition: name, scheduledFor: at }, { jobId: editionRunJobId(name, at) });
        let editionsMs = 0;
        const total = options.editions * options.recipients;
        await until(
          async () => {
            if (!editionsMs && (await store.read((db) => listEditions(db))).filter((e) => e.status === 'ok').length === options.editions) editionsMs = Date.now() - t0;
            return received >= total && (await store.read((db) => listOutbox(db))).every((r) => r.status === 'sent');
          },
          'every delivery',
          15 * 60_000,
        );
        const allMs = Date.now() - t0;
        const cpu1 = machineCpuMs();
        const records = await store.read((db) => listEditions(db));
        const stages = Object.fromEntries(Object.keys(records[0]?.durations ?? {}).map((stage) => [stage, median(records.map((r) => r.durations[stage] ?? 0))]));
        const sends = logs
          .join('')
          .split('\n')
          .filter((line) => line.includes('"delivery.sent"'))
          .map((line) => Number((JSON.parse(line) as { durationMs?: number }).durationMs ?? 0));
        runs.push({
          workers: count,
          editions: options.editions,
          deliveries: total,
          editionsMs,
          allMs,
          editionsPerMinute: (options.editions * 60_000) / editionsMs,
          deliveriesPerMinute: (total * 60_000) / allMs,
          stages,
          sendMs: median(sends),
          loadAtStart,
          ...(cpu0 !== undefined && cpu1 !== undefined ? { cpuMs: cpu1 - cpu0 } : {}),
        });
        process.stderr.write(`bench: ${count} worker(s): ${options.editions} editions in ${editionsMs} ms, ${total} deliveries in ${allMs} ms\n`);
      } finally {
        await queues.close();
        await store.close();
      }
    } finally {
      for (const child of children.reverse()) {
        const exited = new Promise((resolve) => child.once('exit', resolve));
        child.kill('SIGTERM');
        await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 10_000))]);
        child.kill('SIGKILL');
      }
      await redis?.stop();
      await new Promise<void>((resolve) => smtp.close(() => resolve()));
      await rm(dir, { recursive: true, force: true, maxRetries: 3 });
    }
  }
  return runs;
}

export function formatWorkersReport(runs: WorkersRun[], cpus: number): string {
  const first = runs[0];
  if (!first) return 'no runs\n';
  let out = `Scale-out on this machine (${cpus} CPUs): ${first.editions} editions (JSON, HTML, PDF) x ${first.deliveries / first.editions} e-mail recipients each\n\n`;
  out += 'workers  editions/min  deliveries/min  editions done  all sent  machine CPU  median send  load at start\n';
  for (const r of runs) {
    out += `${String(r.workers).padStart(7)}  ${r.editionsPerMinute.toFixed(1).padStart(12)}  ${r.deliveriesPerMinute.toFixed(0).padStart(14)}  ${`${(r.editionsMs / 1000).toFixed(1)} s`.padStart(13)}  ${`${(r.allMs / 1000).toFixed(1)} s`.padStart(8)}  ${r.cpuMs === undefined ? '     n/a' : `${(r.cpuMs / 1000).toFixed(1)} s`.padStart(11)}  ${`${r.sendMs} ms`.padStart(11)}  ${r.loadAtStart.toFixed(1).padStart(13)}\n`;
  }
  out += '\nwhere an edition\'s time goes (median ms per stage, per worker count)\n';
  const stages = Object.keys(first.stages);
  out += `${'stage'.padEnd(12)}${runs.map((r) => `${r.workers} worker(s)`.padStart(14)).join('')}\n`;
  for (const stage of stages) out += `${stage.padEnd(12)}${runs.map((r) => String(r.stages[stage] ?? 0).padStart(14)).join('')}\n`;
  return out;
}

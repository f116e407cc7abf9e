import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * `npm run bench -- --startup`: what a user waits for, measured from outside as whole processes: `briefing --help`,
 * `generate --format json` and seeds to PDF against its floor (pdf-floor.ts: Node, puppeteer, the same Chromium
 * with the same flags, setContent of the same final HTML, page.pdf()). The floor does a strict part of the CLI's work
 * and both are counted the same way, so a ratio under 1 can only be noise, never the method. Runs are paired and
 * alternated (CLI first, then floor first) so both see the same machine load, and the load average is printed.
 */
/** Targets of issue 16 (seconds of CPU; ratios to the floor for CPU and wall alike). */
const TARGETS = { helpCpu: 0.4, jsonCpu: 1.0, pdfRatio: 1.2 };

export interface ProcessCost {
  /** User + system CPU seconds of the process and all its descendants. */
  cpu: number;
  /** Seconds from start until the process itself exited (what the user waits for). */
  wall: number;
}

/**
 * Made a child subreaper (prctl PR_SET_CHILD_SUBREAPER), the reaper also waits for the processes its child leaves
 * orphaned (Chromium's zygote and renderers), so RUSAGE_CHILDREN counts them; /usr/bin/time would miss them. On this
 * kind of VM the first child a process starts is charged about 0.3 s of CPU it never used, so a throwaway child goes
 * first and its cost is subtracted. The result goes to fd 3, which the measured command does not inherit.
 */
const REAPER = `
import ctypes, json, os, resource, sys, time
def cpu():
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime
ctypes.CDLL(None).prctl(36, 1, 0, 0, 0)
os.waitpid(os.posix_spawn("/bin/true", ["true"], os.environ, file_actions=[(os.POSIX_SPAWN_CLOSE, 3)]), 0)
before = cpu()
start = time.monotonic()
pid = os.posix_spawnp(sys.argv[1], sys.argv[1:], os.environ, file_actions=[(os.POSIX_SPAWN_CLOSE, 3)])
wall, code = None, None
while True:
    try:
        p, status = os.wait()
    except ChildProcessError:
        break
    if p == pid:
        wall, code = time.monotonic() - start, os.waitstatus_to_exitcode(status)
os.write(3, json.dumps({"cpu": cpu() - before, "wall": wall, "code": code}).encode())
`;

/** Runs a command to the end and returns what it cost; a failed command is an error (with its last words). */
export function measureProcess(command: string, args: string[], cwd: string): Promise<ProcessCost> {
  return new Promise((done, fail) => {
    const child = spawn('python3', ['-c', REAPER, command, ...args], { cwd, stdio: ['ignore', 'ignore', 'pipe', 'pipe'] });
    let stderr = '';
    let result = '';
    child.stderr!.setEncoding('utf8').on('data', (chunk: string) => (stderr = (stderr + chunk).slice(-2_000)));
    (child.stdio[3] as NodeJS.ReadableStream).setEncoding('utf8').on('data', (chunk: string) => (result += chunk));
    child.on('error', (error) => fail(new Error(`cannot start python3 (the reaper that measures each run): ${error.message}`)));
    child.on('close', (code) => {
      if (code !== 0 || result === '') return fail(new Error(`the reaper failed (exit ${code}): ${stderr.trim()}`));
      const run = JSON.parse(result) as ProcessCost & { code: number };
      if (run.code !== 0) return fail(new Error(`${command} ${args.join(' ')} exited with ${run.code}: ${stderr.trim()}`));
      done({ cpu: run.cpu, wall: run.wall });
    });
  });
}

interface Pair {
  cli: ProcessCost;
  floor: ProcessCost;
}

export interface StartupReport {
  reps: number;
  /** The folder read to PDF against its floor (the seeds by default). */
  input: string;
  node: ProcessCost[];
  help: ProcessCost[];
  json: ProcessCost[];
  pdf: Pair[];
  /** A day of real web pages to JSON (the eval's extraction pages), when they are there: the realistic case. */
  pages: ProcessCost[];
  load: { before: number; after: number };
}

const loadNow = () => Math.round(loadavg()[0]! * 100) / 100;

export async function measureStartup(options: { input: string; reps: number; paper: 'a4' | 'letter'; pages?: string }): Promise<StartupReport> {
  const bin = fileURLToPath(new URL('../../bin/briefing.js', import.meta.url));
  const floorScript = fileURLToPath(new URL('./pdf-floor.js', import.meta.url));
  const node = process.execPath;
  const cwd = process.cwd();
  const work = await mkdtemp(join(tmpdir(), 'briefing-startup-'));
  // A fixed date and zone: every run writes the same files.
  const generate = (input: string) => ['generate', '--input', resolve(input), '--date', '2025-07-11', '--timezone', 'UTC', '--paper', options.paper, '-q'];
  const html = join(work, 'pdf', 'briefing-2025-07-11.html');
  const runs = {
    node: () => measureProcess(node, ['-e', '0'], cwd),
    help: () => measureProcess(node, [bin, '--help'], cwd),
    json: () => measureProcess(node, [bin, ...generate(options.input), '--format', 'json', '--out', join(work, 'json')], cwd),
    // The CLI's default formats (html, pdf, json), as a user runs it.
    cli: () => measureProcess(node, [bin, ...generate(options.input), '--out', join(work, 'pdf')], cwd),
    floor: () => measureProcess(node, [floorScript, html, join(work, 'floor.pdf'), options.paper], cwd),
    pages: (pages: string) => measureProcess(node, [bin, ...generate(pages), '--format', 'json', '--out', join(work, 'pages')], cwd),
  };
  const report: StartupReport = {
    reps: options.reps,
    input: options.input,
    node: [],
    help: [],
    json: [],
    pdf: [],
    pages: [],
    load: { before: loadNow(), after: 0 },
  };
  try {
    // Once unmeasured: the files in the page cache and the final HTML on disk for the floor.
    await runs.cli();
    await runs.floor();
    for (let i = 0; i < options.reps; i += 1) {
      const cliFirst = i % 2 === 0;
      const first = await (cliFirst ? runs.cli() : runs.floor());
      const second = await (cliFirst ? runs.floor() : runs.cli());
      report.pdf.push(cliFirst ? { cli: first, floor: second } : { cli: second, floor: first });
      for (const name of cliFirst ? (['node', 'help', 'json'] as const) : (['json', 'help', 'node'] as const)) report[name].push(await runs[name]());
      if (options.pages !== undefined) report.pages.push(await runs.pages(options.pages));
      process.stderr.write(`bench: startup repetition ${i + 1}/${options.reps} (load ${loadNow()})\n`);
    }
  } finally {
    await rm(work, { recursive: true, force: true });
  }
  report.load.after = loadNow();
  return report;
}

const medianOf = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};

export function formatStartupReport(report: StartupReport): string {
  const cost = (runs: ProcessCost[]) => ({ cpu: medianOf(runs.map((r) => r.cpu)), wall: medianOf(runs.map((r) => r.wall)) });
  const verdict = (met: boolean) => (met ? 'met' : 'NOT met');
  const row = (name: string, c: ProcessCost, target = '') =>
    `${name.padEnd(30)}${c.cpu.toFixed(2).padStart(7)}${c.wall.toFixed(2).padStart(8)}  ${target}\n`;
  const help = cost(report.help);
  const json = cost(report.json);
  const cli = cost(report.pdf.map((p) => p.cli));
  const floor = cost(report.pdf.map((p) => p.floor));
  // Ratios pair by pair (the two runs of a pair saw the same load), then the median.
  const cpuRatio = medianOf(report.pdf.map((p) => p.cli.cpu / p.floor.cpu));
  const wallRatio = medianOf(report.pdf.map((p) => p.cli.wall / p.floor.wall));
  let out = `Start-up as whole processes, median of ${report.reps} (CPU: user + system of the process and all it started)\n`;
  out += `load average (1 min): ${report.load.before} before, ${report.load.after} after, on ${machine()}\n\n`;
  out += `${'run'.padEnd(30)}${'CPU s'.padStart(7)}${'wall s'.padStart(8)}  target\n`;
  out += row('node -e 0 (Node alone)', cost(report.node));
  out += row('briefing --help', help, `CPU < ${TARGETS.helpCpu} s: ${verdict(help.cpu < TARGETS.helpCpu)}`);
  out += row('generate --format json', json, `CPU < ${TARGETS.jsonCpu} s: ${verdict(json.cpu < TARGETS.jsonCpu)}`);
  out += row('generate (html, pdf, json)', cli);
  out += row('floor: same HTML to PDF', floor);
  if (report.pages.length > 0) out += row('real pages to JSON (eval aeb)', cost(report.pages));
  const met = cpuRatio <= TARGETS.pdfRatio && wallRatio <= TARGETS.pdfRatio;
  out += `\n${basename(report.input)} to PDF / floor, median of the pairs' ratios: ${cpuRatio.toFixed(2)}x CPU, ${wallRatio.toFixed(2)}x wall `;
  out += `(target <= ${TARGETS.pdfRatio} both: ${verdict(met)})\n`;
  return out;
}

function machine(): string {
  return `${process.platform} ${process.arch}, Node ${process.versions.node}`;
}

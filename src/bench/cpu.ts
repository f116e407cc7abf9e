import { readdirSync, readFileSync } from 'node:fs';

/**
 * CPU time of the whole machine (all cores, user + system), in ms. A render's cost is spread over Node, the
 * Chromium browser process, its GPU and renderer helpers, some of them orphaned when the browser is killed, so no
 * one process's rusage sees it all; on a machine doing nothing else, the machine's total is the honest number.
 * Undefined where /proc/stat is not available (not Linux).
 */
export function machineCpuMs(read: () => string = () => readFileSync('/proc/stat', 'utf8')): number | undefined {
  let text: string;
  try {
    text = read();
  } catch {
    return undefined;
  }
  return cpuMsFromProcStat(text);
}

/** The first line of /proc/stat: "cpu user nice system idle iowait irq softirq steal ...", in clock ticks. */
export function cpuMsFromProcStat(text: string, ticksPerSecond = 100): number | undefined {
  const line = text.split('\n').find((l) => l.startsWith('cpu '));
  if (!line) return undefined;
  const fields = line.trim().split(/\s+/).slice(1).map(Number);
  if (fields.length < 8 || fields.some((n) => !Number.isFinite(n))) return undefined;
  const [user, nice, system, , , irq, softirq, steal] = fields as [number, number, number, number, number, number, number, number];
  // Busy time; idle and iowait are not work. Guest time is already inside user.
  return Math.round(((user + nice + system + irq + softirq + steal) * 1000) / ticksPerSecond);
}

/**
 * CPU time of a process and all its descendants (user + system, ms): Node and the Chromium it started with that
 * browser's helpers, and not the other work of a shared machine. Children already reaped count through their
 * parent's cutime/cstime. Undefined where /proc is not available.
 */
export function processTreeCpuMs(rootPid: number = process.pid, proc = '/proc'): number | undefined {
  let names: string[];
  try {
    names = readdirSync(proc).filter((name) => /^\d+$/.test(name));
  } catch {
    return undefined;
  }
  const entries: ProcStatEntry[] = [];
  for (const name of names) {
    try {
      const entry = parseProcPidStat(readFileSync(`${proc}/${name}/stat`, 'utf8'));
      if (entry) entries.push(entry);
    } catch {
      // The process ended while we looked: its time went to its parent's cutime, or is lost with it.
    }
  }
  return treeCpuMs(entries, rootPid);
}

export interface ProcStatEntry {
  pid: number;
  ppid: number;
  /** utime + stime + cutime + cstime, in clock ticks. */
  ticks: number;
}

/** /proc/PID/stat: "pid (comm) state ppid ... utime stime cutime cstime ..."; comm may hold spaces and parentheses. */
export function parseProcPidStat(text: string): ProcStatEntry | undefined {
  const close = text.lastIndexOf(')');
  if (close === -1) return undefined;
  const pid = Number(text.slice(0, text.indexOf(' ')));
  // After the comm: state(0) ppid(1) ... utime(11) stime(12) cutime(13) cstime(14).
  const rest = text.slice(close + 2).trim().split(/\s+/);
  const ppid = Number(rest[1]);
  const ticks = [11, 12, 13, 14].reduce((total, i) => total + Number(rest[i]), 0);
  if (!Number.isFinite(pid) || !Number.isFinite(ppid) || !Number.isFinite(ticks)) return undefined;
  return { pid, ppid, ticks };
}

/** The CPU (ms) of rootPid and its descendants among the entries; undefined when rootPid is not among them. */
export function treeCpuMs(entries: ProcStatEntry[], rootPid: number, ticksPerSecond = 100): number | undefined {
  const children = new Map<number, ProcStatEntry[]>();
  for (const entry of entries) {
    const siblings = children.get(entry.ppid) ?? [];
    siblings.push(entry);
    children.set(entry.ppid, siblings);
  }
  const root = entries.find((entry) => entry.pid === rootPid);
  if (!root) return undefined;
  let ticks = 0;
  const pending = [root];
  while (pending.length > 0) {
    const entry = pending.pop()!;
    ticks += entry.ticks;
    pending.push(...(children.get(entry.pid) ?? []));
  }
  return Math.round((ticks * 1000) / ticksPerSecond);
}

import { readFileSync } from 'node:fs';

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

/** What every evaluation task returns; the harness prints it and writes `predictions` to a file. */
export interface EvalReport {
  task: 'extraction' | 'clustering' | 'summarization' | 'figures';
  /** The data file or folder scored. */
  data: string;
  items: number;
  /** Metric name -> value (fractions in 0..1, except ROUGE which is reported in points 0..100). */
  metrics: Record<string, number>;
  /** Reference points from ../shared/eval/README.md, same metric names. */
  baselines: { name: string; metrics: Record<string, number> }[];
  /** In the format ../shared/eval/README.md gives for the task. */
  predictions: unknown;
  seconds: number;
}

export interface EvalOptions {
  /** File or folder of the task's data (defaults to ../shared/eval/<task...>). */
  data?: string;
  /** Summary length cap for summarization (default 250). */
  words?: number;
}

/** Default location of the shared evaluation data: $BRIEFING_EVAL_DIR, else ../shared/eval beside the repository. */
export function evalDataRoot(): string {
  return process.env.BRIEFING_EVAL_DIR ?? new URL('../../../shared/eval/', import.meta.url).pathname;
}

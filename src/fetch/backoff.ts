/**
 * The delay before retry number `attempt` (0-based): base * 2^attempt, or the server's Retry-After,
 * both capped. No jitter, so runs and tests are reproducible.
 */
export function retryDelayMs(attempt: number, baseDelayMs: number, retryAfterMs: number | null, capMs: number): number {
  const delay = retryAfterMs ?? baseDelayMs * 2 ** attempt;
  return Math.min(Math.max(0, delay), capMs);
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

// Runs one task per item with at most `concurrency` at a time, in order. Cancel (the signal) stops before the
// next item: tasks already running finish, the rest are reported as not started.

export interface RunOptions {
  concurrency: number;
  signal?: AbortSignal;
}

export type RunOutcome<R> = { started: true; result: R } | { started: false };

export async function runBounded<T, R>(
  items: readonly T[],
  task: (item: T, index: number) => Promise<R>,
  { concurrency, signal }: RunOptions,
): Promise<RunOutcome<R>[]> {
  const outcomes: RunOutcome<R>[] = items.map(() => ({ started: false }));
  let next = 0;
  const worker = async () => {
    while (next < items.length && !signal?.aborted) {
      const index = next++;
      outcomes[index] = { started: true, result: await task(items[index], index) };
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(concurrency, items.length)) }, worker));
  return outcomes;
}

/** Seconds to wait after a 429: its Retry-After when given (capped), else a short backoff by attempt. */
export function retryDelayMs(retryAfterSeconds: number | undefined, attempt: number, capSeconds = 60): number {
  if (retryAfterSeconds !== undefined && Number.isFinite(retryAfterSeconds) && retryAfterSeconds >= 0)
    return Math.min(retryAfterSeconds, capSeconds) * 1000;
  return Math.min(1000 * 2 ** attempt, capSeconds * 1000);
}

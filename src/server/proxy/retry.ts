// Retries of upstream READS (never writes: a PATCH or test-webhook POST that dropped may have been applied, and
// repeating it behind the user's back could apply it twice). Transient answers only: 429/502/503/504, timeouts
// and network failures. At most 3 tries, all within a bounded total time; Retry-After is honoured when it fits.
import { callUpstream, type UpstreamConfig, type UpstreamRequest, type UpstreamResult } from './upstream';

export type RetryPolicy = {
  /** Tries in all, the first included. */
  tries: number;
  /** Wait before the 2nd try; doubled for each later one (plus up to 20% jitter). */
  baseDelayMs: number;
  /** A Retry-After longer than this is not waited for: the answer goes back to the client as it is. */
  maxRetryAfterMs: number;
  /** Every try and wait of one read ends within this time after the first try started. */
  budgetMs: number;
};

const RETRY_STATUSES = new Set([429, 502, 503, 504]);
/** A retry is not worth starting with less time left than this. */
const MIN_TRY_MS = 100;

export function defaultRetryPolicy(timeoutMs: number): RetryPolicy {
  return { tries: 3, baseDelayMs: 250, maxRetryAfterMs: 5000, budgetMs: 2 * timeoutMs };
}

/** Retry-After in ms (delta-seconds or an HTTP date), or undefined when absent or unreadable. */
export function retryAfterMs(value: string | null, now = Date.now()): number | undefined {
  if (!value) return undefined;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  const date = Date.parse(trimmed);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

function isTransient(result: UpstreamResult): boolean {
  // Our own 502/504 mean a timeout or a connection that failed or dropped; a status means the upstream said so.
  return !result.ok || RETRY_STATUSES.has(result.status);
}

/** How long to wait before try number `next` (2 or 3), or undefined for "do not retry". */
function waitBefore(result: UpstreamResult, next: number, policy: RetryPolicy): number | undefined {
  const backoff = policy.baseDelayMs * 2 ** (next - 2) * (1 + Math.random() * 0.2);
  if (!result.ok) return backoff;
  const asked = retryAfterMs(result.retryAfter);
  if (asked === undefined) return backoff;
  return asked > policy.maxRetryAfterMs ? undefined : Math.max(asked, policy.baseDelayMs);
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** callUpstream for a GET, retried per the policy; the last answer (or failure) is returned as it is. */
export async function readUpstream(
  cfg: UpstreamConfig,
  req: UpstreamRequest,
  policy: RetryPolicy,
): Promise<UpstreamResult> {
  if (req.method !== 'GET') throw new Error('Only reads are retried');
  const deadline = Date.now() + policy.budgetMs;
  let result = await callUpstream(cfg, req);
  let tries = 1;
  for (let next = 2; next <= policy.tries && isTransient(result); next++) {
    const wait = waitBefore(result, next, policy);
    if (wait === undefined || Date.now() + wait + MIN_TRY_MS > deadline) break;
    await sleep(wait);
    // A try gets at most what is left of the budget, so the whole read stays bounded.
    result = await callUpstream({ ...cfg, timeoutMs: Math.min(cfg.timeoutMs, deadline - Date.now()) }, req);
    tries = next;
  }
  if (result.ok || tries === 1) return result;
  const detail =
    result.reason === 'timeout'
      ? `The Cekura API did not answer in time (${tries} tries within ${policy.budgetMs} ms).`
      : `${result.detail.replace(/\.$/, '')} (${tries} tries).`;
  return { ...result, detail };
}

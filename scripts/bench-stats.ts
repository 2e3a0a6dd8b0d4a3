// Summaries of repeated measurements: the median with its spread (min, quartiles, max), and a line format
// that puts each figure next to its target.

export type Summary = { n: number; min: number; p25: number; median: number; p75: number; p95: number; max: number };

/** Quantile by linear interpolation between the closest ranks (q in [0, 1]). */
export function quantile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return Number.NaN;
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - lo);
}

export function summarize(values: readonly number[]): Summary {
  const sorted = [...values].sort((a, b) => a - b);
  return {
    n: sorted.length,
    min: sorted[0] ?? Number.NaN,
    p25: quantile(sorted, 0.25),
    median: quantile(sorted, 0.5),
    p75: quantile(sorted, 0.75),
    p95: quantile(sorted, 0.95),
    max: sorted[sorted.length - 1] ?? Number.NaN,
  };
}

const fixed = (value: number, digits: number) => (Number.isFinite(value) ? value.toFixed(digits) : 'n/a');

/** "412 ms (n=10, min 390, IQR 401-430, max 520)" */
export function spread(s: Summary, unit: string, digits = 0): string {
  const f = (v: number) => fixed(v, digits);
  return `${f(s.median)} ${unit} (n=${s.n}, min ${f(s.min)}, IQR ${f(s.p25)}-${f(s.p75)}, max ${f(s.max)})`;
}

export type Verdict = 'ok' | 'MISSED' | 'n/a';

/** A figure against its target: `lower` = smaller is better. */
export function verdict(value: number, target: number, lower = true): Verdict {
  if (!Number.isFinite(value)) return 'n/a';
  return (lower ? value <= target : value >= target) ? 'ok' : 'MISSED';
}

export function line(label: string, figure: string, target?: string, result?: Verdict): string {
  const tail = target ? `   [target ${target}: ${result ?? 'n/a'}]` : '';
  return `  ${label.padEnd(44)} ${figure}${tail}`;
}

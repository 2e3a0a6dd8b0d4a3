// The impact preview's computation in Node: computeImpact (the same module the browser runs) over the
// scale project's last 7 days of call logs (1,000, as the preview reads them), saved rubric vs a draft.
import { computeImpact } from '../src/shared/rubric/impact';
import { rubricOnCall } from '../src/shared/rubric/try-call';
import { replaceRule } from '../src/shared/rubric/edit';
import { rulesOf } from '../src/shared/schemas/rubric';
import { callLogPageSchema, type CallLog } from '../src/shared/schemas/call-log';
import { SCALE_PROJECT_ID } from '../src/server/emulator/seed';
import { line, spread, summarize, verdict } from './bench-stats';

const RUNS = 30;
const MAX_CALLS = 1000;

type Upstream = { emulatorURL: string; apiKey: string };

async function get(stack: Upstream, path: string): Promise<unknown> {
  const res = await fetch(`${stack.emulatorURL}${path}`, { headers: { 'X-CEKURA-API-KEY': stack.apiKey } });
  if (!res.ok) throw new Error(`GET ${path} -> ${res.status}`);
  return res.json();
}

/** The calls the preview would read: the last 7 days, 100 a page, at most 1,000. */
export async function fetchPreviewCalls(stack: Upstream, projectId: number): Promise<CallLog[]> {
  const from = new Date(Date.now() - 7 * 86_400_000).toISOString();
  const calls: CallLog[] = [];
  for (let page = 1; calls.length < MAX_CALLS; page++) {
    const query = new URLSearchParams({
      project_id: String(projectId),
      timestamp_from: from,
      page_size: '100',
      page: String(page),
    });
    const parsed = callLogPageSchema.parse(await get(stack, `/observability/v2/call-logs/?${query}`));
    calls.push(...parsed.results);
    if (!parsed.next) break;
  }
  return calls.slice(0, MAX_CALLS);
}

/** A draft that moves one threshold (rule 2 of the scale rubric is "score >= 2"): some calls flip. */
export function draftOf(saved: unknown): unknown {
  const rule = structuredClone(rulesOf(saved)[1]) as { conditions: { conditions: { value: unknown }[] } };
  rule.conditions.conditions[0].value = 4;
  return replaceRule(saved, 1, rule);
}

export async function benchImpactNode(stack: Upstream): Promise<string[]> {
  const project = (await get(stack, `/user/v1/projects/${SCALE_PROJECT_ID}/`)) as { rubric_config: unknown };
  const saved = project.rubric_config;
  const draft = draftOf(saved);
  const calls = await fetchPreviewCalls(stack, SCALE_PROJECT_ID);
  const times: number[] = [];
  let first = Number.NaN;
  let flips = 0;
  for (let run = 0; run <= RUNS; run++) {
    const t0 = performance.now();
    const impact = computeImpact(saved, draft, calls);
    const elapsed = performance.now() - t0;
    if (run === 0)
      first = elapsed; // cold: before the JIT has seen the code
    else times.push(elapsed);
    flips = impact.flips.length;
  }
  const s = summarize(times);
  // "Try on a call": both rubrics rule by rule on one call (the browser figure adds the render).
  const tries: number[] = [];
  for (const call of calls.slice(0, RUNS)) {
    const t0 = performance.now();
    rubricOnCall(saved, call);
    rubricOnCall(draft, call);
    tries.push(performance.now() - t0);
  }
  const t = summarize(tries);
  return [
    line(
      `try on a call, Node: ${rulesOf(saved).length} rules, saved + draft`,
      spread(t, 'ms', 2),
      '<= 200 ms',
      verdict(t.median, 200),
    ),
    line(
      `impact, Node: ${calls.length} calls x ${rulesOf(saved).length} rules`,
      `${spread(s, 'ms', 2)}; first run ${first.toFixed(2)} ms; ${flips} flips`,
      '<= 200 ms',
      verdict(Math.max(s.median, first), 200),
    ),
  ];
}

import type { QueryClient } from '@tanstack/react-query';
import { changedMeanwhile, fieldLabel, planBulkChange, type BulkPlan } from '../../shared/bulk';
import { retryDelayMs, runBounded } from '../../shared/bulk-runner';
import {
  describeMappingLine,
  mappingLines,
  REF_KINDS,
  referencedIds,
  type RefCatalog,
  type RubricMode,
  type Settings,
} from '../../shared/id-mapping';
import { ApiError } from '../api/client';
import { requestErrorText } from '../api/error-wording';
import { fetchProject, patchProject, type ProjectSnapshot } from '../api/projects';
import { fetchRefCatalog } from '../api/ref-catalog';
import { metricCatalogQuery } from '../api/metrics';
import { describeRule } from '../../shared/rubric/describe';

// The browser side of a bulk change (decision 33): preview every target, then save each with its own GET and
// If-Match through the admin server, at most 3 at a time, waiting out 429s as Retry-After says.

export const BULK_CONCURRENCY = 3;
const MAX_RATE_LIMIT_RETRIES = 5;
const MAX_STALE_RETRIES = 2;

export type RowStatus =
  'pending' | 'change' | 'unchanged' | 'needs-mapping' | 'failed' | 'applied' | 'merged' | 'conflict' | 'cancelled';

export interface BulkRow {
  id: number;
  name: string;
  status: RowStatus;
  /** Words for the status: what changes, why it failed, what needs mapping, what moved meanwhile. */
  detail?: string;
  plan?: BulkPlan;
  snapshot?: ProjectSnapshot;
}

export interface BulkJob {
  settings: Settings;
  sourceCatalog: RefCatalog;
  rubricMode: RubricMode;
}

const kindsOf = (settings: Settings) => {
  const ids = referencedIds(settings);
  // The metrics also for a rubric without rules: the preview names the rules a replace would remove.
  return REF_KINDS.filter((kind) => ids[kind].length > 0 || (kind === 'metric' && 'rubric_config' in settings));
};

export async function loadSourceCatalog(queryClient: QueryClient, projectId: number, settings: Settings) {
  return fetchRefCatalog(queryClient, projectId, kindsOf(settings));
}

function describePlan(plan: BulkPlan, target: RefCatalog | null, lostWords: string[] = []): string {
  switch (plan.kind) {
    case 'unchanged':
      return 'Already has these values: skipped.';
    case 'needs-mapping':
      return `No match here for ${mappingLines(plan.rows, {}, target ?? { metric: [], dashboard: [], agent: [] })
        .map((line) => describeMappingLine(line).replace(/ -> dropped.*$/, ''))
        .join(', ')}: skipped (copy or import into this project to choose).`;
    case 'change':
      return `${plan.fields.map(fieldLabel).join(', ')}${
        plan.lostRules.length
          ? `; the rubric loses ${plan.lostRules.length} rule${plan.lostRules.length === 1 ? '' : 's'}${
              lostWords.length ? `: ${lostWords.join('; ')}` : ''
            }`
          : ''
      }`;
  }
}

export async function previewTarget(queryClient: QueryClient, job: BulkJob, row: BulkRow): Promise<BulkRow> {
  try {
    const snapshot = await fetchProject(row.id);
    const catalog = await fetchRefCatalog(queryClient, row.id, kindsOf(job.settings));
    const plan = planBulkChange(job.settings, job.sourceCatalog, snapshot.project, catalog, job.rubricMode);
    const status: RowStatus = plan.kind === 'change' ? 'change' : plan.kind;
    // Every rule a replace would remove, in words with this project's metric names.
    const metrics = queryClient.getQueryData(metricCatalogQuery(row.id).queryKey)?.byId ?? null;
    const lost = plan.kind === 'change' ? plan.lostRules.map((rule) => describeRule(rule, metrics)) : [];
    return { ...row, status, plan, snapshot, detail: describePlan(plan, catalog, lost) };
  } catch (error) {
    return { ...row, status: 'failed', detail: `Could not be read: ${requestErrorText(error)}` };
  }
}

/** Resolves after `ms`, or at once when the signal aborts (Cancel must not wait out a long Retry-After). */
const sleep = (ms: number, signal?: AbortSignal) =>
  new Promise<void>((resolve) => {
    if (signal?.aborted) return resolve();
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    }
    signal?.addEventListener('abort', done, { once: true });
  });

/** Saves one previewed target: a fresh GET, the If-Match PATCH; merged when only other fields moved. */
export async function applyTarget(
  queryClient: QueryClient,
  job: BulkJob,
  row: BulkRow,
  onWait: (detail: string) => void,
  signal?: AbortSignal,
): Promise<BulkRow> {
  if (row.plan?.kind !== 'change' || !row.snapshot) return row;
  let rateLimited = 0;
  let stale = 0;
  for (;;) {
    try {
      const fresh = await fetchProject(row.id);
      let patch = row.plan.patch;
      let merged = false;
      if (fresh.etag !== row.snapshot.etag) {
        const moved = changedMeanwhile(row.snapshot.project, fresh.project, row.plan.fields);
        if (moved.length)
          return {
            ...row,
            status: 'conflict',
            detail: `Changed since the preview: ${moved.map(fieldLabel).join(', ')}. Skipped: open it to resolve.`,
          };
        const catalog = await fetchRefCatalog(queryClient, row.id, kindsOf(job.settings));
        const again = planBulkChange(job.settings, job.sourceCatalog, fresh.project, catalog, job.rubricMode);
        if (again.kind === 'unchanged') return { ...row, status: 'unchanged', detail: 'Had these values by now.' };
        if (again.kind === 'needs-mapping')
          return { ...row, status: 'needs-mapping', detail: describePlan(again, catalog) };
        patch = again.patch;
        merged = true;
      }
      await patchProject(row.id, patch, fresh.etag);
      return {
        ...row,
        status: merged ? 'merged' : 'applied',
        detail: merged
          ? `Other settings changed since the preview; saved on top of them: ${describePlan(row.plan, null)}.`
          : describePlan(row.plan, null),
      };
    } catch (error) {
      if (error instanceof ApiError && error.status === 429 && rateLimited < MAX_RATE_LIMIT_RETRIES) {
        const wait = retryDelayMs(error.retryAfterSeconds, rateLimited++);
        onWait(`Rate limited: trying again in ${Math.ceil(wait / 1000)} s.`);
        await sleep(wait, signal);
        // Cancel pressed while waiting: this project was not changed (its PATCH was refused), so it is not sent again.
        if (signal?.aborted)
          return { ...row, status: 'cancelled', detail: 'Rate limited, then Cancel was pressed: not sent again.' };
        continue;
      }
      if (error instanceof ApiError && error.status === 412 && stale++ < MAX_STALE_RETRIES) continue;
      return { ...row, status: 'failed', detail: requestErrorText(error) };
    }
  }
}

export { runBounded };

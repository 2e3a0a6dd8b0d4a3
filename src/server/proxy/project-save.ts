// PATCH of a project: If-Match against a fresh read under the per-project lock, only writable settings
// forwarded, and a history row for every change the server can account for. A write whose answer is lost
// keeps the lock until it settles (at most 2 x UPSTREAM_TIMEOUT_MS), so no later save is overwritten by it.
import { isDeepStrictEqual } from 'node:util';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { configuredFlagOf, isConfiguredFlag, PROJECT_FIELDS, SECRET_FIELDS } from '../../shared/schemas/project';
import type { HistoryKind } from '../../shared/schemas/history';
import type { LockedHistory } from '../history/store';
import { historyChanges } from '../history/changes';
import { hasUnstorableText } from '../json-text';
import type { ApiMatch } from './allowlist';
import { sendUpstream, type ApiContext } from './api-answer';
import { etagOf, ifMatchSatisfied, parseIfMatch } from './etag';
import { readUpstream } from './retry';
import type { HeldProjectLock } from '../store/types';
import { startWrite, type UpstreamWrite } from './upstream';

export const STILL_PROCESSING = 'An earlier save of this project is still being processed';
/** A save whose first step, reading the project, failed: nothing reached the upstream. */
const NOT_SENT = 'The change was not sent: nothing was saved.';

/** The console marks a save that puts back older values (History page, "Revert this save"). */
export const SAVE_KIND_HEADER = 'x-save-kind';
export const HISTORY_RECORDED_HEADER = 'x-history-recorded';

type Body = Record<string, unknown>;

const own = (record: Body, field: string): unknown => (Object.hasOwn(record, field) ? (record[field] ?? null) : null);
const listed = (names: string[]) => names.map((name) => JSON.stringify(name.slice(0, 64))).join(', ');

/** Only the settings the console edits go upstream; text that SQLite or the API would mangle is refused. */
export function refusePatchBody(body: Body): { detail: string; fields: string[] } | undefined {
  const unknown = Object.keys(body).filter((key) => !Object.hasOwn(PROJECT_FIELDS, key));
  if (unknown.length) {
    const fields = unknown.slice(0, 20);
    return {
      detail: `Not a setting the console can save: ${listed(fields)}. Only the project's writable settings are accepted.`,
      fields,
    };
  }
  const bad = Object.keys(body).filter((key) => hasUnstorableText(body[key]));
  if (bad.length)
    return {
      detail: `Text in ${listed(bad)} contains a NUL character or an unpaired surrogate, which cannot be stored.`,
      fields: bad,
    };
  return undefined;
}

/** After a lost answer: does the project hold what was sent? Secrets only by their *_configured flag. */
function sentValuesHeld(patch: Body, after: Body): boolean {
  return Object.keys(patch).every((field) => {
    if ((SECRET_FIELDS as string[]).includes(field)) {
      const flag = after[configuredFlagOf(field as (typeof SECRET_FIELDS)[number])];
      return flag === undefined || isConfiguredFlag(flag) === (patch[field] !== '');
    }
    return isDeepStrictEqual(own(after, field), patch[field] ?? null);
  });
}

function parseObject(text: Buffer | string): Body {
  const value: unknown = JSON.parse(text.toString());
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Body) : {};
}

/** One history row; a failure is reported (health, header), never turned into a failed save. */
async function record(
  ctx: ApiContext,
  history: LockedHistory,
  req: FastifyRequest,
  row: { projectId: number; kind: HistoryKind; changes: ReturnType<typeof historyChanges> },
): Promise<boolean> {
  try {
    await history.record({ user: req.user ?? 'local', kind: row.kind, changes: row.changes });
    return true;
  } catch (error) {
    ctx.historyHealth.failed(error);
    req.log.error({ err: error, projectId: row.projectId }, 'could not record the save in the history');
    return false;
  }
}

/** Values that differ from the last recorded "after": something else changed them. Recorded first. */
async function recordOutsideChanges(
  ctx: ApiContext,
  history: LockedHistory,
  req: FastifyRequest,
  projectId: number,
  current: Body,
): Promise<boolean> {
  let last: Map<string, unknown>;
  try {
    last = await history.lastAfter();
  } catch (error) {
    ctx.historyHealth.failed(error);
    req.log.error({ err: error, projectId }, 'could not read the history');
    return false;
  }
  const changes = [...last]
    .filter(([field, value]) => !isDeepStrictEqual(own(current, field), value ?? null))
    .map(([field, before]) => ({ field, before: before ?? null, after: own(current, field) }));
  return changes.length === 0 || record(ctx, history, req, { projectId, kind: 'outside', changes });
}

export async function patchProject(
  ctx: ApiContext,
  match: ApiMatch,
  req: FastifyRequest,
  body: string | undefined,
  reply: FastifyReply,
): Promise<FastifyReply> {
  const ifMatch = parseIfMatch(req.headers['if-match']);
  if (ifMatch.kind === 'missing') {
    return reply
      .code(428)
      .send({ detail: 'Saving a project needs an If-Match header with the ETag of the project as loaded.' });
  }
  if (ifMatch.kind === 'wildcard') {
    return reply.code(428).send({ detail: 'If-Match: * is not accepted; send the ETag of the project as loaded.' });
  }
  const patch = body === undefined ? undefined : parseJsonObject(body);
  if (body === undefined || !patch) {
    return reply.code(400).send({ detail: 'The PATCH body must be a JSON object (Content-Type: application/json).' });
  }
  const refusal = refusePatchBody(patch);
  if (refusal) return reply.code(400).send(refusal);
  const kind: HistoryKind = req.headers[SAVE_KIND_HEADER] === 'revert' ? 'revert' : 'save';
  const projectId = match.projectId as number;
  const limit = 2 * ctx.upstream.timeoutMs;
  let lock: HeldProjectLock | null;
  try {
    lock = await ctx.store.lockProject(projectId, limit);
  } catch (error) {
    // Without the lock no save may pass If-Match: another replica could be writing the project.
    req.log.error({ err: error, projectId }, 'could not take the save lock');
    return reply.code(503).send({ detail: 'The console database is unavailable; nothing was saved. Try again.' });
  }
  if (!lock) return reply.code(409).send({ detail: STILL_PROCESSING });
  const held = lock;
  const release = () =>
    void held
      .release()
      .catch((error: unknown) => req.log.error({ err: error, projectId }, 'releasing the save lock failed'));
  let handedOn = false;
  try {
    const current = await readUpstream(
      ctx.upstream,
      { method: 'GET', path: match.upstreamPath, search: '' },
      ctx.retry,
    );
    // The change was never sent: say so, so a failed read is not mistaken for a write of unknown outcome.
    if (!current.ok) return sendUpstream(reply, { ...current, detail: `${current.detail} ${NOT_SENT}` }, true);
    if (current.status !== 200) return sendUpstream(reply, current, true);
    const etag = etagOf(current.body);
    if (!ifMatchSatisfied(ifMatch, etag)) return sendConflict(reply, etag, current.body);
    const before = parseObject(current.body);
    const outsideRecorded = await recordOutsideChanges(ctx, held, req, projectId, before);
    // Pending from the start: a project read meanwhile says so, and the console waits before comparing.
    ctx.pendingWrites.add(projectId);
    // The body text goes out exactly as the browser sent it: rubric_config key order and rule text survive.
    const write = startWrite(ctx.upstream, { method: 'PATCH', path: match.upstreamPath, search: '', body });
    const res = await write.answer;
    if (res.ok && res.status === 200) {
      // Recorded under the lock, so the history's order is the order the saves reached the upstream.
      const changes = historyChanges(patch, before, parseObject(res.body));
      const recorded = await record(ctx, held, req, { projectId, kind, changes });
      if (!recorded || !outsideRecorded) reply.header(HISTORY_RECORDED_HEADER, 'false');
    } else if (write.answerLost()) {
      handedOn = true;
      void settleLostWrite(ctx, held, req, {
        projectId,
        upstreamPath: match.upstreamPath,
        patch,
        before,
        write,
      }).finally(() => {
        ctx.pendingWrites.delete(projectId);
        release();
      });
    }
    return sendUpstream(reply, res, true);
  } finally {
    if (!handedOn) {
      ctx.pendingWrites.delete(projectId);
      release();
    }
  }
}

/**
 * The client was told the outcome is unknown. Once the write settles, the project is read again: when it holds
 * the sent values, the save is recorded as "applied, answer lost". Otherwise nothing is recorded now; if the
 * values changed anyway, the next save's check records them as changed outside the console.
 */
async function settleLostWrite(
  ctx: ApiContext,
  history: LockedHistory,
  req: FastifyRequest,
  w: { projectId: number; upstreamPath: string; patch: Body; before: Body; write: UpstreamWrite },
): Promise<void> {
  try {
    const settled = await w.write.settled;
    let after: Body;
    if (settled.ok && settled.status === 200) after = parseObject(settled.body);
    else if (settled.ok)
      return; // the upstream answered, late, with a refusal: nothing was applied
    else {
      const reread = await readUpstream(ctx.upstream, { method: 'GET', path: w.upstreamPath, search: '' }, ctx.retry);
      if (!reread.ok || reread.status !== 200) {
        req.log.warn({ projectId: w.projectId }, 'could not re-read the project after a write whose answer was lost');
        return;
      }
      after = parseObject(reread.body);
      if (!sentValuesHeld(w.patch, after)) return;
    }
    await record(ctx, history, req, {
      projectId: w.projectId,
      kind: 'answer_lost',
      changes: historyChanges(w.patch, w.before, after),
    });
  } catch (error) {
    req.log.error({ err: error, projectId: w.projectId }, 'settling a write whose answer was lost failed');
  }
}

function parseJsonObject(text: string): Body | undefined {
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Body) : undefined;
  } catch {
    return undefined;
  }
}

function sendConflict(reply: FastifyReply, etag: string, current: Buffer): FastifyReply {
  const text = current.toString('utf8');
  if (!parseJsonObject(text))
    return reply.code(502).send({ detail: 'The Cekura API returned a project that is not JSON.' });
  // The current project is embedded as the upstream's own text, so the client sees exactly what the ETag covers.
  const detail = JSON.stringify(
    'The project was changed by someone else since you loaded it. Review the current version and save again.',
  );
  return reply
    .code(412)
    .header('etag', etag)
    .type('application/json; charset=utf-8')
    .send(`{"detail":${detail},"project":${text}}`);
}

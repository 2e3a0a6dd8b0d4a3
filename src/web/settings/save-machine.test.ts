import { describe, expect, it } from 'vitest';
import { readProject } from '../../shared/schemas/project';
import { toFormValues, type ProjectFormValues } from '../../shared/form';
import { mergeThreeWay, mergeWithChoices } from '../../shared/merge/merge';
import { ApiError } from '../api/client';
import type { ProjectSnapshot } from '../api/projects';
import { testProject } from './test-project';
import type { RestoredDraft } from './draft-storage';
import {
  createSaveController,
  HISTORY_NOT_RECORDED,
  initialSaveState,
  isBusy,
  MINE_DISCARDED,
  NOTHING_LEFT,
  transition,
  type SaveEffect,
  type SaveEvent,
  type SaveState,
  type Transition,
} from './save-machine';

// The save machine without React: every transition, driven by events as the hook would send them. Merges
// run the real merge code; the server's answers are built the way the admin server answers.

const snap = (etag: string, overrides: Record<string, unknown> = {}, extra: Partial<ProjectSnapshot> = {}) =>
  ({ ...readProject(testProject(overrides)), etag, ...extra }) as ProjectSnapshot;

const V1 = snap('"v1"');
const values = (overrides: Partial<ProjectFormValues> = {}) =>
  ({ ...toFormValues(V1.project), ...overrides }) as ProjectFormValues;

function effectOf<T extends SaveEffect['type']>(t: Transition, type: T): Extract<SaveEffect, { type: T }> {
  const found = t.effects.find((effect) => effect.type === type);
  if (!found) throw new Error(`no ${type} effect in ${JSON.stringify(t.effects.map((effect) => effect.type))}`);
  return found as Extract<SaveEffect, { type: T }>;
}

/** Runs a merge effect with the real merge code, as the controller does. */
function mergeAnswer(t: Transition): SaveEvent {
  const merge = t.effects.find((effect) => effect.type === 'merge' || effect.type === 'mergeWithChoices');
  if (merge?.type === 'merge') return { type: 'merged', ...mergeThreeWay(merge.base, merge.mine, merge.theirs) };
  if (merge?.type === 'mergeWithChoices')
    return { type: 'resolved', values: mergeWithChoices(merge.base, merge.mine, merge.theirs, merge.choices).values };
  throw new Error('no merge effect');
}

/** editing -> reviewing -> sending with `form` as the form's values. */
function sendFromForm(form: ProjectFormValues, state: SaveState = initialSaveState(V1)) {
  const reviewing = transition(state, { type: 'save', values: form });
  expect(reviewing.state.phase).toBe('reviewing');
  const sending = transition(reviewing.state, { type: 'confirm' });
  expect(sending.state.phase).toBe('sending');
  return sending;
}

const conflict412 = (current: ProjectSnapshot) =>
  new ApiError(
    412,
    { detail: 'The project changed since you loaded it.', project: current.project },
    undefined,
    undefined,
    current.etag,
  );

describe('save machine', () => {
  it('editing -> reviewing -> sending -> editing: the review sends exactly its changes with If-Match', () => {
    const form = values({ name: 'Acme EU', max_call_duration: '600' });
    const reviewing = transition(initialSaveState(V1), { type: 'save', values: form });
    expect(reviewing.state.dialog).toMatchObject({ kind: 'review', base: V1.project, values: form });
    expect(reviewing.effects).toEqual([]);
    const sending = transition(reviewing.state, { type: 'confirm' });
    expect(sending.state.dialog).toBeNull();
    expect(effectOf(sending, 'send')).toEqual({
      type: 'send',
      patch: { name: 'Acme EU', max_call_duration: 600 },
      etag: '"v1"',
      revert: false,
    });
    expect(isBusy(sending.state)).toBe(true);
    const v2 = snap('"v2"', { name: 'Acme EU', max_call_duration: 600 });
    const done = transition(sending.state, { type: 'sent', next: v2, current: form });
    expect(done.state).toMatchObject({ phase: 'editing', snapshot: v2, notice: 'Saved 2 changes.', problem: null });
    expect(done.state.generation).toBe(1);
    expect(effectOf(done, 'adopt')).toMatchObject({ snapshot: v2, kept: [] });
    expect(effectOf(done, 'settled')).toEqual({ type: 'settled', ok: true });
  });

  it('an edit typed while the save was in flight stays edited on the new base', () => {
    const sending = sendFromForm(values({ name: 'Acme EU' }));
    const typedMeanwhile = values({ name: 'Acme EU', outbound_timeout: '30' });
    const done = transition(sending.state, {
      type: 'sent',
      next: snap('"v2"', { name: 'Acme EU' }),
      current: typedMeanwhile,
    });
    expect(effectOf(done, 'adopt').kept).toEqual(['outbound_timeout']);
  });

  it('invalid values: a problem naming the sections; Back from the review sends nothing', () => {
    const invalid = transition(initialSaveState(V1), { type: 'invalid', sections: ['limits'] });
    expect(invalid.state.problem).toMatchObject({ title: 'Not saved: some values need fixing.', sections: ['limits'] });
    const reviewing = transition(invalid.state, { type: 'save', values: values({ name: 'x' }) });
    expect(reviewing.state.problem).toBeNull();
    const back = transition(reviewing.state, { type: 'back' });
    expect(back.state.phase).toBe('editing');
    expect(back.effects).toEqual([]);
  });

  it('a history row not written is said in the notice; an empty review settles at once', () => {
    const sending = sendFromForm(values({ name: 'Acme EU' }));
    const done = transition(sending.state, {
      type: 'sent',
      next: snap('"v2"', { name: 'Acme EU' }, { historyRecorded: false }),
      current: values({ name: 'Acme EU' }),
    });
    expect(done.state.notice).toBe(HISTORY_NOT_RECORDED);
    const empty = transition(transition(initialSaveState(V1), { type: 'save', values: values() }).state, {
      type: 'confirm',
    });
    expect(empty.state.phase).toBe('editing');
    expect(empty.effects).toEqual([{ type: 'settled', ok: true }]);
  });

  it('412 -> merge -> conflicts -> review -> send', () => {
    const form = values({ name: 'Mine', outbound_timeout: '100' });
    const sending = sendFromForm(form);
    const theirs = snap('"v9"', { name: 'Theirs', max_call_duration: 1200 });
    const merging = transition(sending.state, { type: 'sendFailed', error: conflict412(theirs), current: form });
    expect(merging.state.phase).toBe('merging');
    expect(effectOf(merging, 'merge')).toMatchObject({ base: V1.project, theirs: theirs.project });
    const conflicts = transition(merging.state, mergeAnswer(merging));
    expect(conflicts.state.phase).toBe('resolvingConflicts');
    expect(conflicts.state.dialog?.kind).toBe('conflicts');
    const pending = conflicts.state.dialog?.kind === 'conflicts' ? conflicts.state.dialog.pending : null;
    expect(pending?.conflicts.map((conflict) => conflict.id)).toEqual(['field:name']);
    expect(pending?.takenFromServer).toEqual(['max_call_duration']);
    expect(pending?.after).toBe('review');

    const resolving = transition(conflicts.state, { type: 'resolve', choices: { name: 'mine' } });
    expect(effectOf(resolving, 'mergeWithChoices').choices).toEqual({ name: 'mine' });
    const review = transition(resolving.state, mergeAnswer(resolving));
    expect(review.state.phase).toBe('reviewing');
    expect(review.state.snapshot).toEqual(theirs);
    expect(effectOf(review, 'adopt').kept.sort()).toEqual(['name', 'outbound_timeout']);
    expect(review.state.dialog).toMatchObject({
      kind: 'review',
      base: theirs.project,
      note: 'Merged with changes made elsewhere: Maximum call duration (s).',
    });

    const resend = transition(review.state, { type: 'confirm' });
    expect(effectOf(resend, 'send')).toEqual({
      type: 'send',
      patch: { name: 'Mine', outbound_timeout: 100 },
      etag: '"v9"',
      revert: false,
    });
    const v10 = snap('"v10"', { name: 'Mine', outbound_timeout: 100, max_call_duration: 1200 });
    const saved = transition(resend.state, {
      type: 'sent',
      next: v10,
      current: review.state.dialog?.kind === 'review' ? review.state.dialog.values : form,
    });
    expect(saved.state).toMatchObject({ phase: 'editing', notice: 'Saved 2 changes.', snapshot: v10 });
  });

  it('412 without conflicts goes straight back to the review; nothing left to save says so', () => {
    const form = values({ name: 'Mine' });
    const sending = sendFromForm(form);
    const theirs = snap('"v9"', { outbound_timeout: 120 });
    const merging = transition(sending.state, { type: 'sendFailed', error: conflict412(theirs), current: form });
    const review = transition(merging.state, mergeAnswer(merging));
    expect(review.state.phase).toBe('reviewing');

    const same = snap('"v9"', { name: 'Mine' });
    const merging2 = transition(sending.state, { type: 'sendFailed', error: conflict412(same), current: form });
    const nothing = transition(merging2.state, mergeAnswer(merging2));
    expect(nothing.state).toMatchObject({ phase: 'editing', dialog: null, notice: NOTHING_LEFT });
  });

  it('a 412 without the current project reads it, then merges', () => {
    const form = values({ name: 'Mine' });
    const sending = sendFromForm(form);
    const reading = transition(sending.state, { type: 'sendFailed', error: new ApiError(412, {}), current: form });
    expect(reading.effects).toEqual([{ type: 'read' }, { type: 'settled', ok: false }]);
    expect(reading.state.phase).toBe('merging');
    const theirs = snap('"v9"', { outbound_timeout: 120 });
    const merging = transition(reading.state, { type: 'read', theirs, current: form });
    expect(effectOf(merging, 'merge').base).toEqual(V1.project);
    const failed = transition(reading.state, { type: 'readFailed', error: new ApiError(0, null), current: form });
    expect(failed.state.phase).toBe('editing');
    expect(failed.state.problem).toMatchObject({ kind: 'error' });
    expect(effectOf(failed, 'settled').ok).toBe(false);
  });

  it('conflicts left for later: Back keeps the draft on its base with the server version as "changed elsewhere"', () => {
    const form = values({ name: 'Mine' });
    const theirs = snap('"v9"', { name: 'Theirs' });
    const merging = transition(sendFromForm(form).state, {
      type: 'sendFailed',
      error: conflict412(theirs),
      current: form,
    });
    const conflicts = transition(merging.state, mergeAnswer(merging));
    const back = transition(conflicts.state, { type: 'back' });
    expect(back.state).toMatchObject({ phase: 'editing', dialog: null, remote: theirs, snapshot: V1 });
    const mine = transition(conflicts.state, { type: 'discardMine' });
    expect(mine.state).toMatchObject({ phase: 'editing', notice: MINE_DISCARDED, snapshot: theirs, remote: null });
    expect(effectOf(mine, 'adopt').kept).toEqual([]);
  });

  it('a lost answer -> re-read -> applied: saved, the sent values taken', () => {
    const form = values({ name: 'Acme EU' });
    const sending = sendFromForm(form);
    const checking = transition(sending.state, { type: 'sendFailed', error: new ApiError(504, {}), current: form });
    expect(checking.state.phase).toBe('checkingOutcome');
    expect(checking.effects).toEqual([{ type: 'readSettled' }]);
    expect(isBusy(checking.state)).toBe(true);
    const after = snap('"v2"', { name: 'Acme EU' });
    const done = transition(checking.state, { type: 'reread', after, current: form });
    expect(done.state).toMatchObject({ phase: 'editing', notice: 'Saved 1 change.', snapshot: after, problem: null });
    expect(effectOf(done, 'settled').ok).toBe(true);
  });

  it('a lost answer -> re-read: not applied, changed elsewhere, still pending, unreadable', () => {
    const form = values({ name: 'Acme EU' });
    const sending = sendFromForm(form);
    const checking = transition(sending.state, { type: 'sendFailed', error: new ApiError(0, null), current: form });
    const notApplied = transition(checking.state, { type: 'reread', after: snap('"v1"'), current: form });
    expect(notApplied.state.phase).toBe('editing');
    expect(notApplied.state.problem).toMatchObject({
      messages: [expect.stringMatching(/does not have the change/), 'Your edits are kept.'],
    });
    expect(notApplied.state.snapshot).toBe(V1);

    const elsewhere = transition(checking.state, {
      type: 'reread',
      after: snap('"v3"', { outbound_timeout: 60 }),
      current: form,
    });
    expect(elsewhere.state.phase).toBe('merging');
    const review = transition(elsewhere.state, mergeAnswer(elsewhere));
    expect(review.state.phase).toBe('reviewing');

    const pending = transition(checking.state, {
      type: 'reread',
      after: snap('"v1"', {}, { writePending: true }),
      current: form,
    });
    expect(pending.state.problem).toMatchObject({ title: expect.stringMatching(/^Saving may not have finished/) });
    const unreadable = transition(checking.state, { type: 'rereadFailed', error: new Error('offline') });
    expect(unreadable.state.problem).toMatchObject({ title: expect.stringMatching(/^Saving may not have finished/) });
  });

  it('other failures: field messages, read-only, the draft kept', () => {
    const form = values({ name: 'x' });
    const sending = sendFromForm(form);
    const refused = transition(sending.state, {
      type: 'sendFailed',
      error: new ApiError(400, { name: ['Too short.'] }),
      current: form,
    });
    expect(refused.state.phase).toBe('editing');
    expect(effectOf(refused, 'fieldErrors').issues).toEqual([{ path: 'name', message: 'Too short.' }]);
    expect(refused.state.problem).toMatchObject({ title: 'Not saved: the API refused some values.' });
    const forbidden = transition(sending.state, {
      type: 'sendFailed',
      error: new ApiError(403, { detail: 'This API key is read-only.' }),
      current: form,
    });
    expect(forbidden.state.readOnly).toBe(true);
  });

  it('a change made elsewhere while editing: taken silently without edits, offered to merge with edits', () => {
    const v2 = snap('"v2"', { outbound_timeout: 60 });
    const silent = transition(initialSaveState(V1), { type: 'remoteSeen', next: v2, current: values() });
    expect(silent.state).toMatchObject({ snapshot: v2, remote: null, generation: 1 });
    expect(effectOf(silent, 'adopt').kept).toEqual([]);

    const form = values({ name: 'Mine' });
    const offered = transition(initialSaveState(V1), { type: 'remoteSeen', next: v2, current: form });
    expect(offered.state).toMatchObject({ snapshot: V1, remote: v2 });
    expect(offered.effects).toEqual([]);

    const reading = transition(offered.state, { type: 'mergeNow' });
    expect(reading.effects).toEqual([{ type: 'read' }]);
    const merging = transition(reading.state, { type: 'read', theirs: v2, current: form });
    expect(merging.state.remote).toBeNull();
    const review = transition(merging.state, mergeAnswer(merging));
    expect(review.state.dialog).toMatchObject({ kind: 'review', base: v2.project });
    // Offline: the version last seen is merged.
    const offline = transition(reading.state, { type: 'readFailed', error: new Error('offline'), current: form });
    expect(effectOf(offline, 'merge').theirs).toEqual(v2.project);
    // The server is back at the form's own base: nothing to merge.
    const unchanged = transition(reading.state, { type: 'read', theirs: V1, current: form });
    expect(unchanged.state).toMatchObject({ phase: 'editing', remote: null });

    const discard = transition(offered.state, { type: 'discard' });
    expect(discard.state).toMatchObject({ snapshot: v2, remote: null });
    expect(effectOf(discard, 'adopt').kept).toEqual([]);
    const plainDiscard = transition(initialSaveState(V1), { type: 'discard' });
    expect(plainDiscard.effects).toEqual([{ type: 'resetForm', values: toFormValues(V1.project) }]);
  });

  it('a change made elsewhere while reviewing or sending waits: the send meets it as a 412 and merges', () => {
    const form = values({ name: 'Mine' });
    const theirs = snap('"v2"', { outbound_timeout: 60 });
    const reviewing = transition(initialSaveState(V1), { type: 'save', values: form });
    expect(transition(reviewing.state, { type: 'remoteSeen', next: theirs, current: form }).state).toBe(
      reviewing.state,
    );
    const sending = transition(reviewing.state, { type: 'confirm' });
    expect(effectOf(sending, 'send').etag).toBe('"v1"');
    expect(transition(sending.state, { type: 'remoteSeen', next: theirs, current: form }).state).toBe(sending.state);
    const merging = transition(sending.state, { type: 'sendFailed', error: conflict412(theirs), current: form });
    const review = transition(merging.state, mergeAnswer(merging));
    expect(review.state.dialog).toMatchObject({
      kind: 'review',
      note: 'Merged with changes made elsewhere: Outbound timeout (s).',
    });
    expect(effectOf(transition(review.state, { type: 'confirm' }), 'send')).toMatchObject({
      patch: { name: 'Mine' },
      etag: '"v2"',
    });
  });

  it('a one-field action: sent at once; a 412 merges the form and asks for the action again', () => {
    const form = values({ name: 'Draft' });
    const sending = transition(initialSaveState(V1), { type: 'saveFields', patch: { is_deleted: true }, values: form });
    expect(effectOf(sending, 'send')).toEqual({
      type: 'send',
      patch: { is_deleted: true },
      etag: '"v1"',
      revert: false,
    });
    const theirs = snap('"v9"', { outbound_timeout: 60 });
    const merging = transition(sending.state, { type: 'sendFailed', error: conflict412(theirs), current: form });
    const merged = transition(merging.state, mergeAnswer(merging));
    expect(merged.state).toMatchObject({ phase: 'editing', snapshot: theirs, dialog: null });
    expect(merged.state.problem).toMatchObject({ title: 'Not saved: the project changed elsewhere.' });
    expect(effectOf(merged, 'adopt').kept).toEqual(['name']);
    expect(effectOf(merging, 'settled').ok).toBe(false);
    const busy = transition(sending.state, { type: 'saveFields', patch: { is_deleted: false }, values: form });
    expect(busy.effects).toEqual([{ type: 'settled', ok: false }]);
  });

  it('a reverted save is marked as a revert; a saved review clears the mark', () => {
    const marked = transition(initialSaveState(V1), { type: 'markRevert', fields: ['name'] });
    const sending = sendFromForm(values({ name: 'Old' }), marked.state);
    expect(effectOf(sending, 'send').revert).toBe(true);
    const done = transition(sending.state, {
      type: 'sent',
      next: snap('"v2"', { name: 'Old' }),
      current: values({ name: 'Old' }),
    });
    expect(done.state.revertFields).toBeNull();
  });

  it('a draft from before a reload: restored on the same base, merged onto a newer one, kept if the merge cannot load', () => {
    const draft: RestoredDraft = { base: { project: V1.project, etag: '"v1"' }, values: { name: 'Draft' } };
    const same = transition(initialSaveState(V1), { type: 'draftLoaded', draft });
    expect(same.state).toMatchObject({ draftReady: true, restored: { kept: ['name'] } });
    expect(transition(same.state, { type: 'draftLoaded', draft }).state).toBe(same.state);

    const v2 = snap('"v2"', { outbound_timeout: 60 });
    const merging = transition(initialSaveState(v2), { type: 'draftLoaded', draft });
    expect(merging.state).toMatchObject({ phase: 'merging', draftReady: false });
    expect(isBusy(merging.state)).toBe(false);
    const restored = transition(merging.state, mergeAnswer(merging));
    expect(restored.state).toMatchObject({ phase: 'editing', draftReady: true, restored: { kept: ['name'] } });
    const fallback = transition(merging.state, { type: 'mergeFailed', error: new Error('chunk failed') });
    expect(fallback.state).toMatchObject({ draftReady: true, restored: { kept: ['name'] } });

    const none = transition(initialSaveState(V1), { type: 'draftLoaded', draft: null });
    expect(none.state).toMatchObject({ draftReady: true, restored: null });
  });
});

describe('save controller', () => {
  it('runs the effects: 412 -> merge -> conflicts -> review -> send, the send promise settling on the save', async () => {
    const form = { current: values({ name: 'Mine' }) };
    const theirs = snap('"v9"', { name: 'Theirs' });
    const sent: { etag: string; patch: unknown }[] = [];
    const adopted: string[] = [];
    const controller = createSaveController(initialSaveState(V1), {
      send: async (patch, etag) => {
        sent.push({ etag, patch });
        if (etag === '"v1"') throw conflict412(theirs);
        return snap('"v10"', { name: 'Mine' });
      },
      read: async () => theirs,
      readSettled: async () => theirs,
      loadMerge: () => import('../../shared/merge/merge'),
      formValues: () => structuredClone(form.current),
      adopt: (effect) => {
        adopted.push(effect.snapshot.etag);
        form.current = { ...effect.baseValues, ...Object.fromEntries(effect.kept.map((f) => [f, effect.values[f]])) };
      },
      resetForm: () => undefined,
      fieldErrors: () => undefined,
    });
    const phases: string[] = [];
    controller.subscribe(() => phases.push(controller.getState().phase));
    const reached = (phase: string) =>
      new Promise<void>((resolve) => {
        if (controller.getState().phase === phase) return resolve();
        const stop = controller.subscribe(() => {
          if (controller.getState().phase !== phase) return;
          stop();
          resolve();
        });
      });

    controller.dispatch({ type: 'save', values: form.current });
    const first = controller.dispatchSend({ type: 'confirm' });
    await reached('resolvingConflicts');
    controller.dispatch({ type: 'resolve', choices: { name: 'mine' } });
    await reached('reviewing');
    const second = controller.dispatchSend({ type: 'confirm' });
    expect(await second).toBe(true);
    expect(await first).toBe(false); // the first send met the 412
    expect(sent.map((call) => call.etag)).toEqual(['"v1"', '"v9"']);
    expect(sent[1].patch).toEqual({ name: 'Mine' });
    expect(adopted).toEqual(['"v9"', '"v10"']);
    expect(phases).toEqual([
      'reviewing',
      'sending',
      'merging',
      'resolvingConflicts',
      'merging',
      'reviewing',
      'sending',
      'editing',
    ]);
    expect(controller.getState().notice).toBe('Saved 1 change.');
  });
});

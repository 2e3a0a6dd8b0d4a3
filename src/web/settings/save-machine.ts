import {
  PROJECT_FIELDS,
  PROJECT_FIELD_NAMES,
  readProject,
  type Project,
  type ProjectField,
  type ProjectPatch,
  type SectionId,
} from '../../shared/schemas/project';
import { toFormValues, type ProjectFormValues } from '../../shared/form';
import { buildPatch, isFieldDirty } from '../../shared/patch';
import type { Choice, MergeConflict } from '../../shared/merge/merge';
import { ApiError } from '../api/client';
import type { ProjectSnapshot } from '../api/projects';
import { rebaseValues, type SentChange } from './rebase';
import { describeSaveFailure, type SaveProblem } from './save-problem';
import { sortIssues } from './form-errors';
import { intendedValues, isUnknownOutcome, judgeSaveOutcome } from './save-outcome';
import type { RestoredDraft } from './draft-storage';
import type { SectionIssue } from './section-validators';

// The one owner of saving (docs/decisions.md, decision 31): a pure state machine. `transition(state, event)`
// returns the next state and the effects to run, as data; the hook (useSaveController.ts) runs them through
// `createSaveController` and feeds their answers back as events. Nothing here touches React, the network
// or the form.
//
//   editing --save--> reviewing --confirm--> sending --ok--> editing (rebased onto the answer)
//   sending --412--> merging --no conflicts--> reviewing | --conflicts--> resolvingConflicts --resolve--> reviewing
//   sending --no answer--> checkingOutcome --applied--> editing | --not applied--> editing (problem)
//                                          --changed elsewhere--> merging
//   editing --mergeNow / restored draft on an older base--> merging

export type Phase = 'editing' | 'reviewing' | 'sending' | 'checkingOutcome' | 'merging' | 'resolvingConflicts';

/** What a finished merge leads to: the review again (a save from the form, "Merge now"), nothing but a
 * message (a one-field action such as delete), or the restored-draft banner (a reload). */
export type AfterMerge = 'review' | 'action' | 'restore';

export interface MergeOutcome {
  /** Fields left edited on the new base. */
  kept: ProjectField[];
  note?: string;
}

export interface PendingMerge {
  base: Project;
  mine: ProjectFormValues;
  theirs: ProjectSnapshot;
  conflicts: MergeConflict[];
  takenFromServer: ProjectField[];
  after: AfterMerge;
}

export type SaveDialog =
  | { kind: 'review'; base: Project; values: ProjectFormValues; note?: string }
  | { kind: 'conflicts'; pending: PendingMerge };

/** A PATCH on its way (or whose answer is being checked). */
interface Sending {
  before: ProjectSnapshot;
  patch: ProjectPatch;
  sent: SentChange;
  /** From the review (true) or a one-field action (false). */
  fromForm: boolean;
  /** The error of a send whose outcome is being checked. */
  error?: ApiError;
}

/** A merge being computed: the merge code loads on first use, and the server's version may need a read. */
interface Merging {
  base: Project;
  mine: ProjectFormValues;
  /** Unknown while it is being read (a 412 without a body, "Merge now"). */
  theirs: ProjectSnapshot | null;
  after: AfterMerge;
  takenFromServer: ProjectField[];
  /** A restored draft: what the form gets if the merge code cannot load. */
  fallback?: ProjectFormValues;
}

export interface SaveState {
  phase: Phase;
  /** The server version the form is based on; its ETag goes out as If-Match. */
  snapshot: ProjectSnapshot;
  baseValues: ProjectFormValues;
  /** Bumped on every new base: a background read that raced with it is stale. */
  generation: number;
  dialog: SaveDialog | null;
  problem: SaveProblem | null;
  notice: string | null;
  /** A newer server version seen while the form has edits ("changed elsewhere", "Merge now"). */
  remote: ProjectSnapshot | null;
  readOnly: boolean;
  /** "Restored N unsaved changes" after a reload. */
  restored: MergeOutcome | null;
  /** Fields a "Revert this save" draft put back: the save sending them is recorded as a revert. */
  revertFields: readonly ProjectField[] | null;
  /** The stored draft has been read back: from now on the form's edits may be written to storage. */
  draftReady: boolean;
  sending: Sending | null;
  merging: Merging | null;
}

export type SaveEvent =
  /** Save pressed and the form valid: `values` are the form's values now. */
  | { type: 'save'; values: ProjectFormValues }
  /** Save pressed with values that need fixing. */
  | { type: 'invalid'; sections: SectionId[] }
  | { type: 'confirm' }
  /** Closes the dialog (review, or conflicts left for later). */
  | { type: 'back' }
  /** A one-field action (delete, restore): PATCH exactly this now; other edits stay unsaved. */
  | { type: 'saveFields'; patch: ProjectPatch; values: ProjectFormValues }
  | { type: 'sent'; next: ProjectSnapshot; current: ProjectFormValues }
  | { type: 'sendFailed'; error: unknown; current: ProjectFormValues }
  /** The settled re-read after a lost answer. */
  | { type: 'reread'; after: ProjectSnapshot; current: ProjectFormValues }
  | { type: 'rereadFailed'; error: unknown }
  /** A plain read of the server's version (412 without a body, "Merge now"). */
  | { type: 'read'; theirs: ProjectSnapshot; current: ProjectFormValues }
  | { type: 'readFailed'; error: unknown; current: ProjectFormValues }
  | { type: 'merged'; values: ProjectFormValues; conflicts: MergeConflict[]; takenFromServer: ProjectField[] }
  | { type: 'mergeFailed'; error: unknown }
  | { type: 'resolve'; choices: Record<string, Choice> }
  /** Conflicts resolved: the merged values. */
  | { type: 'resolved'; values: ProjectFormValues }
  | { type: 'discardMine' }
  | { type: 'mergeNow' }
  /** The background check saw another version on the server. */
  | { type: 'remoteSeen'; next: ProjectSnapshot; current: ProjectFormValues }
  | { type: 'discard' }
  | { type: 'markRevert'; fields: readonly ProjectField[] }
  /** The draft stored before a reload (null: none). */
  | { type: 'draftLoaded'; draft: RestoredDraft | null }
  | { type: 'dismissProblem' }
  | { type: 'clearNotice' }
  | { type: 'dismissRestored' };

export type SaveEffect =
  | { type: 'send'; patch: ProjectPatch; etag: string; revert: boolean }
  /** GET the project -> read / readFailed. */
  | { type: 'read' }
  /** GET the project once no write is pending on the admin server -> reread / rereadFailed. */
  | { type: 'readSettled' }
  /** Three-way merge (the merge code loads on demand) -> merged / mergeFailed. */
  | { type: 'merge'; base: Project; mine: ProjectFormValues; theirs: Project }
  /** The merge with the user's choices -> resolved / mergeFailed. */
  | {
      type: 'mergeWithChoices';
      base: Project;
      mine: ProjectFormValues;
      theirs: Project;
      choices: Record<string, Choice>;
    }
  /** A new base: the form is reset to `baseValues` with the `kept` fields of `values` edited on top. */
  | {
      type: 'adopt';
      snapshot: ProjectSnapshot;
      baseValues: ProjectFormValues;
      values: ProjectFormValues;
      kept: ProjectField[];
    }
  /** Back to the base (Discard). */
  | { type: 'resetForm'; values: ProjectFormValues }
  /** Server messages placed at their fields. */
  | { type: 'fieldErrors'; issues: SectionIssue[] }
  /** The send started by `saveFields` (or `confirm`) is over: true when it was saved. */
  | { type: 'settled'; ok: boolean };

export interface Transition {
  state: SaveState;
  effects: SaveEffect[];
}

const NOT_APPLIED =
  'The project read back from Cekura does not have the change: it did not reach it (or has not yet). Saving again is safe: a save that lands meanwhile shows up as a merge, never twice.';

/** The save landed, but the admin server could not write its history row (X-History-Recorded: false). */
export const HISTORY_NOT_RECORDED = 'Saved, but the history could not record it.';
export const NOTHING_LEFT = 'Nothing left to save: the project already holds these values.';
export const MINE_DISCARDED = 'Loaded the latest version; your edits were discarded.';

export const savedMessage = (count: number) => (count === 1 ? 'Saved 1 change.' : `Saved ${count} changes.`);

export function mergeNote(taken: readonly ProjectField[]): string | undefined {
  return taken.length
    ? `Merged with changes made elsewhere: ${taken.map((field) => PROJECT_FIELDS[field].label).join(', ')}.`
    : undefined;
}

const CHANGED_ELSEWHERE: SaveProblem = {
  kind: 'error',
  title: 'Not saved: the project changed elsewhere.',
  messages: ['The latest version is loaded now and your edits are kept. Try again.'],
  sections: [],
};

export function initialSaveState(snapshot: ProjectSnapshot): SaveState {
  return {
    phase: 'editing',
    snapshot,
    baseValues: toFormValues(snapshot.project),
    generation: 0,
    dialog: null,
    problem: null,
    notice: null,
    remote: null,
    readOnly: false,
    restored: null,
    revertFields: null,
    draftReady: false,
    sending: null,
    merging: null,
  };
}

/** True while a save, its check or a merge is under way (the save bar's buttons wait). */
export const isBusy = (state: SaveState) =>
  state.phase === 'sending' ||
  state.phase === 'checkingOutcome' ||
  (state.phase === 'merging' && state.merging?.after !== 'restore');

const edited = (baseValues: ProjectFormValues, values: ProjectFormValues) =>
  PROJECT_FIELD_NAMES.filter((field) => isFieldDirty(field, baseValues, values));

/** `next` becomes the base, `values` stay on top of it where they differ. */
function adopt(
  state: SaveState,
  next: ProjectSnapshot,
  values: ProjectFormValues,
): { state: SaveState; effect: SaveEffect; kept: ProjectField[]; onTop: ProjectFormValues } {
  const baseValues = toFormValues(next.project);
  const kept = edited(baseValues, values);
  const onTop = { ...baseValues } as Record<ProjectField, unknown>;
  for (const field of kept) onTop[field] = values[field];
  return {
    state: { ...state, snapshot: next, baseValues, generation: state.generation + 1 },
    effect: { type: 'adopt', snapshot: next, baseValues, values, kept },
    kept,
    onTop: onTop as ProjectFormValues,
  };
}

const idle = (state: SaveState): SaveState => ({
  ...state,
  phase: 'editing',
  dialog: null,
  sending: null,
  merging: null,
});

/** The current project a 412 carries (with its ETag), if it carries one. */
function theirsOf412(error: ApiError): ProjectSnapshot | null {
  const body = error.body as { project?: unknown } | null;
  if (!body || typeof body !== 'object' || !body.project || !error.etag) return null;
  try {
    return { ...readProject(body.project), etag: error.etag };
  } catch {
    return null; // unreadable: the project is read again instead
  }
}

/** The server moved since `before`: merge `mine` (the form now) onto `theirs`. */
function mergeOnto(
  state: SaveState,
  before: ProjectSnapshot,
  theirs: ProjectSnapshot,
  mine: ProjectFormValues,
  fromForm: boolean,
): Transition {
  const merging: Merging = {
    base: before.project,
    mine: structuredClone(mine),
    theirs,
    after: fromForm ? 'review' : 'action',
    takenFromServer: [],
  };
  return {
    state: {
      ...state,
      phase: 'merging',
      dialog: null,
      sending: null,
      merging,
      problem: fromForm ? null : state.problem,
    },
    // The send is over (not saved): the review opens again, or the action is asked for again.
    effects: [
      { type: 'merge', base: merging.base, mine: merging.mine, theirs: theirs.project },
      { type: 'settled', ok: false },
    ],
  };
}

/** A merge is done: the result goes onto the server's version, then what the merge was for. */
function finish(state: SaveState, merging: Merging, theirs: ProjectSnapshot, values: ProjectFormValues): Transition {
  const adopted = adopt(state, theirs, values);
  const note = mergeNote(merging.takenFromServer);
  const base: SaveState = { ...idle(adopted.state), remote: null };
  const effects: SaveEffect[] = [adopted.effect];
  if (merging.after === 'restore') {
    return {
      state: { ...base, draftReady: true, restored: adopted.kept.length ? { kept: adopted.kept, note } : null },
      effects,
    };
  }
  if (merging.after === 'action') return { state: base, effects };
  if (!adopted.kept.length) return { state: { ...base, notice: NOTHING_LEFT }, effects };
  return {
    state: {
      ...base,
      phase: 'reviewing',
      dialog: { kind: 'review', base: theirs.project, values: structuredClone(adopted.onTop), note },
    },
    effects,
  };
}

/** The save landed: sent fields take the server's value; edits the server has not received stay. */
function saved(state: SaveState, sending: Sending, next: ProjectSnapshot, current: ProjectFormValues, notice: string) {
  const values = rebaseValues(
    state.baseValues,
    toFormValues(next.project),
    structuredClone(current),
    sending.sent,
  ).values;
  const adopted = adopt(state, next, values);
  const cleared = sending.fromForm ? { restored: null, revertFields: null } : {};
  return {
    state: { ...idle(adopted.state), problem: null, notice, ...cleared },
    effects: [adopted.effect, { type: 'settled', ok: true }] as SaveEffect[],
  };
}

function failed(state: SaveState, problem: SaveProblem | null, extra: SaveEffect[] = []): Transition {
  return {
    state: { ...idle(state), problem: problem ?? state.problem },
    effects: [...extra, { type: 'settled', ok: false }],
  };
}

const same = (state: SaveState): Transition => ({ state, effects: [] });

function startSend(state: SaveState, patch: ProjectPatch, values: ProjectFormValues, fromForm: boolean): Transition {
  const fields = Object.keys(patch) as ProjectField[];
  if (!fields.length) {
    const cleared = fromForm ? { restored: null, revertFields: null } : {};
    return { state: { ...idle(state), ...cleared }, effects: [{ type: 'settled', ok: true }] };
  }
  const revert = fromForm && !!state.revertFields?.some((field) => fields.includes(field));
  return {
    state: {
      ...state,
      phase: 'sending',
      dialog: null,
      notice: null,
      sending: { before: state.snapshot, patch, sent: { fields, values }, fromForm },
    },
    effects: [{ type: 'send', patch, etag: state.snapshot.etag, revert }],
  };
}

export function transition(state: SaveState, event: SaveEvent): Transition {
  const { phase } = state;
  switch (event.type) {
    case 'save':
      if (phase !== 'editing') return same(state);
      // A new attempt that passes validation replaces the last one's message (a failed send sets a new one).
      return same({
        ...state,
        phase: 'reviewing',
        problem: null,
        dialog: { kind: 'review', base: state.snapshot.project, values: structuredClone(event.values) },
      });
    case 'invalid':
      if (phase !== 'editing') return same(state);
      return same({
        ...state,
        problem: {
          kind: 'error',
          title: 'Not saved: some values need fixing.',
          messages: ['The messages are shown at the fields.'],
          sections: event.sections,
        },
      });
    case 'confirm': {
      // Sends exactly what was reviewed.
      if (phase !== 'reviewing' || state.dialog?.kind !== 'review') return same(state);
      const { base, values } = state.dialog;
      return startSend(state, buildPatch(base, values), values, true);
    }
    case 'saveFields':
      if (phase !== 'editing') return { state, effects: [{ type: 'settled', ok: false }] };
      return startSend(state, event.patch, structuredClone(event.values), false);
    case 'back':
      if (phase === 'reviewing') return same(idle(state));
      if (phase === 'resolvingConflicts' && state.dialog?.kind === 'conflicts') {
        // Unresolved conflicts leave the draft on its old base, with the banner to merge later.
        return same({ ...idle(state), remote: state.dialog.pending.theirs });
      }
      return same(state);
    case 'sent': {
      if (phase !== 'sending' || !state.sending) return same(state);
      const notice =
        event.next.historyRecorded === false ? HISTORY_NOT_RECORDED : savedMessage(state.sending.sent.fields.length);
      return saved(state, state.sending, event.next, event.current, notice);
    }
    case 'sendFailed': {
      const sending = state.sending;
      if (phase !== 'sending' || !sending) return same(state);
      const { error } = event;
      if (error instanceof ApiError && error.status === 412) {
        const theirs = theirsOf412(error);
        if (theirs) return mergeOnto(state, sending.before, theirs, event.current, sending.fromForm);
        // No current project in the answer: read it, then merge.
        return {
          state: {
            ...state,
            phase: 'merging',
            merging: {
              base: sending.before.project,
              mine: structuredClone(event.current),
              theirs: null,
              after: sending.fromForm ? 'review' : 'action',
              takenFromServer: [],
            },
          },
          effects: [{ type: 'read' }, { type: 'settled', ok: false }],
        };
      }
      if (error instanceof ApiError && isUnknownOutcome(error)) {
        return {
          state: { ...state, phase: 'checkingOutcome', sending: { ...sending, error } },
          effects: [{ type: 'readSettled' }],
        };
      }
      const failure = describeSaveFailure(error);
      return failed({ ...state, readOnly: state.readOnly || failure.readOnly }, failure.problem, [
        { type: 'fieldErrors', issues: sortIssues(failure.fieldIssues) },
      ]);
    }
    case 'reread': {
      const sending = state.sending;
      if (phase !== 'checkingOutcome' || !sending) return same(state);
      if (event.after.writePending) return transition(state, { type: 'rereadFailed', error: null });
      const { before, patch, sent } = sending;
      const outcome = judgeSaveOutcome(before, event.after, {
        fields: sent.fields,
        values: intendedValues(before, patch, sent.values),
      });
      if (outcome === 'applied')
        return saved(state, sending, event.after, event.current, savedMessage(sent.fields.length));
      const failure = describeSaveFailure(sending.error).problem;
      if (outcome === 'not-applied')
        return failed(
          state,
          failure.kind === 'error' ? { ...failure, messages: [NOT_APPLIED, 'Your edits are kept.'] } : null,
        );
      return mergeOnto(state, before, event.after, event.current, sending.fromForm);
    }
    case 'rereadFailed': {
      if (phase !== 'checkingOutcome' || !state.sending) return same(state);
      // The usual wording for the lost answer, saying the save may not have finished.
      const failure = describeSaveFailure(state.sending.error).problem;
      return failed(
        state,
        failure.kind === 'error'
          ? { ...failure, title: failure.title.replace(/^Not saved/, 'Saving may not have finished') }
          : null,
      );
    }
    case 'read': {
      const merging = state.merging;
      if (phase !== 'merging' || !merging || merging.theirs) return same(state);
      if (merging.after === 'review' && !state.sending && event.theirs.etag === state.snapshot.etag) {
        // "Merge now" found the form's own base: nothing to merge.
        return same({ ...idle(state), remote: null });
      }
      const before = state.sending?.before ?? state.snapshot;
      return mergeOnto({ ...state, remote: null }, before, event.theirs, event.current, merging.after === 'review');
    }
    case 'readFailed': {
      const merging = state.merging;
      if (phase !== 'merging' || !merging || merging.theirs) return same(state);
      if (!state.sending && state.remote) {
        // "Merge now" offline: the version last seen will do.
        return transition(state, { type: 'read', theirs: state.remote, current: event.current });
      }
      if (!state.sending) return same(idle(state));
      return failed(state, describeSaveFailure(event.error).problem);
    }
    case 'merged': {
      const merging = state.merging;
      if (phase !== 'merging' || !merging?.theirs) return same(state);
      const withTaken = { ...merging, takenFromServer: event.takenFromServer };
      // A one-field action is asked for again once the form holds the merge.
      const problem = merging.after === 'action' ? CHANGED_ELSEWHERE : state.problem;
      if (!event.conflicts.length) return finish({ ...state, problem }, withTaken, merging.theirs, event.values);
      const pending: PendingMerge = {
        base: merging.base,
        mine: merging.mine,
        theirs: merging.theirs,
        conflicts: event.conflicts,
        takenFromServer: event.takenFromServer,
        after: merging.after,
      };
      return {
        state: {
          ...state,
          phase: 'resolvingConflicts',
          problem,
          merging: withTaken,
          dialog: { kind: 'conflicts', pending },
        },
        effects: [],
      };
    }
    case 'mergeFailed': {
      const merging = state.merging;
      if ((phase !== 'merging' && phase !== 'resolvingConflicts') || !merging) return same(state);
      if (merging.after === 'restore' && merging.fallback && merging.theirs) {
        // The merge code did not load: the stored edits go on top of the current version.
        const adopted = adopt(state, merging.theirs, merging.fallback);
        return {
          state: {
            ...idle(adopted.state),
            draftReady: true,
            restored: adopted.kept.length ? { kept: adopted.kept } : null,
          },
          effects: [adopted.effect],
        };
      }
      return failed(state, describeSaveFailure(event.error).problem);
    }
    case 'resolve': {
      if (phase !== 'resolvingConflicts' || state.dialog?.kind !== 'conflicts') return same(state);
      const { base, mine, theirs } = state.dialog.pending;
      return {
        state: { ...state, phase: 'merging' },
        effects: [{ type: 'mergeWithChoices', base, mine, theirs: theirs.project, choices: event.choices }],
      };
    }
    case 'resolved': {
      const merging = state.merging;
      if (phase !== 'merging' || !merging?.theirs || state.dialog?.kind !== 'conflicts') return same(state);
      return finish(state, merging, merging.theirs, event.values);
    }
    case 'discardMine': {
      // The escape: drop the draft, take the server's version.
      if (phase !== 'resolvingConflicts' || state.dialog?.kind !== 'conflicts') return same(state);
      const { theirs, after } = state.dialog.pending;
      const adopted = adopt(state, theirs, toFormValues(theirs.project));
      return {
        state: {
          ...idle(adopted.state),
          remote: null,
          notice: MINE_DISCARDED,
          ...(after === 'restore' ? { draftReady: true, restored: null } : {}),
        },
        effects: [adopted.effect],
      };
    }
    case 'mergeNow':
      // The same merge as after a 412, against the server's version as of now.
      if (phase !== 'editing') return same(state);
      return {
        state: {
          ...state,
          phase: 'merging',
          merging: {
            base: state.snapshot.project,
            mine: state.baseValues,
            theirs: null,
            after: 'review',
            takenFromServer: [],
          },
        },
        effects: [{ type: 'read' }],
      };
    case 'remoteSeen': {
      if (phase !== 'editing' || event.next.etag === state.snapshot.etag) return same(state);
      if (edited(state.baseValues, event.current).length) return same({ ...state, remote: event.next });
      // Nothing to lose: take it silently.
      const adopted = adopt(state, event.next, toFormValues(event.next.project));
      return { state: adopted.state, effects: [adopted.effect] };
    }
    case 'discard': {
      if (phase !== 'editing') return same(state);
      const cleared = { remote: null, problem: null, restored: null, revertFields: null };
      // A newer version seen meanwhile is taken now: with no edits there is nothing to merge.
      if (state.remote) {
        const adopted = adopt(state, state.remote, toFormValues(state.remote.project));
        return { state: { ...adopted.state, ...cleared }, effects: [adopted.effect] };
      }
      return { state: { ...state, ...cleared }, effects: [{ type: 'resetForm', values: state.baseValues }] };
    }
    case 'markRevert':
      return same({ ...state, revertFields: [...event.fields] });
    case 'draftLoaded': {
      if (state.draftReady || state.merging?.after === 'restore') return same(state);
      const { draft } = event;
      if (!draft) return same({ ...state, draftReady: true });
      // The stored edits on top of the current version (what a merge gives if no one else wrote).
      const onTop = { ...state.baseValues, ...draft.values } as ProjectFormValues;
      if (phase !== 'editing') return same({ ...state, draftReady: true });
      if (draft.base.etag === state.snapshot.etag) {
        const adopted = adopt(state, state.snapshot, onTop);
        return {
          state: { ...adopted.state, draftReady: true, restored: adopted.kept.length ? { kept: adopted.kept } : null },
          effects: [adopted.effect],
        };
      }
      const mine = { ...toFormValues(draft.base.project), ...draft.values } as ProjectFormValues;
      return {
        state: {
          ...state,
          phase: 'merging',
          merging: {
            base: draft.base.project,
            mine,
            theirs: state.snapshot,
            after: 'restore',
            takenFromServer: [],
            fallback: onTop,
          },
        },
        effects: [{ type: 'merge', base: draft.base.project, mine, theirs: state.snapshot.project }],
      };
    }
    case 'dismissProblem':
      return same({ ...state, problem: null });
    case 'clearNotice':
      return same({ ...state, notice: null });
    case 'dismissRestored':
      return same({ ...state, restored: null });
  }
}

/** What the controller needs from the outside world; the hook provides it, tests provide fakes. */
export interface SaveEffects {
  send(patch: ProjectPatch, etag: string, revert: boolean): Promise<ProjectSnapshot>;
  read(): Promise<ProjectSnapshot>;
  readSettled(): Promise<ProjectSnapshot>;
  loadMerge(): Promise<typeof import('../../shared/merge/merge')>;
  /** The form's values now (a copy). */
  formValues(): ProjectFormValues;
  adopt(effect: Extract<SaveEffect, { type: 'adopt' }>): void;
  resetForm(values: ProjectFormValues): void;
  fieldErrors(issues: SectionIssue[]): void;
}

export interface SaveController {
  getState(): SaveState;
  subscribe(listener: () => void): () => void;
  dispatch(event: SaveEvent): void;
  /** Dispatches an event that starts a send; resolves true once it is saved, false otherwise. */
  dispatchSend(event: Extract<SaveEvent, { type: 'confirm' | 'saveFields' }>): Promise<boolean>;
}

/** The machine with its effects run: the only place a transition's effects are carried out. */
export function createSaveController(initial: SaveState, io: SaveEffects): SaveController {
  let state = initial;
  const listeners = new Set<() => void>();
  let waiting: ((ok: boolean) => void)[] = [];

  /** An asynchronous effect: its answer (or its failure) comes back as an event. */
  const answer = (work: () => Promise<SaveEvent>, onError: (error: unknown) => SaveEvent) =>
    void work().catch(onError).then(dispatch);

  const run = (effect: SaveEffect) => {
    switch (effect.type) {
      case 'send':
        answer(
          async () => ({
            type: 'sent',
            next: await io.send(effect.patch, effect.etag, effect.revert),
            current: io.formValues(),
          }),
          (error) => ({ type: 'sendFailed', error, current: io.formValues() }),
        );
        return;
      case 'read':
        answer(
          async () => ({ type: 'read', theirs: await io.read(), current: io.formValues() }),
          (error) => ({ type: 'readFailed', error, current: io.formValues() }),
        );
        return;
      case 'readSettled':
        answer(
          async () => ({ type: 'reread', after: await io.readSettled(), current: io.formValues() }),
          (error) => ({ type: 'rereadFailed', error }),
        );
        return;
      case 'merge':
        answer(
          async () => ({
            type: 'merged',
            ...(await io.loadMerge()).mergeThreeWay(effect.base, effect.mine, effect.theirs),
          }),
          (error) => ({ type: 'mergeFailed', error }),
        );
        return;
      case 'mergeWithChoices':
        answer(
          async () => ({
            type: 'resolved',
            values: (await io.loadMerge()).mergeWithChoices(effect.base, effect.mine, effect.theirs, effect.choices)
              .values,
          }),
          (error) => ({ type: 'mergeFailed', error }),
        );
        return;
      case 'adopt':
        io.adopt(effect);
        return;
      case 'resetForm':
        io.resetForm(effect.values);
        return;
      case 'fieldErrors':
        io.fieldErrors(effect.issues);
        return;
      case 'settled': {
        const resolve = waiting;
        waiting = [];
        for (const done of resolve) done(effect.ok);
        return;
      }
    }
  };

  function dispatch(event: SaveEvent) {
    const next = transition(state, event);
    state = next.state;
    for (const effect of next.effects) run(effect);
    for (const listener of listeners) listener();
  }

  return {
    getState: () => state,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    dispatch,
    dispatchSend(event) {
      return new Promise<boolean>((resolve) => {
        waiting.push(resolve);
        dispatch(event);
      });
    },
  };
}

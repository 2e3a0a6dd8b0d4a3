import { useCallback, useMemo, useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { FormProvider, useForm } from 'react-hook-form';
import { Outlet } from 'react-router';
import { toFormValues, type ProjectFormValues } from '../../shared/form';
import { PROJECT_FIELD_NAMES } from '../../shared/schemas/project';
import { isFieldDirty } from '../../shared/patch';
import type { ProjectSnapshot } from '../api/projects';
import { ProjectContext, type ProjectContextValue } from './project-context';
import { SaveActionsContext, type SaveActions } from './shell-context';
import { projectResolver, type ProjectResolverContext } from './resolver';
import { useSaveController } from './useSaveController';
import { DirtyStateProvider } from './DirtyStateProvider';
import { LeaveGuard } from './LeaveGuard';
import { ProjectFrame } from './ProjectFrame';
import { ProjectBanners, SaveProblems } from './ProjectBanners';
import { SaveBar } from './SaveBar';
import { SavedNotice } from './SavedNotice';
import { MergeBanners } from './MergeBanners';
import { SaveDialogs } from './SaveDialogs';
import { UndoProvider, useUndoState } from './UndoNotice';

/** The one form of a project. It sits above the section routes, so edits survive moving between sections. */
export function ProjectForm({
  projectId,
  snapshot: loaded,
  mode,
}: {
  projectId: number;
  snapshot: ProjectSnapshot;
  mode: 'emulator' | 'live';
}) {
  const queryClient = useQueryClient();
  // The resolver's context (react-hook-form keeps the object): the save controller moves its base.
  const [resolverContext] = useState<ProjectResolverContext>(() => ({
    projectId,
    base: loaded.project,
    baseValues: toFormValues(loaded.project),
    queryClient,
  }));
  const form = useForm<ProjectFormValues, ProjectResolverContext>({
    defaultValues: resolverContext.baseValues,
    resolver: projectResolver,
    context: resolverContext,
    mode: 'onChange',
  });
  const saver = useSaveController(projectId, loaded, form, resolverContext);
  // The save controller owns the base from now on (a save or merge moves it).
  const { snapshot, baseValues } = saver.state;
  const { save, saveFields, markRevert, saving } = saver;
  const { readOnly } = saver.state;
  const undo = useUndoState();
  const { offer: offerUndo } = undo;
  const discardNow = saver.discard;
  /** Discard at once, with Undo: the draft as it was goes back on top of whatever base is current then. */
  const discard = useCallback(() => {
    const before = structuredClone(form.getValues());
    const base = form.formState.defaultValues as ProjectFormValues;
    const fields = PROJECT_FIELD_NAMES.filter((field) => isFieldDirty(field, base, before));
    discardNow();
    if (!fields.length) return;
    offerUndo({
      message: fields.length === 1 ? 'Discarded 1 change.' : `Discarded ${fields.length} changes.`,
      undo: () => {
        for (const field of fields) form.setValue(field, before[field] as never, { shouldDirty: true });
        void form.trigger(fields);
      },
    });
  }, [discardNow, form, offerUndo]);

  const context = useMemo<ProjectContextValue>(
    () => ({ projectId, project: snapshot.project, etag: snapshot.etag, notes: snapshot.notes, readOnly, mode }),
    [projectId, snapshot, readOnly, mode],
  );
  const actions = useMemo<SaveActions>(
    () => ({ save, discard, saveFields, markRevert, saving, readOnly }),
    [save, discard, saveFields, markRevert, saving, readOnly],
  );
  const problems = (
    <SaveProblems
      problem={saver.state.problem}
      changedElsewhere={saver.state.remote !== null}
      onReload={() => void saver.mergeNow()}
      onMergeNow={() => void saver.mergeNow()}
      onDismiss={saver.dismissProblem}
      busy={saving}
    />
  );
  const name =
    typeof snapshot.project.name === 'string' && snapshot.project.name ? snapshot.project.name : `Project ${projectId}`;

  return (
    <FormProvider {...form}>
      <ProjectContext.Provider value={context}>
        <SaveActionsContext.Provider value={actions}>
          <UndoProvider state={undo}>
            <DirtyStateProvider baseValues={baseValues}>
              <LeaveGuard projectId={projectId}>
                <ProjectFrame projectId={projectId} title={name} footer={<SaveBar problems={problems} />}>
                  <ProjectBanners />
                  <MergeBanners
                    restored={saver.state.restored}
                    onDiscardRestored={discard}
                    onDismissRestored={saver.dismissRestored}
                  />
                  <Outlet />
                </ProjectFrame>
                <SavedNotice message={saver.state.notice} onClose={saver.clearNotice} />
                <SaveDialogs
                  projectId={projectId}
                  dialog={saver.state.dialog}
                  onConfirm={saver.confirm}
                  onBack={saver.back}
                  onResolve={saver.resolve}
                  onDiscardMine={saver.discardMine}
                />
              </LeaveGuard>
            </DirtyStateProvider>
          </UndoProvider>
        </SaveActionsContext.Provider>
      </ProjectContext.Provider>
    </FormProvider>
  );
}

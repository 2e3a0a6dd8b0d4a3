import { useMemo } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { FormProvider, useForm } from 'react-hook-form';
import { Outlet } from 'react-router';
import { toFormValues, type ProjectFormValues } from '../../shared/form';
import type { ProjectSnapshot } from '../api/projects';
import { ProjectContext, type ProjectContextValue } from './project-context';
import { SaveActionsContext, type SaveActions } from './shell-context';
import { projectResolver, type ProjectResolverContext } from './resolver';
import { useProjectSave } from './useProjectSave';
import { DirtyStateProvider } from './DirtyStateProvider';
import { LeaveGuard } from './LeaveGuard';
import { ProjectFrame } from './ProjectFrame';
import { ProjectBanners } from './ProjectBanners';
import { SaveBar } from './SaveBar';
import { SavedNotice } from './SavedNotice';
import { MergeBanners } from './MergeBanners';
import { SaveDialogs } from './SaveDialogs';

/** The one form of a project. It sits above the section routes, so edits survive moving between sections. */
export function ProjectForm({
  projectId,
  snapshot,
  mode,
}: {
  projectId: number;
  snapshot: ProjectSnapshot;
  mode: 'emulator' | 'live';
}) {
  const queryClient = useQueryClient();
  const baseValues = useMemo(() => toFormValues(snapshot.project), [snapshot]);
  const form = useForm<ProjectFormValues, ProjectResolverContext>({
    defaultValues: baseValues,
    resolver: projectResolver,
    context: { projectId, base: snapshot.project, baseValues, queryClient },
    mode: 'onChange',
  });
  const saver = useProjectSave(projectId, snapshot, baseValues, form);
  const { save, discard, saveFields, markRevert, saving, readOnly } = saver;

  const context = useMemo<ProjectContextValue>(
    () => ({ projectId, project: snapshot.project, etag: snapshot.etag, notes: snapshot.notes, readOnly, mode }),
    [projectId, snapshot, readOnly, mode],
  );
  const actions = useMemo<SaveActions>(
    () => ({ save, discard, saveFields, markRevert, saving, readOnly }),
    [save, discard, saveFields, markRevert, saving, readOnly],
  );
  const name =
    typeof snapshot.project.name === 'string' && snapshot.project.name ? snapshot.project.name : `Project ${projectId}`;

  return (
    <FormProvider {...form}>
      <ProjectContext.Provider value={context}>
        <SaveActionsContext.Provider value={actions}>
          <DirtyStateProvider baseValues={baseValues}>
            <LeaveGuard projectId={projectId}>
              <ProjectFrame projectId={projectId} title={name} footer={<SaveBar />}>
                <ProjectBanners
                  problem={saver.problem}
                  onReload={() => void saver.mergeNow()}
                  onDismiss={saver.dismissProblem}
                />
                <MergeBanners
                  changedElsewhere={saver.merge.remote !== null}
                  onMergeNow={() => void saver.mergeNow()}
                  restored={saver.restored}
                  onDiscardRestored={discard}
                  onDismissRestored={saver.dismissRestored}
                  busy={saving}
                />
                <Outlet />
              </ProjectFrame>
              <SavedNotice message={saver.notice} onClose={saver.clearNotice} />
              <SaveDialogs
                projectId={projectId}
                dialog={saver.merge.dialog}
                onConfirm={saver.confirm}
                onBack={saver.merge.back}
                onResolve={(choices) => void saver.merge.resolve(choices)}
                onDiscardMine={saver.merge.discardMine}
              />
            </LeaveGuard>
          </DirtyStateProvider>
        </SaveActionsContext.Provider>
      </ProjectContext.Provider>
    </FormProvider>
  );
}

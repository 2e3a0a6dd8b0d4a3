import { useCallback } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { useFormContext } from 'react-hook-form';
import type { ProjectFormValues, SecretEdit } from '../../shared/form';
import type { ProjectField } from '../../shared/schemas/project';
import { applySettingsToDraft } from '../../shared/transfer';
import { metricCatalogQuery } from '../api/metrics';
import { changedFields, rulesWithUnknownMetrics } from './transfer-logic';

export interface DraftChange {
  /** Fields whose value the import or copy changed in the form. */
  changed: ProjectField[];
  /** Rules of the new rubric naming metrics this project lacks; null when the metrics could not be loaded. */
  unknownMetricRules: number | null;
}

/**
 * Puts settings into the form as unsaved edits (never a save): they show in their sections, count in the
 * save bar and go through the review and If-Match like any edit.
 */
export function useApplyDraft(projectId: number) {
  const form = useFormContext<ProjectFormValues>();
  const queryClient = useQueryClient();
  return useCallback(
    async (settings: Partial<Record<ProjectField, unknown>>, webhookSecret?: SecretEdit): Promise<DraftChange> => {
      // The metrics first: with them cached, the rubric's own validator flags unknown metrics right away.
      const catalog =
        'rubric_config' in settings
          ? await queryClient.fetchQuery(metricCatalogQuery(projectId)).catch(() => null)
          : null;
      const before = form.getValues();
      const draft = applySettingsToDraft(before, settings);
      // A secret is never taken from elsewhere: only a new one the user typed, or a clear (decision 32).
      if (webhookSecret) draft.webhook_secret = webhookSecret;
      const changed = changedFields(before, draft);
      for (const field of changed) form.setValue(field, draft[field] as never, { shouldDirty: true });
      if (changed.length) void form.trigger(changed);
      const unknownMetricRules = !changed.includes('rubric_config')
        ? 0
        : catalog
          ? rulesWithUnknownMetrics(draft.rubric_config, catalog.byId)
          : null;
      return { changed, unknownMetricRules };
    },
    [form, projectId, queryClient],
  );
}

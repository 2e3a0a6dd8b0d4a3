import { useCallback, useState, type ReactNode } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { useFormContext } from 'react-hook-form';
import type { ProjectFormValues, SecretEdit } from '../../shared/form';
import {
  combineRubric,
  describeMappingLine,
  initialDecisions,
  isIdentity,
  mappingLines,
  matchRefs,
  REF_FIELDS,
  REF_KINDS,
  referencedIds,
  rowKey,
  rulesLost,
  translateSettings,
  type Decisions,
  type MappingRow,
  type RefCatalog,
  type RefKind,
  type Settings,
} from '../../shared/id-mapping';
import { canonicalJson, rulesOf } from '../../shared/schemas/rubric';
import { describeRule } from '../../shared/rubric/describe';
import { fetchRefCatalog } from '../api/ref-catalog';
import { metricCatalogQuery } from '../api/metrics';
import { secretStatus } from '../components/secret-status';
import { setMappingNote } from '../review/mapping-note';
import { useProjectContext } from '../settings/project-context';
import { MappingDialog, type MappingAnswer, type MappingStep } from './MappingDialog';
import { useApplyDraft } from './useApplyDraft';
import type { DraftOutcome } from './DraftNotice';

const REF_FIELDS_LIST: string[] = Object.values(REF_FIELDS);

/** Settings arriving from a file or another project, before their ids are translated. */
export interface Incoming {
  settings: Settings;
  /** How the mapping step names the origin: `"Bolt Sales Outbound"`, `the file x.json`. */
  sourceLabel: string;
  /** The notice's title once applied. */
  title: string;
  /** The origin's items by name: given (a version 2 file), none (version 1), or read for the kinds needed. */
  sourceRefs: RefCatalog | null | ((kinds: RefKind[]) => Promise<RefCatalog>);
}

interface Pending {
  incoming: Incoming;
  step: MappingStep;
  lost(decisions: Decisions): string[];
}

/**
 * The way settings from elsewhere become unsaved changes: ids translated by name into this project's items
 * (decision 32), the webhook URL and the rubric's add-or-replace asked, then applied to the form, with what
 * was translated kept for the review. `start` rejects when this project's items cannot be read.
 */
export function useTransfer(onApplied: (outcome: DraftOutcome) => void): {
  start(incoming: Incoming): Promise<void>;
  dialog: ReactNode;
} {
  const { projectId, project } = useProjectContext();
  const queryClient = useQueryClient();
  const form = useFormContext<ProjectFormValues>();
  const apply = useApplyDraft(projectId);
  const [pending, setPending] = useState<(Pending & { rows: MappingRow[] }) | null>(null);

  const finish = useCallback(
    async (incoming: Incoming, step: MappingStep, answer: MappingAnswer) => {
      const values = form.getValues();
      const settings = translateSettings(incoming.settings, step.rows, answer.decisions);
      const lines = mappingLines(
        step.rows.filter((row) => answer.decisions[rowKey(row)] !== row.id),
        answer.decisions,
        step.target,
      ).map(describeMappingLine);
      let secret: SecretEdit | undefined;
      if (step.webhook && answer.webhook) {
        const { choice } = answer.webhook;
        if (choice === 'keep') {
          delete settings.webhook_url;
          lines.push(`Webhook URL: this project's URL kept; its secret stays as it is.`);
        } else if (choice === 'take-new-secret') {
          secret = { mode: 'replace', value: answer.webhook.secret ?? '' };
          lines.push('Webhook URL: the new URL taken, with a new secret.');
        } else {
          secret = { mode: 'clear' };
          lines.push('Webhook URL: the new URL taken, the secret cleared.');
        }
      }
      if (step.rubric && answer.rubricMode && 'rubric_config' in settings) {
        settings.rubric_config = combineRubric(values.rubric_config, settings.rubric_config, answer.rubricMode);
        lines.push(
          answer.rubricMode === 'add'
            ? "Rubric: the rules added to this project's rubric."
            : `Rubric: replaced (${rulesLost(values.rubric_config, settings.rubric_config).length} rules of this project removed).`,
        );
      }
      const change = await apply(settings, secret);
      const fields = [...REF_FIELDS_LIST, ...(secret || step.webhook ? ['webhook_url', 'webhook_secret'] : [])];
      setMappingNote(projectId, lines.length ? { title: `Taken from ${incoming.sourceLabel}`, lines, fields } : null);
      onApplied({ ...change, title: incoming.title, mapping: lines });
    },
    [apply, form, onApplied, projectId],
  );

  const start = useCallback(
    async (incoming: Incoming) => {
      const ids = referencedIds(incoming.settings);
      const kinds = REF_KINDS.filter((kind) => ids[kind].length > 0);
      const [target, source] = await Promise.all([
        fetchRefCatalog(queryClient, projectId, kinds),
        typeof incoming.sourceRefs === 'function' ? incoming.sourceRefs(kinds) : incoming.sourceRefs,
      ]);
      const rows = matchRefs(incoming.settings, source, target);
      const values = form.getValues();
      const step: MappingStep = { sourceLabel: incoming.sourceLabel, rows, target };
      if ('webhook_url' in incoming.settings) {
        const next = String(incoming.settings.webhook_url ?? '');
        if (next !== values.webhook_url)
          step.webhook = {
            current: values.webhook_url,
            incoming: next,
            secretConfigured: secretStatus(project, 'webhook_secret').configured,
          };
      }
      const metrics = kinds.includes('metric')
        ? ((await queryClient.fetchQuery(metricCatalogQuery(projectId)).catch(() => null))?.byId ?? null)
        : null;
      const lost = (decisions: Decisions) => {
        const preview = Object.fromEntries(
          rows.map((row) => [rowKey(row), decisions[rowKey(row)] ?? ('drop' as const)]),
        );
        const translated = translateSettings(incoming.settings, rows, preview).rubric_config;
        return rulesLost(values.rubric_config, translated).map((rule) => describeRule(rule, metrics));
      };
      if (
        'rubric_config' in incoming.settings &&
        rulesOf(values.rubric_config).length > 0 &&
        canonicalJson(values.rubric_config) !== canonicalJson(incoming.settings.rubric_config)
      )
        step.rubric = { lostOnReplace: lost(initialDecisions(rows)) };
      if (isIdentity(rows, initialDecisions(rows)) && !step.webhook && !step.rubric) {
        await finish(incoming, step, { decisions: initialDecisions(rows) });
        return;
      }
      setPending({ incoming, step, lost, rows });
    },
    [finish, form, project, projectId, queryClient],
  );

  const dialog = pending ? (
    <MappingDialog
      step={pending.step}
      lostOnReplace={pending.lost}
      onCancel={() => setPending(null)}
      onApply={(answer) => {
        setPending(null);
        void finish(pending.incoming, pending.step, answer);
      }}
    />
  ) : null;
  return { start, dialog };
}

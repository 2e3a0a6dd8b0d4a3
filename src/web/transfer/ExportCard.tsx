import { useState } from 'react';
import { Button, Typography } from '@mui/material';
import { useQueryClient } from '@tanstack/react-query';
import { exportSettings } from '../../shared/transfer';
import { REF_KINDS, referencedIds } from '../../shared/id-mapping';
import { fetchRefCatalog } from '../api/ref-catalog';
import { requestErrorText } from '../api/error-wording';
import { useProjectContext } from '../settings/project-context';
import { useDirtyState } from '../settings/shell-context';
import { SectionCard } from '../components/SectionCard';
import { downloadText } from './download';
import { exportFileName } from './transfer-logic';

/** Downloads the project's saved settings as a JSON file. */
export function ExportCard() {
  const { project } = useProjectContext();
  const { fields } = useDirtyState();
  const queryClient = useQueryClient();
  const [saved, setSaved] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const onExport = async () => {
    setBusy(true);
    try {
      // The names of the metrics, dashboards and agents the settings name go beside their ids (format 2).
      const ids = referencedIds(exportSettings(project).settings);
      const kinds = REF_KINDS.filter((kind) => ids[kind].length > 0);
      const catalog = await fetchRefCatalog(queryClient, project.id, kinds);
      const file = exportSettings(project, new Date(), catalog);
      const name = exportFileName(file);
      downloadText(`${JSON.stringify(file, null, 2)}\n`, name);
      setSaved(`Downloaded ${name}.`);
    } catch (caught) {
      setSaved(
        `Not exported: the names of this project's metrics, dashboards or agents could not be read. ${requestErrorText(caught)}`,
      );
    } finally {
      setBusy(false);
    }
  };

  return (
    <SectionCard
      title="Export"
      intro="A JSON file with every setting of this project: general options, limits, notifications, the no-calls schedule and the rubric, plus the project's id, name and the export time, and the names (and metric types) of the metrics, dashboards and agents the settings name, so another project can match them by name. Secrets (the webhook secret and provider API keys) are never exported; the name and the deleted flag stay with the project."
    >
      {fields.length > 0 && (
        <Typography variant="body2">
          The file holds the saved settings: your{' '}
          {fields.length === 1 ? 'unsaved change is' : `${fields.length} unsaved changes are`} not included.
        </Typography>
      )}
      <div>
        <Button variant="outlined" onClick={() => void onExport()} disabled={busy}>
          Export settings
        </Button>
      </div>
      <Typography role="status" variant="body2" color="text.secondary">
        {saved ?? ''}
      </Typography>
    </SectionCard>
  );
}

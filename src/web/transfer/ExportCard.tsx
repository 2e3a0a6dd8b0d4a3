import { useState } from 'react';
import { Button, Typography } from '@mui/material';
import { exportSettings } from '../../shared/transfer';
import { useProjectContext } from '../settings/project-context';
import { useDirtyState } from '../settings/shell-context';
import { SectionCard } from '../components/SectionCard';
import { downloadText } from './download';
import { exportFileName } from './transfer-logic';

/** Downloads the project's saved settings as a JSON file. */
export function ExportCard() {
  const { project } = useProjectContext();
  const { fields } = useDirtyState();
  const [saved, setSaved] = useState<string | null>(null);

  const onExport = () => {
    const file = exportSettings(project);
    const name = exportFileName(file);
    downloadText(`${JSON.stringify(file, null, 2)}\n`, name);
    setSaved(name);
  };

  return (
    <SectionCard
      title="Export"
      intro="A JSON file with every setting of this project: general options, limits, notifications, the no-calls schedule and the rubric, plus the project's id, name and the export time. Secrets (the webhook secret and provider API keys) are never exported; the name and the deleted flag stay with the project."
    >
      {fields.length > 0 && (
        <Typography variant="body2">
          The file holds the saved settings: your{' '}
          {fields.length === 1 ? 'unsaved change is' : `${fields.length} unsaved changes are`} not included.
        </Typography>
      )}
      <div>
        <Button variant="outlined" onClick={onExport}>
          Export settings
        </Button>
      </div>
      <Typography role="status" variant="body2" color="text.secondary">
        {saved ? `Downloaded ${saved}.` : ''}
      </Typography>
    </SectionCard>
  );
}

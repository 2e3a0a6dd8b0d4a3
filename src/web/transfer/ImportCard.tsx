import { useRef, useState, type ChangeEvent } from 'react';
import { Alert, AlertTitle, Box, Button, Typography } from '@mui/material';
import { parseSettingsImport } from '../../shared/transfer';
import { requestErrorText } from '../api/error-wording';
import { SectionCard } from '../components/SectionCard';
import type { Incoming } from './useTransfer';

/** Reads an exported settings file into this project's form as unsaved changes, or refuses it whole. */
export function ImportCard({ onIncoming }: { onIncoming(incoming: Incoming): Promise<void> }) {
  const input = useRef<HTMLInputElement>(null);
  const [refused, setRefused] = useState<{ fileName: string; errors: string[] } | null>(null);
  const [busy, setBusy] = useState(false);

  const onFile = async (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    event.target.value = ''; // choosing the same file again reads it again
    if (!file) return;
    setBusy(true);
    try {
      const read = parseSettingsImport(await file.text());
      if (read.errors.length > 0) {
        setRefused({ fileName: file.name, errors: read.errors });
        return;
      }
      setRefused(null);
      const from = read.source ? ` (exported from "${read.source.name}", project ${read.source.id})` : '';
      await onIncoming({
        settings: read.settings,
        sourceLabel: read.source ? `"${read.source.name}" (${file.name})` : file.name,
        title: `Imported ${file.name}${from}.`,
        sourceRefs: read.refs,
      });
    } catch (caught) {
      setRefused({
        fileName: file.name,
        errors: [`This project's metrics, dashboards or agents could not be read. ${requestErrorText(caught)}`],
      });
    } finally {
      setBusy(false);
    }
  };

  return (
    <SectionCard
      title="Import"
      intro="Reads a file made by Export (from this project or another one) into this project as unsaved changes. Nothing is saved until you press Save and confirm the review. A file with an unknown field, a secret or an invalid value is refused as a whole. Ids from another project (rubric metrics, daily-report dashboards, excluded agents) are matched here by name, and you confirm each match or drop it before anything changes."
    >
      <div>
        <Button variant="outlined" onClick={() => input.current?.click()} disabled={busy}>
          Import a settings file…
        </Button>
        <Box
          component="input"
          ref={input}
          type="file"
          accept="application/json,.json"
          aria-label="Settings file to import"
          tabIndex={-1}
          hidden
          onChange={(event: ChangeEvent<HTMLInputElement>) => void onFile(event)}
        />
      </div>
      {refused && (
        <Alert severity="error" onClose={() => setRefused(null)}>
          <AlertTitle>{refused.fileName} was not imported: nothing changed.</AlertTitle>
          <Typography variant="body2">Fix these and import the file again:</Typography>
          <Box component="ul" sx={{ my: 0.5, pl: 3 }}>
            {refused.errors.map((error, index) => (
              <li key={index}>{error}</li>
            ))}
          </Box>
        </Alert>
      )}
    </SectionCard>
  );
}

import { Alert, Typography } from '@mui/material';
import { SECTION_LABELS, type SectionId } from '../../shared/schemas/fields';

export default function SectionPlaceholder({ section }: { section: SectionId }) {
  return (
    <>
      <Typography variant="h5" component="h1" gutterBottom>
        {SECTION_LABELS[section]}
      </Typography>
      <Alert severity="info">
        This section is not built yet. Its settings are kept exactly as they are on the server and are never sent by a
        save.
      </Alert>
    </>
  );
}

import { useState } from 'react';
import { Stack, Typography } from '@mui/material';
import { useProjectContext } from '../settings/project-context';
import { CopyCard } from './CopyCard';
import { DraftNotice, type DraftOutcome } from './DraftNotice';
import { ExportCard } from './ExportCard';
import { ImportCard } from './ImportCard';
import { useTransfer } from './useTransfer';

/** `/projects/:id/transfer`: export the settings, import a file, copy sections from another project. */
export default function TransferPage() {
  const { projectId } = useProjectContext();
  const [outcome, setOutcome] = useState<DraftOutcome | null>(null);
  const transfer = useTransfer(setOutcome);
  return (
    <Stack spacing={3}>
      <div>
        <Typography variant="h5" component="h1" gutterBottom>
          Import &amp; export
        </Typography>
        <Typography color="text.secondary">
          Move settings between projects: as a file (export here, import there) or by copying sections straight from
          another project. An import or a copy never saves by itself: it becomes unsaved changes of this project, shown
          in their sections, and Save sends them after the review, like any edit.
        </Typography>
      </div>
      {outcome && <DraftNotice projectId={projectId} outcome={outcome} onClose={() => setOutcome(null)} />}
      <ExportCard />
      <ImportCard onIncoming={transfer.start} />
      <CopyCard onIncoming={transfer.start} />
      {transfer.dialog}
    </Stack>
  );
}

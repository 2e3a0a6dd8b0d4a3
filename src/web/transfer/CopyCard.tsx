import { useState } from 'react';
import {
  Alert,
  Button,
  Checkbox,
  FormControl,
  FormControlLabel,
  FormGroup,
  FormLabel,
  Stack,
  TextField,
} from '@mui/material';
import { SECTION_LABELS, type SectionId } from '../../shared/schemas/project';
import { SECTIONS_WITH_TRANSFERABLE_FIELDS, settingsOfSections } from '../../shared/transfer';
import { fetchProject, useProjects } from '../api/projects';
import { requestErrorText } from '../api/error-wording';
import { useProjectContext } from '../settings/project-context';
import { SectionCard } from '../components/SectionCard';
import { useQueryClient } from '@tanstack/react-query';
import { fetchRefCatalog } from '../api/ref-catalog';
import type { Incoming } from './useTransfer';

/** Copies chosen sections of another project into this project's form as unsaved changes. */
export function CopyCard({ onIncoming }: { onIncoming(incoming: Incoming): Promise<void> }) {
  const { projectId } = useProjectContext();
  const projects = useProjects();
  const queryClient = useQueryClient();
  const [sourceId, setSourceId] = useState('');
  const [sections, setSections] = useState<SectionId[]>([]);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const others = (projects.data ?? []).filter((project) => project.id !== projectId);

  const toggle = (section: SectionId, on: boolean) =>
    setSections((current) =>
      SECTIONS_WITH_TRANSFERABLE_FIELDS.filter((id) => (id === section ? on : current.includes(id))),
    );

  const onCopy = async () => {
    setBusy(true);
    setError(null);
    try {
      // Read now, not from the cache: the copy takes the other project as it is saved at this moment.
      const source = await fetchProject(Number(sourceId));
      const name =
        typeof source.project.name === 'string' && source.project.name ? source.project.name : `Project ${sourceId}`;
      await onIncoming({
        settings: settingsOfSections(source.project, sections),
        sourceLabel: `"${name}"`,
        title: `Copied ${sections.map((id) => SECTION_LABELS[id]).join(', ')} from "${name}".`,
        sourceRefs: (kinds) => fetchRefCatalog(queryClient, source.project.id, kinds),
      });
    } catch (caught) {
      setError(`The projects could not be read: nothing changed. ${requestErrorText(caught)}`);
    } finally {
      setBusy(false);
    }
  };

  return (
    <SectionCard
      title="Copy from another project"
      intro="Takes the saved settings of the chosen sections from another project and puts them here as unsaved changes, to check and then Save. The other project is only read. Secrets, the name and the deleted flag are never copied. Ids that belong to the other project (rubric metrics, daily-report dashboards, excluded agents) are matched here by name, and you confirm each match or drop it; the webhook URL and the rubric are asked."
    >
      <TextField
        select
        label="Copy from project"
        value={sourceId}
        onChange={(event) => setSourceId(event.target.value)}
        helperText={
          projects.isError
            ? `The project list could not be loaded. ${requestErrorText(projects.error)}`
            : others.length === 0 && projects.data
              ? 'No other project is visible with this API key.'
              : undefined
        }
        error={projects.isError}
        slotProps={{ select: { native: true }, inputLabel: { shrink: true } }}
        sx={{ maxWidth: 420 }}
      >
        <option value="">{projects.isPending ? 'Loading projects…' : 'Choose a project'}</option>
        {others.map((project) => (
          <option key={project.id} value={project.id}>
            {project.name} (#{project.id}){project.isDeleted ? ' – deleted' : ''}
          </option>
        ))}
      </TextField>
      <FormControl component="fieldset">
        <FormLabel component="legend">Sections to copy</FormLabel>
        <FormGroup row>
          {SECTIONS_WITH_TRANSFERABLE_FIELDS.map((section) => (
            <FormControlLabel
              key={section}
              label={SECTION_LABELS[section]}
              control={
                <Checkbox
                  checked={sections.includes(section)}
                  onChange={(event) => toggle(section, event.target.checked)}
                />
              }
            />
          ))}
        </FormGroup>
      </FormControl>
      <Stack direction="row">
        <Button variant="outlined" onClick={() => void onCopy()} disabled={busy || !sourceId || sections.length === 0}>
          {busy ? 'Copying…' : 'Copy into this project'}
        </Button>
      </Stack>
      {error && <Alert severity="error">{error}</Alert>}
    </SectionCard>
  );
}

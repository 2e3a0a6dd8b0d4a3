import { useDeferredValue, useMemo, useRef, useState } from 'react';
import {
  Alert,
  Box,
  Button,
  Checkbox,
  FormControl,
  FormControlLabel,
  FormGroup,
  FormLabel,
  LinearProgress,
  Link,
  Radio,
  RadioGroup,
  Stack,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  TextField,
  Typography,
} from '@mui/material';
import { useQueryClient } from '@tanstack/react-query';
import { Link as RouterLink, useSearchParams } from 'react-router';
import { BULK_FIELDS } from '../../shared/bulk';
import type { RubricMode, Settings } from '../../shared/id-mapping';
import { filterProjects, projectSearchIndex } from '../../shared/project-search';
import {
  PROJECT_FIELDS,
  SECTION_IDS,
  SECTION_LABELS,
  type ProjectField,
  type SectionId,
} from '../../shared/schemas/project';
import { requestErrorText } from '../api/error-wording';
import { useProjects } from '../api/projects';
import { SectionCard } from '../components/SectionCard';
import { useProjectContext } from '../settings/project-context';
import { useDirtyState } from '../settings/shell-context';
import {
  applyTarget,
  BULK_CONCURRENCY,
  loadSourceCatalog,
  previewTarget,
  runBounded,
  type BulkJob,
  type BulkRow,
  type RowStatus,
} from './run';

const SECTIONS = SECTION_IDS.filter((section) =>
  BULK_FIELDS.some((field) => PROJECT_FIELDS[field].section === section),
);
const fieldsOf = (section: SectionId) => BULK_FIELDS.filter((field) => PROJECT_FIELDS[field].section === section);

const STATUS_WORDS: Record<RowStatus, string> = {
  pending: 'Waiting',
  change: 'Will change',
  unchanged: 'Unchanged',
  'needs-mapping': 'Needs mapping',
  failed: 'Failed',
  applied: 'Applied',
  merged: 'Applied (merged)',
  conflict: 'Conflict',
  cancelled: 'Not sent (cancelled)',
};

type Phase = 'choose' | 'previewing' | 'preview' | 'applying' | 'done';

/** `/projects/:id/bulk`: chosen settings of this project applied to many others, previewed, then saved one by one. */
export default function BulkPage() {
  const { projectId, project } = useProjectContext();
  const { fields: dirty } = useDirtyState();
  const queryClient = useQueryClient();
  const projects = useProjects();
  const [params] = useSearchParams();
  const asked = params.get('section');
  const [section, setSection] = useState<SectionId>(
    SECTIONS.find((id) => id === asked) ?? (SECTIONS.includes('notifications') ? 'notifications' : SECTIONS[0]),
  );
  const [fields, setFields] = useState<ProjectField[]>(() => fieldsOf(section));
  const [rubricMode, setRubricMode] = useState<RubricMode | ''>('');
  const [query, setQuery] = useState('');
  const deferred = useDeferredValue(query);
  const [targets, setTargets] = useState<number[]>([]);
  const [phase, setPhase] = useState<Phase>('choose');
  const [rows, setRows] = useState<BulkRow[]>([]);
  const [error, setError] = useState<string | null>(null);
  const job = useRef<BulkJob | null>(null);
  const cancel = useRef<AbortController | null>(null);

  const others = useMemo(() => (projects.data ?? []).filter((p) => p.id !== projectId), [projects.data, projectId]);
  const index = useMemo(() => projectSearchIndex(others), [others]);
  const shown = useMemo(() => filterProjects(index, deferred), [index, deferred]);
  const busy = phase === 'previewing' || phase === 'applying';
  const needsRubricMode = fields.includes('rubric_config');

  const chooseSection = (next: SectionId) => {
    setSection(next);
    setFields(fieldsOf(next));
    setPhase('choose');
  };
  const toggleField = (field: ProjectField, on: boolean) =>
    setFields((current) => fieldsOf(section).filter((f) => (f === field ? on : current.includes(f))));
  const toggleTarget = (id: number, on: boolean) =>
    setTargets((current) => (on ? [...current, id] : current.filter((t) => t !== id)));
  const update = (id: number, change: Partial<BulkRow>) =>
    setRows((current) => current.map((row) => (row.id === id ? { ...row, ...change } : row)));

  const problems: string[] = [];
  if (fields.length === 0) problems.push('Choose at least one setting.');
  if (targets.length === 0) problems.push('Choose at least one project.');
  if (needsRubricMode && !rubricMode) problems.push('Choose whether to add the rules or replace each rubric.');

  const onPreview = async () => {
    if (problems.length) return;
    setError(null);
    setPhase('previewing');
    const settings: Settings = {};
    for (const field of fields) if (field in project) settings[field] = project[field];
    const names = new Map(others.map((p) => [p.id, p.name]));
    const initial: BulkRow[] = targets.map((id) => ({ id, name: names.get(id) ?? `Project ${id}`, status: 'pending' }));
    setRows(initial);
    try {
      const sourceCatalog = await loadSourceCatalog(queryClient, projectId, settings);
      job.current = { settings, sourceCatalog, rubricMode: rubricMode || 'add' };
      const current = job.current;
      await runBounded(
        initial,
        async (row) => {
          const next = await previewTarget(queryClient, current, row);
          update(row.id, next);
        },
        { concurrency: BULK_CONCURRENCY },
      );
      setPhase('preview');
    } catch (caught) {
      setError(
        `This project's metrics, dashboards or agents could not be read: nothing was previewed. ${requestErrorText(caught)}`,
      );
      setPhase('choose');
    }
  };

  const onApply = async () => {
    const current = job.current;
    if (!current) return;
    const controller = new AbortController();
    cancel.current = controller;
    setPhase('applying');
    const toSave = rows.filter((row) => row.status === 'change');
    const outcomes = await runBounded(
      toSave,
      async (row) => {
        update(row.id, { detail: 'Saving…' });
        const next = await applyTarget(
          queryClient,
          current,
          row,
          (detail) => update(row.id, { detail }),
          controller.signal,
        );
        update(row.id, next);
      },
      { concurrency: BULK_CONCURRENCY, signal: controller.signal },
    );
    outcomes.forEach((outcome, i) => {
      if (!outcome.started)
        update(toSave[i].id, { status: 'cancelled', detail: 'Cancel was pressed before this project.' });
    });
    cancel.current = null;
    setPhase('done');
  };

  const toApply = rows.filter((row) => row.status === 'change').length;
  const finished = rows.filter((row) => !['pending', 'change'].includes(row.status)).length;
  const savingTotal = phase === 'applying' || phase === 'done' ? rows.length : 0;

  return (
    <Stack spacing={3}>
      <div>
        <Typography variant="h5" component="h1" gutterBottom>
          Apply to other projects
        </Typography>
        <Typography color="text.secondary">
          Takes saved settings of this project and applies them to the projects you pick. Before anything is sent, a
          preview shows per project what would change. Each project is then saved on its own, with its own check that
          nobody changed it meanwhile, and recorded in its history. Secrets and the webhook URL are never applied.
        </Typography>
      </div>
      <SectionCard title="1. Settings">
        {dirty.length > 0 && (
          <Alert severity="info">
            The saved values are applied: this project&apos;s unsaved changes are not included.
          </Alert>
        )}
        <TextField
          select
          label="Section to apply"
          value={section}
          disabled={busy}
          onChange={(event) => chooseSection(event.target.value as SectionId)}
          slotProps={{ select: { native: true }, inputLabel: { shrink: true } }}
          sx={{ maxWidth: 320 }}
        >
          {SECTIONS.map((id) => (
            <option key={id} value={id}>
              {SECTION_LABELS[id]}
            </option>
          ))}
        </TextField>
        <FormControl component="fieldset">
          <FormLabel component="legend">Settings to apply</FormLabel>
          <Stack direction="row" spacing={1}>
            <Button size="small" disabled={busy} onClick={() => setFields(fieldsOf(section))}>
              Whole section
            </Button>
            <Button size="small" disabled={busy} onClick={() => setFields([])}>
              None
            </Button>
          </Stack>
          <FormGroup>
            {fieldsOf(section).map((field) => (
              <FormControlLabel
                key={field}
                label={PROJECT_FIELDS[field].label}
                control={
                  <Checkbox
                    checked={fields.includes(field)}
                    disabled={busy}
                    onChange={(event) => toggleField(field, event.target.checked)}
                  />
                }
              />
            ))}
          </FormGroup>
        </FormControl>
        {needsRubricMode && (
          <FormControl component="fieldset">
            <FormLabel component="legend">Each project&apos;s rubric</FormLabel>
            <RadioGroup value={rubricMode} onChange={(event) => setRubricMode(event.target.value as RubricMode)}>
              <FormControlLabel value="add" control={<Radio />} label="Add these rules (each project keeps its own)" />
              <FormControlLabel value="replace" control={<Radio />} label="Replace each project's rubric" />
            </RadioGroup>
          </FormControl>
        )}
      </SectionCard>
      <SectionCard title="2. Projects">
        <TextField
          type="search"
          label="Search projects"
          value={query}
          onChange={(event) => setQuery(event.target.value)}
          size="small"
          sx={{ maxWidth: 420 }}
        />
        <Stack direction="row" spacing={1} sx={{ alignItems: 'center' }}>
          <Button
            size="small"
            disabled={busy}
            onClick={() => setTargets((current) => [...new Set([...current, ...shown.map((p) => p.id)])])}
          >
            Select all shown ({shown.length})
          </Button>
          <Button size="small" disabled={busy} onClick={() => setTargets([])}>
            Clear
          </Button>
          <Typography role="status" variant="body2">
            {targets.length} of {others.length} projects selected
          </Typography>
        </Stack>
        <Box
          role="group"
          aria-label="Projects to change"
          sx={{ maxHeight: 280, overflowY: 'auto', border: 1, borderColor: 'divider', borderRadius: 1, px: 1 }}
        >
          {shown.map((p) => (
            <FormControlLabel
              key={p.id}
              sx={{ display: 'flex' }}
              label={`${p.name} (#${p.id})${p.isDeleted ? ' – deleted' : ''}`}
              control={
                <Checkbox
                  size="small"
                  checked={targets.includes(p.id)}
                  disabled={busy}
                  onChange={(event) => toggleTarget(p.id, event.target.checked)}
                />
              }
            />
          ))}
        </Box>
      </SectionCard>
      <Stack direction="row" spacing={1}>
        <Button variant="outlined" disabled={busy || problems.length > 0} onClick={() => void onPreview()}>
          {phase === 'previewing' ? 'Previewing…' : 'Preview'}
        </Button>
        {phase === 'preview' && (
          <Button variant="contained" disabled={toApply === 0} onClick={() => void onApply()}>
            Apply to {toApply} project{toApply === 1 ? '' : 's'}
          </Button>
        )}
        {phase === 'applying' && (
          <Button color="warning" onClick={() => cancel.current?.abort()}>
            Cancel
          </Button>
        )}
      </Stack>
      {problems.length > 0 && phase === 'choose' && (
        <Typography variant="body2" color="text.secondary">
          {problems.join(' ')}
        </Typography>
      )}
      {error && <Alert severity="error">{error}</Alert>}
      {savingTotal > 0 && (
        <Box>
          <LinearProgress variant="determinate" aria-label="Projects done" value={(finished / savingTotal) * 100} />
          <Typography role="status" variant="body2">
            {phase === 'done' ? 'Done: ' : ''}
            {finished} of {savingTotal} projects done
          </Typography>
        </Box>
      )}
      {rows.length > 0 && (
        <Table size="small" aria-label={phase === 'done' || phase === 'applying' ? 'Results' : 'Preview'}>
          <TableHead>
            <TableRow>
              <TableCell>Project</TableCell>
              <TableCell>Result</TableCell>
              <TableCell>Details</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {rows.map((row) => (
              <TableRow key={row.id} aria-label={`${row.name} (#${row.id})`}>
                <TableCell>
                  {row.name} (#{row.id})
                </TableCell>
                <TableCell>{STATUS_WORDS[row.status]}</TableCell>
                <TableCell>
                  {row.detail}
                  {row.status === 'conflict' && (
                    <>
                      {' '}
                      <Link component={RouterLink} to={`/projects/${row.id}/${section}`}>
                        Resolve in {row.name}
                      </Link>
                    </>
                  )}
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
    </Stack>
  );
}

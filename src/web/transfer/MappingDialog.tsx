import { useMemo, useState } from 'react';
import {
  Alert,
  Box,
  Button,
  Dialog,
  DialogActions,
  DialogContent,
  DialogTitle,
  FormControl,
  FormControlLabel,
  FormLabel,
  Radio,
  RadioGroup,
  TextField,
  Typography,
} from '@mui/material';
import {
  initialDecisions,
  normalEvalType,
  REF_KIND_LABELS,
  rowKey,
  undecided,
  type Decision,
  type Decisions,
  type MappingRow,
  type RefCatalog,
  type RubricMode,
} from '../../shared/id-mapping';

export type WebhookChoice = 'keep' | 'take-new-secret' | 'take-clear-secret';

export interface MappingStep {
  /** "Bolt Sales Outbound" or "the file x.json". */
  sourceLabel: string;
  rows: MappingRow[];
  target: RefCatalog;
  /** Set when the incoming webhook URL differs from this project's. */
  webhook?: { current: string; incoming: string; secretConfigured: boolean };
  /** Set when this project has rules and the incoming rubric differs: add or replace is asked. */
  rubric?: { lostOnReplace: string[] };
}

export interface MappingAnswer {
  decisions: Decisions;
  webhook?: { choice: WebhookChoice; secret?: string };
  rubricMode?: RubricMode;
}

const DROP = 'drop';

function rowTitle(row: MappingRow): string {
  const type = row.type ? `, ${row.type.replace(/_/g, ' ')}` : '';
  return `${REF_KIND_LABELS[row.kind]} ${row.name ? `"${row.name}"` : '(name unknown)'} #${row.id}${type}`;
}

function rowStatus(row: MappingRow, target: RefCatalog): string {
  const name = (id: number) => target[row.kind].find((item) => item.id === id)?.name ?? '';
  switch (row.match.status) {
    case 'matched':
      return row.match.by === 'name'
        ? `Matched by name: "${name(row.match.targetId)}" #${row.match.targetId}`
        : `Same id here: "${name(row.match.targetId)}" #${row.match.targetId}`;
    case 'ambiguous':
      return `${row.match.candidates.length} items here have this name: choose one`;
    case 'unmatched':
      return row.name
        ? 'No match in this project: choose one or drop it'
        : 'Not in this project: choose one or drop it';
  }
}

/** The items of the target a foreign id may become: same kind (metrics of the same type first). */
function optionsFor(row: MappingRow, target: RefCatalog) {
  const items = target[row.kind];
  if (row.kind !== 'metric' || !row.type) return items;
  return items.filter((item) => normalEvalType(item.type) === row.type);
}

/**
 * The mapping step of an import or a copy: every foreign id with what it matched here (or "no match", with
 * a picker to choose an item or drop it), the webhook URL choice and the rubric's add-or-replace choice.
 * Nothing is applied until Apply; every question must be answered first.
 */
export function MappingDialog({
  step,
  lostOnReplace,
  onApply,
  onCancel,
}: {
  step: MappingStep;
  /** The rules of this project a replace would remove, with the choices made so far. */
  lostOnReplace?(decisions: Decisions): string[];
  onApply(answer: MappingAnswer): void;
  onCancel(): void;
}) {
  const [decisions, setDecisions] = useState<Decisions>(() => initialDecisions(step.rows));
  const [webhook, setWebhook] = useState<WebhookChoice | ''>('');
  const [secret, setSecret] = useState('');
  const [rubricMode, setRubricMode] = useState<RubricMode | ''>('');
  const [tried, setTried] = useState(false);
  const open = useMemo(() => undecided(step.rows, decisions), [step.rows, decisions]);
  const lost = step.rubric ? (lostOnReplace ? lostOnReplace(decisions) : step.rubric.lostOnReplace) : [];

  const problems: string[] = [];
  if (open.length)
    problems.push(
      `${open.length === 1 ? '1 id has' : `${open.length} ids have`} no match yet: choose an item or "Drop it" for each.`,
    );
  if (step.webhook && !webhook) problems.push('Choose what happens to the webhook URL.');
  if (webhook === 'take-new-secret' && !secret.trim()) problems.push('Enter the new webhook secret.');
  if (step.rubric && !rubricMode) problems.push('Choose whether to add the rules or replace the rubric.');

  const apply = () => {
    setTried(true);
    if (problems.length) return;
    onApply({
      decisions,
      webhook: step.webhook && webhook ? { choice: webhook, secret: secret || undefined } : undefined,
      rubricMode: step.rubric && rubricMode ? rubricMode : undefined,
    });
  };

  return (
    <Dialog open onClose={onCancel} aria-labelledby="mapping-title" fullWidth maxWidth="md" scroll="paper">
      <DialogTitle id="mapping-title">Match settings to this project</DialogTitle>
      <DialogContent dividers>
        <Typography sx={{ mb: 2 }}>
          The settings from {step.sourceLabel} name items of that project. Each is matched here by name (metrics by name
          and type); nothing is changed until you apply, and then only as unsaved changes. Secrets are never copied.
        </Typography>
        {step.rows.length > 0 && (
          <Box component="ul" aria-label="Ids to match" sx={{ m: 0, p: 0, listStyle: 'none' }}>
            {step.rows.map((row) => {
              const key = rowKey(row);
              const value = decisions[key];
              const candidates =
                row.match.status === 'ambiguous'
                  ? (row.match.candidates
                      .map((id) => step.target[row.kind].find((item) => item.id === id))
                      .filter(Boolean) as RefCatalog['metric'])
                  : optionsFor(row, step.target);
              const missing = tried && value === undefined;
              return (
                <Box
                  component="li"
                  key={key}
                  aria-label={rowTitle(row)}
                  sx={{ py: 1, borderBottom: 1, borderColor: 'divider' }}
                >
                  <Typography variant="body2" sx={{ fontWeight: 600 }}>
                    {rowTitle(row)}
                  </Typography>
                  <Typography
                    variant="body2"
                    color={row.match.status === 'matched' ? 'text.secondary' : 'warning.main'}
                  >
                    {rowStatus(row, step.target)}
                  </Typography>
                  <TextField
                    select
                    size="small"
                    label={`Use in this project for ${REF_KIND_LABELS[row.kind].toLowerCase()} #${row.id}`}
                    value={value === undefined ? '' : String(value)}
                    onChange={(event) => {
                      const next: Decision | undefined =
                        event.target.value === DROP
                          ? 'drop'
                          : event.target.value === ''
                            ? undefined
                            : Number(event.target.value);
                      setDecisions((current) => ({ ...current, [key]: next }));
                    }}
                    error={missing}
                    helperText={missing ? 'Choose an item or "Drop it".' : undefined}
                    slotProps={{ select: { native: true }, inputLabel: { shrink: true } }}
                    sx={{ mt: 1, minWidth: 360 }}
                  >
                    <option value="">Choose…</option>
                    {candidates.map((item) => (
                      <option key={item.id} value={item.id}>
                        {item.name} (#{item.id})
                      </option>
                    ))}
                    <option value={DROP}>Drop it{row.kind === 'metric' ? ' (and its rules)' : ''}</option>
                  </TextField>
                </Box>
              );
            })}
          </Box>
        )}
        {step.webhook && (
          <FormControl component="fieldset" sx={{ mt: 2 }} error={tried && !webhook}>
            <FormLabel component="legend">Webhook URL</FormLabel>
            <Typography variant="body2" sx={{ mb: 1 }}>
              {step.sourceLabel} sends to {step.webhook.incoming ? `"${step.webhook.incoming}"` : 'no URL'}; this
              project sends to {step.webhook.current ? `"${step.webhook.current}"` : 'no URL'}. This project&apos;s
              webhook secret stays as it is ({step.webhook.secretConfigured ? 'set' : 'not set'}) unless you choose
              otherwise: the other project&apos;s secret is never copied.
            </Typography>
            <RadioGroup value={webhook} onChange={(event) => setWebhook(event.target.value as WebhookChoice)}>
              <FormControlLabel value="keep" control={<Radio />} label="Keep this project's URL" />
              <FormControlLabel
                value="take-new-secret"
                control={<Radio />}
                label="Take the new URL and set a new secret"
              />
              <FormControlLabel
                value="take-clear-secret"
                control={<Radio />}
                label="Take the new URL and clear the secret"
              />
            </RadioGroup>
            {webhook === 'take-new-secret' && (
              <TextField
                type="password"
                label="New webhook secret"
                autoComplete="new-password"
                value={secret}
                onChange={(event) => setSecret(event.target.value)}
                error={tried && !secret.trim()}
                helperText={tried && !secret.trim() ? 'Enter the new secret.' : 'Saved write-only; never shown again.'}
                size="small"
                sx={{ maxWidth: 360 }}
              />
            )}
          </FormControl>
        )}
        {step.rubric && (
          <FormControl component="fieldset" sx={{ mt: 2, display: 'block' }} error={tried && !rubricMode}>
            <FormLabel component="legend">Rubric</FormLabel>
            <RadioGroup value={rubricMode} onChange={(event) => setRubricMode(event.target.value as RubricMode)}>
              <FormControlLabel
                value="add"
                control={<Radio />}
                label="Add the rules to this project's rubric (its own rules stay)"
              />
              <FormControlLabel value="replace" control={<Radio />} label="Replace this project's rubric" />
            </RadioGroup>
            {rubricMode === 'replace' && lost.length > 0 && (
              <Alert severity="warning" aria-label="Rules this project would lose">
                Replacing removes {lost.length === 1 ? 'this rule' : `these ${lost.length} rules`} of this project:
                {lost.map((line, index) => (
                  <Typography key={index} variant="body2">
                    – {line}
                  </Typography>
                ))}
              </Alert>
            )}
          </FormControl>
        )}
        {tried && problems.length > 0 && (
          <Alert severity="error" role="alert" sx={{ mt: 2 }}>
            {problems.map((problem) => (
              <div key={problem}>{problem}</div>
            ))}
          </Alert>
        )}
      </DialogContent>
      <DialogActions>
        <Button onClick={onCancel}>Cancel</Button>
        <Button variant="contained" onClick={apply}>
          Apply as unsaved changes
        </Button>
      </DialogActions>
    </Dialog>
  );
}

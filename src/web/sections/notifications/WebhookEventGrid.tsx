import { useId } from 'react';
import { useController, useFormContext } from 'react-hook-form';
import { Switch, Table, TableBody, TableCell, TableContainer, TableHead, TableRow, Typography } from '@mui/material';
import type { ProjectFormValues } from '../../../shared/form';
import { PROJECT_FIELDS } from '../../../shared/schemas/project';
import { WEBHOOK_EVENT_COLUMNS, WEBHOOK_EVENT_ROWS, type BooleanFieldName } from './logic';
import { useNoEffect } from './useNoEffect';
import { NoEffectText } from './SwitchField';

/** The webhook events as one compact table: rows = event source, columns = outcome. */
export function WebhookEventGrid() {
  const captionId = useId();
  const noteId = useId();
  // Every event has the same prerequisite (a webhook URL): one reason for the whole grid.
  const noEffect = useNoEffect('notify_result_webhook_success');
  const describedBy = [noteId, noEffect ? `${noteId}-no-effect` : ''].filter(Boolean).join(' ');
  return (
    <div>
      <TableContainer>
        <Table size="small" aria-labelledby={captionId} sx={{ width: 'auto' }}>
          <caption id={captionId} style={{ captionSide: 'top', textAlign: 'left', padding: 0 }}>
            <Typography component="span" variant="subtitle1" sx={{ fontWeight: 600 }}>
              Webhook events
            </Typography>
          </caption>
          <TableHead>
            <TableRow>
              <TableCell component="th" scope="col">
                Event
              </TableCell>
              {WEBHOOK_EVENT_COLUMNS.map((column) => (
                <TableCell key={column.id} component="th" scope="col" align="center">
                  {column.label}
                </TableCell>
              ))}
            </TableRow>
          </TableHead>
          <TableBody>
            {WEBHOOK_EVENT_ROWS.map((row) => (
              <TableRow key={row.label}>
                <TableCell component="th" scope="row">
                  {row.label}
                </TableCell>
                {WEBHOOK_EVENT_COLUMNS.map((column) => {
                  const field = row.cells[column.id];
                  return (
                    <TableCell key={column.id} align="center">
                      {field ? <EventSwitch name={field} describedBy={describedBy} /> : <NotApplicable />}
                    </TableCell>
                  );
                })}
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </TableContainer>
      <Typography id={noteId} variant="body2" color="text.secondary">
        Error = {PROJECT_FIELDS.notify_result_webhook_error.description?.toLowerCase().replace(/\.$/, '')}. Call logs
        have no error event.
      </Typography>
      {noEffect && <NoEffectText id={`${noteId}-no-effect`}>{noEffect}</NoEffectText>}
    </div>
  );
}

function EventSwitch({ name, describedBy }: { name: BooleanFieldName; describedBy: string }) {
  const { control } = useFormContext<ProjectFormValues>();
  const { field } = useController({ name, control });
  return (
    <Switch
      checked={field.value === true}
      onChange={(event) => field.onChange(event.target.checked)}
      onBlur={field.onBlur}
      name={name}
      slotProps={{
        input: { ref: field.ref, 'aria-label': PROJECT_FIELDS[name].label, 'aria-describedby': describedBy },
      }}
    />
  );
}

function NotApplicable() {
  return (
    <Typography variant="body2" color="text.secondary" title="Cekura has no error event for call logs">
      n/a
    </Typography>
  );
}

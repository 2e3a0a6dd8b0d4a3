import { useController, useFormContext } from 'react-hook-form';
import { Alert, Autocomplete, Button, Chip, TextField } from '@mui/material';
import type { ProjectFormValues } from '../../../shared/form';
import { PROJECT_FIELDS } from '../../../shared/schemas/project';
import { useDashboards } from '../../api/dashboards';
import { useProjectContext } from '../../settings/project-context';
import { dashboardChoices } from './dashboards-logic';
import { useNoEffect } from './useNoEffect';
import { requestErrorText } from '../../api/error-wording';

const FIELD = 'daily_report_dashboard_ids';

/** Dashboards in the daily report: picked by name; an id the project no longer has stays until removed. */
export function DashboardPicker() {
  const { projectId } = useProjectContext();
  const { control } = useFormContext<ProjectFormValues>();
  const { field, fieldState } = useController({ name: FIELD, control });
  const dashboards = useDashboards(projectId);
  const noEffect = useNoEffect(FIELD);
  const selected = Array.isArray(field.value) ? (field.value as number[]) : [];
  const choices = dashboardChoices(dashboards.data, selected);
  const spec = PROJECT_FIELDS[FIELD];

  const help = [
    fieldState.error?.message,
    spec.description,
    choices.missing.length > 0 &&
      `${choices.missing.length === 1 ? 'One selected dashboard is' : `${choices.missing.length} selected dashboards are`} not in the project any more: it stays selected until you remove it.`,
    noEffect,
  ]
    .filter(Boolean)
    .join(' ');

  return (
    <>
      <Autocomplete
        multiple
        options={choices.options}
        value={selected}
        onChange={(_event, next) => field.onChange(next)}
        onBlur={field.onBlur}
        getOptionLabel={(id) => choices.labelOf(id)}
        filterSelectedOptions
        loading={dashboards.isPending}
        noOptionsText={dashboards.isPending ? 'Loading dashboards…' : 'No more dashboards in this project'}
        renderValue={(ids, getItemProps) =>
          ids.map((id, index) => {
            const { key, ...itemProps } = getItemProps({ index });
            const missing = choices.missing.includes(id);
            return (
              <Chip
                key={key}
                {...itemProps}
                label={choices.labelOf(id)}
                color={missing ? 'warning' : 'default'}
                variant={missing ? 'outlined' : 'filled'}
                size="small"
              />
            );
          })
        }
        renderInput={(params) => (
          <TextField
            {...params}
            label={spec.label}
            inputRef={field.ref}
            error={Boolean(fieldState.error)}
            helperText={help}
          />
        )}
      />
      {dashboards.isError && (
        <Alert
          severity="warning"
          action={
            <Button color="inherit" size="small" onClick={() => dashboards.refetch()}>
              Retry
            </Button>
          }
        >
          Could not load the project's dashboards. {requestErrorText(dashboards.error)} Selected dashboards are shown by
          id and kept.
        </Alert>
      )}
    </>
  );
}

import { memo } from 'react';
import { Autocomplete, Box, Chip, TextField, createFilterOptions } from '@mui/material';
import type { CatalogMetric } from '../../api/metrics';
import { metricTypeLabel, SCOPE_LABELS } from './metric-words';

// A searchable picker over the project's and its agents' metrics (thousands at scale: the list shows the
// first matches, typing narrows it). Grouped by scope, each with its type.

const SHOWN = 150;
const filter = createFilterOptions<CatalogMetric>({
  limit: SHOWN,
  stringify: (m) => `${m.name} ${m.slug ?? ''} ${m.id} ${metricTypeLabel(m)}`,
});

interface Props {
  metrics: CatalogMetric[];
  value: CatalogMetric | null;
  /** Text shown when the rule's metric is not in the catalogue (e.g. "Metric #12 (not found)"). */
  missingLabel?: string;
  loading: boolean;
  error?: boolean;
  autoFocus?: boolean;
  onChange(metric: CatalogMetric): void;
}

export const MetricPicker = memo(function MetricPicker({
  metrics,
  value,
  missingLabel,
  loading,
  error,
  autoFocus,
  onChange,
}: Props) {
  return (
    <Autocomplete
      options={metrics}
      value={value}
      loading={loading}
      filterOptions={filter}
      groupBy={(m) => SCOPE_LABELS[m.scope]}
      getOptionLabel={(m) => m.name}
      isOptionEqualToValue={(a, b) => a.id === b.id}
      onChange={(_, metric) => metric && onChange(metric)}
      disableClearable={value !== null}
      autoHighlight
      sx={{ minWidth: 260, flex: '2 1 260px' }}
      renderOption={({ key, ...props }, m) => (
        <Box component="li" key={key} {...props} sx={{ display: 'flex', gap: 1, justifyContent: 'space-between' }}>
          <span>{m.name}</span>
          <Chip size="small" label={metricTypeLabel(m)} variant="outlined" />
        </Box>
      )}
      renderInput={(params) => (
        <TextField
          {...params}
          label="Metric"
          autoFocus={autoFocus}
          placeholder={missingLabel ?? 'Search metrics'}
          error={error}
          helperText={value ? metricTypeLabel(value) : missingLabel ? 'Not found in this project' : undefined}
          slotProps={{ ...params.slotProps, inputLabel: { ...params.slotProps?.inputLabel, shrink: true } }}
        />
      )}
    />
  );
});

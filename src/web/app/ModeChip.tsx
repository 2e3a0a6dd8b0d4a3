import { Chip } from '@mui/material';
import { modeLabel, useAppConfig } from '../api/config';

/** Always says whose data this is: the built-in emulator's demo data or a live Cekura project. */
export function ModeChip() {
  const config = useAppConfig();
  if (config.isError) return <Chip size="small" color="default" label="Data source unknown" />;
  if (!config.data) return null;
  const live = config.data.mode === 'live';
  return (
    <Chip
      size="small"
      label={modeLabel(config.data)}
      color={live ? 'error' : 'default'}
      variant={live ? 'filled' : 'outlined'}
      sx={live ? undefined : { bgcolor: 'background.paper' }}
      title={live ? 'Changes you save here go to the real Cekura API.' : 'Changes go to the local emulator only.'}
    />
  );
}

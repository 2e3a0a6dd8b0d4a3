import { memo } from 'react';
import { Box, IconButton } from '@mui/material';
import { useColorScheme } from '@mui/material/styles';
import { DarkModeIcon, LightModeIcon, SystemModeIcon } from './icons';

const MODES = [
  { mode: 'system', label: 'System', Icon: SystemModeIcon, hint: 'Theme: follow the system setting' },
  { mode: 'light', label: 'Light', Icon: LightModeIcon, hint: 'Theme: light' },
  { mode: 'dark', label: 'Dark', Icon: DarkModeIcon, hint: 'Theme: dark' },
] as const;

/**
 * System / Light / Dark: three toggle buttons (aria-pressed) in a labelled group. MUI keeps the choice in
 * localStorage (COLOR_MODE_STORAGE_KEY) and follows prefers-color-scheme while it is 'system'.
 * Plain icon buttons rather than MUI's ToggleButtonGroup: that one would add 3 KB to the first load.
 */
export const ColorModeSwitch = memo(function ColorModeSwitch() {
  const { mode, setMode } = useColorScheme();
  const current = mode ?? 'system';
  return (
    <Box
      role="group"
      aria-label="Theme"
      sx={{ display: 'flex', border: 1, borderColor: 'rgba(255, 255, 255, 0.5)', borderRadius: 5, p: 0.25 }}
    >
      {MODES.map(({ mode: value, label, Icon, hint }) => (
        <IconButton
          key={value}
          size="small"
          color="inherit"
          aria-label={label}
          aria-pressed={current === value}
          title={hint}
          onClick={() => setMode(value)}
          // The pressed tint keeps white icons above 3:1 on the light scheme's indigo bar.
          sx={{
            bgcolor: current === value ? 'rgba(255, 255, 255, 0.2)' : undefined,
            '&:hover': { bgcolor: 'rgba(255, 255, 255, 0.28)' },
          }}
        >
          <Icon fontSize="small" />
        </IconButton>
      ))}
    </Box>
  );
});

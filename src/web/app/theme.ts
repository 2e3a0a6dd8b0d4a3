import { createTheme } from '@mui/material/styles';

// Warning text must stay readable as helper text on white (axe: contrast 4.5:1), so its colours are darker
// than MUI's defaults.
export const theme = createTheme({
  palette: {
    primary: { main: '#3949ab' },
    warning: { main: '#a84b00', dark: '#7a3600', light: '#d9822b' },
  },
  shape: { borderRadius: 8 },
});

import { createTheme } from '@mui/material/styles';

// This theme uses CSS variables: the types then offer ThemeProvider's CSS-variable props (App.tsx).
declare module '@mui/material/styles' {
  interface CssThemeVariables {
    enabled: true;
  }
}

/** localStorage key of the colour mode the user chose in the top bar ('system' | 'light' | 'dark'). */
export const COLOR_MODE_STORAGE_KEY = 'cekura-console-color-mode';

// Light and dark schemes as CSS variables: switching is an attribute on <html>, not a re-render.
// Warning text must stay readable as helper text (axe: contrast 4.5:1), and the app uses `warning.dark` as
// that text colour: darker than MUI's default on light paper, light on dark paper. The dark primary is a
// light indigo so that text buttons and links keep their contrast on dark paper.
export const theme = createTheme({
  cssVariables: { colorSchemeSelector: 'data-color-scheme' },
  colorSchemes: {
    light: {
      palette: {
        primary: { main: '#3949ab' },
        warning: { main: '#a84b00', dark: '#7a3600', light: '#d9822b' },
      },
    },
    dark: {
      palette: {
        primary: { main: '#9fa8da' },
        warning: { main: '#ffb74d', dark: '#ffcc80', light: '#ffe0b2' },
      },
    },
  },
  shape: { borderRadius: 8 },
});

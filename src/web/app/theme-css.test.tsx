// @vitest-environment jsdom
import { afterEach, expect, it } from 'vitest';
import { cleanup, render } from '@testing-library/react';
import { ThemeProvider } from '@mui/material/styles';
import { theme } from './theme';

afterEach(cleanup);

// The app links theme-vars.css and tells ThemeProvider not to generate it (App.tsx): it must be exactly what
// ThemeProvider would put in the page for theme.ts. After a change to the theme: `npx vitest run -u` on this file.
it('theme-vars.css is the CSS-variable stylesheet MUI generates for theme.ts', async () => {
  render(
    <ThemeProvider theme={theme} defaultMode="system" noSsr>
      <span />
    </ThemeProvider>,
  );
  const rules = [...document.querySelectorAll('style[data-emotion]')]
    .map((style) => style.textContent ?? '')
    .filter((text) => text.includes('--mui-'));
  expect(rules.length).toBeGreaterThan(1); // the light and the dark scheme at least
  await expect(`${rules.join('\n')}\n`).toMatchFileSnapshot('./theme-vars.css');
});

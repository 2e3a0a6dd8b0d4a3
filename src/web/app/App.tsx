import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { CssBaseline, ThemeProvider } from '@mui/material';
import { BrowserRouter } from 'react-router';
import { ApiError } from '../api/client';
import { queryKeys } from '../api/keys';
import { AppRoutes } from './AppRoutes';
import { preloadFirstScreen } from './preload';
import { COLOR_MODE_STORAGE_KEY, theme } from './theme';

// Client errors (4xx) are answers, not glitches: retrying them only delays the message.
// networkMode 'always': offline, a request fails at once and the user reads "You are offline" with a Retry,
// instead of React Query pausing it silently (a save spinning until the network returns).
const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      retry: (count, error) => count < 2 && !(error instanceof ApiError && error.status >= 400 && error.status < 500),
      refetchOnWindowFocus: false,
      networkMode: 'always',
    },
    mutations: { networkMode: 'always' },
  },
});
// The project list changes rarely and a save invalidates it: without this, each page that uses it (the picker,
// the cross-project pages) would download it again on every visit (437 KB on the demo + scale seed).
queryClient.setQueryDefaults(queryKeys.projects(), { staleTime: 30_000 });
preloadFirstScreen(queryClient, window.location.pathname);

export default function App() {
  return (
    <QueryClientProvider client={queryClient}>
      {/* noSsr: a client-only app knows the stored mode at the first render (no flash of the other theme). */}
      <ThemeProvider
        theme={theme}
        defaultMode="system"
        modeStorageKey={COLOR_MODE_STORAGE_KEY}
        noSsr
        disableTransitionOnChange
        // The theme's CSS variables: index.html links them (theme-vars.css, kept equal by theme-css.test.tsx), so
        // the browser parses them while the scripts download and the first render neither generates nor inserts them.
        disableStyleSheetGeneration
      >
        <CssBaseline enableColorScheme />
        <BrowserRouter>
          <AppRoutes />
        </BrowserRouter>
      </ThemeProvider>
    </QueryClientProvider>
  );
}

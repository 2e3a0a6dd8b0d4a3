import { defineConfig } from 'vitest/config';
import react from '@vitejs/plugin-react';

export default defineConfig({
  plugins: [react()],
  test: {
    // e2e/ holds Playwright specs: never collected here.
    include: ['src/**/*.test.{ts,tsx}', 'scripts/**/*.test.ts'],
    environment: 'node',
    // A safety net for a hang, not a speed check: on a machine kept busy by two CPU hogs and another suite
    // (load average ~10), tests that spawn `user:add` twice or start two replicas on PostgreSQL took over 20 s.
    testTimeout: 60000,
    hookTimeout: 90000,
    pool: 'forks',
    // Test files in one worker share its module cache instead of importing React, MUI, Fastify and the
    // emulator again for each of ~100 files: about half the wall time (541 s -> 282-300 s on a loaded
    // machine). Files restore what they stub (vi.unstubAllGlobals, real timers) and use their own servers,
    // ports and DATA_DIRs, so nothing they leave behind reaches the next file.
    isolate: false,
  },
});

import { queryOptions, useQuery } from '@tanstack/react-query';
import { z } from 'zod/mini';
import { apiRequest } from './client';
import { queryKeys } from './keys';

// What the admin server says about itself: demo data from the built-in emulator, or a live Cekura API.
export const appConfigSchema = z.object({
  mode: z.enum(['emulator', 'live']),
  upstreamHost: z.string(),
});
export type AppConfig = z.infer<typeof appConfigSchema>;

export async function fetchAppConfig(signal?: AbortSignal): Promise<AppConfig> {
  const { data } = await apiRequest('/app-api/config', { signal });
  return appConfigSchema.parse(data);
}

export const appConfigQuery = () =>
  queryOptions({ queryKey: queryKeys.config(), queryFn: ({ signal }) => fetchAppConfig(signal), staleTime: Infinity });

export const useAppConfig = () => useQuery(appConfigQuery());

/** The chip's words: always say whether this is demo data or a live project. */
export function modeLabel(config: AppConfig): string {
  return config.mode === 'emulator' ? 'Demo data (built-in emulator)' : `Live: ${config.upstreamHost}`;
}

import { queryOptions, useMutation, useQuery } from '@tanstack/react-query';
import { z } from 'zod/mini';
import { apiRequest } from './client';
import { queryKeys } from './keys';

// Who is logged in, when the admin server asks for a login at all (a user exists, or it is not on loopback).
export const sessionSchema = z.object({ user: z.nullable(z.string()), authRequired: z.boolean() });
export type Session = z.infer<typeof sessionSchema>;

export const sessionQuery = () =>
  queryOptions({
    queryKey: queryKeys.session(),
    queryFn: async ({ signal }) => sessionSchema.parse((await apiRequest('/app-api/session', { signal })).data),
    staleTime: 5 * 60_000,
  });

export const useSession = () => useQuery(sessionQuery());

/** Ends the session on the server, then shows the login page (the draft stays in sessionStorage). */
export function useLogout() {
  return useMutation({
    mutationFn: () => apiRequest('/app-api/logout', { method: 'POST', body: {} }),
    onSuccess: () => window.location.assign('/login'),
  });
}

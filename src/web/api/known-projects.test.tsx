// @vitest-environment jsdom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { act, cleanup, renderHook, waitFor } from '@testing-library/react';
import type { ReactNode } from 'react';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { queryKeys } from './keys';
import { useKnownProjects, useProjects } from './projects';

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

function setup() {
  const requested: string[] = [];
  vi.stubGlobal('fetch', (url: string) => {
    requested.push(String(url));
    return Promise.resolve(
      new Response(JSON.stringify([{ id: 7, name: 'Seven' }]), { headers: { 'content-type': 'application/json' } }),
    );
  });
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  client.setQueryDefaults(queryKeys.projects(), { staleTime: 30_000 }); // as App.tsx
  const wrapper = ({ children }: { children: ReactNode }) => (
    <QueryClientProvider client={client}>{children}</QueryClientProvider>
  );
  return { requested, client, wrapper };
}

describe('useKnownProjects', () => {
  it('never asks for the list, and shows it once another page has loaded it', async () => {
    const { requested, client, wrapper } = setup();
    const known = renderHook(() => useKnownProjects(), { wrapper });
    expect(known.result.current.data).toBeUndefined();
    expect(requested).toEqual([]);

    act(() => client.setQueryData(queryKeys.projects(), [{ id: 7, name: 'Seven', isDeleted: false }]));
    await waitFor(() => expect(known.result.current.data).toEqual([{ id: 7, name: 'Seven', isDeleted: false }]));

    // A save invalidates the list (useSaveController): this hook does not refetch it, the picker does.
    await act(() => client.invalidateQueries({ queryKey: queryKeys.projects(), exact: true }));
    expect(requested).toEqual([]);
    const picker = renderHook(() => useProjects(), { wrapper });
    await waitFor(() => expect(requested).toEqual(['/api/user/v1/projects/']));
    await waitFor(() => expect(picker.result.current.isFetching).toBe(false));
  });
});

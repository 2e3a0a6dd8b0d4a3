import { afterEach, describe, expect, it, vi } from 'vitest';
import { QueryClient } from '@tanstack/react-query';
import { queryKeys } from '../api/keys';
import { sessionQuery } from '../api/session';
import { firstScreenOf, preloadFirstScreen, takeFirstScreenData } from './preload';

describe('firstScreenOf', () => {
  it('reads the project and its section from the address', () => {
    expect(firstScreenOf('/projects/1837/rubric')).toEqual({ projectId: 1837, section: 'rubric' });
    expect(firstScreenOf('/projects/1837/no-calls/')).toEqual({ projectId: 1837, section: 'no-calls' });
    expect(firstScreenOf('/projects/1837')).toEqual({ projectId: 1837, section: 'general' });
  });

  it('knows a project page that is not a section, and pages that are not a project', () => {
    expect(firstScreenOf('/projects/5/history')).toEqual({ projectId: 5, section: null });
    expect(firstScreenOf('/')).toBeNull();
    expect(firstScreenOf('/projects/0/general')).toBeNull();
    expect(firstScreenOf('/projects/abc/general')).toBeNull();
    expect(firstScreenOf('/projects/99999999999999999999/general')).toBeNull();
  });
});

describe('preloadFirstScreen', () => {
  afterEach(() => vi.unstubAllGlobals());

  const fetching = (client: QueryClient, queryKey: readonly unknown[]) =>
    client.getQueryCache().find({ queryKey, exact: true })?.state.fetchStatus;

  it('starts the config and the project before anything renders, and not the project list', () => {
    const requested: string[] = [];
    vi.stubGlobal('fetch', (url: string) => {
      requested.push(String(url));
      return new Promise(() => undefined); // never answers: the queries stay in flight
    });
    const client = new QueryClient();
    preloadFirstScreen(client, '/projects/7/history');
    expect(fetching(client, queryKeys.config())).toBe('fetching');
    expect(fetching(client, queryKeys.project(7))).toBe('fetching');
    // Only the picker needs the list (437 KB on the bench's seed): the page's frame shows what it knows.
    expect(client.getQueryData(queryKeys.projects())).toBeUndefined();
    expect(requested.sort()).toEqual(['/api/user/v1/projects/7/', '/app-api/config']);
  });

  it('on the project picker, loads the list and no project', () => {
    vi.stubGlobal('fetch', () => new Promise(() => undefined));
    const client = new QueryClient();
    preloadFirstScreen(client, '/');
    expect(fetching(client, queryKeys.projects())).toBe('fetching');
    expect(client.getQueryCache().findAll({ queryKey: ['projects'] })).toHaveLength(1);
  });

  const PROJECT = { id: 7, name: 'Seven', timezone: 'Not/AZone' };

  it('takes the config, the session and the project from the page, and fetches only the rest', () => {
    const requested: string[] = [];
    vi.stubGlobal('fetch', (url: string) => {
      requested.push(String(url));
      return new Promise(() => undefined);
    });
    const client = new QueryClient();
    preloadFirstScreen(client, '/projects/7/general', {
      config: { mode: 'live', upstreamHost: 'api.cekura.ai' },
      session: { user: 'ann', authRequired: true },
      project: { id: 7, etag: '"e7"', writePending: false, data: PROJECT },
    });
    // The session is fresh (staleTime): the top bar's useSession asks nothing either.
    void client.prefetchQuery(sessionQuery());
    expect(requested).toEqual([]);
    expect(client.getQueryData(queryKeys.config())).toEqual({ mode: 'live', upstreamHost: 'api.cekura.ai' });
    expect(client.getQueryData(queryKeys.session())).toEqual({ user: 'ann', authRequired: true });
    // Exactly what fetchProject would have made of the same answer, notes included.
    expect(client.getQueryData(queryKeys.project(7))).toEqual({
      project: PROJECT,
      notes: [expect.objectContaining({ field: 'timezone' })],
      etag: '"e7"',
      writePending: false,
    });
  });

  it("fetches what the page did not bring, another project's data, or a config it cannot read", () => {
    const requested: string[] = [];
    vi.stubGlobal('fetch', (url: string) => {
      requested.push(String(url));
      return new Promise(() => undefined);
    });
    const client = new QueryClient();
    preloadFirstScreen(client, '/projects/8/general', {
      config: { mode: 'somewhere' },
      session: { user: 7 },
      project: { id: 7, etag: '"e7"', writePending: false, data: PROJECT },
    });
    expect(requested.sort()).toEqual(['/api/user/v1/projects/8/', '/app-api/config']);
    expect(client.getQueryData(queryKeys.project(7))).toBeUndefined();
    expect(client.getQueryData(queryKeys.session())).toBeUndefined();
  });
});

describe('takeFirstScreenData', () => {
  const pageWith = (text: string | null) => {
    const removed: boolean[] = [];
    const doc = {
      getElementById: (id: string) =>
        text === null || id !== 'cekura-first-screen' ? null : { textContent: text, remove: () => removed.push(true) },
    } as unknown as Document;
    return { doc, removed };
  };

  it('reads the element once (it is removed) and ignores what does not parse', () => {
    const good = pageWith('{"config":{"mode":"emulator","upstreamHost":"h"}}');
    expect(takeFirstScreenData(good.doc)).toEqual({ config: { mode: 'emulator', upstreamHost: 'h' } });
    expect(good.removed).toEqual([true]);
    expect(takeFirstScreenData(pageWith('{"config":').doc)).toEqual({});
    expect(takeFirstScreenData(pageWith('{"project":{"id":"7"}}').doc)).toEqual({});
    expect(takeFirstScreenData(pageWith(null).doc)).toEqual({});
    expect(takeFirstScreenData(undefined)).toEqual({});
  });
});

import { afterEach, describe, expect, it, vi } from 'vitest';
import { QueryClient } from '@tanstack/react-query';
import { queryKeys } from '../api/keys';
import { firstScreenOf, preloadFirstScreen } from './preload';

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

  it('starts the config, the project list and the project before anything renders', () => {
    const requested: string[] = [];
    vi.stubGlobal('fetch', (url: string) => {
      requested.push(String(url));
      return new Promise(() => undefined); // never answers: the queries stay in flight
    });
    const client = new QueryClient();
    preloadFirstScreen(client, '/projects/7/history');
    expect(fetching(client, queryKeys.config())).toBe('fetching');
    expect(fetching(client, queryKeys.projects())).toBe('fetching');
    expect(fetching(client, queryKeys.project(7))).toBe('fetching');
    expect(requested.sort()).toEqual(['/api/user/v1/projects/', '/api/user/v1/projects/7/', '/app-api/config']);
  });

  it('on the project picker, loads no project', () => {
    vi.stubGlobal('fetch', () => new Promise(() => undefined));
    const client = new QueryClient();
    preloadFirstScreen(client, '/');
    expect(fetching(client, queryKeys.projects())).toBe('fetching');
    expect(client.getQueryCache().findAll({ queryKey: ['projects'] })).toHaveLength(1);
  });
});

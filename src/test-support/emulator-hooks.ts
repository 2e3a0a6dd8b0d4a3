// The one client of the emulator's test hooks (`/__emulator/*`, on the emulator's own port, no key), used by
// the unit tests of the admin server, the contract tests and the e2e fixture. A hook that answers with an
// error throws, so a test never goes on against an emulator that did not do what was asked.
import type { FaultSpec as EmulatorFaultSpec, LoggedRequest } from '../server/emulator/test-hooks';

/** A fault to inject; `times` defaults to 1 in the emulator. */
export type FaultSpec = Omit<EmulatorFaultSpec, 'times'> & { times?: number };
export type { LoggedRequest };

export function emulatorHooks(emulatorUrl: string, apiKey: string) {
  const call = async (method: string, p: string, body?: unknown): Promise<unknown> => {
    const res = await fetch(`${emulatorUrl}/__emulator${p}`, {
      method,
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (!res.ok) throw new Error(`${method} /__emulator${p} -> ${res.status} ${(await res.text()).slice(0, 500)}`);
    return res.status === 204 ? null : res.json();
  };
  const projectText = async (id: number) => {
    const res = await fetch(`${emulatorUrl}/user/v1/projects/${id}/`, { headers: { 'X-CEKURA-API-KEY': apiKey } });
    return { status: res.status, text: await res.text() };
  };
  return {
    /** What the emulator received since `since` (key never, secrets redacted). */
    requests: async (since = 0): Promise<LoggedRequest[]> =>
      ((await call('GET', `/requests?since=${since}`)) as { requests: LoggedRequest[] }).requests,
    clearRequests: async () => void (await call('DELETE', '/requests')),
    /** Back to the seed (the demo one, or the scale / legacy-API variants); `maxPageSize` caps list pages until
     * the next reset (else the emulator's default, 25). */
    reset: async (opts: { scale?: boolean; legacy?: boolean; maxPageSize?: number } = {}) =>
      void (await call('POST', '/reset', opts)),
    fault: async (f: FaultSpec) => void (await call('POST', '/faults', f)),
    clearFaults: async () => void (await call('DELETE', '/faults')),
    /** Lets requests held by a 'hold' fault go on. */
    release: async () => void (await call('POST', '/faults/release', {})),
    /** Writes stored values as given, bypassing validation (values another tool might have left). */
    setRaw: async (projectId: number, fields: object) => void (await call('PUT', `/projects/${projectId}/raw`, fields)),
    /** Fields a newer API might return: rendered into the project until the next reset. */
    setExtraFields: async (projectId: number, fields: object) =>
      void (await call('PUT', `/projects/${projectId}/extra-fields`, fields)),
    /** A member joins the organisation (every project embeds the member list). */
    addMember: async (projectId: number) => void (await call('POST', `/projects/${projectId}/members`, {})),
    deleteMetric: async (id: number) => void (await call('DELETE', `/metrics/${id}`)),
    /** The secrets the emulator stores for a project (tests only: the API never returns them). */
    secrets: async (projectId: number): Promise<Record<string, string | null>> =>
      ((await call('GET', `/secrets/${projectId}`)) as { secrets: Record<string, string | null> }).secrets,
    /** Straight from the emulator, with the key: the project's bytes as it answers them. */
    project: projectText,
    /** The same, parsed. */
    getProject: async (id: number) => {
      const { status, text } = await projectText(id);
      if (status !== 200) throw new Error(`GET project ${id} from the emulator -> ${status} ${text.slice(0, 500)}`);
      return JSON.parse(text);
    },
  };
}

export type EmulatorHooks = ReturnType<typeof emulatorHooks>;

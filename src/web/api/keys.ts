// The one query-key factory. Hooks and mutations use these, so invalidation hits what it should.
export const queryKeys = {
  config: () => ['app-config'] as const,
  session: () => ['session'] as const,
  projects: () => ['projects'] as const,
  project: (id: number) => ['projects', id] as const,
  metrics: (projectId: number) => ['metrics', projectId] as const,
  agents: (projectId: number, search = '', page = 1) => ['agents', projectId, search, page] as const,
  allAgents: (projectId: number) => ['agents', projectId] as const,
  dashboards: (projectId: number) => ['dashboards', projectId] as const,
  callLogs: (projectId: number, fromIso: string) => ['call-logs', projectId, fromIso] as const,
  history: (projectId: number, page = 1) => ['history', projectId, page] as const,
};

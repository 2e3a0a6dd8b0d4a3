// Shapes of the seed data before it is written to SQLite (internal to the emulator).

export type SeedOrganization = { id: number; name: string; createdAt: string };

export type SeedMember = {
  id: number;
  userId: number;
  name: string;
  email: string;
  role: 'admin' | 'member' | 'view_only';
  notify: boolean;
  createdAt: string;
};

export type SeedProject = {
  id: number;
  name: string;
  createdAt: string;
  updatedAt: string;
  /** Column values (JS values; stored as their JSON text). Missing ones take COLUMN_DEFAULTS. */
  fields: Record<string, unknown>;
  secrets: Record<string, string>;
  /** UTC offset used to put calls in business hours (approximate, DST ignored). */
  utcOffsetHours: number;
};

export type SeedAgent = {
  id: number;
  projectId: number;
  name: string;
  contactNumber: string;
  inbound: boolean;
  language: string;
  firstMessage: boolean;
  createdAt: string;
};

export type EvalType = 'binary' | 'continuous_qualitative' | 'numeric' | 'enum';

/** How the generator draws a metric's result from a call's quality q in [0, 1]. */
export type MetricSim =
  | { kind: 'binary'; pFail: number } // chance of a 0 on a perfect call; grows as q falls
  | { kind: 'score' } // 0..5, centred on 1 + 4q
  | { kind: 'numeric'; good: number; bad: number } // q = 1 near `good`, q = 0 near `bad`
  | { kind: 'enum' }; // enum_values listed best first

export type SeedMetric = {
  id: number;
  projectId: number | null;
  agents: number[];
  name: string;
  description: string;
  evalType: EvalType;
  legacyEvalType?: 'binary_qualitative' | 'binary_workflow_adherence';
  enumValues: string[];
  type: 'basic' | 'custom_prompt' | 'custom_code' | 'llm_judge';
  functionName?: string;
  prompt: string;
  audio?: boolean;
  simulation?: boolean;
  displayOrder: number;
  cost: number;
  sim: MetricSim;
};

export type SeedDashboard = {
  id: number;
  projectId: number;
  name: string;
  filters: unknown;
  widgetCount: number;
  createdAt: string;
};

export type CallMetricEntry = { id: number; name: string; type: string; score: number; enum: string; value: string };

export type SeedCallLog = {
  id: number;
  projectId: number;
  agentId: number;
  ts: number;
  success: boolean | null;
  isReviewed: boolean;
  status: 'success' | 'failure' | 'reviewed_success' | 'reviewed_failure';
  feedback: string;
  callEndedReason: string;
  customerNumber: string;
  callId: string;
  traceId: string;
  durationS: number;
  errorMessage: string | null;
  dropoffPoint: string;
  topic: string;
  transcript: string;
  metrics: CallMetricEntry[];
};

export type SeedData = {
  organization?: SeedOrganization;
  members: SeedMember[];
  projects: SeedProject[];
  agents: SeedAgent[];
  metrics: SeedMetric[];
  dashboards: SeedDashboard[];
  callLogs: SeedCallLog[];
};

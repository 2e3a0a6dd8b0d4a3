// The demo organisation: two live projects (Acme support, Bolt sales) and a soft-deleted pilot.
// Ids look like a real tenant's auto-increment ids and differ from the documentation's.
import type { CallFlavour } from './seed-calls';
import type { SeedAgent, SeedDashboard, SeedMember, SeedMetric, SeedOrganization, SeedProject } from './seed-types';

export const ORGANIZATION_ID = 412;
export const DEMO_PROJECT_ID = 1837; // "Acme Support Line": carries the documentation's rubric and no-calls examples
export const SECOND_PROJECT_ID = 1842; // "Bolt Sales Outbound": webhook, secrets, webhook notifications on
export const DELETED_PROJECT_ID = 1790; // "Legacy IVR Pilot": is_deleted

export const DEMO_AGENT_IDS = { frontDesk: 6204, billing: 6205, afterHours: 6211, spanish: 6230 } as const;
export const SECOND_AGENT_IDS = { sdr: 6207, demoScheduler: 6208, renewals: 6219 } as const;

/** The demo project's metrics that the documentation's rubric example maps onto. */
export const DEMO_METRIC_IDS = {
  identityVerified: 48220, // doc 115164 (binary, eq 5)
  customerSatisfaction: 48213, // doc 5512 (score, gte 4)
  callResolution: 48217, // doc 8821 (enum, in [resolved, partially_resolved])
  latency: 48224,
  interruptions: 48226,
  empathy: 48229,
  escalationReason: 48231,
  bookingConfirmed: 48240, // agent-only (front desk)
  paymentPlanOffered: 48241, // agent-only (billing)
  spanishGreeting: 48245, // agent-only (Spanish line)
} as const;

export const SECOND_METRIC_IDS = {
  meetingBooked: 48302,
  leadQualification: 48305,
  talkListenRatio: 48307,
  objectionHandling: 48309,
  latency: 48311,
  gdprConsent: 48320, // agent-only (SDR, demo scheduler)
  renewalIntent: 48322, // agent-only (renewals)
} as const;

export const organization: SeedOrganization = {
  id: ORGANIZATION_ID,
  name: 'Northwind Voice',
  createdAt: '2025-02-11T15:04:22.318Z',
};

export const members: SeedMember[] = [
  {
    id: 9101,
    userId: 3301,
    name: 'Priya Raman',
    email: 'priya.raman@northwindvoice.com',
    role: 'admin',
    notify: true,
    createdAt: '2025-02-11T15:04:22.402Z',
  },
  {
    id: 9102,
    userId: 3307,
    name: 'Daniel Okafor',
    email: 'daniel.okafor@northwindvoice.com',
    role: 'member',
    notify: true,
    createdAt: '2025-02-19T09:12:40.115Z',
  },
  {
    id: 9108,
    userId: 3342,
    name: 'Sofia Lindqvist',
    email: 'sofia.lindqvist@northwindvoice.com',
    role: 'member',
    notify: false,
    createdAt: '2025-04-02T13:30:05.771Z',
  },
  {
    id: 9113,
    userId: 3389,
    name: 'Marcus Chen',
    email: 'marcus.chen@northwindvoice.com',
    role: 'view_only',
    notify: false,
    createdAt: '2025-06-23T18:45:51.006Z',
  },
  {
    id: 9127,
    userId: 3455,
    name: 'Hannah Weber',
    email: 'hannah.weber@northwindvoice.com',
    role: 'member',
    notify: true,
    createdAt: '2025-09-08T07:58:14.529Z',
  },
];

export function demoProjects(rubric: object, noCalls: object): SeedProject[] {
  return [
    {
      id: DELETED_PROJECT_ID,
      name: 'Legacy IVR Pilot',
      createdAt: '2025-03-04T16:20:11.904Z',
      updatedAt: '2025-08-29T10:02:47.551Z',
      utcOffsetHours: -6,
      secrets: {},
      fields: {
        timezone: 'America/Chicago',
        is_deleted: true,
        outbound_timeout: 180,
        max_call_duration: 600,
        min_call_duration: 10,
        is_send_emails_enabled: false,
      },
    },
    {
      id: DEMO_PROJECT_ID,
      name: 'Acme Support Line',
      createdAt: '2025-05-14T14:31:08.227Z',
      updatedAt: '2026-01-06T17:44:19.630Z',
      utcOffsetHours: -5,
      secrets: { vapi_api_key: 'vapi_sk_live_4f9c2a7e81b34d0a9e55c1d2', vapi_public_key: 'vapi_pk_7c1e0b9d2f6a4e38' },
      fields: {
        timezone: 'America/New_York',
        outbound_timeout: 240,
        max_call_duration: 900,
        min_call_duration: 20,
        sample_rate: 0.5,
        end_call_enabled: true,
        notify_results_completion: true,
        notify_daily_report: true,
        notify_cron_failure: true,
        notify_no_calls: true,
        no_calls_notify_time_period: noCalls,
        daily_report_dashboard_ids: [7702, 7709],
        notify_frequent_calls_for_number: true,
        frequent_calls_threshold: 4,
        frequent_calls_time_period: 60,
        frequent_calls_cooldown: 720,
        forward_vapi_webhook: true,
        rubric_config: rubric,
      },
    },
    {
      id: SECOND_PROJECT_ID,
      name: 'Bolt Sales Outbound',
      createdAt: '2025-07-22T08:05:43.019Z',
      updatedAt: '2026-01-09T11:16:02.884Z',
      utcOffsetHours: 1,
      secrets: {
        webhook_secret: 'whsec_bolt_2b7f91c4e05a48d6',
        retell_api_key: 'key_retell_91d0c3aa54e7f2b8',
        elevenlabs_api_key: 'sk_el_0e4b7d9a13c26f58',
      },
      fields: {
        timezone: 'Europe/Berlin',
        outbound_timeout: 300,
        max_call_duration: 600,
        min_call_duration: 15,
        sample_rate: 1.0,
        max_messages_chat_runs_limit: 60,
        webhook_url: 'https://hooks.boltsales.io/cekura/events',
        generate_scenario_auto_assign_numbers_enabled: true,
        use_provider_transcript: true,
        notify_daily_report: true,
        daily_report_ai_summary_enabled: true,
        notify_daily_report_webhook: true,
        notify_pre_run_webhook: true,
        daily_report_dashboard_ids: [7711],
        notify_result_webhook_failed: true,
        notify_result_webhook_error: true,
        notify_cronjob_webhook_failed: true,
        notify_call_log_webhook_failed: true,
        notify_cron_failure: true,
        forward_retell_webhook: true,
        should_show_powered_by: false,
        no_calls_notify_time_period: {
          time_zone: 'Europe/Berlin',
          time_periods: [{ start_time: '08:00', end_time: '18:00', time_frame: 60 }],
          exception_numbers: [],
          agents: [],
        },
        rubric_config: secondRubric(),
      },
    },
  ];
}

/** Bolt's rubric, written the current API's way (true/false for binary). */
function secondRubric(): object {
  const rule = (metricId: number, field: string, op: string, value: unknown) => ({
    metric_id: metricId,
    conditions: { operator: 'and', conditions: [{ field, op, value }] },
  });
  return {
    evaluation_logic: 'and',
    rules: [
      rule(SECOND_METRIC_IDS.gdprConsent, 'score', 'eq', true),
      rule(SECOND_METRIC_IDS.objectionHandling, 'score', 'gte', 3),
      rule(SECOND_METRIC_IDS.latency, 'score', 'lte', 1800),
    ],
  };
}

const agent = (
  id: number,
  projectId: number,
  name: string,
  contactNumber: string,
  inbound: boolean,
  language: string,
  createdAt: string,
): SeedAgent => ({ id, projectId, name, contactNumber, inbound, language, firstMessage: inbound, createdAt });

export const agents: SeedAgent[] = [
  agent(6102, DELETED_PROJECT_ID, 'Pilot IVR Agent', '+13125550101', true, 'en', '2025-03-04T16:25:39.120Z'),
  agent(6103, DELETED_PROJECT_ID, 'Pilot Callback Agent', '+13125550102', false, 'en', '2025-03-04T16:41:02.877Z'),
  agent(6109, DELETED_PROJECT_ID, 'Pilot Survey Agent', '+13125550109', false, 'en', '2025-03-18T11:09:53.346Z'),
  agent(6204, DEMO_PROJECT_ID, 'Acme Front Desk', '+12125550143', true, 'en', '2025-05-14T14:40:12.311Z'),
  agent(6205, DEMO_PROJECT_ID, 'Acme Billing Assistant', '+12125550178', true, 'en', '2025-05-14T15:02:57.804Z'),
  agent(6207, SECOND_PROJECT_ID, 'Bolt SDR – Inbound Leads', '+493012345670', true, 'de', '2025-07-22T08:19:30.442Z'),
  agent(6208, SECOND_PROJECT_ID, 'Bolt Demo Scheduler', '+493012345671', false, 'en', '2025-07-22T08:33:05.917Z'),
  agent(6211, DEMO_PROJECT_ID, 'Acme After-Hours Triage', '+16465550122', true, 'en', '2025-08-01T19:12:44.063Z'),
  agent(6219, SECOND_PROJECT_ID, 'Bolt Renewal Caller', '+498912345672', false, 'de', '2025-09-15T10:47:21.590Z'),
  agent(6230, DEMO_PROJECT_ID, 'Acme Línea en Español', '+13055550190', true, 'es', '2025-10-20T13:05:09.238Z'),
];

type MetricInput = Omit<SeedMetric, 'displayOrder' | 'cost' | 'type' | 'prompt'> &
  Partial<Pick<SeedMetric, 'type' | 'prompt' | 'cost'>>;
let order = 0;
const metric = (m: MetricInput): SeedMetric => ({
  type: 'llm_judge',
  prompt: `Evaluate the call: ${m.description}`,
  cost: 0.02,
  displayOrder: ++order,
  ...m,
});
const P = DEMO_PROJECT_ID;
const S = SECOND_PROJECT_ID;
const D = DEMO_METRIC_IDS;
const B = SECOND_METRIC_IDS;

export const metrics: SeedMetric[] = [
  metric({
    id: 47001,
    projectId: DELETED_PROJECT_ID,
    agents: [],
    name: 'Task completion',
    description: 'Whether the caller completed the IVR task without a human.',
    evalType: 'binary',
    legacyEvalType: 'binary_qualitative',
    enumValues: [],
    sim: { kind: 'binary', pFail: 0.2 },
  }),
  metric({
    id: D.customerSatisfaction,
    projectId: P,
    agents: [],
    name: 'Customer satisfaction',
    description: 'How satisfied the customer sounded by the end of the call, from 0 (angry) to 5 (delighted).',
    evalType: 'continuous_qualitative',
    enumValues: [],
    sim: { kind: 'score' },
  }),
  metric({
    id: D.callResolution,
    projectId: P,
    agents: [],
    name: 'Call resolution',
    description: "Whether the customer's issue was resolved on the call.",
    evalType: 'enum',
    enumValues: ['resolved', 'partially_resolved', 'unresolved'],
    sim: { kind: 'enum' },
  }),
  metric({
    id: D.identityVerified,
    projectId: P,
    agents: [],
    name: 'Identity verified',
    description:
      'The agent verified the caller (name and date of birth, or account PIN) before sharing account details.',
    evalType: 'binary',
    legacyEvalType: 'binary_workflow_adherence',
    enumValues: [],
    sim: { kind: 'binary', pFail: 0.03 },
  }),
  metric({
    id: D.latency,
    projectId: P,
    agents: [],
    name: 'Latency (ms)',
    description: "Average time between the end of the customer's turn and the agent's first audio, in milliseconds.",
    evalType: 'numeric',
    enumValues: [],
    type: 'basic',
    functionName: 'get_latency',
    audio: true,
    cost: 0,
    sim: { kind: 'numeric', good: 700, bad: 2600 },
  }),
  metric({
    id: D.interruptions,
    projectId: P,
    agents: [],
    name: 'Interruptions',
    description: 'Number of times the agent talked over the customer.',
    evalType: 'numeric',
    enumValues: [],
    type: 'basic',
    functionName: 'get_interruptions',
    audio: true,
    cost: 0,
    sim: { kind: 'numeric', good: 0, bad: 6 },
  }),
  metric({
    id: D.empathy,
    projectId: P,
    agents: [],
    name: 'Empathy',
    description: "How well the agent acknowledged the customer's situation and feelings, 0 to 5.",
    evalType: 'continuous_qualitative',
    enumValues: [],
    sim: { kind: 'score' },
  }),
  metric({
    id: D.escalationReason,
    projectId: P,
    agents: [],
    name: 'Escalation reason',
    description: 'Why the call was escalated to a human, if it was.',
    evalType: 'enum',
    enumValues: ['none', 'customer_request', 'technical_issue', 'billing_dispute'],
    sim: { kind: 'enum' },
  }),
  metric({
    id: D.bookingConfirmed,
    projectId: null,
    agents: [DEMO_AGENT_IDS.frontDesk],
    name: 'Booking confirmed',
    description: 'The agent read back and confirmed the appointment date, time and location.',
    evalType: 'binary',
    legacyEvalType: 'binary_qualitative',
    enumValues: [],
    sim: { kind: 'binary', pFail: 0.08 },
  }),
  metric({
    id: D.paymentPlanOffered,
    projectId: null,
    agents: [DEMO_AGENT_IDS.billing],
    name: 'Payment plan offered',
    description: 'For overdue balances, the agent offered an instalment plan.',
    evalType: 'binary',
    legacyEvalType: 'binary_qualitative',
    enumValues: [],
    sim: { kind: 'binary', pFail: 0.15 },
  }),
  metric({
    id: D.spanishGreeting,
    projectId: null,
    agents: [DEMO_AGENT_IDS.spanish],
    name: 'Spanish greeting compliance',
    description: 'The agent used the approved Spanish greeting and disclosure.',
    evalType: 'binary',
    legacyEvalType: 'binary_workflow_adherence',
    enumValues: [],
    sim: { kind: 'binary', pFail: 0.05 },
  }),
  metric({
    id: B.meetingBooked,
    projectId: S,
    agents: [],
    name: 'Meeting booked',
    description: 'A demo or follow-up meeting was booked on the call.',
    evalType: 'binary',
    legacyEvalType: 'binary_qualitative',
    enumValues: [],
    sim: { kind: 'binary', pFail: 0.45 },
  }),
  metric({
    id: B.leadQualification,
    projectId: S,
    agents: [],
    name: 'Lead qualification',
    description: 'How qualified the lead is after the call.',
    evalType: 'enum',
    enumValues: ['hot', 'warm', 'cold', 'disqualified'],
    sim: { kind: 'enum' },
  }),
  metric({
    id: B.talkListenRatio,
    projectId: S,
    agents: [],
    name: 'Talk-to-listen ratio (%)',
    description: "Share of the call's speaking time taken by the agent, in percent.",
    evalType: 'numeric',
    enumValues: [],
    type: 'basic',
    functionName: 'get_talk_listen_ratio',
    audio: true,
    cost: 0,
    sim: { kind: 'numeric', good: 45, bad: 78 },
  }),
  metric({
    id: B.objectionHandling,
    projectId: S,
    agents: [],
    name: 'Objection handling',
    description: 'How well the agent handled pricing and timing objections, 0 to 5.',
    evalType: 'continuous_qualitative',
    enumValues: [],
    sim: { kind: 'score' },
  }),
  metric({
    id: B.latency,
    projectId: S,
    agents: [],
    name: 'Latency (ms)',
    description: "Average time between the end of the prospect's turn and the agent's first audio, in milliseconds.",
    evalType: 'numeric',
    enumValues: [],
    type: 'basic',
    functionName: 'get_latency',
    audio: true,
    cost: 0,
    sim: { kind: 'numeric', good: 800, bad: 2400 },
  }),
  metric({
    id: B.gdprConsent,
    projectId: null,
    agents: [SECOND_AGENT_IDS.sdr, SECOND_AGENT_IDS.demoScheduler],
    name: 'GDPR consent captured',
    description: 'The agent asked for and recorded consent to store contact details.',
    evalType: 'binary',
    legacyEvalType: 'binary_workflow_adherence',
    enumValues: [],
    sim: { kind: 'binary', pFail: 0.04 },
  }),
  metric({
    id: B.renewalIntent,
    projectId: null,
    agents: [SECOND_AGENT_IDS.renewals],
    name: 'Renewal intent',
    description: "The customer's stated intent about renewing.",
    evalType: 'enum',
    enumValues: ['renew', 'undecided', 'churn'],
    sim: { kind: 'enum' },
  }),
];

const dashboard = (
  id: number,
  projectId: number,
  name: string,
  widgetCount: number,
  createdAt: string,
  filters: unknown = null,
): SeedDashboard => ({ id, projectId, name, filters, widgetCount, createdAt });

export const dashboards: SeedDashboard[] = [
  dashboard(7601, DELETED_PROJECT_ID, 'Pilot KPIs', 3, '2025-03-10T12:00:41.515Z'),
  dashboard(7702, DEMO_PROJECT_ID, 'Support quality overview', 6, '2025-05-20T16:08:13.774Z'),
  dashboard(7705, DEMO_PROJECT_ID, 'Escalations by agent', 4, '2025-06-02T09:41:55.030Z', {
    field: 'success',
    op: 'eq',
    value: false,
  }),
  dashboard(7709, DEMO_PROJECT_ID, 'Weekly CSAT trend', 3, '2025-08-18T14:27:36.662Z', {
    operator: 'and',
    conditions: [
      { field: 'timestamp', op: 'gte', value: 'today-7d' },
      { field: 'duration', op: 'gte', value: 60 },
    ],
  }),
  dashboard(7711, SECOND_PROJECT_ID, 'Pipeline calls', 5, '2025-07-30T07:55:02.198Z'),
  dashboard(7714, SECOND_PROJECT_ID, 'Latency watch', 2, '2025-10-03T15:13:48.407Z', {
    field: 'duration',
    op: 'gte',
    value: 60,
  }),
];

const usNumber = (rng: { int(a: number, b: number): number; pick<T>(x: readonly T[]): T }) =>
  `+1${rng.pick(['212', '646', '718', '917', '347', '305', '201'])}555${String((rng.int(0, 40) * 211) % 10000).padStart(4, '0')}`;
const deNumber = (rng: { int(a: number, b: number): number; pick<T>(x: readonly T[]): T }) =>
  `+49${rng.pick(['30', '89', '40', '69', '221'])}${String(4_100_000 + rng.int(0, 60) * 7919).padStart(8, '0')}`;

export const flavours: Record<number, CallFlavour> = {
  [DEMO_PROJECT_ID]: {
    greeting: 'Thank you for calling Acme, you have reached {agent}. How can I help you today?',
    topics: [
      {
        topic: 'billing_question',
        ask: 'I was charged twice for my October invoice.',
        answer: 'I can see the duplicate charge; I have requested a refund to your card.',
      },
      {
        topic: 'appointment_booking',
        ask: 'I need to book a technician visit next week.',
        answer: 'I have you down for Tuesday at 10 AM; you will get a text confirmation.',
      },
      {
        topic: 'password_reset',
        ask: "I can't log in to my account.",
        answer: 'I have sent a reset link to the email on file.',
      },
      {
        topic: 'order_status',
        ask: 'Where is my replacement router?',
        answer: 'It shipped yesterday and should arrive on Thursday.',
      },
      {
        topic: 'cancellation',
        ask: 'I want to cancel my plan.',
        answer: 'I can help with that; may I ask why you are leaving?',
      },
    ],
    endedReasons: [
      'customer-ended-call',
      'customer-ended-call',
      'assistant-ended-call',
      'assistant-forwarded-call',
      'silence-timed-out',
    ],
    dropoffs: [
      'end of conversation as no queries remaining',
      'during identity verification',
      'while waiting for a transfer',
      'after hearing the refund timeline',
    ],
    customerNumber: usNumber,
  },
  [SECOND_PROJECT_ID]: {
    greeting: 'Hi, this is Mia from Bolt ({agent}). Do you have two minutes?',
    topics: [
      {
        topic: 'demo_request',
        ask: 'We are looking at tools for our sales team.',
        answer: 'Great, I can book a 30-minute demo with an account executive.',
      },
      {
        topic: 'pricing',
        ask: 'How much is it per seat?',
        answer: 'Plans start at 49 euros per seat per month, billed annually.',
      },
      {
        topic: 'renewal',
        ask: 'Our contract ends next month.',
        answer: 'I can extend it with the loyalty discount if you renew this week.',
      },
      {
        topic: 'not_interested',
        ask: 'We are not interested, thanks.',
        answer: 'Understood, I will update our records. Have a good day.',
      },
      {
        topic: 'callback_request',
        ask: 'Can you call me back tomorrow afternoon?',
        answer: 'Of course, I will call you tomorrow at 3 PM.',
      },
    ],
    endedReasons: [
      'customer-ended-call',
      'assistant-ended-call',
      'customer-did-not-answer',
      'voicemail',
      'customer-busy',
    ],
    dropoffs: [
      'end of conversation as no queries remaining',
      'after the pricing question',
      'during the consent question',
      'when asked to book a meeting',
    ],
    customerNumber: deNumber,
  },
};

import type { Project } from '../../shared/schemas/project';

/** A project as the emulator's demo seed returns it (the fields the shell tests touch). Tests only. */
export function testProject(overrides: Record<string, unknown> = {}): Project {
  return {
    id: 1837,
    name: 'Acme Support Line',
    timezone: 'America/New_York',
    outbound_timeout: 240,
    max_call_duration: 900,
    min_call_duration: 20,
    sample_rate: 0.5,
    max_messages_chat_runs_limit: 100,
    evaluate_relevant_metrics_enabled: true,
    end_call_enabled: true,
    generate_scenario_auto_assign_numbers_enabled: false,
    enable_client_side_testing: false,
    should_show_powered_by: true,
    use_provider_transcript: false,
    is_deleted: false,
    webhook_url: '',
    webhook_secret_configured: false,
    daily_report_dashboard_ids: [7702, 7709],
    rubric_config: {
      evaluation_logic: 'and',
      rules: [
        { metric_id: 48220, conditions: { operator: 'and', conditions: [{ op: 'eq', field: 'score', value: 5 }] } },
        { metric_id: 48213, conditions: { operator: 'and', conditions: [{ op: 'gte', field: 'score', value: 4 }] } },
      ],
    },
    no_calls_notify_time_period: null,
    ...overrides,
  } as Project;
}

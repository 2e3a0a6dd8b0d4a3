import {
  PROJECT_FIELDS,
  PROJECT_FIELD_NAMES,
  SECTION_LABELS,
  type ProjectField,
  type SectionId,
} from './schemas/project';

// Finds a setting or a part of a section by its label, its API field name, its description, the headings
// and controls the sections show, and common other words for them. Every word of the query must appear
// somewhere; a match in the label ranks above one in the field name, above one in the description or synonyms.

export interface SettingMatch {
  /** Unique among the results. */
  key: string;
  /** The project field it edits; absent for a heading that spans several fields. */
  field?: ProjectField;
  /** The text of the heading or control label on the page to jump to (instead of the field's own control). */
  place?: string;
  section: SectionId;
  label: string;
  sectionLabel: string;
  description?: string;
}

/** Other words people use for a field (searched like its description). */
const FIELD_SYNONYMS: Partial<Record<ProjectField, string>> = {
  webhook_url: 'endpoint callback hook address',
  webhook_secret: 'signature signing hmac token',
  outbound_timeout: 'timeout ring wait dial',
  sample_rate: 'sampling percentage evaluate share',
  min_call_duration: 'shortest length seconds',
  max_call_duration: 'longest length seconds',
  is_send_emails_enabled: 'mail email notifications',
};

/** Headings and controls inside a section, with the words that should find them. */
const PLACES: Omit<SettingMatch, 'key' | 'sectionLabel'>[] = [
  { section: 'general', label: 'Project', place: 'Project', description: 'Name, time zone and project details.' },
  { section: 'general', label: 'Features', place: 'Features', description: 'Turn console features on or off.' },
  { section: 'general', label: 'Evaluation', place: 'Evaluation', description: 'How calls are evaluated.' },
  {
    section: 'general',
    label: 'Danger zone',
    place: 'Danger zone',
    description: 'Delete or restore the project. Remove, archive.',
  },
  { section: 'limits', label: 'Calls', place: 'Calls', description: 'Call durations and the outbound timeout.' },
  {
    section: 'limits',
    label: 'Metrics and chats',
    place: 'Metrics and chats',
    description: 'Metric sampling and the chat message limit.',
  },
  {
    section: 'notifications',
    label: 'Email recipients',
    place: 'Email recipients',
    description: 'Who receives the emails: members, people, addresses, mailing list.',
  },
  {
    section: 'notifications',
    label: 'Frequent calls from one number',
    place: 'Frequent calls from one number',
    description: 'Alert when one phone number or caller calls often (spam, repeat callers).',
  },
  {
    section: 'no-calls',
    field: 'no_calls_notify_time_period',
    label: 'Monitoring windows',
    place: 'Monitoring windows',
    description: 'The days and hours (time windows) when a silence raises an alert; business hours, schedule.',
  },
  {
    section: 'no-calls',
    field: 'no_calls_notify_time_period',
    label: 'Schedule time zone',
    place: 'Schedule time zone',
    description: 'The time zone (timezone, tz) the no-calls windows are in.',
  },
  {
    section: 'no-calls',
    field: 'no_calls_notify_time_period',
    label: 'Exception numbers',
    place: 'Exception numbers',
    description: 'Phone numbers whose calls do not count (exceptions, allowlist, test callers).',
  },
  {
    section: 'no-calls',
    field: 'no_calls_notify_time_period',
    label: 'Excluded agents',
    place: 'Excluded agents',
    description: 'Agents not monitored for silence (exclude, skip, bots).',
  },
  {
    section: 'no-calls',
    field: 'no_calls_notify_time_period',
    label: 'When silence raises an alert',
    place: 'When silence raises an alert',
    description: 'Preview of the next monitored windows.',
  },
  {
    section: 'integrations',
    label: 'Provider API keys',
    place: 'Provider API keys',
    description: 'Keys of voice providers: Vapi, Retell, Synthflow, ElevenLabs, LiveKit, Pipecat; credentials, tokens.',
  },
  {
    section: 'rubric',
    field: 'rubric_config',
    label: 'Rules',
    place: 'Rules',
    description: 'The rubric rules and conditions that decide whether a call passes or fails (criteria, scoring).',
  },
  {
    section: 'rubric',
    field: 'rubric_config',
    label: 'Summary',
    place: 'Summary',
    description: 'The rubric in plain words.',
  },
  {
    section: 'rubric',
    field: 'rubric_config',
    label: 'Impact preview',
    place: 'Impact preview',
    description: 'Which recent calls would pass or fail with the draft rubric.',
  },
];

const words = (text: string) =>
  text
    .toLowerCase()
    .replace(/[_\-()%:",.;]/g, ' ')
    .split(/\s+/)
    .filter(Boolean);

function entry(match: SettingMatch, extra = '') {
  return {
    match,
    label: words(match.label).join(' '),
    name: words(match.field && !match.place ? match.field : '').join(' '),
    rest: words(`${match.description ?? ''} ${extra} ${match.sectionLabel}`).join(' '),
  };
}

const INDEX = [
  ...PROJECT_FIELD_NAMES.map((field) => {
    const spec = PROJECT_FIELDS[field] as { section: SectionId; label: string; description?: string };
    return entry(
      {
        key: field,
        field,
        section: spec.section,
        label: spec.label,
        sectionLabel: SECTION_LABELS[spec.section],
        description: spec.description,
      },
      FIELD_SYNONYMS[field],
    );
  }),
  ...PLACES.map((place) =>
    entry({ ...place, key: `${place.section}:${place.label}`, sectionLabel: SECTION_LABELS[place.section] }),
  ),
];

export function searchSettings(query: string, limit = 8): SettingMatch[] {
  const terms = words(query);
  if (terms.length === 0) return [];
  const scored = INDEX.map((item) => {
    let score = 0;
    for (const term of terms) {
      if (item.label.includes(term)) score += 3;
      else if (item.name.includes(term)) score += 2;
      else if (item.rest.includes(term)) score += 1;
      else return { item, score: 0 };
    }
    if (item.label === terms.join(' ') || item.label.startsWith(terms.join(' '))) score += 5;
    return { item, score };
  });
  return scored
    .filter((result) => result.score > 0)
    .sort((a, b) => b.score - a.score)
    .slice(0, limit)
    .map((result) => result.item.match);
}

import { describe, expect, it } from 'vitest';
import { errorPaths, issuesToErrors, jsonPathToFormPath, placeServerErrors, sectionsOfPaths } from './form-errors';

describe('placeServerErrors', () => {
  it('puts plain field errors on their field and unknown keys in the banner', () => {
    const placed = placeServerErrors(
      { name: ['Too long.'], outbound_timeout: ['Ensure this value is less than or equal to 300.'], bogus: ['What?'] },
      'Partly refused.',
    );
    expect(placed.fieldIssues).toEqual([
      { path: 'name', message: 'Too long.' },
      { path: 'outbound_timeout', message: 'Ensure this value is less than or equal to 300.' },
    ]);
    expect(placed.banner).toEqual(['Partly refused.', 'bogus: What?']);
  });

  it('a JSON field message with a path lands on the field and on the rule or row it names', () => {
    const placed = placeServerErrors({
      rubric_config: [
        "rules[1].conditions.conditions[0].value: 'maybe' is not one of the metric's enum_values",
        'evaluation_logic must be "and"',
      ],
      no_calls_notify_time_period: ['exception_numbers[0]: not an E.164 number'],
    });
    expect(placed.fieldIssues).toEqual([
      {
        path: 'rubric_config',
        message: "rules[1].conditions.conditions[0].value: 'maybe' is not one of the metric's enum_values",
      },
      { path: 'rubric_config.rules.1', message: "'maybe' is not one of the metric's enum_values" },
      { path: 'rubric_config', message: 'evaluation_logic must be "and"' },
      { path: 'no_calls_notify_time_period', message: 'exception_numbers[0]: not an E.164 number' },
      { path: 'no_calls_notify_time_period.exception_numbers.0', message: 'not an E.164 number' },
    ]);
    expect(placed.banner).toEqual([]);
  });
});

describe('jsonPathToFormPath', () => {
  it('maps rubric paths to the whole rule and other JSON paths one to one', () => {
    expect(jsonPathToFormPath('rubric_config', 'rules[3].metric_id')).toBe('rubric_config.rules.3');
    expect(jsonPathToFormPath('rubric_config', 'evaluation_logic')).toBeUndefined();
    expect(jsonPathToFormPath('no_calls_notify_time_period', 'time_periods[1].end_time')).toBe(
      'no_calls_notify_time_period.time_periods.1.end_time',
    );
  });
});

describe('issuesToErrors', () => {
  it('nests errors at form paths; a field keeps its own message beside its rows; repeated messages join', () => {
    const errors = issuesToErrors([
      { path: 'rubric_config.rules.1', message: 'Unknown metric.' },
      { path: 'rubric_config', message: 'Fix the marked rules.' },
      { path: 'name', message: 'Blank.' },
      { path: 'name', message: 'Also short.' },
    ]) as Record<string, any>;
    expect(errors.rubric_config.message).toBe('Fix the marked rules.');
    expect(errors.rubric_config.rules['1'].message).toBe('Unknown metric.');
    expect(errors.name.message).toBe('Blank. Also short.');
    expect(errorPaths(errors).sort()).toEqual(['name', 'rubric_config', 'rubric_config.rules.1']);
  });
});

describe('sectionsOfPaths', () => {
  it('names the sections holding the paths, in navigation order', () => {
    expect(sectionsOfPaths(['rubric_config.rules.2', 'sample_rate', 'name', 'unknown'])).toEqual([
      'general',
      'limits',
      'rubric',
    ]);
  });
});

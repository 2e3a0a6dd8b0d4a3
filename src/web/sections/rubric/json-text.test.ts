import { describe, expect, it } from 'vitest';
import { parseRubricJson } from './json-text';

describe('parseRubricJson', () => {
  it('accepts {} and a complete rubric', () => {
    expect(parseRubricJson('{}')).toEqual({ ok: true, config: {} });
    const text =
      '{"evaluation_logic":"and","rules":[{"metric_id":1,"conditions":{"operator":"and","conditions":[{"field":"score","op":"gte","value":4}]}}]}';
    expect(parseRubricJson(text)).toEqual({ ok: true, config: JSON.parse(text) });
  });

  it('says why text is not JSON', () => {
    const result = parseRubricJson('{"rules": [');
    expect(result.ok).toBe(false);
    expect(!result.ok && result.message).toMatch(/^Not valid JSON: /);
  });

  it('says why JSON is not a rubric, with the path', () => {
    const result = parseRubricJson(
      '{"evaluation_logic":"and","rules":[{"metric_id":"x","conditions":{"operator":"and","conditions":[]}}]}',
    );
    expect(result.ok).toBe(false);
    expect(!result.ok && result.message).toMatch(/^Not a rubric: rules\.0\.metric_id: /);
    expect(parseRubricJson('[]').ok).toBe(false);
    expect(parseRubricJson('{"evaluation_logic":"or","rules":[]}').ok).toBe(false);
  });
});

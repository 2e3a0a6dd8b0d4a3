// @vitest-environment jsdom
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  findFieldElement,
  focusTargetOf,
  highlightTargetOf,
  HIGHLIGHT_ATTRIBUTE,
  HIGHLIGHT_MS,
  isProjectField,
  jumpToField,
  revealField,
} from './focus-field';

// The DOM shapes the sections render: MUI switch rows (label > input[name]), text fields (a FormControl box
// with a label pointing at the input), an Autocomplete without a name, and marked containers.
const PAGE = `
  <main>
    <label class="MuiFormControlLabel-root" id="row"><span><input type="checkbox" role="switch" name="notify_daily_report"></span><span>Daily report</span></label>
    <div class="MuiFormControl-root" id="tz-box"><label for="tz-input">Time zone<span aria-hidden="true"> *</span></label><input id="tz-input" role="combobox"></div>
    <div class="MuiFormControl-root" id="select-box"><div role="combobox" tabindex="0" id="select-display">Seconds</div><input type="hidden" aria-hidden="true" tabindex="-1" name="frequent_calls_cooldown"></div>
    <section data-field="rubric_config" id="rules"><h2>Rules</h2><button id="add" disabled>Add</button><button role="tab" id="tab" tabindex="0">Builder</button></section>
    <div data-field="webhook_secret" id="secret" tabindex="-1"><button id="replace">Replace</button></div>
  </main>`;

const byId = (id: string) => document.getElementById(id)!;

afterEach(() => {
  document.body.innerHTML = '';
  vi.useRealTimers();
});

describe('findFieldElement', () => {
  it('finds by name, then by data-field, then by the label text (required marker ignored)', () => {
    document.body.innerHTML = PAGE;
    expect(findFieldElement('notify_daily_report')).toBe(document.querySelector('[name="notify_daily_report"]'));
    expect(findFieldElement('rubric_config')).toBe(byId('rules'));
    expect(findFieldElement('timezone')).toBe(byId('tz-input'));
    expect(findFieldElement('webhook_url')).toBeNull();
  });

  it('prefers a named control over a marked container of the same field', () => {
    document.body.innerHTML = '<div data-field="webhook_url" id="box"><input name="webhook_url" id="named"></div>';
    expect(findFieldElement('webhook_url')).toBe(byId('named'));
  });

  it('searches only inside the given root', () => {
    document.body.innerHTML = `<header><input name="webhook_url"></header><main id="m"></main>`;
    expect(findFieldElement('webhook_url', byId('m'))).toBeNull();
  });
});

describe('focus and highlight targets', () => {
  it('a switch: focuses its input, outlines its label row', () => {
    document.body.innerHTML = PAGE;
    const input = findFieldElement('notify_daily_report')!;
    expect(focusTargetOf(input)).toBe(input);
    expect(highlightTargetOf(input)).toBe(byId('row'));
  });

  it('a hidden named input: focuses the visible control in its box', () => {
    document.body.innerHTML = PAGE;
    const hidden = findFieldElement('frequent_calls_cooldown')!;
    expect(highlightTargetOf(hidden)).toBe(byId('select-box'));
    expect(focusTargetOf(hidden)).toBe(byId('select-display'));
  });

  it('a marked container: outlined itself, focus on its first enabled control', () => {
    document.body.innerHTML = PAGE;
    expect(highlightTargetOf(byId('rules'))).toBe(byId('rules'));
    expect(focusTargetOf(byId('rules'))).toBe(byId('tab'));
    expect(focusTargetOf(byId('secret'))).toBe(byId('replace'));
  });
});

describe('revealField', () => {
  it('scrolls, focuses and marks the highlight for its duration', () => {
    vi.useFakeTimers();
    document.body.innerHTML = PAGE;
    const scrolled = vi.fn();
    byId('row').scrollIntoView = scrolled;
    const animate = vi.fn();
    byId('row').animate = animate;
    const focused = revealField(findFieldElement('notify_daily_report')!);
    expect(document.activeElement).toBe(focused);
    expect(focused?.getAttribute('name')).toBe('notify_daily_report');
    expect(scrolled).toHaveBeenCalledWith(expect.objectContaining({ block: 'center' }));
    expect(animate).toHaveBeenCalledWith(expect.any(Array), expect.objectContaining({ duration: HIGHLIGHT_MS }));
    expect(byId('row').getAttribute(HIGHLIGHT_ATTRIBUTE)).toBe('true');
    vi.advanceTimersByTime(HIGHLIGHT_MS);
    expect(byId('row').hasAttribute(HIGHLIGHT_ATTRIBUTE)).toBe(false);
  });
});

describe('jumpToField', () => {
  it('waits for a section that renders later, then reveals the field', async () => {
    document.body.innerHTML = '<main id="m"></main>';
    setTimeout(() => (byId('m').innerHTML = PAGE), 120);
    await expect(jumpToField('notify_daily_report', { timeoutMs: 2000 })).resolves.toBe(true);
    expect((document.activeElement as HTMLInputElement).name).toBe('notify_daily_report');
  });

  it('waits while a modal is open (its focus trap would take the focus back)', async () => {
    document.body.innerHTML = `${PAGE}<div class="MuiModal-root" id="modal"></div>`;
    setTimeout(() => byId('modal').remove(), 120);
    const started = Date.now();
    await expect(jumpToField('timezone', { timeoutMs: 2000 })).resolves.toBe(true);
    expect(Date.now() - started).toBeGreaterThanOrEqual(100);
    expect(document.activeElement).toBe(byId('tz-input'));
  });

  it('gives up after the timeout, and at once when aborted', async () => {
    document.body.innerHTML = '<main></main>';
    await expect(jumpToField('webhook_url', { timeoutMs: 120 })).resolves.toBe(false);
    const controller = new AbortController();
    const pending = jumpToField('webhook_url', { signal: controller.signal, timeoutMs: 5000 });
    controller.abort();
    await expect(pending).resolves.toBe(false);
  });
});

it('isProjectField accepts field names only', () => {
  expect(isProjectField('notify_daily_report')).toBe(true);
  expect(isProjectField('toString')).toBe(false);
  expect(isProjectField(null)).toBe(false);
});

it('a switch without a visible label (a grid cell): outlines the cell, not the transparent input', () => {
  document.body.innerHTML =
    '<table><tr><td id="cell"><span class="MuiSwitch-root"><span><input type="checkbox" name="notify_result_webhook_success" aria-label="Result: success"></span></span></td></tr></table>';
  const input = findFieldElement('notify_result_webhook_success')!;
  expect(highlightTargetOf(input)).toBe(byId('cell'));
  expect(focusTargetOf(input)).toBe(input);
});

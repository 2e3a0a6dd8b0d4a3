// @vitest-environment jsdom
import '@testing-library/jest-dom/vitest';
import { afterEach, describe, expect, it } from 'vitest';
import { act, cleanup, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { FormProvider, useForm, type UseFormReturn } from 'react-hook-form';
import { toFormValues, type ProjectFormValues } from '../../../shared/form';
import { buildPatch } from '../../../shared/patch';
import type { Project } from '../../../shared/schemas/project';
import { WebhookEventGrid } from './WebhookEventGrid';

afterEach(cleanup);

function setup(project: Project) {
  let form!: UseFormReturn<ProjectFormValues>;
  function Harness() {
    form = useForm<ProjectFormValues>({ defaultValues: toFormValues(project) });
    return (
      <FormProvider {...form}>
        <WebhookEventGrid />
      </FormProvider>
    );
  }
  render(<Harness />);
  return { form: () => form, table: screen.getByRole('table', { name: 'Webhook events' }) };
}

describe('WebhookEventGrid', () => {
  it('is a table with column and row headers, one labelled switch per event and n/a for call-log errors', () => {
    const { table } = setup({ id: 1, webhook_url: 'https://example.com/hook', notify_result_webhook_failed: true });
    expect(
      within(table)
        .getAllByRole('columnheader')
        .map((th) => th.textContent),
    ).toEqual(['Event', 'Success', 'Failed', 'Error']);
    expect(
      within(table)
        .getAllByRole('rowheader')
        .map((th) => th.textContent),
    ).toEqual(['Result', 'Scheduled run', 'Call log']);
    expect(within(table).getAllByRole('switch')).toHaveLength(8);
    expect(within(table).getByRole('switch', { name: 'Result: failed' })).toBeChecked();
    const callLog = within(table).getAllByRole('row')[3];
    expect(within(callLog).getAllByRole('cell').at(-1)).toHaveTextContent('n/a');
  });

  it('a toggled switch is its own field in the PATCH', async () => {
    const project = { id: 1, webhook_url: 'https://example.com/hook' };
    const { form, table } = setup(project);
    await userEvent.click(within(table).getByRole('switch', { name: 'Call log: success' }));
    expect(buildPatch(project, form().getValues())).toEqual({ notify_call_log_webhook_success: true });
  });

  it('without a webhook URL the switches say they have no effect, and stay editable', async () => {
    const { form, table } = setup({ id: 1, webhook_url: '' });
    const toggle = within(table).getByRole('switch', { name: 'Scheduled run: error' });
    expect(toggle).toHaveAccessibleDescription(/No effect while there is no webhook URL\./);
    expect(toggle).toBeEnabled();
    await userEvent.click(toggle);
    expect(toggle).toBeChecked();
    act(() => form().setValue('webhook_url', 'https://example.com/hook'));
    await waitFor(() => expect(toggle).not.toHaveAccessibleDescription(/No effect/));
  });
});

// @vitest-environment jsdom
import '@testing-library/jest-dom/vitest';
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { FormProvider, useForm, type UseFormReturn } from 'react-hook-form';
import { buildPatch } from '../../shared/patch';
import { toFormValues, type ProjectFormValues } from '../../shared/form';
import type { Project } from '../../shared/schemas/project';
import SecretField from './SecretField';
import { secretStatus, type SecretFieldName } from './secret-status';

afterEach(cleanup);

const LEGACY_SECRET = 'whsec-legacy-0123456789abcdef';

function setup(project: Project, name: SecretFieldName = 'vapi_api_key') {
  let form!: UseFormReturn<ProjectFormValues>;
  function Harness() {
    form = useForm<ProjectFormValues>({ defaultValues: toFormValues(project) });
    return (
      <FormProvider {...form}>
        <SecretField name={name} label="Vapi private API key" status={secretStatus(project, name)} />
      </FormProvider>
    );
  }
  render(<Harness />);
  const group = screen.getByRole('group', { name: 'Vapi private API key' });
  return {
    group,
    value: () => form.getValues(name),
    patch: () => buildPatch(project, form.getValues()),
    user: userEvent.setup(),
  };
}

describe('SecretField', () => {
  it('shows "Not set" and offers Set (no Clear) when the flag is off; untouched = not in the PATCH', () => {
    const { group, patch } = setup({ id: 1, vapi_api_key_configured: false });
    expect(group).toHaveTextContent('Status: Not set');
    expect(within(group).getByRole('button', { name: 'Set' })).toBeInTheDocument();
    expect(within(group).queryByRole('button', { name: 'Clear' })).toBeNull();
    expect(patch()).toEqual({});
  });

  it('Replace: masked input, reveal toggle, the typed value goes in the PATCH; Cancel returns to keep', async () => {
    const { group, value, patch, user } = setup({ id: 1, vapi_api_key_configured: true });
    expect(group).toHaveTextContent('Status: Configured');
    await user.click(within(group).getByRole('button', { name: 'Replace' }));
    const input = within(group).getByLabelText('New Vapi private API key');
    expect(input).toHaveAttribute('type', 'password');
    expect(input).toHaveFocus();
    await user.type(input, 'sk-new-1234');
    expect(value()).toEqual({ mode: 'replace', value: 'sk-new-1234' });
    expect(patch()).toEqual({ vapi_api_key: 'sk-new-1234' });

    const reveal = within(group).getByRole('button', { name: 'Show value' });
    await user.click(reveal);
    expect(input).toHaveAttribute('type', 'text');
    expect(reveal).toHaveAttribute('aria-pressed', 'true');
    await user.click(reveal);
    expect(input).toHaveAttribute('type', 'password');

    await user.click(within(group).getByRole('button', { name: 'Cancel' }));
    expect(value()).toEqual({ mode: 'keep' });
    expect(patch()).toEqual({});
    expect(within(group).getByRole('button', { name: 'Replace' })).toHaveFocus();
  });

  it('Clear asks first: "Keep it" changes nothing, confirming sends "" and Cancel undoes it', async () => {
    const { group, value, patch, user } = setup({ id: 1, vapi_api_key_configured: 'true' });
    await user.click(within(group).getByRole('button', { name: 'Clear' }));
    const dialog = await screen.findByRole('dialog', { name: 'Clear the Vapi private API key?' });
    await user.click(within(dialog).getByRole('button', { name: 'Keep it' }));
    expect(value()).toEqual({ mode: 'keep' });
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());

    await user.click(within(group).getByRole('button', { name: 'Clear' }));
    await user.click(within(await screen.findByRole('dialog')).getByRole('button', { name: 'Clear on save' }));
    expect(value()).toEqual({ mode: 'clear' });
    expect(patch()).toEqual({ vapi_api_key: '' });
    expect(group).toHaveTextContent('will be cleared when you save');
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(within(group).getByRole('button', { name: 'Cancel' })).toHaveFocus();

    await user.click(within(group).getByRole('button', { name: 'Cancel' }));
    expect(value()).toEqual({ mode: 'keep' });
    expect(patch()).toEqual({});
  });

  it('legacy API: a secret returned in clear is shown masked (last 4 at most) and never sent back', async () => {
    const project: Project = { id: 1, webhook_secret: LEGACY_SECRET };
    const { group, value, patch } = setup(project, 'webhook_secret');
    expect(group).toHaveTextContent('Status: Configured (••••cdef)');
    expect(document.body.textContent).not.toContain(LEGACY_SECRET);
    expect(document.body.innerHTML).not.toContain(LEGACY_SECRET.slice(0, -4));
    expect(value()).toEqual({ mode: 'keep' });
    expect(patch()).toEqual({});
  });
});

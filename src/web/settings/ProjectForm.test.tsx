// @vitest-environment jsdom
import '@testing-library/jest-dom/vitest';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { MemoryRouter, Route, Routes } from 'react-router';
import { SectionRoute } from '../app/SectionRoute';
import { ProjectShell } from './ProjectShell';
import { testProject } from './test-project';

// The form wiring in a DOM: dirty count, edited back = clean, edits across sections, Ctrl+S and the review,
// If-Match, a 412 merged. The network is a recorded fake `fetch` (the e2e suite uses the real server).

type Reply = { status: number; body: unknown; etag?: string };

/** A fake admin server: the project GET, /app-api/config, and the PATCH replies in order. */
function fakeFetch(project: unknown, patchReplies: Reply[]) {
  const calls: { url: string; method: string; headers: Record<string, string>; body: unknown }[] = [];
  // The project as the server holds it: a successful PATCH replaces it, a 412 shows it (the 8 s change check
  // reads it).
  let current: Reply = { status: 200, body: project, etag: '"v1"' };
  vi.stubGlobal(
    'fetch',
    vi.fn(async (url: string, init: RequestInit = {}) => {
      const method = init.method ?? 'GET';
      calls.push({
        url,
        method,
        headers: init.headers as Record<string, string>,
        body: init.body ? JSON.parse(String(init.body)) : null,
      });
      const reply: Reply =
        method === 'PATCH'
          ? patchReplies.shift()!
          : url === '/app-api/config'
            ? { status: 200, body: { mode: 'emulator', upstreamHost: '127.0.0.1:1' } }
            : url === '/api/user/v1/projects/1837/'
              ? current
              : { status: 200, body: [] };
      if (method === 'PATCH' && reply.status === 200) current = reply;
      const conflict = reply.body as { project?: unknown } | null;
      if (method === 'PATCH' && reply.status === 412 && conflict?.project)
        current = { status: 200, body: conflict.project, etag: reply.etag };
      return new Response(JSON.stringify(reply.body), {
        status: reply.status,
        headers: reply.etag ? { ETag: reply.etag } : {},
      });
    }),
  );
  return calls;
}

function renderConsole(section = 'general') {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  render(
    <QueryClientProvider client={client}>
      <MemoryRouter initialEntries={[`/projects/1837/${section}`]}>
        <Routes>
          <Route path="/projects/:projectId" element={<ProjectShell />}>
            <Route path=":section" element={<SectionRoute />} />
          </Route>
        </Routes>
      </MemoryRouter>
    </QueryClientProvider>,
  );
}

// Caps for states to arrive, not time budgets: the first render of a lazy section transforms MUI in jsdom,
// and on a machine whose cores are busy elsewhere that alone can take tens of seconds.
const LOAD = { timeout: 60_000 };

/**
 * Replaces a text field's value the way a user does (clear, then paste: one input event instead of one per
 * key, so a busy machine has no window for a re-render between keys), and waits until the form shows it.
 */
async function replaceText(user: ReturnType<typeof userEvent.setup>, label: string, text: string) {
  const field = await screen.findByLabelText(label, {}, LOAD);
  await user.clear(field);
  await waitFor(() => expect(screen.getByLabelText(label)).toHaveValue(''), LOAD);
  await user.paste(text);
  await waitFor(() => expect(screen.getByLabelText(label)).toHaveValue(text), LOAD);
}

afterEach(() => {
  cleanup();
  sessionStorage.clear();
  vi.unstubAllGlobals();
});

describe('the project form', { timeout: 120_000 }, () => {
  it('counts unsaved changes per field, and an edit typed back is clean', async () => {
    fakeFetch(testProject(), []);
    renderConsole();
    const user = userEvent.setup();
    await replaceText(user, 'Name', 'Acme EU');
    await waitFor(() => expect(screen.getByRole('status')).toHaveTextContent('1 unsaved change'), LOAD);
    await waitFor(
      () => expect(screen.getByRole('link', { name: /^General/ })).toHaveTextContent('1 unsaved change'),
      LOAD,
    );
    await replaceText(user, 'Name', 'Acme Support Line');
    await waitFor(() => expect(screen.getByRole('status')).toHaveTextContent('No unsaved changes'), LOAD);
  });

  it('keeps edits across sections; Ctrl+S opens the review and Confirm sends one PATCH with If-Match', async () => {
    const calls = fakeFetch(testProject(), [
      { status: 200, body: testProject({ name: 'Acme EU', max_call_duration: 600 }), etag: '"v2"' },
    ]);
    renderConsole();
    const user = userEvent.setup();
    await replaceText(user, 'Name', 'Acme EU');
    await user.click(screen.getByRole('link', { name: /^Limits/ }));
    await replaceText(user, 'Maximum call duration (s)', '600');
    await waitFor(() => expect(screen.getByRole('status')).toHaveTextContent('2 unsaved changes'), LOAD);
    await user.keyboard('{Control>}s{/Control}');
    const review = await screen.findByRole('dialog', { name: 'Review changes' }, LOAD);
    expect(
      within(review)
        .getAllByRole('listitem')
        .map((item) => item.textContent),
    ).toEqual(['Name: Acme Support Line → Acme EU', 'Maximum call duration (s): 900 → 600']);
    expect(calls.some((call) => call.method === 'PATCH')).toBe(false);
    await user.click(within(review).getByRole('button', { name: 'Confirm' }));
    await screen.findByText('Saved 2 changes.', {}, LOAD);
    const patch = calls.find((call) => call.method === 'PATCH')!;
    expect(patch.url).toBe('/api/user/v1/projects/1837/');
    expect(patch.headers['If-Match']).toBe('"v1"');
    expect(patch.body).toEqual({ name: 'Acme EU', max_call_duration: 600 });
    await waitFor(() => expect(screen.getByRole('status')).toHaveTextContent('No unsaved changes'), LOAD);
    await waitFor(() => expect(screen.getByLabelText('Maximum call duration (s)')).toHaveValue('600'), LOAD);
  });

  it('Back from the review sends nothing and keeps the edits', async () => {
    const calls = fakeFetch(testProject(), []);
    renderConsole();
    const user = userEvent.setup();
    await replaceText(user, 'Name', 'Draft');
    await user.click(screen.getByRole('button', { name: 'Save' }));
    const review = await screen.findByRole('dialog', { name: 'Review changes' }, LOAD);
    await user.click(within(review).getByRole('button', { name: 'Back' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
    await waitFor(() => expect(screen.getByLabelText('Name')).toHaveValue('Draft'), LOAD);
    expect(calls.some((call) => call.method === 'PATCH')).toBe(false);
  });

  it('a 412 merges: the server change is taken, the edit kept, the review opens again and saves with the new ETag', async () => {
    const current = testProject({ outbound_timeout: 120 });
    const calls = fakeFetch(testProject(), [
      { status: 412, body: { detail: 'The project changed since you loaded it.', project: current }, etag: '"v9"' },
      { status: 200, body: { ...current, name: 'Mine' }, etag: '"v10"' },
    ]);
    renderConsole();
    const user = userEvent.setup();
    await replaceText(user, 'Name', 'Mine');
    await user.click(screen.getByRole('button', { name: 'Save' }));
    await user.click(
      within(await screen.findByRole('dialog', { name: 'Review changes' }, LOAD)).getByRole('button', {
        name: 'Confirm',
      }),
    );
    await screen.findByText('Merged with changes made elsewhere: Outbound timeout (s).', {}, LOAD);
    const again = screen.getByRole('dialog', { name: 'Review changes' });
    expect(
      within(again)
        .getAllByRole('listitem')
        .map((item) => item.textContent),
    ).toEqual(['Name: Acme Support Line → Mine']);
    await user.click(within(again).getByRole('button', { name: 'Confirm' }));
    await screen.findByText('Saved 1 change.', {}, LOAD);
    const patches = calls.filter((call) => call.method === 'PATCH');
    expect(patches.map((call) => call.headers['If-Match'])).toEqual(['"v1"', '"v9"']);
    expect(patches[1].body).toEqual({ name: 'Mine' });
  });

  it('an odd stored value is a warning at its field, not an error', async () => {
    fakeFetch(testProject({ sample_rate: 7 }), []);
    renderConsole('limits');
    const field = await screen.findByLabelText('Sample rate (%)', {}, LOAD);
    expect(field).toHaveValue('700');
    expect(field).not.toHaveAttribute('aria-invalid', 'true');
    expect(screen.getByText(/Warning: Stored value 7 is unusual/)).toBeInTheDocument();
  });
});

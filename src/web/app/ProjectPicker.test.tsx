// @vitest-environment jsdom
import '@testing-library/jest-dom/vitest';
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { MemoryRouter } from 'react-router';
import { queryKeys } from '../api/keys';
import type { ProjectListItem } from '../api/projects';
import { ProjectPicker } from './ProjectPicker';

afterEach(cleanup);

const projects: ProjectListItem[] = Array.from({ length: 500 }, (_, i) => ({
  id: 3001 + i,
  name: `${['Austin', 'Zürich', 'Oslo', 'Dublin'][i % 4]} ${['Support', 'Sales'][Math.floor(i / 4) % 2]} Line ${i}`,
  isDeleted: false,
}));

describe('ProjectPicker search', () => {
  it('filters the list as you type (name words in any order, accents ignored, ids), and says when nothing matches', async () => {
    const client = new QueryClient({ defaultOptions: { queries: { retry: false, staleTime: Infinity } } });
    client.setQueryData(queryKeys.projects(), projects);
    render(
      <QueryClientProvider client={client}>
        <MemoryRouter>
          <ProjectPicker />
        </MemoryRouter>
      </QueryClientProvider>,
    );
    // Links counted by their elements: a role query over 500 links computes each one's accessible name and
    // visibility, seconds of jsdom work that timed this test out on a loaded machine.
    const linksIn = (list: HTMLElement) => Array.from(list.querySelectorAll('a[href]'));
    expect(linksIn(screen.getByRole('list', { name: 'Projects' }))).toHaveLength(500);
    const search = screen.getByLabelText('Search projects');
    fireEvent.change(search, { target: { value: 'sales zurich' } });
    expect(
      await screen.findByText(`${projects.filter((p) => /Zürich Sales/.test(p.name)).length} of 500 projects`),
    ).toBeInTheDocument();
    const matching = linksIn(screen.getByRole('list', { name: 'Projects' }));
    expect(matching).toHaveLength(projects.filter((p) => /Zürich Sales/.test(p.name)).length);
    for (const link of matching) expect(link).toHaveTextContent(/Zürich Sales/);
    fireEvent.change(search, { target: { value: '3417' } });
    expect(await screen.findByText('1 of 500 projects')).toBeInTheDocument();
    expect(screen.getByRole('link', { name: /Project 3417/ })).toHaveAttribute('href', '/projects/3417/general');
    fireEvent.change(search, { target: { value: 'no such project' } });
    expect(await screen.findByText('No project matches "no such project".')).toBeInTheDocument();
    expect(screen.queryByRole('list', { name: 'Projects' })).not.toBeInTheDocument();
  });
});

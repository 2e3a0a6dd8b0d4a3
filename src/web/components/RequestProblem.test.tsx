// @vitest-environment jsdom
import '@testing-library/jest-dom/vitest';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { MemoryRouter } from 'react-router';
import { ApiError } from '../api/client';
import { ProblemAlert, RequestErrorAlert } from './RequestProblem';

afterEach(() => {
  cleanup();
  vi.useRealTimers();
});

const inRouter = (node: React.ReactNode) => render(<MemoryRouter>{node}</MemoryRouter>);

describe('ProblemAlert', () => {
  it('counts down the Retry-After seconds live, then says a retry is worth it', () => {
    vi.useFakeTimers();
    inRouter(
      <ProblemAlert
        title="Cekura is limiting the rate of requests."
        messages={[]}
        retryAfterSeconds={3}
        onRetry={() => undefined}
      />,
    );
    expect(screen.getByText('Try again in 3 s.')).toBeInTheDocument();
    act(() => void vi.advanceTimersByTime(1100));
    expect(screen.getByText('Try again in 2 s.')).toBeInTheDocument();
    act(() => void vi.advanceTimersByTime(2100));
    expect(screen.getByText('You can try again now.')).toBeInTheDocument();
  });

  it('Retry repeats the action; the login link opens a new tab so the draft stays', () => {
    const retry = vi.fn();
    inRouter(
      <ProblemAlert
        title="Your session ended: log in again."
        messages={[]}
        link={{ to: '/login?next=%2F', label: 'Log in' }}
        onRetry={retry}
      />,
    );
    fireEvent.click(screen.getByRole('button', { name: 'Retry' }));
    expect(retry).toHaveBeenCalledTimes(1);
    const login = screen.getByRole('link', { name: 'Log in' });
    expect(login).toHaveAttribute('href', '/login?next=%2F');
    expect(login).toHaveAttribute('target', '_blank');
  });
});

describe('RequestErrorAlert', () => {
  it('words the error, says what failed, links to the picker on a 404', () => {
    inRouter(
      <RequestErrorAlert
        error={new ApiError(404, { detail: 'Not found.' })}
        context="Project 5 could not be loaded."
        onRetry={() => undefined}
      />,
    );
    const alert = screen.getByRole('alert');
    expect(alert).toHaveTextContent("This project no longer exists or this key can't see it.");
    expect(alert).toHaveTextContent('Project 5 could not be loaded.');
    expect(screen.getByRole('link', { name: 'Choose a project' })).toHaveAttribute('href', '/');
  });

  it('offers no Retry when the request itself was refused', () => {
    inRouter(<RequestErrorAlert error={new ApiError(400, { detail: 'Bad page.' })} onRetry={() => undefined} />);
    expect(screen.queryByRole('button', { name: 'Retry' })).toBeNull();
  });
});

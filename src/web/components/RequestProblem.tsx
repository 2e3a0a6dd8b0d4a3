import { useEffect, useMemo, useState, type ReactNode } from 'react';
import { Alert, AlertTitle, Box, Button } from '@mui/material';
import { Link } from 'react-router';
import {
  browserHere,
  browserOnline,
  describeRequestError,
  retryCountdownText,
  type RequestKind,
} from '../api/error-wording';

// The one way the console shows a failed request: what happened, what to do, a live countdown after a 429,
// a link where one helps (log in, pick a project) and Retry, which repeats the same action.

export interface ProblemAlertProps {
  title: string;
  messages: readonly string[];
  retryAfterSeconds?: number;
  link?: { to: string; label: string };
  onRetry?: () => void;
  onClose?: () => void;
  /** Extra content under the messages (e.g. links to sections). */
  children?: ReactNode;
}

export function ProblemAlert({
  title,
  messages,
  retryAfterSeconds,
  link,
  onRetry,
  onClose,
  children,
}: ProblemAlertProps) {
  // A new problem (a new messages list) restarts the countdown, even with the same Retry-After.
  const secondsLeft = useCountdown(retryAfterSeconds, messages);
  return (
    <Alert
      severity="error"
      onClose={onClose}
      action={
        <Box sx={{ display: 'flex', gap: 1, alignItems: 'center' }}>
          {link && <ProblemLink link={link} />}
          {onRetry && (
            <Button color="inherit" size="small" onClick={onRetry}>
              Retry
            </Button>
          )}
        </Box>
      }
    >
      <AlertTitle>{title}</AlertTitle>
      {retryAfterSeconds !== undefined && <div aria-live="polite">{retryCountdownText(secondsLeft)}</div>}
      {messages.map((message) => (
        <div key={message}>{message}</div>
      ))}
      {children}
    </Alert>
  );
}

/** The login page is served by the admin server, outside the app: a new tab keeps this page and its draft. */
function ProblemLink({ link }: { link: { to: string; label: string } }) {
  if (link.to.startsWith('/login')) {
    return (
      <Button color="inherit" size="small" href={link.to} target="_blank" rel="noopener">
        {link.label}
      </Button>
    );
  }
  return (
    <Button color="inherit" size="small" component={Link} to={link.to}>
      {link.label}
    </Button>
  );
}

/** Whole seconds left of `seconds`, counted from when the value (or `restartOn`) arrived. */
function useCountdown(seconds: number | undefined, restartOn: unknown): number {
  const [clock, setClock] = useState({ start: 0, now: 0 });
  useEffect(() => {
    if (seconds === undefined) return;
    const start = Date.now();
    const tick = () => setClock({ start, now: Date.now() });
    tick();
    const timer = setInterval(() => {
      tick();
      if (Date.now() - start >= seconds * 1000) clearInterval(timer);
    }, 250);
    return () => clearInterval(timer);
  }, [seconds, restartOn]);
  if (seconds === undefined) return 0;
  return Math.min(seconds, Math.max(0, Math.ceil((clock.start + seconds * 1000 - clock.now) / 1000)));
}

/** A failed read (load, list): the wording for `error`, with what could not be done as the first line. */
export function RequestErrorAlert({
  error,
  context,
  onRetry,
  kind = 'read',
}: {
  error: unknown;
  context?: string;
  onRetry?: () => void;
  kind?: RequestKind;
}) {
  // Per error (not per render), so the countdown runs once per failure.
  const wording = useMemo(
    () => describeRequestError(error, { kind, online: browserOnline(), here: browserHere() }),
    [error, kind],
  );
  const messages = useMemo(() => [...(context ? [context] : []), ...wording.messages], [context, wording]);
  return (
    <ProblemAlert
      title={wording.title}
      messages={messages}
      retryAfterSeconds={wording.retryAfterSeconds}
      link={wording.link}
      onRetry={wording.retryable ? onRetry : undefined}
    />
  );
}

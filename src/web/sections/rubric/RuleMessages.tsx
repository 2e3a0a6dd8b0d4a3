import { Alert, Button, Stack } from '@mui/material';
import type { IssueCode, RuleIssue } from '../../../shared/rubric/check';

// A rule's messages in words, inside the rule (never only a red border). Rules the API would reject for
// their metric or shape offer one-click removal.

const REMOVABLE: ReadonlySet<IssueCode> = new Set(['unknown-metric', 'malformed', 'pending']);

export function RuleMessages({
  issues,
  serverMessages,
  onRemove,
}: {
  issues: RuleIssue[];
  serverMessages: string[];
  onRemove(): void;
}) {
  if (!issues.length && !serverMessages.length) return null;
  return (
    <Stack spacing={1} sx={{ mt: 1.5 }}>
      {issues.map((issue, i) => (
        <Alert
          key={`${issue.code}-${i}`}
          severity={issue.severity}
          action={
            REMOVABLE.has(issue.code) ? (
              <Button color="inherit" size="small" onClick={onRemove}>
                Remove rule
              </Button>
            ) : undefined
          }
        >
          {issue.severity === 'error' ? 'Blocks saving: ' : 'Warning: '}
          {issue.message}
        </Alert>
      ))}
      {serverMessages.map((message) => (
        <Alert key={message} severity="error">
          The server rejected this rule: {message}
        </Alert>
      ))}
    </Stack>
  );
}

import { useEffect, useId } from 'react';
import { useWatch } from 'react-hook-form';
import { Alert, Box, Button, Stack, Typography } from '@mui/material';
import type { ProjectFormValues, SecretEdit } from '../../../shared/form';
import { useTestWebhook } from '../../api/test-webhook';
import { ApiError } from '../../api/client';
import { requestErrorText } from '../../api/error-wording';
import { useProjectContext } from '../../settings/project-context';
import { testWebhookBlocker } from './logic';

/** The console's wording, plus Cekura's own detail when the wording left it out (a 5xx, say). */
function testErrorText(error: unknown): string {
  const text = requestErrorText(error);
  const detail = error instanceof ApiError ? error.detail : undefined;
  return detail && !text.includes(detail) ? `${text} Cekura says: ${detail}` : text;
}

export function TestWebhook() {
  const { projectId, project } = useProjectContext();
  const formUrl = String(useWatch<ProjectFormValues>({ name: 'webhook_url' }) ?? '');
  const savedUrl = typeof project.webhook_url === 'string' ? project.webhook_url : '';
  const blocker = testWebhookBlocker(savedUrl, formUrl);
  const secretEdit = useWatch<ProjectFormValues>({ name: 'webhook_secret' }) as SecretEdit | undefined;
  const secretPending = !blocker && secretEdit !== undefined && secretEdit.mode !== 'keep';
  const test = useTestWebhook(projectId);
  const reasonId = useId();
  const { reset } = test;

  // A result is about one saved URL: forget it when the saved URL changes.
  useEffect(() => reset(), [savedUrl, reset]);

  return (
    <Box>
      <Stack direction="row" spacing={2} sx={{ alignItems: 'center' }}>
        <Button
          variant="outlined"
          disabled={Boolean(blocker) || test.isPending}
          aria-describedby={blocker || secretPending ? reasonId : undefined}
          onClick={() => test.mutate()}
        >
          {test.isPending ? 'Sending…' : 'Send test event'}
        </Button>
        {(blocker || secretPending) && (
          <Typography id={reasonId} variant="body2" color="text.secondary">
            {blocker ?? 'The test uses the saved webhook secret, not your unsaved change.'}
          </Typography>
        )}
      </Stack>
      <Box role="status" aria-live="polite" sx={{ mt: 1 }}>
        {test.isSuccess && (
          <Alert severity="success">
            Cekura accepted the test event and sent it to the saved webhook URL.
            {test.data.targetStatus !== undefined
              ? ` The target answered with HTTP status ${test.data.targetStatus}.`
              : test.data.message && ` Cekura says: ${test.data.message}`}
          </Alert>
        )}
        {test.isError && <Alert severity="error">The test event failed. {testErrorText(test.error)}</Alert>}
      </Box>
    </Box>
  );
}

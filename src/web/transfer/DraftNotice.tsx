import { Alert, AlertTitle, Box, Link, Stack, Typography } from '@mui/material';
import { Link as RouterLink } from 'react-router';
import { SECTION_LABELS } from '../../shared/schemas/project';
import { countBySection } from './transfer-logic';
import type { DraftChange } from './useApplyDraft';

export type DraftOutcome = DraftChange & { title: string; mapping?: string[] };

/** What an import or copy changed (as unsaved edits), with links to the sections, and the rubric's metric warning. */
export function DraftNotice({
  projectId,
  outcome,
  onClose,
}: {
  projectId: number;
  outcome: DraftOutcome;
  onClose(): void;
}) {
  const { changed, unknownMetricRules } = outcome;
  const sections = countBySection(changed);
  const link = (section: string, text: string) => (
    <Link component={RouterLink} to={`/projects/${projectId}/${section}`}>
      {text}
    </Link>
  );
  return (
    <Stack spacing={1}>
      <Alert role="status" severity={changed.length ? 'success' : 'info'} onClose={onClose}>
        <AlertTitle>{outcome.title}</AlertTitle>
        {changed.length === 0 ? (
          'Nothing changed: these settings already match this project’s current values.'
        ) : (
          <>
            <Typography variant="body2">
              {changed.length === 1 ? '1 setting changed' : `${changed.length} settings changed`} as unsaved changes in:{' '}
              {sections.map(({ section, count }, index) => (
                <span key={section}>
                  {index > 0 && ', '}
                  {link(section, `${SECTION_LABELS[section]} (${count})`)}
                </span>
              ))}
              .
            </Typography>
            {outcome.mapping && outcome.mapping.length > 0 && (
              <Box aria-label="Matched to this project" sx={{ my: 0.5 }}>
                {outcome.mapping.map((line, index) => (
                  <Typography key={index} variant="body2">
                    {line}
                  </Typography>
                ))}
              </Box>
            )}
            <Typography variant="body2">
              Check them there, then Save: the review lists every change before anything is sent.
            </Typography>
          </>
        )}
      </Alert>
      {unknownMetricRules !== 0 && (
        <Alert role="status" severity="warning">
          {unknownMetricRules === null
            ? 'The metrics of this project could not be loaded, so the imported rules are not checked yet: '
            : `${unknownMetricRules === 1 ? '1 rule uses a metric' : `${unknownMetricRules} rules use metrics`} this project does not have: `}
          see {link('rubric', 'Rubric builder')}.
        </Alert>
      )}
    </Stack>
  );
}

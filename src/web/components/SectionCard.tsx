import { useId, type ReactNode } from 'react';
import { Card, CardContent, Stack, Typography } from '@mui/material';

/**
 * One group of settings: a card with an h2 heading, exposed as a labelled region so it is easy to find.
 * `action` sits at the heading's end (a button that acts on the whole card).
 */
export function SectionCard({
  title,
  intro,
  action,
  children,
}: {
  title: string;
  intro?: ReactNode;
  action?: ReactNode;
  children: ReactNode;
}) {
  const headingId = useId();
  const heading = (
    <Typography id={headingId} component="h2" variant="h6" gutterBottom={!action} sx={{ flexGrow: 1 }}>
      {title}
    </Typography>
  );
  return (
    <Card component="section" variant="outlined" aria-labelledby={headingId}>
      <CardContent>
        {action ? (
          <Stack direction="row" sx={{ alignItems: 'center', gap: 2, flexWrap: 'wrap', mb: 1 }}>
            {heading}
            {action}
          </Stack>
        ) : (
          heading
        )}
        {intro && (
          <Typography variant="body2" color="text.secondary" sx={{ mb: 1 }}>
            {intro}
          </Typography>
        )}
        <Stack spacing={1.5}>{children}</Stack>
      </CardContent>
    </Card>
  );
}

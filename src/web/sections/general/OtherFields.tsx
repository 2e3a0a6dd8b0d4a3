import { Typography } from '@mui/material';
import { SectionCard } from '../../components/SectionCard';
import { unknownProjectFields } from '../../../shared/schemas/project';
import { useProjectContext } from '../../settings/project-context';

const MAX_SHOWN_CHARS = 500;

function shown(value: unknown): string {
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  return text.length > MAX_SHOWN_CHARS ? `${text.slice(0, MAX_SHOWN_CHARS)}…` : text;
}

/**
 * Fields Cekura returned that this console does not know (a newer API): shown so they are not silently
 * ignored, read-only, and never sent back.
 */
export function OtherFields() {
  const { project } = useProjectContext();
  const fields = unknownProjectFields(project);
  if (fields.length === 0) return null;
  return (
    <SectionCard
      title="Other fields from Cekura"
      intro="Cekura returned these fields, which this console does not know yet. They are shown as received, cannot be edited here, and saving never sends them."
    >
      <dl>
        {fields.map(([key, value]) => (
          <div key={key}>
            <Typography component="dt" variant="body2" sx={{ fontWeight: 600 }}>
              {key}
            </Typography>
            <Typography
              component="dd"
              variant="body2"
              sx={{ ml: 2, mb: 1, fontFamily: 'monospace', overflowWrap: 'anywhere' }}
            >
              {shown(value)}
            </Typography>
          </div>
        ))}
      </dl>
    </SectionCard>
  );
}

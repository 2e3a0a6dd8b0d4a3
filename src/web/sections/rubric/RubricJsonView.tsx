import { useEffect, useRef, useState } from 'react';
import { Alert, TextField, Typography } from '@mui/material';
import { parseRubricJson } from './json-text';

/**
 * rubric_config as JSON text. A valid edit goes straight into the form (unchanged rules keep their
 * objects); text that is not JSON, or not a rubric, shows why and leaves the form alone. Changes made
 * elsewhere (the builder, a save, Discard) replace the text unless they came from this text.
 */
export function RubricJsonView({ config, onApply }: { config: unknown; onApply(config: unknown): void }) {
  const [text, setText] = useState(() => format(config));
  const [problem, setProblem] = useState<string | null>(null);
  const applied = useRef<string>(JSON.stringify(config));

  useEffect(() => {
    const incoming = JSON.stringify(config);
    if (incoming === applied.current) return;
    applied.current = incoming;
    setText(format(config));
    setProblem(null);
  }, [config]);

  const change = (next: string) => {
    setText(next);
    const result = parseRubricJson(next);
    if (!result.ok) return setProblem(result.message);
    setProblem(null);
    applied.current = JSON.stringify(result.config);
    onApply(result.config);
  };

  return (
    <>
      <Typography variant="body2" color="text.secondary" sx={{ mb: 2 }}>
        The rubric exactly as it is sent to Cekura. Valid edits apply to the form at once; the builder shows them too.
      </Typography>
      <TextField
        label="rubric_config (JSON)"
        value={text}
        onChange={(event) => change(event.target.value)}
        multiline
        minRows={12}
        maxRows={30}
        fullWidth
        error={problem !== null}
        helperText={problem ? 'Not applied: fix the JSON to apply it.' : 'Valid: applied to the form.'}
        slotProps={{ htmlInput: { spellCheck: false, style: { fontFamily: 'monospace', fontSize: 13 } } }}
      />
      {problem && (
        <Alert severity="error" sx={{ mt: 1 }} role="alert">
          {problem}
        </Alert>
      )}
    </>
  );
}

const format = (config: unknown) => JSON.stringify(config ?? {}, null, 2);

import { useEffect, useId, useMemo, useState, type KeyboardEvent } from 'react';
import { Box, Dialog, DialogContent, DialogTitle, TextField, Typography } from '@mui/material';
import { searchSettings, type SettingMatch } from '../../shared/settings-search';
import { snippet } from './snippet';

export interface SearchDialogProps {
  onPick(setting: SettingMatch): void;
  onClose(): void;
}

/**
 * Finds a setting by label, API field name or description (ARIA combobox + listbox): arrows move through
 * the results, Enter opens the chosen one, Escape closes.
 */
export default function SearchDialog({ onPick, onClose }: SearchDialogProps) {
  const [query, setQuery] = useState('');
  const [active, setActive] = useState(0);
  const results = useMemo(() => searchSettings(query, 10), [query]);
  const id = useId();
  const listId = `${id}-results`;
  const optionId = (index: number) => `${id}-option-${index}`;
  const current = Math.min(active, results.length - 1);
  useEffect(() => {
    if (current >= 0) document.getElementById(optionId(current))?.scrollIntoView?.({ block: 'nearest' });
  }, [current, results]); // eslint-disable-line react-hooks/exhaustive-deps -- optionId derives from the stable id

  const onKeyDown = (event: KeyboardEvent) => {
    if (results.length === 0) return;
    const moves: Record<string, number> = {
      ArrowDown: current + 1,
      ArrowUp: current - 1,
      Home: 0,
      End: results.length - 1,
    };
    if (event.key in moves) {
      event.preventDefault();
      setActive((moves[event.key] + results.length) % results.length);
    } else if (event.key === 'Enter') {
      event.preventDefault();
      onPick(results[current]);
    }
  };

  return (
    <Dialog
      open
      onClose={onClose}
      aria-labelledby={`${id}-title`}
      fullWidth
      maxWidth="sm"
      sx={{ '& .MuiDialog-container': { alignItems: 'flex-start' } }}
    >
      <DialogTitle id={`${id}-title`}>Search settings</DialogTitle>
      <DialogContent sx={{ pt: '8px !important' }}>
        <TextField
          autoFocus
          fullWidth
          label="Find a setting"
          helperText="A label, an API field name (e.g. webhook_url) or words from a description."
          value={query}
          onChange={(event) => {
            setQuery(event.target.value);
            setActive(0);
          }}
          onKeyDown={onKeyDown}
          autoComplete="off"
          slotProps={{
            htmlInput: {
              role: 'combobox',
              'aria-autocomplete': 'list',
              'aria-expanded': results.length > 0,
              'aria-controls': listId,
              'aria-activedescendant': results.length > 0 ? optionId(current) : undefined,
              spellCheck: false,
            },
          }}
        />
        <Typography role="status" variant="body2" color="text.secondary" sx={{ mt: 1.5, minHeight: 20 }}>
          {query.trim() === ''
            ? ''
            : results.length === 0
              ? `No setting matches "${query.trim()}".`
              : `${results.length === 1 ? '1 setting' : `${results.length} settings`} found.`}
        </Typography>
        <Box
          component="ul"
          role="listbox"
          id={listId}
          aria-label="Settings found"
          sx={{ listStyle: 'none', m: 0, p: 0 }}
        >
          {results.map((setting, index) => (
            <ResultOption
              key={setting.key}
              id={optionId(index)}
              setting={setting}
              query={query}
              selected={index === current}
              onHover={() => setActive(index)}
              onPick={() => onPick(setting)}
            />
          ))}
        </Box>
      </DialogContent>
    </Dialog>
  );
}

interface ResultOptionProps {
  id: string;
  setting: SettingMatch;
  query: string;
  selected: boolean;
  onHover(): void;
  onPick(): void;
}

function ResultOption({ id, setting, query, selected, onHover, onPick }: ResultOptionProps) {
  const text = snippet(setting.description, query);
  return (
    <Box
      component="li"
      role="option"
      id={id}
      aria-selected={selected}
      onMouseMove={selected ? undefined : onHover}
      // mousedown would move the focus out of the input first
      onMouseDown={(event) => event.preventDefault()}
      onClick={onPick}
      sx={{ px: 1.5, py: 1, borderRadius: 1, cursor: 'pointer', bgcolor: selected ? 'action.selected' : undefined }}
    >
      <Box sx={{ display: 'flex', gap: 1, alignItems: 'baseline', flexWrap: 'wrap' }}>
        <Typography component="span" sx={{ fontWeight: 600 }}>
          {setting.label}
        </Typography>
        <Typography component="span" variant="body2" color="text.secondary">
          {setting.sectionLabel}
          {setting.field && !setting.place && (
            <>
              {' · '}
              <Box component="code" sx={{ fontSize: 12 }}>
                {setting.field}
              </Box>
            </>
          )}
        </Typography>
      </Box>
      {text && (
        <Typography variant="body2" color="text.secondary">
          {text}
        </Typography>
      )}
    </Box>
  );
}

import { useEffect, useState, type ReactNode, type UIEvent } from 'react';
import { Alert, Autocomplete, Button, Chip, Stack, TextField } from '@mui/material';
import { useAgentNames, useAgentSearch } from '../api/agents';
import { requestErrorText } from '../api/error-wording';

// A searchable multi-select of the project's agents. Search is server-side (`q`, debounced), 50 a page,
// more on scroll, so 1,500 agents stay fast. Selected ids show their names, looked up page by page;
// an id the project does not have is flagged "#id (not found)" with a one-click removal, never blocked.
// The value is kept as given: an odd stored entry (not an id) is shown and kept until removed.

export interface AgentPickerProps {
  projectId: number;
  value: readonly unknown[];
  onChange: (value: unknown[]) => void;
  label: string;
  helperText?: ReactNode;
}

interface Choice {
  key: string;
  raw: unknown;
  name?: string;
}

const SEARCH_DELAY_MS = 250;
const isId = (raw: unknown): raw is number => typeof raw === 'number' && Number.isInteger(raw);
const keyOf = (raw: unknown) => (isId(raw) ? String(raw) : `raw:${JSON.stringify(raw)}`);

function useDebounced(value: string, delay: number): string {
  const [debounced, setDebounced] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setDebounced(value), delay);
    return () => clearTimeout(timer);
  }, [value, delay]);
  return debounced;
}

export function AgentPicker({ projectId, value, onChange, label, helperText }: AgentPickerProps) {
  const [input, setInput] = useState('');
  const [open, setOpen] = useState(false);
  const search = useDebounced(input.trim(), SEARCH_DELAY_MS);
  const found = useAgentSearch(projectId, search, open);
  // Names learned when the user picks an option need no lookup.
  const [learned, setLearned] = useState<Record<number, string>>({});
  const toLookUp = value.filter(isId).filter((id) => !(id in learned));
  const lookup = useAgentNames(projectId, toLookUp);
  const names: Record<number, string> = { ...lookup.data, ...learned };
  const notFound = lookup.isSuccess && !lookup.isPlaceholderData ? toLookUp.filter((id) => !(id in names)) : [];

  const selected: Choice[] = value.map((raw) => ({ key: keyOf(raw), raw, name: isId(raw) ? names[raw] : undefined }));
  const options: Choice[] = found.agents.map((agent) => ({
    key: String(agent.id),
    raw: agent.id,
    name: agent.agent_name,
  }));

  const chipLabel = (choice: Choice) => {
    if (!isId(choice.raw)) return `${JSON.stringify(choice.raw)} (not an id)`;
    if (choice.name !== undefined) return choice.name;
    return notFound.includes(choice.raw) ? `#${choice.raw} (not found)` : `#${choice.raw}`;
  };

  const onScroll = (event: UIEvent<HTMLElement>) => {
    const list = event.currentTarget;
    if (list.scrollTop + list.clientHeight >= list.scrollHeight - 48 && found.hasMore && !found.loading) {
      found.loadMore();
    }
  };

  const remove = (raw: unknown) => onChange(value.filter((item) => item !== raw));
  const count = (n: number) => `${n.toLocaleString('en')} agent${n === 1 ? '' : 's'}`;
  const searchHint =
    found.total === undefined
      ? 'Type to search agents by name.'
      : search
        ? `${count(found.total)} ${found.total === 1 ? 'matches' : 'match'} "${search}"${found.hasMore ? '; scroll the list for more' : ''}.`
        : `Type to search ${count(found.total)} by name.`;

  return (
    <Stack spacing={1}>
      <Autocomplete<Choice, true>
        multiple
        disableCloseOnSelect
        options={options}
        value={selected}
        open={open}
        onOpen={() => setOpen(true)}
        onClose={() => setOpen(false)}
        inputValue={input}
        onInputChange={(_, next, reason) => {
          // Keep the search text after picking one, so several can be picked from one search.
          if (reason === 'input' || reason === 'clear' || reason === 'blur') setInput(next);
        }}
        filterOptions={(list) => list}
        isOptionEqualToValue={(option, choice) => option.key === choice.key}
        getOptionKey={(option) => option.key}
        getOptionLabel={(option) => option.name ?? `#${option.key}`}
        loading={found.loading}
        loadingText="Searching…"
        noOptionsText={
          found.error
            ? `The agents could not be loaded. ${requestErrorText(found.error)}`
            : search
              ? `No agent matches "${search}".`
              : 'This project has no agents.'
        }
        onChange={(_, next) => {
          const names = Object.fromEntries(
            next.filter((c) => isId(c.raw) && c.name !== undefined).map((c) => [c.raw, c.name]),
          );
          setLearned((known) => ({ ...known, ...names }));
          onChange(next.map((choice) => choice.raw));
        }}
        renderValue={(items, getItemProps) =>
          items.map((choice, index) => {
            const { key, ...itemProps } = getItemProps({ index });
            const odd = !isId(choice.raw) || (isId(choice.raw) && notFound.includes(choice.raw));
            return (
              <Chip
                key={key}
                {...itemProps}
                size="small"
                label={chipLabel(choice)}
                color={odd ? 'warning' : 'default'}
                title={isId(choice.raw) ? `Agent #${choice.raw}` : undefined}
              />
            );
          })
        }
        renderOption={(props, option) => {
          const { key, ...optionProps } = props as typeof props & { key: string };
          return (
            <li key={key} {...optionProps}>
              {option.name} <span style={{ marginLeft: 8, opacity: 0.7 }}>#{option.key}</span>
            </li>
          );
        }}
        slotProps={{ listbox: { onScroll } as never }}
        renderInput={(params) => <TextField {...params} label={label} helperText={helperText ?? searchHint} />}
      />
      {lookup.isError && (
        <Alert
          severity="warning"
          action={
            <Button color="inherit" size="small" onClick={() => void lookup.refetch()}>
              Retry
            </Button>
          }
        >
          Agent names could not be loaded. {requestErrorText(lookup.error)}
        </Alert>
      )}
      <MissingAgents ids={notFound} odd={value.filter((raw) => !isId(raw))} onRemove={remove} />
    </Stack>
  );
}

/** Ids the project does not have (and odd entries): flagged, each with a one-click removal; saving is not blocked. */
function MissingAgents({ ids, odd, onRemove }: { ids: number[]; odd: unknown[]; onRemove: (raw: unknown) => void }) {
  const entries = [
    ...ids.map((id) => ({ raw: id as unknown, text: `#${id} (not found)` })),
    ...odd.map((raw) => ({ raw, text: `${JSON.stringify(raw)} (not an id)` })),
  ];
  if (entries.length === 0) return null;
  return (
    <Alert severity="warning">
      {entries.length === 1 ? 'This excluded agent is' : 'These excluded agents are'} not in the project (Cekura does
      not say whether it checks); remove {entries.length === 1 ? 'it' : 'them'} or keep{' '}
      {entries.length === 1 ? 'it' : 'them'}:
      <Stack direction="row" spacing={1} sx={{ mt: 1, flexWrap: 'wrap' }} useFlexGap>
        {entries.map(({ raw, text }) => (
          <Button
            key={keyOf(raw)}
            size="small"
            variant="outlined"
            color="inherit"
            onClick={() => onRemove(raw)}
            aria-label={`Remove ${text}`}
          >
            Remove {text}
          </Button>
        ))}
      </Stack>
    </Alert>
  );
}

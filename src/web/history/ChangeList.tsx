import { Box, Typography } from '@mui/material';
import { useQueryClient } from '@tanstack/react-query';
import { changeLines, type NameLookups } from '../review/change-lines';
import { cachedNames } from '../review/cached-names';
import { useMetricCatalog } from '../api/metrics';
import type { HistoryGroup, HistoryItem } from './describe-entry';

// The changes of one save, grouped by section, in the review's words ("Name: Acme → Acme EU",
// "Removed rule: ..."), past tense for secrets. Names come from what the console has cached; rubric
// rules also load the project's metrics, so a rule reads "Customer satisfaction is at least 4".

export function ChangeList({ groups, projectId }: { groups: HistoryGroup[]; projectId: number }) {
  const hasRules = groups.some((group) => group.items.some((item) => item.kind === 'rules'));
  return hasRules ? (
    <ListWithMetrics groups={groups} projectId={projectId} />
  ) : (
    <ListWithCachedNames groups={groups} projectId={projectId} />
  );
}

function useCachedNames(projectId: number): NameLookups {
  return cachedNames(useQueryClient(), projectId);
}

function ListWithCachedNames({ groups, projectId }: { groups: HistoryGroup[]; projectId: number }) {
  return <Groups groups={groups} names={useCachedNames(projectId)} />;
}

function ListWithMetrics({ groups, projectId }: { groups: HistoryGroup[]; projectId: number }) {
  const catalog = useMetricCatalog(projectId);
  const names = useCachedNames(projectId);
  return <Groups groups={groups} names={{ ...names, metrics: catalog.data?.byId ?? names.metrics }} />;
}

function Groups({ groups, names }: { groups: HistoryGroup[]; names: NameLookups }) {
  return (
    <Box sx={{ display: 'grid', gap: 1.5 }}>
      {groups.map((group) => (
        <Box key={group.section} role="group" aria-label={`${group.label} changes`}>
          <Typography variant="subtitle2" component="h3">
            {group.label}
          </Typography>
          <Box component="ul" sx={{ m: 0, pl: 3 }}>
            {group.items.map((item) => (
              <Typography key={item.field} component="li" variant="body2">
                <ChangeItem item={item} names={names} />
              </Typography>
            ))}
          </Box>
        </Box>
      ))}
    </Box>
  );
}

export function historyLines(item: HistoryItem, names: NameLookups): string[] {
  if (item.kind === 'unknown') return [`${item.before} → ${item.after}`];
  if (item.kind === 'secret') return [`${item.action} (secret values are never recorded)`];
  const lines = changeLines(item, names);
  return lines.length ? lines : ['no visible change'];
}

function ChangeItem({ item, names }: { item: HistoryItem; names: NameLookups }) {
  const lines = historyLines(item, names);
  const label = (
    <Box component="span" sx={{ fontWeight: 600 }}>
      {item.label}:
    </Box>
  );
  if (lines.length === 1) {
    return (
      <>
        {label} {lines[0]}
      </>
    );
  }
  return (
    <>
      {label}
      <Box component="ul" sx={{ m: 0, pl: 3 }}>
        {lines.map((line, index) => (
          <li key={index}>{line}</li>
        ))}
      </Box>
    </>
  );
}

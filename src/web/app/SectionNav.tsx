import { Box, Divider, List, ListItemButton, ListItemText } from '@mui/material';
import { NavLink, useLocation } from 'react-router';
import { SECTION_IDS, SECTION_LABELS } from '../../shared/schemas/fields';
import { useDirtyState } from '../settings/shell-context';

/** The six sections (with a count of unsaved changes each) and the history. */
export function SectionNav({ projectId }: { projectId: number }) {
  const { bySection } = useDirtyState();
  const { pathname } = useLocation();
  const base = `/projects/${projectId}`;
  const items = [...SECTION_IDS.map((id) => ({ id, label: SECTION_LABELS[id], count: bySection[id] ?? 0 })), null, { id: 'history', label: 'History', count: 0 }];
  return (
    <List dense sx={{ display: { xs: 'flex', md: 'block' }, overflowX: 'auto', py: { xs: 0, md: 1 } }}>
      {items.map((item) =>
        item === null ? (
          <Box component="li" key="divider" aria-hidden="true" sx={{ display: { xs: 'none', md: 'block' } }}>
            <Divider sx={{ my: 1 }} />
          </Box>
        ) : (
          <li key={item.id}>
            <ListItemButton component={NavLink} to={`${base}/${item.id}`} selected={pathname === `${base}/${item.id}`} sx={{ whiteSpace: 'nowrap' }}>
              <ListItemText primary={item.label} />
              {item.count > 0 && <ChangedBadge count={item.count} />}
            </ListItemButton>
          </li>
        ),
      )}
    </List>
  );
}

function ChangedBadge({ count }: { count: number }) {
  return (
    <Box component="span" sx={{ ml: 1, px: 1, borderRadius: 8, bgcolor: 'primary.main', color: 'primary.contrastText', fontSize: 12, fontWeight: 600, lineHeight: '20px' }}>
      {count}
      <Box component="span" sx={visuallyHidden}>
        {count === 1 ? ' unsaved change' : ' unsaved changes'}
      </Box>
    </Box>
  );
}

export const visuallyHidden = {
  position: 'absolute',
  width: 1,
  height: 1,
  padding: 0,
  margin: -1,
  overflow: 'hidden',
  clip: 'rect(0 0 0 0)',
  whiteSpace: 'nowrap',
  border: 0,
} as const;

import { memo } from 'react';
import { Box, List, ListItemButton, ListItemText } from '@mui/material';
import { NavLink, useLocation } from 'react-router';
import { focusHeadingAfterNavigation, focusMainHeading } from './focus-heading';

// The section links, shared by the page's side list (SectionNav) and the narrow-screen drawer (NavDrawer):
// in their own file so that neither imports the other.

export type NavItem = { id: string; label: string; count: number; href: string };

/** The links; `onNavigate` lets the drawer close itself once a section is chosen. */
export function SectionLinks({ items, onNavigate }: { items: NavItem[]; onNavigate?: () => void }) {
  const { pathname } = useLocation();
  return (
    <List dense sx={LIST_SX}>
      {items.map((item) => (
        <SectionLink
          key={item.id}
          {...item}
          selected={pathname === item.href}
          separated={item.id === 'history'}
          onNavigate={onNavigate}
        />
      ))}
    </List>
  );
}
const LIST_SX = { py: 1 };
const LINK_SX = { whiteSpace: 'nowrap' };

// Memoised: the counts change as the user types (a rule edited back to its saved value and away again), and
// only the link whose count changed should render again, not all eight with their styles.
const SectionLink = memo(function SectionLink({
  label,
  count,
  href,
  selected,
  separated,
  onNavigate,
}: NavItem & { selected: boolean; separated: boolean; onNavigate?: () => void }) {
  return (
    <li>
      {separated && <Box role="separator" sx={separator} />}
      <ListItemButton
        component={NavLink}
        to={href}
        selected={selected}
        onClick={() => {
          // Same page: the heading now; another page: its heading once it is shown.
          if (selected) focusMainHeading();
          else focusHeadingAfterNavigation(document.querySelector('main h1'));
          onNavigate?.();
        }}
        sx={LINK_SX}
      >
        <ListItemText primary={label} />
        {count > 0 && <ChangedBadge count={count} />}
      </ListItemButton>
    </li>
  );
});

function ChangedBadge({ count }: { count: number }) {
  return (
    <Box
      component="span"
      sx={{
        ml: 1,
        px: 1,
        borderRadius: 8,
        bgcolor: 'primary.main',
        color: 'primary.contrastText',
        fontSize: 12,
        fontWeight: 600,
        lineHeight: '20px',
      }}
    >
      {count}
      <Box component="span" sx={visuallyHidden}>
        {count === 1 ? ' unsaved change' : ' unsaved changes'}
      </Box>
    </Box>
  );
}

// MUI's Divider as a <div> (role and look), without its component in every page's first script.
const separator = {
  my: 1,
  borderWidth: 0,
  borderStyle: 'solid',
  borderColor: 'divider',
  borderBottomWidth: 'thin',
} as const;

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

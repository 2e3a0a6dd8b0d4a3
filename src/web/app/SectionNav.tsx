import { memo } from 'react';
import { Box } from '@mui/material';
import { SECTION_IDS, SECTION_LABELS } from '../../shared/schemas/fields';
import { useDirtyState } from '../settings/shell-context';
import { SectionMenu } from './SectionMenu';
import { SectionLinks, type NavItem } from './SectionLinks';

export type { NavItem };

/** The six sections (with a count of unsaved changes each) and the history. */
export function useNavItems(projectId: number): NavItem[] {
  const { bySection } = useDirtyState();
  const base = `/projects/${projectId}`;
  const item = (id: string, label: string, count: number) => ({ id, label, count, href: `${base}/${id}` });
  return [
    ...SECTION_IDS.map((id) => item(id, SECTION_LABELS[id], bySection[id] ?? 0)),
    item('history', 'History', 0),
    item('transfer', 'Import & export', 0),
  ];
}

/**
 * A list beside the page from 900 px up; below, a menu button that opens the same list in a drawer.
 * Memoised: the page frame re-renders on every keystroke, the links only when a count or the route changes.
 */
export const SectionNav = memo(function SectionNav({ projectId }: { projectId: number }) {
  const items = useNavItems(projectId);
  return (
    <>
      <Box sx={{ display: { xs: 'none', md: 'block' } }}>
        <SectionLinks items={items} />
      </Box>
      <SectionMenu items={items} />
    </>
  );
});

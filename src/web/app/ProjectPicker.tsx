import {
  Alert,
  Box,
  Chip,
  Container,
  List,
  ListItemButton,
  ListItemText,
  Paper,
  Skeleton,
  TextField,
  Typography,
} from '@mui/material';
import { useDeferredValue, useMemo, useState } from 'react';
import { filterProjects, projectSearchIndex } from '../../shared/project-search';
import { Link, Navigate } from 'react-router';
import { useProjects } from '../api/projects';
import { RequestErrorAlert } from '../components/RequestProblem';
import { TopBar } from './TopBar';

/** `/`: every project the key sees; skipped when it sees exactly one. */
export function ProjectPicker() {
  const projects = useProjects();
  const [query, setQuery] = useState('');
  // Typing stays immediate; the list follows at React's next idle moment (no debounce timer).
  const deferred = useDeferredValue(query);
  const index = useMemo(() => projectSearchIndex(projects.data ?? []), [projects.data]);
  const shown = useMemo(() => filterProjects(index, deferred), [index, deferred]);
  if (projects.data?.length === 1) return <Navigate to={`/projects/${projects.data[0].id}/general`} replace />;
  return (
    <>
      <TopBar />
      <Container component="main" maxWidth="sm" sx={{ py: 4 }}>
        <Typography variant="h5" component="h1" gutterBottom>
          Projects
        </Typography>
        {projects.isPending && <PickerSkeleton />}
        {projects.isError && (
          <RequestErrorAlert
            error={projects.error}
            context="The projects could not be loaded."
            onRetry={() => void projects.refetch()}
          />
        )}
        {projects.data?.length === 0 && <Alert severity="info">This API key sees no project.</Alert>}
        {!!projects.data?.length && (
          <>
            <TextField
              type="search"
              label="Search projects"
              placeholder="Name or id"
              value={query}
              onChange={(event) => setQuery(event.target.value)}
              fullWidth
              size="small"
              sx={{ mb: 1 }}
              slotProps={{ htmlInput: { 'aria-describedby': 'project-search-count' } }}
            />
            <Typography id="project-search-count" role="status" variant="body2" color="text.secondary" sx={{ mb: 1 }}>
              {deferred.trim()
                ? shown.length === 0
                  ? `No project matches "${deferred.trim()}".`
                  : `${shown.length} of ${projects.data.length} projects`
                : `${projects.data.length} projects`}
            </Typography>
          </>
        )}
        {shown.length > 0 && (
          <Paper variant="outlined">
            <List aria-label="Projects" disablePadding>
              {shown.map((project) => (
                <ListItemButton key={project.id} component={Link} to={`/projects/${project.id}/general`} divider>
                  <ListItemText primary={project.name} secondary={`Project ${project.id}`} />
                  {project.isDeleted && <Chip size="small" label="Deleted" color="warning" variant="outlined" />}
                </ListItemButton>
              ))}
            </List>
          </Paper>
        )}
      </Container>
    </>
  );
}

function PickerSkeleton() {
  return (
    <Box aria-busy="true" aria-label="Loading projects">
      {[0, 1, 2].map((row) => (
        <Skeleton key={row} variant="rounded" height={56} sx={{ mb: 1 }} />
      ))}
    </Box>
  );
}

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
  Typography,
} from '@mui/material';
import { Link, Navigate } from 'react-router';
import { useProjects } from '../api/projects';
import { RequestErrorAlert } from '../components/RequestProblem';
import { TopBar } from './TopBar';

/** `/`: every project the key sees; skipped when it sees exactly one. */
export function ProjectPicker() {
  const projects = useProjects();
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
          <Paper variant="outlined">
            <List aria-label="Projects" disablePadding>
              {projects.data.map((project) => (
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

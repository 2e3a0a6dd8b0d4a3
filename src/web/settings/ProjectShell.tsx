import { Alert, Box, Button, LinearProgress, Skeleton } from '@mui/material';
import { Link, useLocation, useParams } from 'react-router';
import { useAppConfig } from '../api/config';
import { useProject } from '../api/projects';
import { useSectionCodeReady } from '../app/sections';
import { RequestErrorAlert } from '../components/RequestProblem';
import { ProjectFrame } from './ProjectFrame';
import { ProjectForm } from './ProjectForm';

/** `/projects/:id/*`: loads the project (and the data-source mode), then mounts its one form. */
export function ProjectShell() {
  const projectId = Number(useParams().projectId);
  const project = useProject(projectId);
  const config = useAppConfig();
  const sectionCodeReady = useSectionCodeReady(useLocation().pathname);

  if (!Number.isInteger(projectId) || projectId <= 0)
    return <LoadProblem projectId={projectId} message="This is not a project address." />;
  if (project.isError) {
    return (
      <ProjectFrame projectId={projectId}>
        <RequestErrorAlert
          error={project.error}
          context={`Project ${projectId} could not be loaded.`}
          onRetry={() => void project.refetch()}
        />
      </ProjectFrame>
    );
  }
  if (!project.data || config.isPending || !sectionCodeReady) {
    return (
      <ProjectFrame projectId={projectId}>
        <LinearProgress aria-label="Loading project" sx={{ mb: 2 }} />
        <Box aria-hidden="true">
          <Skeleton variant="text" width="30%" height={40} />
          {[0, 1, 2, 3].map((row) => (
            <Skeleton key={row} variant="rounded" height={56} sx={{ my: 2, maxWidth: 560 }} />
          ))}
        </Box>
      </ProjectFrame>
    );
  }
  // Without the config the chip says "unknown"; the context then assumes the careful case.
  return (
    <ProjectForm key={projectId} projectId={projectId} snapshot={project.data} mode={config.data?.mode ?? 'live'} />
  );
}

function LoadProblem({ projectId, message }: { projectId: number; message: string }) {
  return (
    <ProjectFrame projectId={projectId}>
      <Alert
        severity="error"
        action={
          <Button color="inherit" size="small" component={Link} to="/">
            Projects
          </Button>
        }
      >
        {message}
      </Alert>
    </ProjectFrame>
  );
}

import { Alert, Box, Button, LinearProgress, Skeleton } from '@mui/material';
import { Link, useParams } from 'react-router';
import { useAppConfig } from '../api/config';
import { useProject } from '../api/projects';
import { ApiError } from '../api/client';
import { ProjectFrame } from './ProjectFrame';
import { ProjectForm } from './ProjectForm';

/** `/projects/:id/*`: loads the project (and the data-source mode), then mounts its one form. */
export function ProjectShell() {
  const projectId = Number(useParams().projectId);
  const project = useProject(projectId);
  const config = useAppConfig();

  if (!Number.isInteger(projectId) || projectId <= 0) return <LoadProblem projectId={projectId} message="This is not a project address." />;
  if (project.isError) {
    const notFound = project.error instanceof ApiError && project.error.status === 404;
    return (
      <LoadProblem
        projectId={projectId}
        message={notFound ? `There is no project ${projectId} for this API key.` : `The project could not be loaded: ${project.error.message}`}
        retry={notFound ? undefined : () => void project.refetch()}
      />
    );
  }
  if (!project.data || config.isPending) {
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
  return <ProjectForm key={projectId} projectId={projectId} snapshot={project.data} mode={config.data?.mode ?? 'live'} />;
}

function LoadProblem({ projectId, message, retry }: { projectId: number; message: string; retry?: () => void }) {
  return (
    <ProjectFrame projectId={projectId}>
      <Alert
        severity="error"
        action={
          <>
            {retry && <Button color="inherit" size="small" onClick={retry}>Retry</Button>}
            <Button color="inherit" size="small" component={Link} to="/">Projects</Button>
          </>
        }
      >
        {message}
      </Alert>
    </ProjectFrame>
  );
}

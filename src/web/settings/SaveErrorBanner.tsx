import { Button } from '@mui/material';
import { useFormState } from 'react-hook-form';
import { Link, useNavigate } from 'react-router';
import { SECTION_LABELS } from '../../shared/schemas/fields';
import type { ProjectFormValues } from '../../shared/form';
import { ProblemAlert } from '../components/RequestProblem';
import { useProjectContext } from './project-context';
import { useSaveActions } from './shell-context';
import { errorPaths } from './form-errors';
import { firstProblem, revealProblem } from './go-to-problem';
import type { SaveProblem } from './save-problem';

/** A failed save: what happened and what to do (wording from save-problem.ts); Retry saves again. */
export function SaveErrorBanner({
  problem,
  onDismiss,
}: {
  problem: Extract<SaveProblem, { kind: 'error' }>;
  onDismiss(): void;
}) {
  const { projectId } = useProjectContext();
  const { save } = useSaveActions();
  const { errors } = useFormState<ProjectFormValues>();
  const navigate = useNavigate();
  const place = firstProblem(errorPaths(errors));
  const section = place?.section ?? problem.sections[0];
  const goToFirst = () => {
    if (!section) return;
    navigate(`/projects/${projectId}/${section}`);
    if (place) void revealProblem(place);
  };
  return (
    <ProblemAlert
      title={problem.title}
      messages={problem.messages}
      retryAfterSeconds={problem.retryAfterSeconds}
      link={problem.link}
      onRetry={problem.retryable ? save : undefined}
      onClose={onDismiss}
    >
      {problem.sections.length > 0 && (
        <div>
          See:{' '}
          {problem.sections.map((id, index) => (
            <span key={id}>
              {index > 0 && ', '}
              <Link to={`/projects/${projectId}/${id}`}>{SECTION_LABELS[id]}</Link>
            </span>
          ))}
        </div>
      )}
      {section && (
        <Button color="inherit" size="small" variant="outlined" onClick={goToFirst} sx={{ mt: 1 }}>
          Go to the first problem
        </Button>
      )}
    </ProblemAlert>
  );
}

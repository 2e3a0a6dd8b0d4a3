import { Link } from 'react-router';
import { SECTION_LABELS } from '../../shared/schemas/fields';
import { ProblemAlert } from '../components/RequestProblem';
import { useProjectContext } from './project-context';
import { useSaveActions } from './shell-context';
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
          {problem.sections.map((section, index) => (
            <span key={section}>
              {index > 0 && ', '}
              <Link to={`/projects/${projectId}/${section}`}>{SECTION_LABELS[section]}</Link>
            </span>
          ))}
        </div>
      )}
    </ProblemAlert>
  );
}

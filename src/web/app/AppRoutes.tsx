import { Navigate, Route, Routes } from 'react-router';
import { ProjectPicker } from './ProjectPicker';
import { ProjectShell } from '../settings/ProjectShell';
import { SectionRoute } from './SectionRoute';
import { HistoryRoute } from './HistoryRoute';
import { TransferRoute } from '../transfer/TransferRoute';
import { BulkRoute } from '../bulk/BulkRoute';
import { NotFound } from './NotFound';

export function AppRoutes() {
  return (
    <Routes>
      <Route path="/" element={<ProjectPicker />} />
      <Route path="/projects/:projectId" element={<ProjectShell />}>
        <Route index element={<Navigate to="general" replace />} />
        <Route path="history" element={<HistoryRoute />} />
        <Route path="transfer" element={<TransferRoute />} />
        <Route path="bulk" element={<BulkRoute />} />
        <Route path=":section" element={<SectionRoute />} />
      </Route>
      <Route path="*" element={<NotFound />} />
    </Routes>
  );
}

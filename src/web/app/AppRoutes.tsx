import { lazy } from 'react';
import { Navigate, Route, Routes } from 'react-router';
import { ProjectShell } from '../settings/ProjectShell';
import { SectionRoute } from './SectionRoute';
import { LazyPage } from './LazyPage';
import { NotFound } from './NotFound';

// Each its own chunk. The picker too: its search field would otherwise bring MUI's TextField with its Select,
// Menu and Modal into the entry script of every page (22 KB gzip).
const ProjectPicker = lazy(() => import('./ProjectPicker').then((module) => ({ default: module.ProjectPicker })));
const HistoryPage = lazy(() => import('../history'));
const TransferPage = lazy(() => import('../transfer'));
const BulkPage = lazy(() => import('../bulk'));

export function AppRoutes() {
  return (
    <Routes>
      <Route path="/" element={<LazyPage page={ProjectPicker} loadingLabel="Loading projects" />} />
      <Route path="/projects/:projectId" element={<ProjectShell />}>
        <Route index element={<Navigate to="general" replace />} />
        <Route path="history" element={<LazyPage page={HistoryPage} loadingLabel="Loading history" />} />
        <Route path="transfer" element={<LazyPage page={TransferPage} loadingLabel="Loading import and export" />} />
        <Route path="bulk" element={<LazyPage page={BulkPage} loadingLabel="Loading bulk changes" />} />
        <Route path=":section" element={<SectionRoute />} />
      </Route>
      <Route path="*" element={<NotFound />} />
    </Routes>
  );
}

import { lazy, type ComponentType, type LazyExoticComponent } from 'react';
import { SECTION_IDS, type SectionId } from '../../shared/schemas/fields';

// Each section is its own chunk, fetched when first opened (the first load stays small).
export const SECTION_COMPONENTS: Record<SectionId, LazyExoticComponent<ComponentType>> = {
  general: lazy(() => import('../sections/general')),
  limits: lazy(() => import('../sections/limits')),
  notifications: lazy(() => import('../sections/notifications')),
  'no-calls': lazy(() => import('../sections/no-calls')),
  integrations: lazy(() => import('../sections/integrations')),
  rubric: lazy(() => import('../sections/rubric')),
};

export const isSectionId = (value: string | undefined): value is SectionId => SECTION_IDS.includes(value as SectionId);

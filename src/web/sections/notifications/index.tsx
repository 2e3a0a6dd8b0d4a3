import SectionPlaceholder from '../SectionPlaceholder';

// Not built yet: a clear placeholder until this section's issue lands.
export default function Section() {
  return <SectionPlaceholder section="notifications" />;
}

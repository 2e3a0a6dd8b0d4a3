import { useEffect } from 'react';

export const APP_TITLE = 'Cekura console';

/** The tab's title: "Section · Project · Cekura console" (parts left out when unknown). */
export function useDocumentTitle(...parts: (string | undefined)[]): void {
  const title = [...parts.filter(Boolean), APP_TITLE].join(' · ');
  useEffect(() => {
    document.title = title;
  }, [title]);
}

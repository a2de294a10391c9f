import { StrictMode, type ReactNode } from 'react';
import { createRoot } from 'react-dom/client';
import { FrontProviders } from './FrontProviders';

/** Renders one of the server's own pages into #root. */
export function mountFrontPage(page: ReactNode): void {
  const root = document.getElementById('root');
  if (root) createRoot(root).render(<StrictMode>{<FrontProviders>{page}</FrontProviders>}</StrictMode>);
}

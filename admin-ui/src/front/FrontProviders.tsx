/**
 * What the server's own pages outside the admin (the welcome page at /, the sandbox at /sandbox) wrap
 * themselves in: Polaris with plain links (they have no client-side router) and the admin's few styles.
 */
import type { ReactNode } from 'react';
import { PolarisProvider, type LinkLikeComponentProps } from '../ui/AppProviders';
import '../app/app.css';

function PlainLink({ url, external, children, ...rest }: LinkLikeComponentProps) {
  return (
    <a
      {...rest}
      href={url}
      target={external ? '_blank' : rest.target}
      rel={external ? 'noopener noreferrer' : rest.rel}
    >
      {children}
    </a>
  );
}

export function FrontProviders({ children }: { children: ReactNode }) {
  return <PolarisProvider linkComponent={PlainLink}>{children}</PolarisProvider>;
}

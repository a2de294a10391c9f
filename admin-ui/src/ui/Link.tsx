import { Link as PolarisLink } from '@shopify/polaris';
import type { ReactNode } from 'react';

/** An in-app path (`/settings/…`) navigates without a reload; an absolute URL opens in a new tab. */
export function Link({
  url,
  onClick,
  children,
}: {
  url?: string;
  onClick?: () => void;
  children: ReactNode;
}) {
  return (
    <PolarisLink url={url} onClick={onClick} target={url && /^https?:/.test(url) ? '_blank' : undefined}>
      {children}
    </PolarisLink>
  );
}

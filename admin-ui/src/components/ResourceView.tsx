import type { ReactNode } from 'react';
import type { Resource } from '../api/use-resource';
import { LoadingState } from '../ui/LoadingState';
import { ErrorBanner } from './ErrorBanner';

/** Loading, then the data, or the error with a retry: the three states every page has. */
export function ResourceView<T>({
  resource,
  label,
  children,
}: {
  resource: Resource<T>;
  label: string;
  children: (data: T) => ReactNode;
}) {
  if (resource.data !== undefined) {
    return (
      <>
        {resource.error ? (
          <ErrorBanner error={resource.error} onRetry={() => void resource.reload()} />
        ) : null}
        {children(resource.data)}
      </>
    );
  }
  if (resource.loading) return <LoadingState label={`Loading ${label}`} />;
  return <ErrorBanner error={resource.error} onRetry={() => void resource.reload()} />;
}

import { DescriptionList as PolarisDescriptionList } from '@shopify/polaris';
import type { ReactNode } from 'react';

export function DescriptionList({ items }: { items: readonly { term: string; description: ReactNode }[] }) {
  return <PolarisDescriptionList gap="tight" items={items.map((item) => ({ ...item }))} />;
}

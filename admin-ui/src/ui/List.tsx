import { List as PolarisList } from '@shopify/polaris';
import type { ReactNode } from 'react';

export function List({ ordered, items }: { ordered?: boolean; items: readonly ReactNode[] }) {
  return (
    <PolarisList type={ordered ? 'number' : 'bullet'}>
      {items.map((item, index) => (
        <PolarisList.Item key={index}>{item}</PolarisList.Item>
      ))}
    </PolarisList>
  );
}

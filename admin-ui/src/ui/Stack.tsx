import { BlockStack, InlineStack } from '@shopify/polaris';
import type { ReactNode } from 'react';

type Gap = '100' | '200' | '300' | '400' | '500' | '800';

/** Children one under the other. */
export function Stack({ gap = '400', children }: { gap?: Gap; children: ReactNode }) {
  return <BlockStack gap={gap}>{children}</BlockStack>;
}

/** Children side by side, wrapping on narrow screens. */
export function Row({
  gap = '200',
  align,
  blockAlign = 'center',
  children,
}: {
  gap?: Gap;
  align?: 'start' | 'center' | 'end' | 'space-between';
  blockAlign?: 'start' | 'center' | 'end' | 'baseline';
  children: ReactNode;
}) {
  return (
    <InlineStack gap={gap} align={align} blockAlign={blockAlign} wrap>
      {children}
    </InlineStack>
  );
}

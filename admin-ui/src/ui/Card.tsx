import { BlockStack, Card as PolarisCard, InlineStack, Text } from '@shopify/polaris';
import type { ReactNode } from 'react';

/** A titled section; `headingId` lets a region or form name itself after the title (aria-labelledby). */
export function Card({
  title,
  headingId,
  actions,
  children,
}: {
  title?: string;
  headingId?: string;
  actions?: ReactNode;
  children: ReactNode;
}) {
  return (
    <PolarisCard>
      <BlockStack gap="400">
        {title || actions ? (
          <InlineStack align="space-between" blockAlign="center" gap="200">
            {title ? (
              <Text as="h2" variant="headingMd" id={headingId}>
                {title}
              </Text>
            ) : (
              <span />
            )}
            {actions}
          </InlineStack>
        ) : null}
        {children}
      </BlockStack>
    </PolarisCard>
  );
}

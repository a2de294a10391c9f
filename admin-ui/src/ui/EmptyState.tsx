import { BlockStack, Box, Text } from '@shopify/polaris';
import type { ReactNode } from 'react';

/** Nothing here yet: says what would be here and how to add it. */
export function EmptyState({
  heading,
  children,
  action,
}: {
  heading: string;
  children?: ReactNode;
  action?: ReactNode;
}) {
  return (
    <Box paddingBlock="600" paddingInline="400">
      <BlockStack gap="300" inlineAlign="center">
        <Text as="h3" variant="headingSm" alignment="center">
          {heading}
        </Text>
        {children ? (
          <Text as="p" tone="subdued" alignment="center">
            {children}
          </Text>
        ) : null}
        {action}
      </BlockStack>
    </Box>
  );
}

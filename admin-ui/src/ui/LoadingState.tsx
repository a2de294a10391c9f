import { BlockStack, Card, SkeletonBodyText, SkeletonDisplayText, Spinner, Text } from '@shopify/polaris';

/** What a page shows before its first answer: a skeleton, and a status line for screen readers. */
export function LoadingState({ label = 'Loading' }: { label?: string }) {
  return (
    <Card>
      <BlockStack gap="400">
        <div role="status" aria-live="polite" className="rb-loading">
          <Spinner size="small" accessibilityLabel={label} />
          <Text as="span" tone="subdued">
            {label}…
          </Text>
        </div>
        <SkeletonDisplayText size="small" />
        <SkeletonBodyText lines={3} />
      </BlockStack>
    </Card>
  );
}

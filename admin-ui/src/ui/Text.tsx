import { Text as PolarisText } from '@shopify/polaris';
import type { ReactNode } from 'react';

type Tone = 'subdued' | 'critical' | 'success' | 'caution';

export function Heading({
  level = 2,
  id,
  children,
}: {
  level?: 2 | 3 | 4;
  id?: string;
  children: ReactNode;
}) {
  const variant = level === 2 ? 'headingMd' : 'headingSm';
  return (
    <PolarisText as={`h${level}`} variant={variant} id={id}>
      {children}
    </PolarisText>
  );
}

export function Text({
  tone,
  strong,
  small,
  as = 'p',
  children,
}: {
  tone?: Tone;
  strong?: boolean;
  small?: boolean;
  as?: 'p' | 'span' | 'dd' | 'dt';
  children: ReactNode;
}) {
  return (
    <PolarisText
      as={as}
      tone={tone}
      fontWeight={strong ? 'semibold' : undefined}
      variant={small ? 'bodySm' : 'bodyMd'}
    >
      {children}
    </PolarisText>
  );
}

/** Read by screen readers, not shown. */
export function VisuallyHidden({ children }: { children: ReactNode }) {
  return (
    <PolarisText as="span" visuallyHidden>
      {children}
    </PolarisText>
  );
}

/** Monospace, for ids, key material the merchant copies and codes. */
export function Code({ children }: { children: ReactNode }) {
  return <code className="rb-code">{children}</code>;
}

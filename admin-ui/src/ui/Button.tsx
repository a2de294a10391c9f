import { Button as PolarisButton, ButtonGroup as PolarisButtonGroup } from '@shopify/polaris';
import type { ReactNode } from 'react';

export function Button({
  children,
  onClick,
  url,
  download,
  primary,
  critical,
  plain,
  submit,
  loading,
  disabled,
  pressed,
  size,
  accessibilityLabel,
  id,
}: {
  children: string;
  onClick?: () => void;
  url?: string;
  /** With `url`: the browser saves the answer instead of opening it. */
  download?: boolean;
  primary?: boolean;
  critical?: boolean;
  plain?: boolean;
  submit?: boolean;
  loading?: boolean;
  disabled?: boolean;
  pressed?: boolean;
  size?: 'slim' | 'medium' | 'large';
  accessibilityLabel?: string;
  id?: string;
}) {
  return (
    <PolarisButton
      id={id}
      onClick={onClick}
      url={url}
      download={download}
      variant={primary ? 'primary' : plain ? 'plain' : undefined}
      tone={critical ? 'critical' : undefined}
      submit={submit}
      loading={loading}
      disabled={disabled}
      pressed={pressed}
      size={size}
      accessibilityLabel={accessibilityLabel}
    >
      {children}
    </PolarisButton>
  );
}

export function ButtonGroup({ children }: { children: ReactNode }) {
  return <PolarisButtonGroup>{children}</PolarisButtonGroup>;
}

import { Checkbox as PolarisCheckbox } from '@shopify/polaris';
import type { ReactNode } from 'react';
import { useReadOnly } from './ReadOnly';

export function Checkbox({
  label,
  checked,
  onChange,
  helpText,
  disabled,
}: {
  label: string;
  checked: boolean;
  onChange: (checked: boolean) => void;
  helpText?: ReactNode;
  disabled?: boolean;
}) {
  const readOnly = useReadOnly();
  return (
    <PolarisCheckbox
      label={label}
      checked={checked}
      onChange={onChange}
      helpText={helpText}
      disabled={disabled || readOnly}
    />
  );
}

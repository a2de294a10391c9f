import { Select as PolarisSelect } from '@shopify/polaris';
import type { ReactNode } from 'react';
import { useReadOnly } from './ReadOnly';

export interface SelectOption {
  readonly label: string;
  readonly value: string;
  readonly disabled?: boolean;
}

export function Select({
  label,
  options,
  value,
  onChange,
  helpText,
  error,
  placeholder,
  disabled,
  labelInline,
  id,
}: {
  label: string;
  options: readonly SelectOption[];
  value: string;
  onChange: (value: string) => void;
  helpText?: ReactNode;
  error?: string | false;
  placeholder?: string;
  disabled?: boolean;
  labelInline?: boolean;
  id?: string;
}) {
  const readOnly = useReadOnly();
  return (
    <PolarisSelect
      id={id}
      label={label}
      labelInline={labelInline}
      options={options.map((o) => ({ ...o }))}
      value={value}
      onChange={onChange}
      helpText={helpText}
      error={error || undefined}
      placeholder={placeholder}
      disabled={disabled || readOnly}
    />
  );
}

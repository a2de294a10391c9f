import { TextField as PolarisTextField } from '@shopify/polaris';
import type { ReactNode } from 'react';
import { useReadOnly } from './ReadOnly';

interface TextFieldProps {
  label: string;
  value: string;
  onChange?: (value: string) => void;
  type?: 'text' | 'password' | 'number' | 'email' | 'search' | 'url' | 'date' | 'time';
  error?: string | false;
  helpText?: ReactNode;
  autoComplete?: string;
  placeholder?: string;
  prefix?: ReactNode;
  suffix?: ReactNode;
  connectedRight?: ReactNode;
  requiredIndicator?: boolean;
  disabled?: boolean;
  readOnly?: boolean;
  multiline?: number;
  min?: number;
  step?: number;
  id?: string;
  inputMode?: 'decimal' | 'numeric' | 'text';
  labelHidden?: boolean;
  monospaced?: boolean;
  onBlur?: () => void;
  selectTextOnFocus?: boolean;
}

export function TextField({ type = 'text', error, autoComplete = 'off', disabled, ...rest }: TextFieldProps) {
  const readOnly = useReadOnly();
  return (
    <PolarisTextField
      {...rest}
      type={type}
      error={error || undefined}
      autoComplete={autoComplete}
      disabled={disabled || readOnly}
    />
  );
}

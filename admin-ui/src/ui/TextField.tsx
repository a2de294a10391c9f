import { TextField as PolarisTextField } from '@shopify/polaris';
import type { ReactNode } from 'react';

export function TextField({
  label,
  value,
  onChange,
  type = 'text',
  error,
  helpText,
  autoComplete = 'off',
  placeholder,
  prefix,
  suffix,
  connectedRight,
  requiredIndicator,
  disabled,
  readOnly,
  multiline,
  min,
  step,
  id,
  inputMode,
  labelHidden,
  monospaced,
  onBlur,
  selectTextOnFocus,
}: {
  label: string;
  value: string;
  onChange?: (value: string) => void;
  type?: 'text' | 'password' | 'number' | 'email' | 'search' | 'url';
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
}) {
  return (
    <PolarisTextField
      id={id}
      label={label}
      labelHidden={labelHidden}
      value={value}
      onChange={onChange}
      type={type}
      error={error || undefined}
      helpText={helpText}
      autoComplete={autoComplete}
      placeholder={placeholder}
      prefix={prefix}
      suffix={suffix}
      connectedRight={connectedRight}
      requiredIndicator={requiredIndicator}
      disabled={disabled}
      readOnly={readOnly}
      multiline={multiline}
      min={min}
      step={step}
      inputMode={inputMode}
      monospaced={monospaced}
      onBlur={onBlur}
      selectTextOnFocus={selectTextOnFocus}
    />
  );
}

import { Combobox, Listbox } from '@shopify/polaris';
import type { ReactNode } from 'react';
import { useReadOnly } from './ReadOnly';

export interface AutocompleteOption {
  readonly value: string;
  readonly label: string;
}

/**
 * A text field that suggests options as the merchant types (ARIA combobox: arrow keys move, Enter picks,
 * Escape closes). The field keeps whatever was typed; picking an option calls `onSelect`.
 */
export function Autocomplete({
  label,
  value,
  onInput,
  options,
  onSelect,
  loading,
  emptyText,
  helpText,
  error,
  placeholder,
}: {
  label: string;
  value: string;
  onInput: (value: string) => void;
  options: readonly AutocompleteOption[];
  onSelect: (value: string) => void;
  loading?: boolean;
  emptyText?: string;
  helpText?: ReactNode;
  error?: string | false;
  placeholder?: string;
}) {
  const readOnly = useReadOnly();
  const showEmpty = !loading && options.length === 0 && emptyText !== undefined && value.trim().length > 1;
  return (
    <Combobox
      activator={
        <Combobox.TextField
          label={label}
          value={value}
          onChange={onInput}
          autoComplete="off"
          helpText={helpText}
          error={error || undefined}
          placeholder={placeholder}
          disabled={readOnly}
        />
      }
    >
      {options.length > 0 || loading || showEmpty ? (
        <Listbox onSelect={onSelect} accessibilityLabel={`${label} suggestions`}>
          {options.map((option) => (
            <Listbox.Option key={option.value} value={option.value} accessibilityLabel={option.label}>
              <Listbox.TextOption>{option.label}</Listbox.TextOption>
            </Listbox.Option>
          ))}
          {loading ? <Listbox.Loading accessibilityLabel="Looking up suggestions" /> : null}
          {showEmpty ? <Listbox.Header>{emptyText}</Listbox.Header> : null}
        </Listbox>
      ) : null}
    </Combobox>
  );
}

import { useState, type ReactNode } from 'react';
import { Button } from '../ui/Button';
import { TextField } from '../ui/TextField';

/** A pasted API token: hidden by default (shoulder-surfing, screen sharing), with a toggle to check it. */
export function TokenField({
  label = 'API token',
  value,
  onChange,
  error,
  helpText,
}: {
  label?: string;
  value: string;
  onChange: (value: string) => void;
  error?: string | false;
  helpText?: ReactNode;
}) {
  const [shown, setShown] = useState(false);
  return (
    <TextField
      label={label}
      type={shown ? 'text' : 'password'}
      value={value}
      onChange={onChange}
      error={error}
      helpText={helpText}
      autoComplete="off"
      monospaced
      requiredIndicator
      connectedRight={
        <Button
          onClick={() => setShown((s) => !s)}
          pressed={shown}
          accessibilityLabel={shown ? 'Hide token' : 'Show token'}
        >
          {shown ? 'Hide' : 'Show'}
        </Button>
      }
    />
  );
}

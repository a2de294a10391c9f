import { useState } from 'react';
import { Button } from '../ui/Button';
import { TextField } from '../ui/TextField';

/** A value to copy into another system: read-only, selected on focus, with a copy button that says it worked. */
export function CopyField({ label, value, helpText }: { label: string; value: string; helpText?: string }) {
  const [copied, setCopied] = useState<'yes' | 'failed' | undefined>(undefined);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(value);
      setCopied('yes');
    } catch {
      // Clipboard access can be refused (permissions, an insecure origin): the field stays selectable.
      setCopied('failed');
    }
    window.setTimeout(() => setCopied(undefined), 4000);
  };
  return (
    <div>
      <TextField
        label={label}
        value={value}
        readOnly
        monospaced
        selectTextOnFocus
        helpText={helpText}
        connectedRight={
          <Button onClick={() => void copy()} accessibilityLabel={`Copy ${label.toLowerCase()}`}>
            {copied === 'yes' ? 'Copied' : 'Copy'}
          </Button>
        }
      />
      <span role="status" className="rb-visually-hidden">
        {copied === 'yes'
          ? `${label} copied`
          : copied === 'failed'
            ? `Could not copy; select the ${label.toLowerCase()} and copy it`
            : ''}
      </span>
    </div>
  );
}

import { DropZone } from '@shopify/polaris';
import { useReadOnly } from './ReadOnly';

/** Drop a file or choose one (a real, labelled file input underneath: keyboard and screen readers work). */
export function FileDrop({
  label,
  accept,
  hint,
  onFile,
  disabled,
}: {
  label: string;
  accept: string;
  hint: string;
  onFile: (file: File) => void;
  disabled?: boolean;
}) {
  const readOnly = useReadOnly();
  return (
    <DropZone
      label={label}
      accept={accept}
      allowMultiple={false}
      disabled={disabled || readOnly}
      onDropAccepted={(files) => {
        const file = files[0];
        if (file) onFile(file);
      }}
    >
      <DropZone.FileUpload actionTitle="Choose a file" actionHint={hint} />
    </DropZone>
  );
}

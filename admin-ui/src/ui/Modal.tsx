import { Modal as PolarisModal } from '@shopify/polaris';
import type { ReactNode } from 'react';

export interface ModalAction {
  readonly content: string;
  readonly onAction: () => void;
  readonly destructive?: boolean;
  readonly loading?: boolean;
  readonly disabled?: boolean;
}

/** A dialog: focus is trapped inside and returns to the opener on close; Escape closes it. */
export function Modal({
  open,
  title,
  onClose,
  primaryAction,
  secondaryAction,
  children,
}: {
  open: boolean;
  title: string;
  onClose: () => void;
  primaryAction?: ModalAction;
  secondaryAction?: ModalAction;
  children: ReactNode;
}) {
  return (
    <PolarisModal
      open={open}
      title={title}
      onClose={onClose}
      primaryAction={primaryAction}
      secondaryActions={secondaryAction ? [secondaryAction] : undefined}
    >
      <PolarisModal.Section>{children}</PolarisModal.Section>
    </PolarisModal>
  );
}

/**
 * Polaris's provider, translations and stylesheet. Polaris React is deprecated in favour of Polaris web
 * components: every Polaris import lives in this folder, behind components of our own, so that move is local.
 */
import '@shopify/polaris/build/esm/styles.css';
import { AppProvider, type AppProviderProps } from '@shopify/polaris';
import en from '@shopify/polaris/locales/en.json';
import type { ComponentProps, ReactNode } from 'react';

type LinkLikeComponent = NonNullable<AppProviderProps['linkComponent']>;
/** What Polaris passes to the app's link component for every `url`. */
export type LinkLikeComponentProps = ComponentProps<LinkLikeComponent>;

export function PolarisProvider({
  linkComponent,
  children,
}: {
  linkComponent: LinkLikeComponent;
  children: ReactNode;
}) {
  return (
    <AppProvider i18n={en} linkComponent={linkComponent}>
      {children}
    </AppProvider>
  );
}

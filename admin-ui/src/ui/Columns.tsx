import { Layout } from '@shopify/polaris';
import type { ReactNode } from 'react';

/** A main column and a narrower side column; stacked on small screens. */
export function Columns({ main, side }: { main: ReactNode; side: ReactNode }) {
  return (
    <Layout>
      <Layout.Section>{main}</Layout.Section>
      <Layout.Section variant="oneThird">{side}</Layout.Section>
    </Layout>
  );
}

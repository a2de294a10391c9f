import { Frame, Navigation, TopBar } from '@shopify/polaris';
import { useState, type ReactNode } from 'react';

export interface NavItem {
  readonly label: string;
  readonly url: string;
  readonly selected: boolean;
  readonly badge?: string;
}

/**
 * The standalone admin's frame: a side navigation (a toggle on narrow screens) and a skip link. Inside
 * Shopify admin, App Bridge's NavMenu takes the navigation's place and this frame is not used.
 */
export function AppFrame({
  location,
  items,
  footerItems,
  children,
}: {
  location: string;
  items: readonly NavItem[];
  footerItems?: readonly { label: string; onClick: () => void }[];
  children: ReactNode;
}) {
  const [mobileNavOpen, setMobileNavOpen] = useState(false);
  const toggle = () => setMobileNavOpen((open) => !open);
  const navigation = (
    <Navigation location={location} ariaLabelledBy="rb-nav-heading">
      <h2 id="rb-nav-heading" className="rb-visually-hidden">
        RateBridge
      </h2>
      <Navigation.Section
        items={items.map((item) => ({
          label: item.label,
          url: item.url,
          selected: item.selected,
          badge: item.badge,
          onClick: () => setMobileNavOpen(false),
        }))}
      />
      {footerItems && footerItems.length > 0 ? (
        <Navigation.Section
          separator
          items={footerItems.map((item) => ({ label: item.label, onClick: item.onClick }))}
        />
      ) : null}
    </Navigation>
  );
  return (
    <Frame
      topBar={
        <TopBar
          showNavigationToggle
          onNavigationToggle={toggle}
          contextControl={<span className="rb-brand">RateBridge</span>}
        />
      }
      navigation={navigation}
      showMobileNavigation={mobileNavOpen}
      onNavigationDismiss={toggle}
    >
      {children}
    </Frame>
  );
}

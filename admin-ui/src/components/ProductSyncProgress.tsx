/**
 * Products arriving from the shop (WooCommerce bridge or Shopify app): a progress bar while a sync runs,
 * and a button to start one. Hidden when the server has no sync for this host, and, standalone, while no
 * WooCommerce store is connected (the demo store has none). Standalone, it also says whether product edits
 * reach RateBridge: a store connected with a read-only key needs the plugin to register the webhooks.
 */
import { useEffect, useRef, useState } from 'react';
import { isApiError } from '../api/api-error';
import type { StoreConnectionView } from '../../../core/wire/admin-api-types';
import type { ProductSync } from '../api/admin-api';
import { useAction } from '../api/use-resource';
import { useAdmin } from '../app/AdminContext';
import { formatAgo } from '../format/dates';
import { Button } from '../ui/Button';
import { Card } from '../ui/Card';
import { ProgressBar } from '../ui/ProgressBar';
import { Row, Stack } from '../ui/Stack';
import { Text } from '../ui/Text';
import { ErrorBanner } from './ErrorBanner';
import { EditOnly } from '../ui/ReadOnly';

const POLL_MS = 1000;

type View =
  | { kind: 'loading' }
  | { kind: 'hidden' }
  | { kind: 'shown'; sync: ProductSync | null; webhooks?: StoreConnectionView['webhooks'] };

export function ProductSyncProgress({ onFinished }: { onFinished?: () => void }) {
  const { api, host } = useAdmin();
  const [generation, setGeneration] = useState(0);
  const start = useAction(api.productSync.start);
  const shop = host.kind === 'shopify' ? 'Shopify' : 'WooCommerce';
  const { view, error } = useSyncPolling(generation, onFinished);

  if (view.kind === 'hidden') return null;
  const sync = view.kind === 'shown' ? view.sync : null;
  const running = sync?.state === 'running';
  return (
    <Card title={`Products from ${shop}`}>
      <Stack gap="300">
        <ErrorBanner error={error ?? start.error} />
        {view.kind === 'loading' && !error ? <Text tone="subdued">Checking product sync…</Text> : null}
        <SyncStatus view={view} shop={shop} />
        {view.kind === 'shown' ? <WebhooksNote webhooks={view.webhooks ?? null} /> : null}
        {!running && view.kind === 'shown' ? (
          <EditOnly>
            <Row>
              <Button
                loading={start.pending}
                onClick={() =>
                  void start.run().then((started) => {
                    if (started !== undefined) setGeneration((g) => g + 1);
                  })
                }
              >
                {sync ? 'Sync products again' : 'Sync products now'}
              </Button>
            </Row>
          </EditOnly>
        ) : null}
      </Stack>
    </Card>
  );
}

/** Whether WooCommerce tells RateBridge about product edits; nothing to say while that works. */
function WebhooksNote({ webhooks }: { webhooks: StoreConnectionView['webhooks'] }) {
  if (webhooks?.status === 'awaiting_plugin') {
    return (
      <Text tone="subdued">
        Product edits reach RateBridge once the RateBridge plugin has registered its webhooks: in WordPress,
        open WooCommerce → Settings → Shipping → RateBridge and save the settings once. Until then, sync again
        after changing products.
      </Text>
    );
  }
  if (webhooks?.status === 'failed') {
    return (
      <Text tone="critical">
        WooCommerce is not telling RateBridge about product edits:{' '}
        {webhooks.detail ?? 'try connecting again.'}
      </Text>
    );
  }
  return null;
}

/** Polls the sync's status every second while it runs; WooCommerce's store first (hidden unless connected). */
function useSyncPolling(generation: number, onFinished: (() => void) | undefined) {
  const { api, host } = useAdmin();
  const [view, setView] = useState<View>({ kind: 'loading' });
  const [error, setError] = useState<unknown>(undefined);
  // Callers pass a fresh function each render; polling must not restart for that.
  const finished = useRef(onFinished);
  finished.current = onFinished;

  useEffect(() => {
    let stopped = false;
    let timer: number | undefined;
    let wasRunning = false;
    let webhooks: StoreConnectionView['webhooks'] = null;
    const poll = async () => {
      try {
        if (host.kind === 'standalone' && !wasRunning) {
          const store = await api.woocommerceStore();
          if (stopped) return;
          if (store?.status !== 'connected') {
            setView({ kind: 'hidden' });
            return;
          }
          webhooks = store.webhooks;
        }
        const sync = await api.productSync.status();
        if (stopped) return;
        setView({ kind: 'shown', sync, webhooks });
        setError(undefined);
        if (wasRunning && sync?.state !== 'running') finished.current?.();
        wasRunning = sync?.state === 'running';
        if (wasRunning) timer = window.setTimeout(() => void poll(), POLL_MS);
      } catch (caught) {
        if (stopped) return;
        if (isApiError(caught) && caught.status === 404) setView({ kind: 'hidden' });
        else setError(caught);
      }
    };
    void poll();
    return () => {
      stopped = true;
      window.clearTimeout(timer);
    };
  }, [api, host.kind, generation]);

  return { view, error };
}

/** How far the sync is, or how the last one ended. */
function SyncStatus({ view, shop }: { view: View; shop: string }) {
  const sync = view.kind === 'shown' ? view.sync : null;
  return sync?.state === 'running' ? (
    <>
      <Text>
        Reading products from {shop}: {sync.done} of {sync.total ?? '…'}
      </Text>
      <ProgressBar label={`Products read from ${shop}`} done={sync.done} total={sync.total ?? 0} />
    </>
  ) : view.kind === 'shown' ? (
    <Text tone={sync?.state === 'failed' ? 'critical' : undefined}>
      {sync === null
        ? `Products are read from ${shop} so RateBridge can list the ones without packaging.`
        : sync.state === 'failed'
          ? `The last sync stopped: ${sync.error ?? 'try again.'}`
          : `${sync.done} products read from ${shop}${sync.finishedAt ? ` ${formatAgo(sync.finishedAt)}` : ''}.`}
    </Text>
  ) : null;
}

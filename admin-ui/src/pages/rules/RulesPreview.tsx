import { useEffect, useRef, useState } from 'react';
import type { PackagingProfile, QuoteSettings, TestQuoteResult } from '../../../../core/wire/admin-api-types';
import { useAdmin } from '../../app/AdminContext';
import { ErrorBanner } from '../../components/ErrorBanner';
import { QuoteSummary, RatesTable } from '../../components/QuoteResult';
import { cartToRequest, initialCart, SampleCart, type CartState } from '../../components/SampleCart';
import { Card } from '../../ui/Card';
import { List } from '../../ui/List';
import { Stack } from '../../ui/Stack';
import { Text } from '../../ui/Text';

const PREVIEW_DELAY_MS = 600;

/** The unsaved rules applied to a sample cart, re-quoted shortly after the rules or the cart change. */
export function RulesPreview({
  rules,
  profiles,
}: {
  rules: QuoteSettings | undefined;
  profiles: readonly PackagingProfile[];
}) {
  // A destination is filled in so the preview shows rates at once; the merchant can change it.
  const [cart, setCart] = useState<CartState>(() =>
    initialCart(profiles, { suburb: 'Melbourne', postcode: '3000', state: 'VIC' }),
  );
  const request = cartToRequest(cart);
  const { quote, error, pending } = usePreviewQuote(rules, request);

  return (
    <section aria-labelledby="preview-heading" aria-busy={pending}>
      <Card title="Live preview" headingId="preview-heading">
        <Stack gap="300">
          <Text tone="subdued">
            A sample cart quoted with the rules as they are on screen, before you save them.
          </Text>
          <SampleCart profiles={profiles} cart={cart} onChange={setCart} />
          {!request.ok ? <Text tone="subdued">{request.missing}</Text> : null}
          {!rules ? <Text tone="subdued">Fix the marked fields to update the preview.</Text> : null}
          {pending ? (
            <Text tone="subdued" as="p">
              Updating…
            </Text>
          ) : null}
          <ErrorBanner error={error} />
          {quote && request.ok ? (
            <div aria-live="polite">
              <Stack gap="300">
                <QuoteSummary
                  source={quote.source}
                  fallbackReason={quote.fallbackReason}
                  durationMs={quote.diagnostics.durationMs}
                />
                <RatesTable rates={quote.rates} />
                {quote.diagnostics.rulesApplied.length > 0 ? (
                  <List items={quote.diagnostics.rulesApplied} />
                ) : null}
              </Stack>
            </div>
          ) : null}
        </Stack>
      </Card>
    </section>
  );
}

/** The test quote of `request` under `rules`, asked a moment after either last changed. */
function usePreviewQuote(rules: QuoteSettings | undefined, request: ReturnType<typeof cartToRequest>) {
  const { api } = useAdmin();
  const [quote, setQuote] = useState<TestQuoteResult | undefined>(undefined);
  const [error, setError] = useState<unknown>(undefined);
  const [pending, setPending] = useState(false);
  const key = JSON.stringify([rules, request]);
  const latest = useRef(key);

  useEffect(() => {
    latest.current = key;
    if (!rules || !request.ok) return;
    const timer = window.setTimeout(() => {
      setPending(true);
      api
        .testQuote({
          destination: request.destination,
          lines: request.lines,
          currency: 'AUD',
          settings: rules,
        })
        .then(
          (result) => {
            if (latest.current !== key) return;
            setQuote(result);
            setError(undefined);
          },
          (caught: unknown) => {
            if (latest.current === key) setError(caught);
          },
        )
        .finally(() => {
          if (latest.current === key) setPending(false);
        });
    }, PREVIEW_DELAY_MS);
    return () => window.clearTimeout(timer);
    // `key` captures rules and cart; the objects themselves change identity on every render.
  }, [key]);

  return { quote, error, pending };
}

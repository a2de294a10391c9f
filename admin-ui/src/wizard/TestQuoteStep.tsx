import { useState, type FormEvent, type ReactNode } from 'react';
import { useAdmin } from '../app/AdminContext';
import { writeFlag } from '../app/local-flags';
import type { TestQuoteResult } from '../../../core/wire/admin-api-types';
import { useAction, useResource } from '../api/use-resource';
import { ErrorBanner } from '../components/ErrorBanner';
import { QuoteBreakdown, QuoteSummary, RatesTable } from '../components/QuoteResult';
import { ResourceView } from '../components/ResourceView';
import { cartToRequest, initialCart, SampleCart, type CartState } from '../components/SampleCart';
import { Banner } from '../ui/Banner';
import { Button } from '../ui/Button';
import { Card } from '../ui/Card';
import { Row, Stack } from '../ui/Stack';
import { Text } from '../ui/Text';

export function TestQuoteStep({ onDone }: { onDone: () => void }) {
  const { api, connections } = useAdmin();
  const context = useResource(async () => {
    const [profiles, locations] = await Promise.all([api.packaging.list(0, 200), api.locations.list()]);
    return { profiles: profiles.profiles, locations };
  }, [api]);

  return (
    <ResourceView resource={context} label="your products">
      {({ profiles, locations }) => (
        <TestQuoteForm
          profiles={profiles}
          onQuoted={(quote) => {
            if (quote.source === 'live') writeFlag(api.host.apiBase, 'test-quote-done');
          }}
          onDone={onDone}
          onSkip={() => {
            // The merchant chose to move on; the wizard should not bring them back here.
            writeFlag(api.host.apiBase, 'test-quote-done');
            onDone();
          }}
          breakdown={(quote) => (
            <QuoteBreakdown
              entry={quote.diagnostics}
              packing={quote.packing}
              locations={locations}
              connections={connections.data ?? []}
            />
          )}
        />
      )}
    </ResourceView>
  );
}

interface TestQuoteFormProps {
  profiles: Parameters<typeof initialCart>[0];
  onQuoted: (quote: TestQuoteResult) => void;
  onDone: () => void;
  onSkip: () => void;
  breakdown: (quote: TestQuoteResult) => ReactNode;
}

function TestQuoteForm({ profiles, onQuoted, onDone, onSkip, breakdown }: TestQuoteFormProps) {
  const { api } = useAdmin();
  const [cart, setCart] = useState<CartState>(() => initialCart(profiles));
  const [problem, setProblem] = useState<string | undefined>(undefined);
  const [quote, setQuote] = useState<TestQuoteResult | undefined>(undefined);
  const run = useAction(api.testQuote);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const request = cartToRequest(cart);
    if (!request.ok) {
      setProblem(request.missing);
      return;
    }
    setProblem(undefined);
    const result = await run.run({ destination: request.destination, lines: request.lines, currency: 'AUD' });
    if (result) {
      setQuote(result);
      onQuoted(result);
    }
  };

  return (
    <Stack gap="400">
      <Card title="A cart to quote">
        <form onSubmit={(event) => void submit(event)} aria-label="Test quote" noValidate>
          <Stack gap="400">
            <Text>
              Quote a cart exactly as checkout would: same packaging, warehouses, platforms and rules.
            </Text>
            <SampleCart profiles={profiles} cart={cart} onChange={setCart} />
            {problem ? <Banner tone="warning">{problem}</Banner> : null}
            <ErrorBanner error={run.error} />
            <div>
              <Button submit primary={!quote} loading={run.pending}>
                Get test rates
              </Button>
            </div>
          </Stack>
        </form>
      </Card>
      {quote ? <QuoteRates quote={quote} breakdown={breakdown} /> : null}
      <Row>
        <Button primary={quote?.source === 'live'} onClick={onDone} disabled={quote?.source !== 'live'}>
          Continue
        </Button>
        {quote?.source !== 'live' ? (
          <Button plain onClick={onSkip}>
            Skip for now
          </Button>
        ) : null}
      </Row>
    </Stack>
  );
}

function QuoteRates({
  quote,
  breakdown,
}: {
  quote: TestQuoteResult;
  breakdown: (quote: TestQuoteResult) => ReactNode;
}) {
  return (
    <Card title="Rates checkout would show" headingId="test-quote-rates">
      <section aria-labelledby="test-quote-rates">
        <Stack gap="400">
          <QuoteSummary
            source={quote.source}
            fallbackReason={quote.fallbackReason}
            durationMs={quote.diagnostics.durationMs}
          />
          <RatesTable rates={quote.rates} />
          {breakdown(quote)}
        </Stack>
      </section>
    </Card>
  );
}

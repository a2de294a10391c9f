/** One quote in full: what was asked, the packages per warehouse, every platform call and its latency, the rates. */
import { useResource } from '../api/use-resource';
import { useAdmin } from '../app/AdminContext';
import { AdminPage } from '../components/AdminPage';
import { QuoteBreakdown, QuoteSummary, RatesTable } from '../components/QuoteResult';
import { ResourceView } from '../components/ResourceView';
import { formatDateTime } from '../format/dates';
import { Card } from '../ui/Card';
import { DescriptionList } from '../ui/DescriptionList';

export function RateLogEntryPage({ entryId }: { entryId: string }) {
  const { api, connections } = useAdmin();
  const data = useResource(async () => {
    const [entry, locations] = await Promise.all([api.rateLog.get(entryId), api.locations.list()]);
    return { entry, locations };
  }, [api, entryId]);
  return (
    <AdminPage title="Quote details" backUrl="/settings/rate-log">
      <ResourceView resource={data} label="the quote">
        {({ entry, locations }) => (
          <>
            <Card title="What was asked">
              <DescriptionList
                items={[
                  { term: 'When', description: formatDateTime(entry.at) },
                  {
                    term: 'Destination',
                    description: [
                      entry.request.suburb,
                      entry.request.state,
                      entry.request.postcode,
                      entry.request.country,
                    ]
                      .filter(Boolean)
                      .join(' '),
                  },
                  {
                    term: 'Items',
                    description: entry.request.lines
                      .map((line) => `${line.quantity} × ${line.sku ?? `variant ${line.variantId ?? '?'}`}`)
                      .join(', '),
                  },
                  { term: 'Currency', description: entry.request.currency },
                ]}
              />
            </Card>
            <Card title="Rates shown">
              <QuoteSummary
                source={entry.source}
                fallbackReason={entry.fallbackReason}
                durationMs={entry.durationMs}
              />
              <RatesTable rates={entry.rates} />
            </Card>
            <Card title="How they were worked out">
              <QuoteBreakdown entry={entry} locations={locations} connections={connections.data ?? []} />
            </Card>
          </>
        )}
      </ResourceView>
    </AdminPage>
  );
}

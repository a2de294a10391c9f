/** Every quote checkout (and the test quotes) asked for, newest first, filterable by where the rates came from. */
import { useState } from 'react';
import type { QuoteSource, RateLogEntry } from '../../../core/wire/admin-api-types';
import { useResource } from '../api/use-resource';
import { useAdmin } from '../app/AdminContext';
import { AdminPage } from '../components/AdminPage';
import { SourceBadge } from '../components/QuoteResult';
import { ResourceView } from '../components/ResourceView';
import { formatDateTime } from '../format/dates';
import { formatCents } from '../../../core/money';
import { Button } from '../ui/Button';
import { Card } from '../ui/Card';
import { DataTable } from '../ui/DataTable';
import { EmptyState } from '../ui/EmptyState';
import { Row, Stack } from '../ui/Stack';
import { Select } from '../ui/Select';
import { Text } from '../ui/Text';
import { Pager } from '../ui/Pager';

const PAGE_SIZE = 25;

export function RateLogPage() {
  const { api } = useAdmin();
  const [source, setSource] = useState<QuoteSource | ''>('');
  const [offset, setOffset] = useState(0);
  const log = useResource(
    () => api.rateLog.list(offset, PAGE_SIZE, source || undefined),
    [api, offset, source],
  );

  return (
    <AdminPage
      title="Rate log"
      subtitle="The latest 500 quotes, and why each showed what it showed"
      secondaryActions={[{ content: 'Refresh', onAction: () => void log.reload(), loading: log.refreshing }]}
    >
      <Card>
        <Stack gap="300">
          <Row>
            <Select
              label="Rates from"
              labelInline
              options={[
                { label: 'Any source', value: '' },
                { label: 'Live rates', value: 'live' },
                { label: 'Fallback rates', value: 'fallback' },
                { label: 'No rates', value: 'none' },
              ]}
              value={source}
              onChange={(value) => {
                setSource(value as QuoteSource | '');
                setOffset(0);
              }}
            />
          </Row>
          <ResourceView resource={log} label="the rate log">
            {({ entries, total }) =>
              entries.length === 0 ? (
                <EmptyState heading={source ? 'No quotes from this source' : 'No quotes yet'}>
                  Quotes appear here as checkout asks for rates, and when you run a test quote.
                </EmptyState>
              ) : (
                <Stack gap="300">
                  <RateLogTable entries={entries} />
                  <Pager
                    offset={offset}
                    shown={entries.length}
                    total={total}
                    pageSize={PAGE_SIZE}
                    setOffset={setOffset}
                    back="Newer"
                    forward="Older"
                  />
                </Stack>
              )
            }
          </ResourceView>
        </Stack>
      </Card>
    </AdminPage>
  );
}

function RateLogTable({ entries }: { entries: readonly RateLogEntry[] }) {
  return (
    <DataTable
      headings={['When', 'Destination', 'Items', 'Source', 'Cheapest', 'Time', 'Details']}
      numeric={[2, 4, 5]}
      rows={entries.map((entry) => {
        const cheapest = entry.rates[0];
        return [
          formatDateTime(entry.at),
          [entry.request.suburb, entry.request.state, entry.request.postcode].filter(Boolean).join(' '),
          entry.request.lines.reduce((sum, line) => sum + line.quantity, 0),
          <Stack gap="100" key="source">
            <SourceBadge source={entry.source} />
            {entry.fallbackReason ? <Text tone="subdued">{entry.fallbackReason}</Text> : null}
          </Stack>,
          cheapest ? formatCents(cheapest.totalCents, cheapest.currency) : '—',
          `${entry.durationMs} ms`,
          <Button
            key="view"
            size="slim"
            url={`/settings/rate-log/${encodeURIComponent(entry.id)}`}
            accessibilityLabel={`View the quote of ${formatDateTime(entry.at)}`}
          >
            View
          </Button>,
        ];
      })}
    />
  );
}

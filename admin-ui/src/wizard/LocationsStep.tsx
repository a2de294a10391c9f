import type { LocationInput, LocationRecord } from '../../../core/wire/admin-api-types';
import { useState } from 'react';
import { useAdmin } from '../app/AdminContext';
import { useAction, useResource } from '../api/use-resource';
import { LocationForm } from '../components/LocationForm';
import { ResourceView } from '../components/ResourceView';
import { WarehouseImport } from '../components/WarehouseImport';
import { Badge } from '../ui/Badge';
import { Banner } from '../ui/Banner';
import { Button } from '../ui/Button';
import { Card } from '../ui/Card';
import { List } from '../ui/List';
import { Row, Stack } from '../ui/Stack';
import { Text } from '../ui/Text';

export function LocationsStep({ onDone }: { onDone: () => void }) {
  const { api, connections, platforms } = useAdmin();
  const locations = useResource(() => api.locations.list(), [api]);
  const canImport = (connections.data ?? []).some(
    (c) =>
      c.status === 'active' && (platforms.data ?? []).some((p) => p.name === c.platform && p.hasWarehouses),
  );
  const [showForm, setShowForm] = useState(false);
  const [warnings, setWarnings] = useState<readonly string[]>([]);
  const create = useAction(api.locations.create);

  const add = async (input: LocationInput) => {
    const result = await create.run(input);
    if (!result) return;
    setWarnings(result.warnings);
    setShowForm(false);
    locations.setData((current) => [...(current ?? []), result.location]);
  };

  return (
    <ResourceView resource={locations} label="pickup locations">
      {(list: readonly LocationRecord[]) => (
        <Stack gap="400">
          <Card title="Where your goods are picked up">
            <Stack gap="300">
              <Text>
                Carriers price from the warehouse a parcel leaves. Add each place you ship from; the first is
                the default.
              </Text>
              <LocationList list={list} />
              {warnings.length > 0 ? (
                <Banner tone="warning" title="Saved; please double-check">
                  <List items={warnings} />
                </Banner>
              ) : null}
              <WarehouseImport onImported={() => void locations.reload()} />
              {showForm || (!canImport && list.length === 0) ? (
                <LocationForm
                  despatch={false}
                  submitLabel="Add location"
                  pending={create.pending}
                  error={create.error}
                  onSubmit={(input) => void add(input)}
                  onCancel={list.length > 0 || canImport ? () => setShowForm(false) : undefined}
                />
              ) : (
                <div>
                  <Button onClick={() => setShowForm(true)}>
                    {canImport ? 'Add a location by hand' : 'Add another location'}
                  </Button>
                </div>
              )}
            </Stack>
          </Card>
          <ContinueRow count={list.length} onDone={onDone} />
        </Stack>
      )}
    </ResourceView>
  );
}

/** The locations added so far, the default marked. */
function LocationList({ list }: { list: readonly LocationRecord[] }) {
  return list.length > 0 ? (
    <List
      items={list.map((location) => (
        <Row gap="200" key={location.id}>
          <Text as="span" strong>
            {location.name}
          </Text>
          <Text as="span">{`${location.suburb} ${location.state} ${location.postcode}`}</Text>
          {location.isDefault ? <Badge tone="info">Default</Badge> : null}
        </Row>
      ))}
    />
  ) : (
    <Text tone="subdued">No pickup locations yet.</Text>
  );
}

function ContinueRow({ count, onDone }: { count: number; onDone: () => void }) {
  return (
    <Row>
      <Button primary onClick={onDone} disabled={count === 0}>
        Continue
      </Button>
      {count === 0 ? <Text tone="subdued">Add at least one pickup location to continue.</Text> : null}
    </Row>
  );
}

/**
 * A cart to quote: products picked from the packaging profiles (or a product known only by its weight,
 * packed in the default box) and a destination. The wizard's test quote and the rules preview share it.
 */
import type { PackagingProfile, QuoteDestination, QuoteLineInput } from '../../../core/wire/admin-api-types';
import { AU_STATES } from '../../../core/wire/vocabulary';
import { useState } from 'react';
import { parseDecimal } from '../format/parse-decimal';
import { Button } from '../ui/Button';
import { Row, Stack } from '../ui/Stack';
import { Select } from '../ui/Select';
import { Heading } from '../ui/Text';
import { TextField } from '../ui/TextField';
import { LocalityField } from './LocalityField';

const BY_WEIGHT = 'by-weight';

export interface CartLine {
  readonly product: string;
  readonly quantity: string;
  readonly weightKg: string;
}

export interface CartState {
  readonly lines: readonly CartLine[];
  readonly suburb: string;
  readonly postcode: string;
  readonly state: string;
}

export function initialCart(
  profiles: readonly PackagingProfile[],
  destination: { suburb: string; postcode: string; state: string } = { suburb: '', postcode: '', state: '' },
): CartState {
  const first = profiles.find((p) => p.packages.length > 0);
  return {
    lines: [{ product: first ? first.key : BY_WEIGHT, quantity: '1', weightKg: '2' }],
    ...destination,
  };
}

/** The request body, or the first thing still missing. */
export function cartToRequest(
  cart: CartState,
): { ok: true; lines: QuoteLineInput[]; destination: QuoteDestination } | { ok: false; missing: string } {
  if (!/^\d{4}$/.test(cart.postcode.trim()))
    return { ok: false, missing: 'Choose a destination suburb (or type a four-digit postcode).' };
  const lines: QuoteLineInput[] = [];
  for (const line of cart.lines) {
    const quantity = parseDecimal(line.quantity);
    if (quantity === undefined || !Number.isInteger(quantity) || quantity < 1) {
      return { ok: false, missing: 'Each quantity is a whole number of at least 1.' };
    }
    if (line.product === BY_WEIGHT) {
      const kg = parseDecimal(line.weightKg);
      if (kg === undefined || kg <= 0) return { ok: false, missing: 'Give the product’s weight in kg.' };
      lines.push({ sku: 'SAMPLE-PRODUCT', quantity, grams: Math.round(kg * 1000), priceCents: 5000 });
    } else if (line.product.startsWith('variant:')) {
      lines.push({ variantId: line.product.slice('variant:'.length), quantity, priceCents: 5000 });
    } else {
      lines.push({ sku: line.product.slice('sku:'.length), quantity, priceCents: 5000 });
    }
  }
  return {
    ok: true,
    lines,
    destination: {
      country: 'AU',
      postcode: cart.postcode.trim(),
      ...(cart.state ? { state: cart.state } : {}),
      ...(cart.suburb.trim() ? { suburb: cart.suburb.trim() } : {}),
    },
  };
}

export function SampleCart({
  profiles,
  cart,
  onChange,
}: {
  profiles: readonly PackagingProfile[];
  cart: CartState;
  onChange: (cart: CartState) => void;
}) {
  const options = [
    ...profiles
      .filter((p) => p.packages.length > 0)
      .map((p) => ({ label: p.sku ?? p.key.replace(/^variant:/, 'Variant '), value: p.key })),
    { label: 'A product known only by its weight (default box)', value: BY_WEIGHT },
  ];

  return (
    <Stack gap="300">
      <Heading level={3}>Products</Heading>
      <CartLines cart={cart} options={options} onChange={onChange} />
      <CartDestination cart={cart} onChange={onChange} />
    </Stack>
  );
}

type CartProps = { cart: CartState; onChange: (cart: CartState) => void };

function CartLines({ cart, options, onChange }: CartProps & { options: { label: string; value: string }[] }) {
  const setLine = (index: number, change: Partial<CartLine>) =>
    onChange({ ...cart, lines: cart.lines.map((line, i) => (i === index ? { ...line, ...change } : line)) });
  return (
    <>
      {cart.lines.map((line, index) => {
        const n = cart.lines.length > 1 ? ` ${index + 1}` : '';
        return (
          <Row key={index} gap="300" blockAlign="end">
            <Select
              label={`Product${n}`}
              options={options}
              value={line.product}
              onChange={(v) => setLine(index, { product: v })}
            />
            <TextField
              label={`Quantity${n}`}
              value={line.quantity}
              onChange={(v) => setLine(index, { quantity: v })}
              inputMode="numeric"
            />
            {line.product === BY_WEIGHT ? (
              <TextField
                label={`Weight${n}`}
                suffix="kg"
                value={line.weightKg}
                onChange={(v) => setLine(index, { weightKg: v })}
                inputMode="decimal"
              />
            ) : null}
            {cart.lines.length > 1 ? (
              <Button
                plain
                critical
                onClick={() => onChange({ ...cart, lines: cart.lines.filter((_, i) => i !== index) })}
              >
                {`Remove product${n}`}
              </Button>
            ) : null}
          </Row>
        );
      })}
      <div>
        <Button
          onClick={() =>
            onChange({
              ...cart,
              lines: [
                ...cart.lines,
                { product: options[0]?.value ?? BY_WEIGHT, quantity: '1', weightKg: '2' },
              ],
            })
          }
        >
          Add a product
        </Button>
      </div>
    </>
  );
}

function CartDestination({ cart, onChange }: CartProps) {
  const [suburbText, setSuburbText] = useState(cart.suburb);
  return (
    <>
      <Heading level={3}>Deliver to</Heading>
      <LocalityField
        label="Destination suburb"
        value={suburbText}
        onInput={(text) => {
          setSuburbText(text);
          onChange({ ...cart, suburb: text });
        }}
        onPick={(locality) => {
          setSuburbText(locality.suburb);
          onChange({ ...cart, suburb: locality.suburb, postcode: locality.postcode, state: locality.state });
        }}
      />
      <Row gap="300">
        <TextField
          label="Destination postcode"
          value={cart.postcode}
          onChange={(v) => onChange({ ...cart, postcode: v })}
          inputMode="numeric"
        />
        <Select
          label="Destination state"
          options={[{ label: 'Choose', value: '' }, ...AU_STATES.map((s) => ({ label: s, value: s }))]}
          value={cart.state}
          onChange={(v) => onChange({ ...cart, state: v })}
        />
      </Row>
    </>
  );
}

/**
 * Suburb with postcode autocomplete from RateBridge's offline Australian locality list (GET /localities).
 * Picking a suggestion fills suburb, postcode and state together, which is what the platforms match on.
 * If the server has no locality search, it is a plain field.
 */
import type { Locality } from '../../../core/wire/admin-api-types';
import { useEffect, useState } from 'react';
import { useAdmin } from '../app/AdminContext';
import { isApiError } from '../api/api-error';
import { Autocomplete } from '../ui/Autocomplete';
import { TextField } from '../ui/TextField';

const DEBOUNCE_MS = 150;

export function localityLabel(locality: Locality): string {
  return `${locality.suburb} ${locality.state} ${locality.postcode}`;
}

export function LocalityField({
  label = 'Suburb',
  value,
  onInput,
  onPick,
  error,
  helpText = 'Start typing a suburb or postcode, then pick it from the list.',
}: {
  label?: string;
  value: string;
  onInput: (value: string) => void;
  onPick: (locality: Locality) => void;
  error?: string | false;
  helpText?: string;
}) {
  const [picked, setPicked] = useState<string | undefined>(undefined);
  const { suggestions, setSuggestions, loading, unavailable } = useLocalitySuggestions(value, picked);

  if (unavailable) {
    return (
      <TextField label={label} value={value} onChange={onInput} error={error} autoComplete="address-level2" />
    );
  }
  return (
    <Autocomplete
      label={label}
      value={value}
      onInput={(text) => {
        setPicked(undefined);
        onInput(text);
      }}
      options={suggestions.map((locality) => ({
        value: localityLabel(locality),
        label: localityLabel(locality),
      }))}
      onSelect={(chosen) => {
        const locality = suggestions.find((candidate) => localityLabel(candidate) === chosen);
        if (!locality) return;
        setPicked(locality.suburb);
        setSuggestions([]);
        onPick(locality);
      }}
      loading={loading}
      emptyText="No Australian suburb matches. Check the spelling, or type the postcode."
      helpText={helpText}
      error={error}
    />
  );
}

/** Suggestions for what is typed (debounced; none once a suggestion is picked), or `unavailable`. */
function useLocalitySuggestions(value: string, picked: string | undefined) {
  const { api } = useAdmin();
  const [suggestions, setSuggestions] = useState<readonly Locality[]>([]);
  const [loading, setLoading] = useState(false);
  const [unavailable, setUnavailable] = useState(false);

  useEffect(() => {
    const query = value.trim();
    if (unavailable || query.length < 2 || query === picked) {
      setSuggestions([]);
      setLoading(false);
      return;
    }
    const controller = new AbortController();
    setLoading(true);
    const timer = window.setTimeout(() => {
      api
        .localities(query, controller.signal)
        .then((found) => {
          setSuggestions(found);
          setLoading(false);
        })
        .catch((error: unknown) => {
          if (controller.signal.aborted) return;
          if (isApiError(error) && error.isMissingRoute) setUnavailable(true);
          setSuggestions([]);
          setLoading(false);
        });
    }, DEBOUNCE_MS);
    return () => {
      window.clearTimeout(timer);
      controller.abort();
    };
  }, [api, value, picked, unavailable]);

  return { suggestions, setSuggestions, loading, unavailable };
}

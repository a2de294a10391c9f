/** The packaging editor's state: the key, one row of text fields per package kind, locations, save. */
import { useState } from 'react';
import { fieldErrors } from '../../api/api-error';
import type { PackageType, PackagingProfile, ProfileInput } from '../../../../core/wire/admin-api-types';
import { useAction } from '../../api/use-resource';
import { useAdmin } from '../../app/AdminContext';
import { parseDecimal } from '../../format/parse-decimal';

export interface PackageRow {
  type: PackageType;
  length: string;
  width: string;
  height: string;
  weight: string;
  quantity: string;
}

export const EMPTY_ROW: PackageRow = {
  type: 'carton',
  length: '',
  width: '',
  height: '',
  weight: '',
  quantity: '1',
};

export function useProfileForm(
  profile: PackagingProfile | undefined,
  suggestedKey: string | undefined,
  onSaved: (profile: PackagingProfile) => void,
) {
  const { api } = useAdmin();
  const startKey = profile?.key ?? suggestedKey ?? 'sku:';
  const [kind, setKind] = useState(startKey.startsWith('variant:') ? 'variant' : 'sku');
  const [identifier, setIdentifier] = useState(startKey.slice(startKey.indexOf(':') + 1));
  const [rows, setRows] = useState<PackageRow[]>(() => rowsOf(profile));
  const [locationIds, setLocationIds] = useState<string[]>([...(profile?.locationIds ?? [])]);
  const [consolidatable, setConsolidatable] = useState(profile?.consolidatable ?? false);
  const [shipsAlone, setShipsAlone] = useState(profile?.shipsAlone ?? false);
  const save = useAction((key: string, input: ProfileInput) => api.packaging.put(key, input));
  const fields = fieldErrors(save.error);

  const update = (index: number, change: Partial<PackageRow>) =>
    setRows((current) => current.map((row, i) => (i === index ? { ...row, ...change } : row)));

  const submit = async () => {
    const input: ProfileInput = {
      packages: rows.map((row) => ({
        type: row.type,
        lengthCm: parseDecimal(row.length) ?? Number.NaN,
        widthCm: parseDecimal(row.width) ?? Number.NaN,
        heightCm: parseDecimal(row.height) ?? Number.NaN,
        weightKg: parseDecimal(row.weight) ?? Number.NaN,
        quantity: parseDecimal(row.quantity) ?? Number.NaN,
      })),
      locationIds,
      consolidatable,
      shipsAlone,
    };
    const saved = await save.run(`${kind}:${identifier.trim()}`, input);
    if (saved) onSaved(saved);
  };

  return {
    kind,
    setKind,
    identifier,
    setIdentifier,
    rows,
    setRows,
    update,
    locationIds,
    setLocationIds,
    consolidatable,
    setConsolidatable,
    shipsAlone,
    setShipsAlone,
    save,
    fields,
    submit,
  };
}

/** The form's package rows for a saved profile (one empty row for a new one). */
function rowsOf(profile: PackagingProfile | undefined): PackageRow[] {
  return profile && profile.packages.length > 0
    ? profile.packages.map((p) => ({
        type: p.type,
        length: String(p.lengthCm),
        width: String(p.widthCm),
        height: String(p.heightCm),
        weight: String(p.weightKg),
        quantity: String(p.quantity),
      }))
    : [{ ...EMPTY_ROW }];
}

/**
 * A read-only region: every field of ours inside it (text, select, checkbox, autocomplete, file drop) is
 * disabled, so a viewer sees the values and cannot change them; components inside ask `useReadOnly()` to
 * leave out the buttons that would save, add or delete. A context rather than a prop on every field, so a
 * field added to a settings form later is read-only for a viewer without anyone remembering to say so.
 * Outside any region (the setup wizard, the sample cart of a test quote) fields behave as usual.
 */
import { createContext, useContext, type ReactNode } from 'react';

const ReadOnlyContext = createContext(false);

export function ReadOnly({ when, children }: { when: boolean; children: ReactNode }) {
  return <ReadOnlyContext.Provider value={when}>{children}</ReadOnlyContext.Provider>;
}

/** Whether the surrounding region is read-only. */
export function useReadOnly(): boolean {
  return useContext(ReadOnlyContext);
}

/** What only someone who may change the settings sees (save, add, remove, move): left out when read-only. */
export function EditOnly({ children }: { children: ReactNode }) {
  return useReadOnly() ? null : <>{children}</>;
}

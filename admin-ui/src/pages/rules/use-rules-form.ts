/** The rules form's state: the fields, their errors (the server's and, after a first save, our own), save. */
import { useMemo, useState, type FormEvent } from 'react';
import { fieldErrors } from '../../api/api-error';
import type { QuoteSettings } from '../../../../core/wire/admin-api-types';
import { useAction } from '../../api/use-resource';
import { useAdmin } from '../../app/AdminContext';
import { fromForm, toForm, type RulesForm } from '../rules-form';

export function useRulesForm(initial: QuoteSettings, onSaved: (rules: QuoteSettings) => void) {
  const { api } = useAdmin();
  const [form, setForm] = useState<RulesForm>(() => toForm(initial));
  const [saved, setSaved] = useState(false);
  const save = useAction(api.rules.put);
  const converted = useMemo(() => fromForm(form), [form]);
  const [showErrors, setShowErrors] = useState(false);
  const clientErrors = converted.ok || !showErrors ? {} : converted.errors;
  const errors = { ...fieldErrors(save.error), ...clientErrors };
  const set = <K extends keyof RulesForm>(key: K, value: RulesForm[K]) => {
    setSaved(false);
    setForm((current) => ({ ...current, [key]: value }));
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setShowErrors(true);
    if (!converted.ok) return;
    const result = await save.run(converted.rules);
    if (result) {
      setSaved(true);
      onSaved(result);
    }
  };

  const discard = () => {
    setForm(toForm(initial));
    setShowErrors(false);
    save.reset();
  };

  return { form, set, errors, converted, showErrors, save, saved, submit, discard };
}

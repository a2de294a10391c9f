/** What each section of the rules form gets: the form, a setter for one field, and the errors by field. */
import type { RulesForm } from '../rules-form';

export interface SectionProps {
  readonly form: RulesForm;
  readonly set: <K extends keyof RulesForm>(key: K, value: RulesForm[K]) => void;
  readonly errors: Readonly<Record<string, string | undefined>>;
}

/**
 * The sandbox's behaviour switches (PUT /sandbox/behaviour): make every platform call slow, hang, or fail
 * with a status, to watch RateBridge's deadline, fallback and health paths work. Applies to all tokens.
 */
import { useEffect, useState, type FormEvent } from 'react';
import { fieldErrors } from '../api/api-error';
import { useAction, type Resource } from '../api/use-resource';
import { Banner } from '../ui/Banner';
import { Button, ButtonGroup } from '../ui/Button';
import { Card } from '../ui/Card';
import { Checkbox } from '../ui/Checkbox';
import { LoadingState } from '../ui/LoadingState';
import { Select } from '../ui/Select';
import { Stack } from '../ui/Stack';
import { Text } from '../ui/Text';
import { TextField } from '../ui/TextField';
import { sandboxApi, type SandboxBehaviour } from './sandbox-api';
import { SandboxError } from './SandboxError';

const NORMAL: SandboxBehaviour = {
  latencyMs: 0,
  failRate: 0,
  hang: false,
  status: null,
  retryAfterSeconds: 1,
};
const STATUSES = [
  { label: 'None: answer normally', value: '' },
  { label: '429 Too Many Requests', value: '429' },
  { label: '500 Internal Server Error', value: '500' },
  { label: '502 Bad Gateway', value: '502' },
  { label: '503 Service Unavailable', value: '503' },
  { label: '504 Gateway Timeout', value: '504' },
] as const;

interface Draft {
  readonly latencyMs: string;
  readonly hang: boolean;
  readonly status: string;
}

const draftOf = (behaviour: SandboxBehaviour): Draft => ({
  latencyMs: String(behaviour.latencyMs),
  hang: behaviour.hang,
  status: behaviour.status === null ? '' : String(behaviour.status),
});

function describeBehaviour(behaviour: SandboxBehaviour): string {
  const parts = [
    behaviour.latencyMs > 0 ? `waits ${behaviour.latencyMs} ms` : '',
    behaviour.hang ? 'never answers' : '',
    behaviour.status !== null ? `answers ${behaviour.status}` : '',
    behaviour.failRate > 0 ? `fails ${Math.round(behaviour.failRate * 100)}% of calls` : '',
  ].filter((part) => part !== '');
  return parts.length === 0
    ? 'Normal: every call answers at once.'
    : `Every platform call ${parts.join(', ')}.`;
}

export function BehaviourForm({ behaviour }: { behaviour: Resource<SandboxBehaviour> }) {
  const [draft, setDraft] = useState<Draft | undefined>(undefined);
  const save = useAction(sandboxApi.saveBehaviour);
  const current = behaviour.data;
  useEffect(() => {
    if (current && draft === undefined) setDraft(draftOf(current));
  }, [current, draft]);

  if (current === undefined || draft === undefined) {
    return behaviour.error ? (
      <SandboxError error={behaviour.error} onRetry={() => void behaviour.reload()} />
    ) : (
      <LoadingState label="Loading the sandbox's behaviour" />
    );
  }
  const apply = async (next: SandboxBehaviour) => {
    const saved = await save.run(next);
    if (!saved) return;
    behaviour.setData(saved);
    setDraft(draftOf(saved));
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const status = draft.status === '' ? null : Number(draft.status);
    // Fail rate and Retry-After have no switch here: keep what the API was told.
    void apply({ ...current, latencyMs: Number(draft.latencyMs), hang: draft.hang, status });
  };
  const fields = fieldErrors(save.error);

  return (
    <Card title="Behaviour" headingId="behaviour-heading">
      <form onSubmit={submit} aria-labelledby="behaviour-heading" noValidate>
        <Stack gap="300">
          <div role="status" aria-live="polite">
            <Banner tone={describeBehaviour(current).startsWith('Normal') ? 'info' : 'warning'}>
              <Text>{describeBehaviour(current)}</Text>
            </Banner>
          </div>
          {fields.latencyMs ? null : <SandboxError error={save.error} />}
          <BehaviourSwitches draft={draft} onChange={setDraft} latencyError={fields.latencyMs} />
          <ButtonGroup>
            <Button submit primary loading={save.pending}>
              Save behaviour
            </Button>
            <Button onClick={() => void apply(NORMAL)} disabled={save.pending}>
              Back to normal
            </Button>
          </ButtonGroup>
        </Stack>
      </form>
    </Card>
  );
}

function BehaviourSwitches({
  draft,
  onChange,
  latencyError,
}: {
  draft: Draft;
  onChange: (draft: Draft) => void;
  latencyError: string | undefined;
}) {
  return (
    <>
      <TextField
        label="Latency"
        type="number"
        min={0}
        step={100}
        suffix="ms"
        value={draft.latencyMs}
        onChange={(latencyMs) => onChange({ ...draft, latencyMs })}
        error={latencyError}
        helpText="Wait this long before answering (0 to 60000). RateBridge's quote deadline cuts a slow call."
      />
      <Checkbox
        label="Hang: never answer"
        checked={draft.hang}
        onChange={(hang) => onChange({ ...draft, hang })}
        helpText="Every call waits until the caller gives up, as a platform that accepts the connection and goes silent."
      />
      <Select
        label="Error status"
        options={STATUSES}
        value={draft.status}
        onChange={(status) => onChange({ ...draft, status })}
        helpText="Answer every call with this HTTP status (429 carries Retry-After)."
      />
    </>
  );
}

/**
 * What a connection's status and last check mean to a merchant, and what fixes it. The banner on every
 * page and the Connections page read these, so they say the same thing.
 */
import type {
  CheckOutcome,
  ConnectionStatus,
  ConnectionView,
  PlatformName,
} from '../../../core/wire/admin-api-types';
import type { BadgeTone } from '../ui/Badge';

export const STATUS_BADGE: Readonly<Record<ConnectionStatus, { label: string; tone: BadgeTone }>> = {
  active: { label: 'Active', tone: 'success' },
  revoked: { label: 'Token revoked', tone: 'critical' },
  needs_attention: { label: 'Needs attention', tone: 'warning' },
};

export const OUTCOME_TEXT: Readonly<Record<CheckOutcome, string>> = {
  valid: 'Token accepted',
  rejected: 'Token rejected',
  forbidden: 'Missing a permission',
  wrong_environment: 'Wrong environment',
  unreachable: 'Platform did not answer',
  rate_limited: 'Platform asked us to slow down',
};

export const PLATFORM_NAMES: Readonly<Record<PlatformName, string>> = {
  machship: 'MachShip',
  bigpost: 'Big Post',
  sandbox: 'RateBridge Sandbox',
};

/** One sentence on what is wrong and one on the fix, for a connection that cannot quote. */
export function connectionProblem(connection: ConnectionView): { title: string; fix: string } | undefined {
  const platform = PLATFORM_NAMES[connection.platform] ?? connection.platform;
  if (connection.status === 'revoked') {
    return {
      title: `${platform} no longer accepts the token of “${connection.label}”`,
      fix: `Checkout is showing your fallback rates instead of live ones. Create a new token in ${platform} and replace it here.`,
    };
  }
  if (connection.status === 'needs_attention') {
    const why =
      connection.lastCheck?.outcome === 'wrong_environment'
        ? `the token of “${connection.label}” belongs to the other environment`
        : `the token of “${connection.label}” lacks a permission quoting needs`;
    return {
      title: `${platform}: ${why}`,
      fix: `Checkout is not using this connection. ${connection.lastCheck?.detail ?? ''} Replace the token with one that has the right access.`.replace(
        /\s+/g,
        ' ',
      ),
    };
  }
  return undefined;
}

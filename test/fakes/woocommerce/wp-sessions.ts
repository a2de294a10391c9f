/**
 * Signed-in wp-admin users and their nonces, as far as the key grant needs them: a session cookie names a
 * user (with or without `manage_woocommerce`), and `wp_create_nonce()` / `wp_verify_nonce()` tie a nonce to
 * the action, the user and the session token for the current or previous 12-hour tick
 * (wp-includes/pluggable.php, WordPress 6.8.8).
 */
import { createHmac, randomBytes } from 'node:crypto';

export interface WpUser {
  readonly userId: number;
  readonly manageWooCommerce: boolean;
  readonly token: string;
}

const COOKIE = 'wordpress_logged_in_fake';
const TICK_SECONDS = 12 * 60 * 60;

export function createWpSessions() {
  const sessions = new Map<string, WpUser>();
  const salt = randomBytes(32).toString('hex');
  // User 1 is the store admin; each other sign-in is a user of its own (a shop manager without the capability).
  let nextUserId = 2;

  const nonceFor = (action: string, user: WpUser, tick: number) =>
    createHmac('md5', salt)
      .update(`${tick}|${action}|${user.userId}|${user.token}`)
      .digest('hex')
      .slice(-12, -2);
  const tick = () => Math.ceil(Date.now() / 1000 / TICK_SECONDS);

  return {
    signIn(manageWooCommerce: boolean): { user: WpUser; cookie: string } {
      const userId = manageWooCommerce ? 1 : nextUserId++;
      const user: WpUser = { userId, manageWooCommerce, token: randomBytes(16).toString('hex') };
      sessions.set(user.token, user);
      return { user, cookie: `${COOKIE}=${user.token}` };
    },
    /** The user a request's cookies sign in, if any. */
    userOf(cookieHeader: string | undefined): WpUser | undefined {
      for (const part of (cookieHeader ?? '').split(';')) {
        const [name, value] = part.trim().split('=');
        if (name === COOKIE && value) return sessions.get(value);
      }
      return undefined;
    },
    createNonce: (action: string, user: WpUser) => nonceFor(action, user, tick()),
    verifyNonce(nonce: string, action: string, user: WpUser): boolean {
      return [tick(), tick() - 1].some((candidate) => nonceFor(action, user, candidate) === nonce);
    },
  };
}

export type WpSessions = ReturnType<typeof createWpSessions>;

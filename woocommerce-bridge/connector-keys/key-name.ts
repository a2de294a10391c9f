/** The shape of a connector key's id, shared by the admin routes and the key operations (the name's: core/wire). */

/** `rbk_` + 16 random bytes, base64url. */
export const KEY_ID_PATTERN = /^rbk_[A-Za-z0-9_-]{22}$/;

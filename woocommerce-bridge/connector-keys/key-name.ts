/** The shape of a connector key's name and id, shared by the admin routes and the key operations. */
import { z } from 'zod';

/** `rbk_` + 16 random bytes, base64url. */
export const KEY_ID_PATTERN = /^rbk_[A-Za-z0-9_-]{22}$/;

export const keyNameSchema = z
  .string()
  .trim()
  .min(1, 'Give the key a name, e.g. the store it is for.')
  .max(60, 'A key name is at most 60 characters.')
  .regex(/^[^\p{Cc}]+$/u, 'The name contains a line break or control character.');

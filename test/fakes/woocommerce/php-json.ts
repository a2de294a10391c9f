/**
 * `wp_json_encode()` with PHP's default flags: `/` escaped as `\/` and non-ASCII as `\uXXXX`. Webhook
 * bodies are signed over these exact bytes, so a receiver that re-serialises JSON cannot verify them.
 */
export function phpJsonEncode(value: unknown): string {
  return JSON.stringify(value)
    .replaceAll('/', '\\/')
    .replace(/[\u007f-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

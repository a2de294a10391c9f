/**
 * PHP's `filter_var($url, FILTER_VALIDATE_URL)`, closely enough for the URLs a test sends: a scheme, `//`,
 * a host of letters, digits, dots, hyphens (or an IPv4/bracketed IPv6), an optional port, no spaces.
 */
export function isValidUrl(text: string): boolean {
  const match =
    /^([a-z][a-z0-9+.-]*):\/\/(?:[^\s/?#@]*@)?(\[[0-9a-f:.]+\]|[a-z0-9.-]+)(?::(\d{1,5}))?([/?#]\S*)?$/i.exec(
      text,
    );
  if (!match) return false;
  const host = match[2] ?? '';
  if (host.startsWith('[')) return true;
  return host.split('.').every((label) => label.length > 0 && !label.startsWith('-') && !label.endsWith('-'));
}

/** `wc_is_valid_url()`: http(s) and FILTER_VALIDATE_URL (includes/wc-conditional-functions.php). */
export function isValidWebhookUrl(text: string): boolean {
  return (text.startsWith('http://') || text.startsWith('https://')) && isValidUrl(text);
}

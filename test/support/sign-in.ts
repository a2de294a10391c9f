/**
 * Signing in with a one-time link the way a browser does: open it (the confirmation page), then submit the
 * page's form from our own origin. Resolves to the session cookie (`name=value`).
 */
export async function signInWithLink(link: string, origin = new URL(link).origin): Promise<string> {
  const page = await fetch(link, { redirect: 'manual' });
  const html = await page.text();
  if (page.status !== 200) throw new Error(`login page: ${page.status} ${html}`);
  const action = /<form method="post" action="([^"]+)"/.exec(html)?.[1];
  if (!action) throw new Error('login page has no sign-in form');
  const confirmed = await fetch(new URL(action.replaceAll('&amp;', '&'), link), {
    method: 'POST',
    redirect: 'manual',
    headers: { origin, 'content-type': 'application/x-www-form-urlencoded' },
    body: '',
  });
  if (confirmed.status !== 303)
    throw new Error(`login failed: ${confirmed.status} ${await confirmed.text()}`);
  return (confirmed.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
}

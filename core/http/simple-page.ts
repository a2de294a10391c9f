/**
 * The frame of the few plain HTML pages the server itself answers (sign-in confirmation, the key grant's
 * way to the store): no script, so helmet's strict CSP holds, and one look for all of them. `title` is
 * text (escaped here); `body` is HTML its caller built with escapeHtml.
 */
import { escapeHtml } from './escape-html.js';

const STYLE = `body{font-family:system-ui,-apple-system,"Segoe UI",sans-serif;max-width:34rem;margin:4rem auto;padding:0 1rem;color:#202223}
h1{font-size:1.4rem}.store{font-weight:600}.warn{background:#fff4e5;border-left:4px solid #b98900;padding:.5rem .75rem}
button,a.button{display:inline-block;font:inherit;background:#008060;color:#fff;border:0;border-radius:.4rem;padding:.6rem 1.2rem;cursor:pointer;text-decoration:none}
button:focus-visible,a.button:focus-visible{outline:3px solid #005bd3;outline-offset:2px}`;

export function simplePage(title: string, body: string): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>
${STYLE}
</style>
</head>
<body>
<main>
${body}
</main>
</body>
</html>
`;
}

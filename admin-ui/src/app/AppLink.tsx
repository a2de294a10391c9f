/**
 * The link Polaris renders for every `url` (buttons, navigation, links): app paths navigate on the client,
 * keeping Shopify's query parameters; anything else is a normal link.
 */
import type { LinkLikeComponentProps } from '../ui/AppProviders';
import { useRouter } from './router';

export function AppLink({ url, external, children, onClick, download, ...rest }: LinkLikeComponentProps) {
  const { href, navigate } = useRouter();
  const internal = url.startsWith('/') && !external && !download;
  return (
    <a
      {...rest}
      href={internal ? href(url) : url}
      target={external ? '_blank' : rest.target}
      rel={external ? 'noopener noreferrer' : rest.rel}
      download={download}
      onClick={(event) => {
        onClick?.(event);
        if (!internal || event.defaultPrevented) return;
        // Let the browser handle new-tab and new-window clicks.
        if (event.metaKey || event.ctrlKey || event.shiftKey || event.altKey || event.button !== 0) return;
        event.preventDefault();
        navigate(url);
      }}
    >
      {children}
    </a>
  );
}

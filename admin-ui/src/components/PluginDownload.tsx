/**
 * The WordPress plugin the connector keys are for, as the zip WordPress's "Upload Plugin" takes (served by
 * GET /admin/api/woocommerce/plugin.zip once `npm run plugin:zip` has built it). Asked first with HEAD, so a
 * server without the zip says what to do instead of handing the merchant an error as a download.
 */
import { useResource } from '../api/use-resource';
import { Banner } from '../ui/Banner';
import { Button } from '../ui/Button';
import { Card } from '../ui/Card';
import { Stack } from '../ui/Stack';
import { Text } from '../ui/Text';

const PLUGIN_ZIP_URL = '/admin/api/woocommerce/plugin.zip';

/** Only the server's "not built" (503) hides the button; anything else is the download's own business. */
async function zipServed(signal: AbortSignal): Promise<boolean> {
  const response = await fetch(PLUGIN_ZIP_URL, { method: 'HEAD', credentials: 'same-origin', signal });
  return response.status !== 503;
}

export function PluginDownload() {
  const served = useResource((signal) => zipServed(signal), []);
  return (
    <Card title="The WordPress plugin">
      <Stack gap="300">
        <Text>
          Install RateBridge Shipping in WordPress: Plugins → Add New Plugin → Upload Plugin, choose this zip,
          then Install Now and Activate. Then create a connector key here for its settings.
        </Text>
        {served.data === false ? (
          <Banner tone="warning" title="The plugin zip is not built on this server">
            Whoever runs RateBridge should run npm run plugin:zip (npm run build builds it too).
          </Banner>
        ) : (
          <div>
            <Button url={PLUGIN_ZIP_URL} download disabled={served.loading}>
              Download the plugin (zip)
            </Button>
          </div>
        )}
      </Stack>
    </Card>
  );
}

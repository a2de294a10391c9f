/**
 * The baseline of `npm run bench`, in a process of its own: Express 5 with express.json answering a
 * constant rates body, the framework's own cost per request and nothing of ours.
 */
import express from 'express';

const RATES = {
  rates: [{ service_name: 'Road', service_code: 'road', total_price: '1500', currency: 'AUD' }],
};

const app = express();
app.post('/', express.json(), (_request, response) => {
  response.json(RATES);
});
const server = app.listen(0, '127.0.0.1', () => {
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  process.send?.({ ready: true, url: `http://127.0.0.1:${port}` });
});
process.on('message', (message: { cmd?: string }) => {
  if (message.cmd === 'mem') process.send?.({ memory: process.memoryUsage() });
  if (message.cmd === 'stop') server.close(() => process.exit(0));
});

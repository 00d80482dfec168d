import { loadSinkConfig } from '@follow-ups/config';
import { buildSinkApp } from './app';

const { SINK_PORT: port, SINK_HOST: host } = loadSinkConfig();

const server = buildSinkApp().listen(port, host, () => {
  const address = server.address();
  const actualPort = typeof address === 'object' && address ? address.port : port;
  console.log(`sendgrid-sink listening on http://${host}:${actualPort} (SENDGRID_BASE_URL=http://${host}:${actualPort})`);
});

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => server.close(() => process.exit(0)));
}

import { buildSinkApp } from './app';

const port = Number(process.env.SINK_PORT ?? 3030);
const host = process.env.SINK_HOST ?? '127.0.0.1';

const server = buildSinkApp().listen(port, host, () => {
  const address = server.address();
  const actualPort = typeof address === 'object' && address ? address.port : port;
  console.log(`sendgrid-sink listening on http://${host}:${actualPort} (SENDGRID_BASE_URL=http://${host}:${actualPort})`);
});

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => server.close(() => process.exit(0)));
}

import net, { type AddressInfo } from 'node:net';
import { checkedAddress, postToHook, type Resolve } from './hookRequest';
import { cidrList } from './specialAddresses';
import { publicDeliveryError, publicDeliveryReason } from './deliveryErrors';

const resolveTo =
  (...addresses: string[]): Resolve =>
  async () =>
    addresses.map((address) => ({ address, family: address.includes(':') ? 6 : 4 }));

describe('the address checked at delivery', () => {
  it.each([
    ['127.0.0.1'],
    ['10.0.0.5'],
    ['::1'],
    ['::ffff:169.254.169.254'],
    ['64:ff9b::a00:1'],
    ['2002:c0a8:1::1'],
    ['fec0::1'],
    ['198.18.0.1'],
    ['ff05::2'],
  ])('a name resolving to %s is refused', async (address) => {
    await expect(checkedAddress(new URL('https://crm.example.com/x'), {}, resolveTo(address))).rejects.toThrow(
      'refused: private address',
    );
  });

  it('a name with one public and one private address is refused (any answer could be used)', async () => {
    await expect(
      checkedAddress(new URL('https://crm.example.com/x'), {}, resolveTo('93.184.216.34', '10.0.0.1')),
    ).rejects.toThrow('refused');
  });

  it('a public name is connected to the first address it resolved to', async () => {
    const pinned = await checkedAddress(
      new URL('https://crm.example.com/x'),
      {},
      resolveTo('93.184.216.34', '2606:4700::1111'),
    );
    expect(pinned).toEqual({ address: '93.184.216.34', family: 4 });
  });

  it('the allow-list and test mode let private answers through', async () => {
    const url = new URL('https://erp.internal/x');
    await expect(
      checkedAddress(url, { allowedPrivate: cidrList(['10.20.0.0/16']) }, resolveTo('10.20.0.9')),
    ).resolves.toMatchObject({ address: '10.20.0.9' });
    await expect(checkedAddress(url, { allowInsecure: true }, resolveTo('127.0.0.1'))).resolves.toMatchObject({
      address: '127.0.0.1',
    });
  });

  it('connects to the address it checked and resolves once: a second answer (DNS rebinding) is never asked for', async () => {
    const connections: string[] = [];
    const server = net.createServer((socket) => {
      connections.push(String(socket.localAddress));
      socket.destroy();
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const answers = ['127.0.0.1', '10.9.9.9'];
    let lookups = 0;
    const rebinding: Resolve = async () => [{ address: answers[lookups++] ?? '10.9.9.9', family: 4 }];
    const { port } = server.address() as AddressInfo;
    const policy = { allowedPrivate: cidrList(['127.0.0.1/32']) }; // the operator allows this one address
    const response = await postToHook({
      url: `https://rebind.example.com:${port}/x`,
      headers: {},
      body: '{}',
      timeoutMs: 10_000,
      policy,
      resolve: rebinding,
    });
    server.close();
    expect(lookups).toBe(1);
    expect(connections).toEqual(['127.0.0.1']);
    expect(['connection reset', 'TLS error']).toContain(response.error);
  });

  it('a refused name is not connected to, and the error names no address', async () => {
    const response = await postToHook({
      url: 'https://crm.example.com/x',
      headers: {},
      body: '{}',
      timeoutMs: 5_000,
      policy: {},
      resolve: resolveTo('127.0.0.1'),
    });
    expect(response).toEqual({ error: 'refused: private address' });
  });
});

describe('delivery errors as the API shows them', () => {
  it('keeps the classes and HTTP statuses, masks anything else', () => {
    expect(publicDeliveryError('connection refused')).toBe('connection refused');
    expect(publicDeliveryError('HTTP 500')).toBe('HTTP 500');
    expect(publicDeliveryError('ECONNREFUSED: connect ECONNREFUSED 10.0.0.7:5432')).toBe('connection failed');
    expect(publicDeliveryError("Hostname/IP does not match certificate's altnames: DNS:internal.corp")).toBe(
      'connection failed',
    );
    expect(publicDeliveryReason('gave up after 10 attempts: ECONNREFUSED 10.0.0.7:22')).toBe(
      'gave up after 10 attempts: connection failed',
    );
    expect(publicDeliveryReason('gave up after 10 attempts: timeout')).toBe('gave up after 10 attempts: timeout');
    expect(publicDeliveryReason('hook deleted')).toBe('hook deleted');
  });
});

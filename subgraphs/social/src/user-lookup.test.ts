import { createServer, type Server } from 'node:http';
import net from 'node:net';
import { knownUsers } from './db/schema';
import { type SocialUnderTest, startSocial } from './test-app';

const FOLLOW = `mutation ($id: ID!) { follow(userId: $id) { id } }`;
const UNAVAILABLE = [
  expect.objectContaining({
    message: 'Could not check that the user exists; try again shortly',
    extensions: { code: 'UNAVAILABLE' },
  }),
];

async function listening<T extends net.Server>(server: T): Promise<T & { url: string }> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  return Object.assign(server, { url: `http://127.0.0.1:${port}` });
}

const closed = (server: net.Server) => new Promise((resolve) => server.close(resolve));

// Whether a user exists is the gateway's to say; these gateways fail to say it.
describe.each([
  [
    'a gateway that accepts the connection and never answers (past limits.userLookupTimeoutMs)',
    () => {
      const sockets = new Set<net.Socket>();
      const server = net.createServer((socket) => {
        sockets.add(socket);
        socket.on('error', () => undefined);
      });
      server.on('close', () => sockets.forEach((socket) => socket.destroy()));
      return { server, stop: () => sockets.forEach((socket) => socket.destroy()) };
    },
  ],
  [
    'a gateway whose answer is a null user beside errors (the user subgraph down)',
    () => {
      const server: Server = createServer((_req, res) => {
        res.setHeader('content-type', 'application/json');
        res.end(
          JSON.stringify({
            data: { user: null },
            errors: [{ message: 'subgraph unavailable', extensions: { code: 'UNAVAILABLE' } }],
          }),
        );
      });
      return { server, stop: () => server.closeAllConnections() };
    },
  ],
])('user lookup through %s', (_what, gateway) => {
  let subject: SocialUnderTest;
  let fake: ReturnType<typeof gateway>;
  beforeAll(async () => {
    fake = gateway();
    const { url } = await listening(fake.server);
    subject = await startSocial('so_lookup', { gatewayUrl: url });
  });
  afterAll(async () => {
    await subject.close();
    fake.stop();
    await closed(fake.server);
  });

  it('answers UNAVAILABLE, not NOT_FOUND, and remembers nobody', async () => {
    const fan = await subject.user();
    const stranger = subject.stranger();
    expect((await subject.run(fan, FOLLOW, { id: String(stranger) })).errors).toEqual(UNAVAILABLE);
    expect((await subject.db.select().from(knownUsers)).map((row) => row.userId)).toEqual([fan]);
  });

  it('still follows a user it already knows, asking nobody', async () => {
    const [fan, star] = [await subject.user(), await subject.user()];
    expect((await subject.run(fan, FOLLOW, { id: String(star) })).data).toEqual({
      follow: { id: String(star) },
    });
  });
});

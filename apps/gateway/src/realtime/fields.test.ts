import { GraphQLError } from 'graphql';
import { subscriptionFields } from './fields';

const field = (name: string) => {
  const found = subscriptionFields[name];
  if (!found) throw new Error(`no field ${name}`);
  return found;
};

/** The coded error a call throws, or undefined when it does not throw. */
function codeOf(call: () => unknown): unknown {
  try {
    call();
    return undefined;
  } catch (error) {
    return error instanceof GraphQLError ? error.extensions.code : error;
  }
}

const viewer = { id: 9 };

describe('subscription fields', () => {
  it.each(['commentAdded', 'commentDeleted', 'danmakuAdded'])(
    '%s: anyone may watch a video, on its one subject',
    (name) => {
      expect(codeOf(() => field(name).authorize(null, { videoId: '4' }))).toBeUndefined();
      const [subject] = field(name).subjects('ns', { videoId: '4' }, null);
      expect(subject).toBe(name === 'danmakuAdded' ? 'ns.danmaku.video.4' : 'ns.comment.video.4');
      expect(codeOf(() => field(name).subjects('ns', { videoId: '4.>' }, null))).toBe(
        'BAD_USER_INPUT',
      );
    },
  );

  describe('messageReceived', () => {
    const messageReceived = field('messageReceived');

    it('refuses an anonymous subscriber, with or without a peer, and a peer that is the viewer', () => {
      expect(codeOf(() => messageReceived.authorize(null, { peerId: '3' }))).toBe(
        'UNAUTHENTICATED',
      );
      expect(codeOf(() => messageReceived.authorize(null, {}))).toBe('UNAUTHENTICATED');
      expect(codeOf(() => messageReceived.authorize(viewer, { peerId: '9' }))).toBe(
        'BAD_USER_INPUT',
      );
      expect(codeOf(() => messageReceived.authorize(viewer, { peerId: '3' }))).toBeUndefined();
      expect(codeOf(() => messageReceived.authorize(viewer, { peerId: null }))).toBeUndefined();
    });

    it("watches the one conversation with the peer, or the viewer's own conversations only", () => {
      expect(messageReceived.subjects('ns', { peerId: '30' }, viewer)).toEqual(['ns.chat.9.30']);
      expect(messageReceived.subjects('ns', { peerId: '3' }, viewer)).toEqual(['ns.chat.3.9']);
      expect(messageReceived.subjects('ns', {}, viewer)).toEqual(['ns.chat.9.*', 'ns.chat.*.9']);
      expect(codeOf(() => messageReceived.subjects('ns', { peerId: '*' }, viewer))).toBe(
        'BAD_USER_INPUT',
      );
    });

    it('delivers each message to its recipient only, looked up per viewer', () => {
      expect(messageReceived.deliver({ id: '5', fromUserId: '3', toUserId: '9' })).toEqual({
        lookup: '5',
        recipientId: 9,
      });
      expect(messageReceived.perViewer).toBe(true);
      expect(() => messageReceived.deliver({ id: 5, fromUserId: '3', toUserId: '9' })).toThrow();
    });
  });
});

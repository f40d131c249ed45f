import { streamName } from '@reel/common/nats';
import { chatMessage, streams, videoComment, videoCreated, videoDanmaku } from './events';

describe('event contracts', () => {
  it('build namespaced subjects, one per resource, each inside its stream', () => {
    expect(videoCreated.subject('ns')).toBe('ns.video.created');
    expect(videoComment.subject('ns', '42')).toBe('ns.comment.video.42');
    expect(videoDanmaku.subject('ns', 42)).toBe('ns.danmaku.video.42');
    expect(streamName('ns', streams.comment.name)).toBe('NS_COMMENT');
    for (const contract of [videoCreated, videoComment, videoDanmaku, chatMessage])
      expect(contract.stream.subjects).toHaveLength(1);
  });

  it('name a conversation the same whoever writes, ordered by number rather than by text', () => {
    expect(chatMessage.subject('ns', '9', '10')).toBe('ns.chat.9.10');
    expect(chatMessage.subject('ns', 10, 9)).toBe('ns.chat.9.10');
    expect(chatMessage.subject('ns', '9007199254740993', '9007199254740992')).toBe(
      'ns.chat.9007199254740992.9007199254740993',
    );
  });

  it("name one user's conversations with two wildcards, one for each side of the pair", () => {
    expect(chatMessage.subjectsOfUser('ns', '9')).toEqual(['ns.chat.9.*', 'ns.chat.*.9']);
    expect(() => chatMessage.subjectsOfUser('ns', '>')).toThrow(/not an id/);
  });

  it('refuse anything but a decimal id in a subject, so no wildcard or extra token slips in', () => {
    for (const bad of ['1.>', '*', '', '01', '-3', '1 2'])
      expect(() => videoComment.subject('ns', bad)).toThrow(/not an id/);
    expect(() => chatMessage.subject('ns', '1', '>')).toThrow(/not an id/);
  });

  it('check payloads: ids as decimal strings, kinds from the list, video.created with its duration', () => {
    const createdAt = new Date(0);
    expect(
      videoCreated.schema.safeParse({
        id: '1',
        authorId: '2',
        createdAt: createdAt.toISOString(),
        createdAtMs: 0,
        durationMs: 1_500,
      }).success,
    ).toBe(true);
    expect(
      videoCreated.schema.safeParse({
        id: '1',
        authorId: '2',
        createdAt: createdAt.toISOString(),
        createdAtMs: 0,
      }).success,
    ).toBe(false);
    expect(videoComment.schema.parse({ kind: 'deleted', id: '5', videoId: '6' })).toEqual({
      kind: 'deleted',
      id: '5',
      videoId: '6',
    });
    expect(videoComment.schema.safeParse({ kind: 'edited', id: '5', videoId: '6' }).success).toBe(
      false,
    );
    expect(chatMessage.schema.safeParse({ id: 1, fromUserId: '2', toUserId: '3' }).success).toBe(
      false,
    );
  });
});

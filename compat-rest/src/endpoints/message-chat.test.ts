import { messageChat, preMsgTimeMs } from './message-chat';

const paramsOf = (fields: Record<string, string>) => ({ get: (name: string) => fields[name] });

describe('/douyin/message/chat/ pre_msg_time', () => {
  const ms = Date.UTC(2026, 0, 31, 12);

  it.each([undefined, '', '0', '-5', 'soon', '0x10'])(
    'reads pre_msg_time=%j as 0: the whole conversation',
    (value) => {
      const params = paramsOf({
        to_user_id: '7',
        ...(value === undefined ? {} : { pre_msg_time: value }),
      });
      expect(preMsgTimeMs(params)).toBe(0);
      expect(messageChat.request(params)).toEqual({
        variables: { peerId: '7', first: 50, after: null, createdAfterMs: null },
      });
    },
  );

  it('reads ms as ms and an old server’s seconds as their first ms', () => {
    expect(preMsgTimeMs(paramsOf({ pre_msg_time: String(ms) }))).toBe(ms);
    expect(preMsgTimeMs(paramsOf({ pre_msg_time: String(ms / 1000) }))).toBe(ms);
    expect(preMsgTimeMs(paramsOf({ pre_msg_time: '1.769860800e+12' }))).toBe(1_769_860_800_000);
  });

  const message = (id: string, from: string, to: string, createdAtMs: number) => ({
    node: { id, content: `m${id}`, createdAtMs, from: { id: from }, to: { id: to } },
  });
  // as the gateway lists them: newest first
  const data = {
    conversation: {
      edges: [
        message('3', '7', '2', ms + 3),
        message('2', '2', '7', ms + 2),
        message('1', '7', '2', ms + 1),
      ],
      pageInfo: { hasNextPage: false, endCursor: null },
    },
  };
  const douyin = (id: number, from: number, to: number, createTime: number) => ({
    id,
    to_user_id: to,
    from_user_id: from,
    content: `m${id}`,
    create_time: createTime,
  });

  it('answers the whole conversation oldest first, both ways, when not polling', () => {
    expect(messageChat.respond(data, paramsOf({ to_user_id: '7' }))).toEqual({
      message_list: [douyin(1, 7, 2, ms + 1), douyin(2, 2, 7, ms + 2), douyin(3, 7, 2, ms + 3)],
    });
  });

  it("answers a poll with the peer's messages only: the app already shows its user's own", () => {
    const polling = paramsOf({ to_user_id: '7', pre_msg_time: String(ms) });
    expect(messageChat.respond(data, polling)).toEqual({
      message_list: [douyin(1, 7, 2, ms + 1), douyin(3, 7, 2, ms + 3)],
    });
  });
});

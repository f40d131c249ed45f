import { addressKey } from './attempts';

describe('addressKey', () => {
  it.each([
    ['203.0.113.7', '203.0.113.7'],
    [null, 'unknown'],
    // one host can walk its whole /64: it is one client
    ['2001:db8:1:2:aaaa::1', '2001:db8:1:2::/64'],
    ['2001:db8:1:2:ffff:ffff:ffff:ffff', '2001:db8:1:2::/64'],
    ['2001:0DB8:0001:0002::', '2001:db8:1:2::/64'],
    ['2001:db8::1', '2001:db8:0:0::/64'],
    ['::1', '0:0:0:0::/64'],
  ])('%j → %j', (ip, key) => {
    expect(addressKey(ip)).toBe(key);
  });
});

import { createDate } from './douyin-comment';

describe('comment create_date', () => {
  it('is MM-DD, zero-padded, on the calendar of the app’s users (UTC+8)', () => {
    expect(createDate(Date.UTC(2026, 0, 5, 12))).toBe('01-05');
    expect(createDate(Date.UTC(2026, 11, 31, 15, 59))).toBe('12-31');
    // 16:00 UTC is already midnight of the next day in Beijing
    expect(createDate(Date.UTC(2026, 11, 31, 16))).toBe('01-01');
  });
});

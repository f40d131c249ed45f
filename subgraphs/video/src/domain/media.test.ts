import { sniffVideo } from './media';

describe('sniffVideo', () => {
  it.each([
    [
      'MP4',
      [0, 0, 0, 0x18, ...Buffer.from('ftypisom')],
      { contentType: 'video/mp4', extension: 'mp4' },
    ],
    [
      'QuickTime',
      [0, 0, 0, 0x14, ...Buffer.from('ftypqt  ')],
      { contentType: 'video/quicktime', extension: 'mov' },
    ],
    [
      'WebM',
      [0x1a, 0x45, 0xdf, 0xa3, ...Buffer.from('....webm')],
      { contentType: 'video/webm', extension: 'webm' },
    ],
    [
      'Matroska',
      [0x1a, 0x45, 0xdf, 0xa3, ...Buffer.from('matroska')],
      { contentType: 'video/x-matroska', extension: 'mkv' },
    ],
    ['PNG', [0x89, ...Buffer.from('PNG\r\n\x1a\n'), 0, 0, 0, 0], null],
    ['text', [...Buffer.from('hello world!')], null],
    ['too short', [0, 0], null],
  ])('%s', (_name, bytes, expected) => {
    expect(sniffVideo(Buffer.from(bytes))).toEqual(expected);
  });
});

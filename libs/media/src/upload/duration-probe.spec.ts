import { Readable } from 'node:stream';
import { wav } from '../../test/media-av-files';
import { probeDuration } from './duration-probe';

describe('probeDuration', () => {
  it('reads the duration of a PCM WAV from its header', async () => {
    expect(await probeDuration(Readable.from([wav(1500)]), 'audio/wav')).toBe(1500);
  });

  it('reads it when the stream arrives in small chunks', async () => {
    const bytes = wav(250);
    const chunks = Array.from({ length: Math.ceil(bytes.length / 7) }, (_, i) => bytes.subarray(i * 7, i * 7 + 7));
    expect(await probeDuration(Readable.from(chunks), 'audio/wav')).toBe(250);
  });

  it('answers null for bytes that are not audio, and for a failing stream', async () => {
    expect(await probeDuration(Readable.from([Buffer.from('not audio at all')]), 'audio/wav')).toBeNull();
    const failing = new Readable({ read: () => failing.destroy(new Error('disk gone')) });
    expect(await probeDuration(failing, 'audio/mpeg')).toBeNull();
  });
});

import { orderedUuid } from './ordered-uuid.util';

describe('orderedUuid', () => {
  it('is a version 7 UUID whose text sorts by creation time', () => {
    const earlier = orderedUuid(Date.UTC(2026, 0, 1));
    const later = orderedUuid(Date.UTC(2026, 0, 1) + 1);
    expect(earlier).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    // 2026-01-01T00:00:00Z is 1767225600000 ms = 0x019b76daa800, the first 48 bits.
    expect(earlier.slice(0, 13)).toBe('019b76da-a800');
    expect(earlier < later).toBe(true);
  });

  it('differs between calls in the same millisecond', () => {
    const ids = new Set(Array.from({ length: 1000 }, () => orderedUuid(1_800_000_000_000)));
    expect(ids.size).toBe(1000);
  });
});

import { randomBytes } from 'node:crypto';
import { open, seal } from '../../src/platform/crypto/secret-box.util';

describe('secrets at rest', () => {
  const key = randomBytes(32);

  it('round-trips and never stores the plaintext', () => {
    const sealed = seal(key, 'refresh-token-123', 'conn:sales');
    expect(sealed).not.toContain('refresh-token-123');
    expect(open(key, sealed, 'conn:sales')).toBe('refresh-token-123');
  });

  it('fails with another key or when moved to another row', () => {
    const sealed = seal(key, 'secret', 'conn:a');
    expect(() => open(randomBytes(32), sealed, 'conn:a')).toThrow();
    expect(() => open(key, sealed, 'conn:b')).toThrow();
  });

  it('detects tampering', () => {
    const parts = seal(key, 'secret', 'x').split('.');
    parts[3] = Buffer.from('tampered').toString('base64url');
    expect(() => open(key, parts.join('.'), 'x')).toThrow();
  });
});

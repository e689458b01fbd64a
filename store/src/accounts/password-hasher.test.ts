import { describe, expect, it } from 'vitest';
import { hashPassword, needsRehash, passwordLengthProblem, verifyPassword } from './password-hasher';

describe('password hasher', () => {
  it('writes a self-describing scrypt hash with the agreed parameters and a 16-byte salt', async () => {
    const hash = await hashPassword('correct horse battery staple');
    const [scheme, N, r, p, salt, key] = hash.split('$');
    expect([scheme, N, r, p]).toEqual(['scrypt', '32768', '8', '1']);
    expect(Buffer.from(salt!, 'base64url')).toHaveLength(16);
    expect(Buffer.from(key!, 'base64url')).toHaveLength(32);
  });

  it('verifies the right password and rejects a wrong one', async () => {
    const hash = await hashPassword('correct horse battery staple');
    expect(await verifyPassword('correct horse battery staple', hash)).toBe(true);
    expect(await verifyPassword('correct horse battery stapl', hash)).toBe(false);
    expect(await verifyPassword('Correct horse battery staple', hash)).toBe(false);
  });

  it('salts every hash, so equal passwords give different hashes', async () => {
    const [a, b] = await Promise.all([hashPassword('same password here'), hashPassword('same password here')]);
    expect(a).not.toBe(b);
    expect(await verifyPassword('same password here', b)).toBe(true);
  });

  it('treats composed and decomposed accents as the same password', async () => {
    const hash = await hashPassword('ápolónő jelszava');
    expect(await verifyPassword('a\u0301polo\u0301no\u030b jelszava', hash)).toBe(true);
  });

  it('reads the parameters from the stored hash, so old hashes still verify after a raise', async () => {
    const weak = await hashPassword('an older password', { N: 2 ** 10, r: 8, p: 1 });
    expect(weak.startsWith('scrypt$1024$8$1$')).toBe(true);
    expect(await verifyPassword('an older password', weak)).toBe(true);
    expect(needsRehash(weak)).toBe(true);
    expect(needsRehash(await hashPassword('a current password'))).toBe(false);
  });

  it('answers false, without throwing, for malformed or tampered hashes', async () => {
    for (const stored of [
      '',
      'plain',
      'bcrypt$x',
      'scrypt$3$8$1$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAA',
      'scrypt$1073741824$8$1$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAA',
    ]) {
      expect(await verifyPassword('whatever password', stored)).toBe(false);
    }
  });

  it('counts length in characters: 12 to 256', () => {
    expect(passwordLengthProblem('a'.repeat(11))).toBe('must be at least 12 characters long');
    expect(passwordLengthProblem('a'.repeat(12))).toBeNull();
    expect(passwordLengthProblem('😀'.repeat(12))).toBeNull();
    expect(passwordLengthProblem('a'.repeat(256))).toBeNull();
    expect(passwordLengthProblem('a'.repeat(257))).toBe('must be at most 256 characters long');
  });
});

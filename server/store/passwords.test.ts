import { describe, expect, it } from 'vitest';
import { hashPassword, verifyPassword } from './passwords';

describe('passwords', () => {
  it('hashes as scrypt$N$r$p$salt$hash with a fresh salt each time', async () => {
    const a = await hashPassword('coord123');
    const b = await hashPassword('coord123');
    expect(a).toMatch(/^scrypt\$16384\$8\$1\$[A-Za-z0-9+/]+=*\$[A-Za-z0-9+/]+=*$/);
    expect(a).not.toBe(b);
  });

  it('verifies the right password and refuses a wrong one', async () => {
    const hash = await hashPassword('密码 pass');
    expect(await verifyPassword('密码 pass', hash)).toBe(true);
    expect(await verifyPassword('密码 pas', hash)).toBe(false);
    expect(await verifyPassword('', hash)).toBe(false);
  });

  it('honours the parameters stored in the hash', async () => {
    const hash = await hashPassword('x');
    const [, , , , salt, key] = hash.split('$');
    // Same salt and key under different parameters cannot verify.
    expect(await verifyPassword('x', `scrypt$1024$8$1$${salt}$${key}`)).toBe(false);
  });

  it('returns false, never throws, for hashes not in its format', async () => {
    for (const bad of ['', 'plain', 'bcrypt$2b$10$abc', 'scrypt$16384$8$1$$', 'scrypt$3$8$1$c2FsdA==$aGFzaGhhc2hoYXNoaGFzaA==',
      'scrypt$1073741824$8$1$c2FsdA==$aGFzaGhhc2hoYXNoaGFzaA==', 'scrypt$x$8$1$c2FsdA==$aGFzaA==']) {
      expect(await verifyPassword('x', bad), bad).toBe(false);
    }
  });
});

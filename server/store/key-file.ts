import { createPrivateKey, generateKeyPairSync } from 'node:crypto';
import { mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

// The pass signing key in a file (config.passKeyFile), so that it can be backed up, rotated and kept
// off database dumps. Made on first start with mode 0600; a file others may read is refused.

/**
 * Reads the key file, or creates it: with the key the database already holds (`existing`, so passes
 * issued before keep verifying) or a new Ed25519 key. Returns the private key as PKCS#8 PEM.
 */
export async function loadOrCreateKeyFile(path: string, existing: () => Promise<string | null>): Promise<string> {
  let pem: string;
  try {
    pem = readFileSync(path, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
    pem = (await existing()) ?? generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
    try {
      // 'wx': never overwrite a key another process wrote meanwhile; read theirs instead.
      writeFileSync(path, pem, { mode: 0o600, flag: 'wx' });
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      pem = readFileSync(path, 'utf8');
    }
  }
  const mode = statSync(path).mode & 0o777;
  if (mode & 0o077) throw new Error(`pass key file ${path} may be read by others (mode ${mode.toString(8)}): chmod 600 it`);
  const key = createPrivateKey(pem);
  if (key.asymmetricKeyType !== 'ed25519') throw new Error(`pass key file ${path} holds a ${key.asymmetricKeyType} key, not Ed25519`);
  return pem;
}

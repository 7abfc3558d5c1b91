import { calculateJwkThumbprint, exportJWK, generateKeyPair, JWK } from 'jose';
import { randomBytes } from 'node:crypto';
import { chmod, mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { SigningConfig } from '@app/platform';

/** A private signing key as the key file holds it (EC P-256, with `d`). */
export interface PrivateKeyJwk extends JWK {
  kid: string;
  d: string;
}

export function keyFilePath(config: SigningConfig): string {
  return config.SIGNING_KEY_FILE ?? join(config.DATA_DIR, 'signing-keys.json');
}

/**
 * The keys of the file, oldest first. With `create` (the registry's first start), a missing default file is
 * created with one new key; an operator's SIGNING_KEY_FILE must exist.
 */
export async function loadKeyFile(config: SigningConfig, create: boolean): Promise<PrivateKeyJwk[]> {
  const path = keyFilePath(config);
  const text = await readFile(path, 'utf8').catch((err: NodeJS.ErrnoException) => {
    if (err.code !== 'ENOENT') throw new Error(`Cannot read the signing key file ${path}: ${err.code}`);
    if (config.SIGNING_KEY_FILE) throw new Error(`SIGNING_KEY_FILE ${path} does not exist`);
    if (!create) throw new Error(`No signing key file at ${path}: start the registry once, or set SIGNING_KEY_FILE`);
    return null;
  });
  if (text === null) {
    const keys = [await newKey()];
    try {
      await writeKeyFile(path, keys, 'wx');
    } catch (err) {
      // Another process of the registry made it first: use that one.
      if ((err as NodeJS.ErrnoException).code === 'EEXIST') return parseKeyFile(await readFile(path, 'utf8'), path);
      throw err;
    }
    return keys;
  }
  return parseKeyFile(text, path);
}

/** Adds a new key to the file (written beside it and renamed, mode 0600); returns it. */
export async function appendKey(config: SigningConfig): Promise<PrivateKeyJwk> {
  const keys = await loadKeyFile(config, false);
  const key = await newKey();
  await writeKeyFile(keyFilePath(config), [...keys, key], 'replace');
  return key;
}

function parseKeyFile(text: string, path: string): PrivateKeyJwk[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new Error(`The signing key file ${path} is not JSON`);
  }
  const list = (parsed as { keys?: unknown }).keys ?? [parsed];
  if (!Array.isArray(list) || list.length === 0) throw new Error(`The signing key file ${path} holds no keys`);
  return list.map((k: Partial<PrivateKeyJwk>, i) => {
    if (k.kty !== 'EC' || k.crv !== 'P-256' || !k.d || !k.x || !k.y || !k.kid) {
      throw new Error(`Key ${i + 1} of ${path} is not a P-256 private JWK with a kid`);
    }
    return k as PrivateKeyJwk;
  });
}

async function newKey(): Promise<PrivateKeyJwk> {
  const { privateKey } = await generateKeyPair('ES256', { extractable: true });
  const jwk = await exportJWK(privateKey);
  const kid = await calculateJwkThumbprint({ kty: jwk.kty!, crv: jwk.crv!, x: jwk.x!, y: jwk.y! });
  return { ...jwk, kid, alg: 'ES256', use: 'sig' } as PrivateKeyJwk;
}

async function writeKeyFile(path: string, keys: PrivateKeyJwk[], mode: 'wx' | 'replace'): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  const text = `${JSON.stringify({ keys }, null, 2)}\n`;
  if (mode === 'wx') {
    await writeFile(path, text, { mode: 0o600, flag: 'wx' });
    return;
  }
  const tmp = `${path}.${randomBytes(6).toString('hex')}.tmp`;
  try {
    await writeFile(tmp, text, { mode: 0o600, flag: 'wx' });
    await chmod(tmp, 0o600);
    await rename(tmp, path);
  } catch (err) {
    await rm(tmp, { force: true });
    throw err;
  }
}

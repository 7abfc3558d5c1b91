import { randomBytes } from 'node:crypto';
import { link, mkdir, open, unlink, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { RegistryConfig } from '@app/platform';

/** Where the generated secret is kept, under DATA_DIR. */
export const JWT_SECRET_FILE = 'jwt-secret';

/** What the file must hold: one line of at least 32 printable characters (we write 64 hex digits). */
const SECRET = /^[\x21-\x7e]{32,}$/;

/**
 * The HS256 secret of registry access tokens: JWT_SECRET, or else one generated once into DATA_DIR/jwt-secret
 * (mode 0600) and read from there on every later start, so that a restart does not sign everyone out. Production
 * requires JWT_SECRET (several instances must share it; validateConfig refuses to start without it). A file that
 * others may read, or that holds no secret, stops the registry: it never silently replaces a secret.
 */
export async function jwtSecret(config: Pick<RegistryConfig, 'JWT_SECRET' | 'NODE_ENV' | 'DATA_DIR'>): Promise<string> {
  if (config.JWT_SECRET) return config.JWT_SECRET;
  if (config.NODE_ENV === 'production') throw new Error('JWT_SECRET: required when NODE_ENV=production');
  const path = join(config.DATA_DIR, JWT_SECRET_FILE);
  return (await readSecretFile(path)) ?? (await createSecretFile(path));
}

/** The file's secret; null when there is no file. */
async function readSecretFile(path: string): Promise<string | null> {
  const file = await open(path, 'r').catch((err: NodeJS.ErrnoException) => {
    if (err.code === 'ENOENT') return null;
    throw new Error(`Cannot read the JWT secret file ${path} (${err.code}): fix it, or set JWT_SECRET`);
  });
  if (file === null) return null;
  try {
    const stats = await file.stat(); // of the file opened, not of whatever the path names a moment later
    if (!stats.isFile()) throw new Error(`The JWT secret file ${path} is not a regular file: remove it, or set JWT_SECRET`);
    if ((stats.mode & 0o077) !== 0) {
      const mode = (stats.mode & 0o777).toString(8).padStart(4, '0');
      throw new Error(`The JWT secret file ${path} is open to group or others (mode ${mode}): chmod 600 it, or set JWT_SECRET`);
    }
    const secret = (await file.readFile('utf8')).replace(/\r?\n$/, '');
    if (!SECRET.test(secret)) {
      throw new Error(
        `The JWT secret file ${path} holds no secret (one line of at least 32 printable characters): ` +
          'remove it to have a new one made (signing everyone out), or set JWT_SECRET',
      );
    }
    return secret;
  } finally {
    await file.close();
  }
}

/**
 * A new secret in a new file, made atomically: written whole beside it, then linked into place, which fails when
 * the file exists. Two registries starting at once on one DATA_DIR thus both take the one that got there first,
 * and none ever reads a half-written file.
 */
async function createSecretFile(path: string): Promise<string> {
  await mkdir(dirname(path), { recursive: true });
  const secret = randomBytes(32).toString('hex');
  const draft = `${path}.${randomBytes(6).toString('hex')}.tmp`;
  await writeFile(draft, `${secret}\n`, { mode: 0o600, flag: 'wx' });
  try {
    await link(draft, path);
    return secret;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    const theirs = await readSecretFile(path);
    if (theirs === null) throw new Error(`The JWT secret file ${path} vanished while it was being made`, { cause: err });
    return theirs;
  } finally {
    await unlink(draft).catch(() => undefined);
  }
}

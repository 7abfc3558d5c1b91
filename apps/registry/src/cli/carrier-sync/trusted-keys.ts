import { existsSync } from 'node:fs';
import { mkdir, open, readFile, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { PublicJwk, trustableKeys } from '@app/domain';
import { SyncClient } from './sync-client';

/** carrier-sync's exit codes besides 0 and 1 (CliCommand): stable, documented in the README. */
export const EXIT_NO_TRUSTED_KEY = 3;
export const EXIT_VERIFICATION_FAILED = 4;

/** carrier-sync stops rather than go on unverified: nothing is written or applied after this. */
export class SyncRefused extends Error {
  constructor(
    message: string,
    readonly exitCode: typeof EXIT_NO_TRUSTED_KEY | typeof EXIT_VERIFICATION_FAILED,
  ) {
    super(message);
  }
}

export interface TrustOptions {
  /** A JWKS file: only its keys are trusted; the lookup's JWKS is not read. */
  jwks?: string;
  /** Only keys with these kids (RFC 7638 thumbprints): from --jwks, else from the lookup's JWKS. */
  pinKid?: string[];
  /** Trust on first use only: add these keys of the lookup's JWKS to the trusted set (checked out of band). */
  acceptKid?: string[];
}

export const TRUSTED_FILE = 'trusted-jwks.json';

export const HOW_TO_TRUST_A_NEW_KEY =
  'A key the lookup serves is never trusted because the lookup serves it: check the new kid with the registry out of band ' +
  "(its operator, or the registry's own /.well-known/jwks.json over TLS you trust), then run again with --accept-kid KID, " +
  'or pin with --jwks FILE / --pin-kid KID';

/**
 * The keys carrier-sync verifies with, never empty: pinned (--jwks, --pin-kid) or trusted on first use (the first
 * JWKS the lookup served, kept in DIR/trusted-jwks.json). After first use a key the lookup starts serving is not
 * trusted by appearing there (a lookup that can change its answers can change its JWKS too): the operator accepts
 * it by kid after checking it elsewhere.
 */
export async function trustedKeys(o: TrustOptions, dir: string, client: SyncClient, log: (line: string) => void): Promise<PublicJwk[]> {
  if (o.jwks) {
    if (o.acceptKid?.length) throw new Error('--accept-kid adds to the keys trusted on first use; with --jwks, edit that file instead');
    const keys = pinned(await keysOfFile(o.jwks, `--jwks ${o.jwks}`), o.pinKid, o.jwks);
    log(`Trusting ${keys.length} pinned key(s) of ${o.jwks}: ${kids(keys)}`);
    return keys;
  }
  if (o.pinKid?.length) {
    if (o.acceptKid?.length) throw new Error('--accept-kid adds to the keys trusted on first use; with --pin-kid, pin the key instead');
    const keys = pinned(await lookupKeys(client), o.pinKid, "the lookup's JWKS");
    log(`Trusting ${keys.length} pinned key(s): ${kids(keys)}`);
    return keys;
  }
  return onFirstUse(o.acceptKid ?? [], dir, client, log);
}

async function onFirstUse(accept: string[], dir: string, client: SyncClient, log: (line: string) => void): Promise<PublicJwk[]> {
  const file = join(dir, TRUSTED_FILE);
  const served = await lookupKeys(client);
  if (!existsSync(file)) {
    await save(file, served);
    log(
      `Trusting on first use the lookup's ${served.length} key(s): ${kids(served)}, kept in ${file}. ` +
        'Check these kids with the registry out of band; later key changes are refused until accepted (--accept-kid)',
    );
    return served;
  }
  let trusted = await keysOfFile(file, `${file} (delete it only to trust the lookup's keys on first use again)`);
  for (const kid of accept.filter((k) => !trusted.some((t) => t.kid === k))) {
    const key = served.find((k) => k.kid === kid);
    if (!key)
      throw new SyncRefused(`--accept-kid ${kid}: the lookup does not serve that key (it serves ${kids(served)})`, EXIT_NO_TRUSTED_KEY);
    trusted = [...trusted, key];
    await save(file, trusted);
    log(`Now trusting key ${kid} (accepted with --accept-kid), kept in ${file}`);
  }
  const untrusted = served.filter((k) => !trusted.some((t) => t.kid === k.kid));
  if (untrusted.length === served.length) {
    throw new SyncRefused(
      `The lookup serves none of the trusted keys (${kids(trusted)}); it serves ${kids(served)}: a key rotation, or someone ` +
        `altering the lookup's answers. Nothing applied. ${HOW_TO_TRUST_A_NEW_KEY}`,
      EXIT_NO_TRUSTED_KEY,
    );
  }
  for (const k of untrusted) {
    log(`The lookup also serves key ${k.kid}, NOT trusted: anything signed by it is refused. ${HOW_TO_TRUST_A_NEW_KEY}`);
  }
  return trusted;
}

/** The lookup's JWKS, valid and non-empty; anything else refuses (a JWKS that can be emptied must not turn checks off). */
async function lookupKeys(client: SyncClient): Promise<PublicJwk[]> {
  let jwks: unknown;
  try {
    jwks = await client.jwks();
  } catch (err) {
    throw new SyncRefused(
      `Cannot read the lookup's JWKS (${(err as Error).message}): nothing can be verified, nothing applied`,
      EXIT_NO_TRUSTED_KEY,
    );
  }
  return trustableKeys(jwks, "the lookup's JWKS").catch((err: Error) => {
    throw new SyncRefused(`${err.message}; nothing applied`, EXIT_NO_TRUSTED_KEY);
  });
}

async function keysOfFile(path: string, source: string): Promise<PublicJwk[]> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(await readFile(path, 'utf8'));
  } catch (err) {
    throw new SyncRefused(`Cannot read ${source}: ${(err as Error).message}`, EXIT_NO_TRUSTED_KEY);
  }
  return trustableKeys(parsed, source).catch((err: Error) => {
    throw new SyncRefused(err.message, EXIT_NO_TRUSTED_KEY);
  });
}

function pinned(keys: PublicJwk[], pins: string[] | undefined, source: string): PublicJwk[] {
  if (!pins?.length) return keys;
  const chosen = keys.filter((k) => pins.includes(k.kid));
  if (!chosen.length) {
    throw new SyncRefused(`${source} holds none of the pinned keys (${pins.join(', ')}); it holds ${kids(keys)}`, EXIT_NO_TRUSTED_KEY);
  }
  return chosen;
}

/** Written beside and renamed (flushed first): a crash leaves the old set or the new one. */
async function save(file: string, keys: PublicJwk[]): Promise<void> {
  await mkdir(join(file, '..'), { recursive: true });
  const tmp = `${file}.tmp`;
  await rm(tmp, { force: true });
  const handle = await open(tmp, 'wx');
  try {
    await handle.writeFile(`${JSON.stringify({ keys }, null, 2)}\n`);
    await handle.sync();
  } finally {
    await handle.close();
  }
  await rename(tmp, file);
}

const kids = (keys: PublicJwk[]) => keys.map((k) => k.kid).join(', ');

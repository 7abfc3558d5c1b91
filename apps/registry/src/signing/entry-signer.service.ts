import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { CompactSign, importJWK, KeyLike } from 'jose';
import { DataSource, EntityManager } from 'typeorm';
import {
  ENTRY_JWS_TYP,
  entryClaims,
  LookupEntry,
  PROTECTED_NAME_JWS_TYP,
  protectedNameClaims,
  PublishedProtectedName,
  SIGNING_ALG,
  SNAPSHOT_JWS_TYP,
  SnapshotClaims,
} from '@app/domain';
import { SigningConfig } from '@app/platform';
import { keyFilePath, loadKeyFile, PrivateKeyJwk } from './key-file';
import { SigningKeysRepository } from './signing-keys.repository';

const encoder = new TextEncoder();

/**
 * Signs what the registry publishes. The private keys live only here, in this process's memory, read from the key
 * file; the database holds the public halves (signing_keys) and which one is current. Never logged.
 */
@Injectable()
export class EntrySigner implements OnModuleInit {
  private readonly logger = new Logger('Signing');
  private keys = new Map<string, KeyLike | Uint8Array>();
  private ready: Promise<void> | null = null;
  /** The registry creates its key file on first start; its CLI never does (see CliEntrySigner). */
  protected readonly createKeyFile: boolean = true;

  constructor(
    private readonly config: SigningConfig,
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly signingKeys: SigningKeysRepository,
  ) {}

  /** Before any publisher runs, so a wrong key file stops the registry at boot. */
  async onModuleInit(): Promise<void> {
    await this.ensureReady();
  }

  /**
   * Loads the key file and makes sure the database names a current key from it (once). Inside a transaction, pass
   * its `em`: a second connection would wait for that transaction on the embedded database.
   */
  ensureReady(em?: EntityManager): Promise<void> {
    this.ready ??= this.prepare(em).catch((err) => {
      this.ready = null;
      throw err;
    });
    return this.ready;
  }

  private async prepare(outer?: EntityManager): Promise<void> {
    const file = await this.reload();
    const inTransaction = <T>(work: (em: EntityManager) => Promise<T>) => (outer ? work(outer) : this.dataSource.transaction(work));
    await inTransaction(async (em) => {
      await this.signingKeys.lockKeyChoice(em);
      const current = await this.signingKeys.currentKid(em);
      if (current !== null) {
        if (!this.keys.has(current)) {
          throw new Error(
            `The current signing key ${current} is not in ${keyFilePath(this.config)}: point SIGNING_KEY_FILE at the registry's key file`,
          );
        }
        return;
      }
      const newest = file[file.length - 1];
      await this.register(em, newest, true);
      this.logger.log(`Signing with key ${newest.kid}`);
    });
  }

  /** Records a key's public half (and makes it current), under the registry version lock the publishers take. */
  async register(em: EntityManager, key: PrivateKeyJwk, current: boolean): Promise<void> {
    const pub = { kty: key.kty, crv: key.crv, x: key.x, y: key.y };
    await this.signingKeys.register(em, key.kid, pub, current);
  }

  /** The kid new publications are signed with, read in the caller's transaction. */
  async currentKid(em: EntityManager): Promise<string> {
    await this.ensureReady(em);
    const kid = await this.signingKeys.currentKid(em);
    if (kid === null) throw new Error('No current signing key');
    if (!this.keys.has(kid)) await this.reload(); // rotated by the CLI since this process started
    if (!this.keys.has(kid)) throw new Error(`The current signing key ${kid} is not in ${keyFilePath(this.config)}`);
    return kid;
  }

  /** The compact JWS of an entry published at registry version `ver`, signed at `iat` (seconds). */
  signEntry(kid: string, entry: LookupEntry, ver: number, iat: number): Promise<string> {
    return this.sign(kid, ENTRY_JWS_TYP, JSON.stringify(entryClaims(entry, ver, iat)));
  }

  /** The compact JWS of a protected name published at registry version `ver`. */
  signProtectedName(kid: string, entry: PublishedProtectedName, ver: number, iat: number): Promise<string> {
    return this.sign(kid, PROTECTED_NAME_JWS_TYP, JSON.stringify(protectedNameClaims(entry, ver, iat)));
  }

  signSnapshot(kid: string, claims: SnapshotClaims): Promise<string> {
    const { registryVersion, count, sha256 } = claims;
    return this.sign(kid, SNAPSHOT_JWS_TYP, JSON.stringify({ registryVersion, count, sha256 }));
  }

  private sign(kid: string, typ: string, payload: string): Promise<string> {
    const key = this.keys.get(kid);
    if (!key) throw new Error(`No private key ${kid}`);
    return new CompactSign(encoder.encode(payload)).setProtectedHeader({ alg: SIGNING_ALG, kid, typ }).sign(key);
  }

  private async reload(): Promise<PrivateKeyJwk[]> {
    const file = await loadKeyFile(this.config, this.createKeyFile);
    const keys = new Map<string, KeyLike | Uint8Array>();
    for (const jwk of file) keys.set(jwk.kid, await importJWK(jwk, SIGNING_ALG));
    this.keys = keys;
    return file;
  }
}

/**
 * The CLI's signer: the key file is read when a command first signs (numbers:import, snapshot:export, a rotation),
 * never created, so a command that signs nothing runs anywhere and a misplaced CLI cannot invent a key.
 */
@Injectable()
export class CliEntrySigner extends EntrySigner {
  protected override readonly createKeyFile = false;

  override async onModuleInit(): Promise<void> {
    // lazy: see ensureReady()
  }
}

import { randomInt } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { INestApplicationContext, Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { getDataSourceToken } from '@nestjs/typeorm';
import { Logger } from 'nestjs-pino';
import * as lockfile from 'proper-lockfile';
import { DataSource } from 'typeorm';
import { RegistryModule } from '../../../apps/registry/src/registry.module';
import { AuthService } from '../../../apps/registry/src/auth/auth.service';
import { UsersService } from '../../../apps/registry/src/users/users.service';
import type { Actor, RequestContext } from '../../../apps/registry/src/common/request-context';

/**
 * This file's client address (jest loads the module once per test file), on loopback. The medium suites share one
 * database, and so the sign-in throttle's per-address count: one address for all would add up every file's refused
 * sign-ins, and a late file's sign-in would wait (as an office behind one address would).
 */
export const FILE_ADDRESS = `127.${randomInt(1, 255)}.${randomInt(0, 256)}.${randomInt(1, 255)}`;

export const ROOT = { username: 'root', password: 'root-password-123' };
/** The bootstrap pair: root's first regulator, made once per medium database; it approves every file's regulators. */
export const PAIR = { username: 'pair', password: 'pair-password-123' };

let requests = 0;

/** Someone who acts: its actor as the auth guard builds it from its token, and a fresh request context per call. */
export class Person {
  constructor(
    readonly actor: Actor,
    readonly password: string,
    /** The bearer token it signed in with: AuthService.authenticate(token) is what every request's guard asks. */
    readonly token: string,
  ) {}

  get id(): string {
    return this.actor.id;
  }

  get username(): string {
    return this.actor.username;
  }

  /** A request of this person's, with its own request id (as X-Request-Id would give) from loopback. */
  ctx(requestId = `medium-${process.pid}-${++requests}`): RequestContext {
    return { actor: this.actor, requestId, ip: FILE_ADDRESS };
  }
}

/**
 * The registry's services in-process on the medium tier's database, without HTTP: an application context of the
 * registry's top-level module (whatever its feature modules are), booted once per test file. The database is
 * shared by every medium file of the run, at once and never truncated: a file isolates itself with a Space
 * (test/medium/support/space.ts) of fresh names. Root and its bootstrap pair are seeded once per database.
 */
export class MediumRegistry {
  private constructor(
    readonly app: INestApplicationContext,
    readonly ds: DataSource,
    readonly root: Person,
    readonly pair: Person,
  ) {}

  static async start(): Promise<MediumRegistry> {
    process.env.BOOTSTRAP_ADMIN_USERNAME = ROOT.username;
    process.env.BOOTSTRAP_ADMIN_PASSWORD = ROOT.password;
    // The first boot on the database writes the signing key file and the seed: one file at a time does it.
    const dataDir = process.env.DATA_DIR;
    if (!dataDir || process.env.TEST_TIER !== 'medium') throw new Error('test/support/database-environment.js sets the medium DATA_DIR');
    mkdirSync(dataDir, { recursive: true });
    const release = await lockfile.lock(dataDir, {
      lockfilePath: join(dataDir, 'boot.lock'),
      realpath: false,
      stale: 30_000,
      retries: { retries: 600, minTimeout: 50, maxTimeout: 200 },
    });
    let app: INestApplicationContext | null = null;
    try {
      app = await NestFactory.createApplicationContext(RegistryModule, { bufferLogs: true });
      app.useLogger(app.get(Logger));
      const ds = app.get<DataSource>(getDataSourceToken());
      const root = await signIn(app, ROOT.username, ROOT.password);
      const pair = await ensurePair(app, ds, root);
      return new MediumRegistry(app, ds, root, pair);
    } catch (err) {
      await app?.close();
      throw err;
    } finally {
      await release();
    }
  }

  async stop(): Promise<void> {
    await this.app.close();
  }

  /** A service (or any provider) of the registry, wherever its module now declares it. */
  get<T>(type: Type<T>): T {
    return this.app.get(type, { strict: false });
  }

  /** Signs in as the auth guard would see the account: its actor, re-read from the database. */
  signIn(username: string, password: string): Promise<Person> {
    return signIn(this.app, username, password);
  }
}

async function signIn(app: INestApplicationContext, username: string, password: string): Promise<Person> {
  const auth = app.get(AuthService, { strict: false });
  const { accessToken } = await auth.login(
    { username: username, password: password },
    { requestId: `medium-sign-in-${++requests}`, ip: FILE_ADDRESS },
  );
  return new Person(await auth.authenticate(accessToken), password, accessToken);
}

/** Root's bootstrap pair (created active: the installation's word), made by the first file on the database. */
async function ensurePair(app: INestApplicationContext, ds: DataSource, root: Person): Promise<Person> {
  const [existing] = await ds.query(`SELECT id FROM users WHERE username = $1`, [PAIR.username]);
  if (!existing) {
    const pair = await app
      .get(UsersService, { strict: false })
      .create(root.ctx(), { username: PAIR.username, password: PAIR.password, role: 'regulator' });
    if (pair.status !== 'active') throw new Error(`the medium database's second regulator is ${pair.status}, not the bootstrap pair`);
  }
  return signIn(app, PAIR.username, PAIR.password);
}

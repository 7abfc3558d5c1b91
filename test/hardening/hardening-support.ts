import { INestApplication } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import * as jwt from 'jsonwebtoken';
import type { Response } from 'supertest';
import { DataSource } from 'typeorm';
import { createLookupApp } from '../../apps/lookup/src/lookup.app';

/** A known signing secret (≥ 32 characters) so the tests can mint, expire, forge and tamper with tokens. */
export const TEST_JWT_SECRET = 'hardening-test-secret-0123456789abcdef-0123456789';

export function signToken(sub: string, opts: { secret?: string; expiresInSeconds?: number; claims?: object } = {}): string {
  const now = Math.floor(Date.now() / 1000);
  return jwt.sign({ ...opts.claims, sub, iat: now, exp: now + (opts.expiresInSeconds ?? 600) }, opts.secret ?? TEST_JWT_SECRET, {
    algorithm: 'HS256',
  });
}

/** The token of `victimOf` with its payload's subject replaced by `sub`, the old signature kept. */
export function tamperToken(token: string, sub: string): string {
  const [header, payload, signature] = token.split('.');
  const claims = JSON.parse(Buffer.from(payload, 'base64url').toString());
  return [header, Buffer.from(JSON.stringify({ ...claims, sub })).toString('base64url'), signature].join('.');
}

/** An unsigned token ("alg": "none") for `sub`. */
export function unsignedToken(sub: string): string {
  const enc = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
  const now = Math.floor(Date.now() / 1000);
  return `${enc({ alg: 'none', typ: 'JWT' })}.${enc({ sub, iat: now, exp: now + 600 })}.`;
}

/** Sets env variables for the duration of `fn` (an app reads its configuration when created). */
export async function withEnv<T>(env: Record<string, string | undefined>, fn: () => Promise<T>): Promise<T> {
  const saved = Object.fromEntries(Object.keys(env).map((k) => [k, process.env[k]]));
  for (const [k, v] of Object.entries(env)) {
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  }
  try {
    return await fn();
  } finally {
    for (const [k, v] of Object.entries(saved)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  }
}

export function lookupApp(env: Record<string, string | undefined> = {}): Promise<NestFastifyApplication> {
  return withEnv(env, () => createLookupApp());
}

/** "METHOD /path" of every route the registry's Express router serves (middleware layers left out). */
export function expressRoutes(app: INestApplication): string[] {
  const instance = app.getHttpAdapter().getInstance();
  const stack: Array<{ route?: { path: string; methods: Record<string, boolean> } }> = (instance.router ?? instance._router).stack;
  const routes = new Set<string>();
  for (const layer of stack) {
    if (!layer.route) continue;
    const methods = Object.keys(layer.route.methods);
    if (methods.includes('acl')) continue; // app.use / middleware consumer layers match every method
    for (const m of methods) routes.add(`${m.toUpperCase()} ${layer.route.path}`);
  }
  return [...routes].sort();
}

/**
 * "METHOD /path" of every route of the lookup's Fastify instance, from its route tree (printRoutes with
 * commonPrefix off prints one node per line, indented four characters a level, each with its methods).
 * HEAD routes Fastify adds for each GET are left out.
 */
export function fastifyRoutes(app: NestFastifyApplication): string[] {
  const tree: string = app.getHttpAdapter().getInstance().printRoutes({ commonPrefix: false });
  const routes = new Set<string>();
  const prefixes: string[] = [];
  for (const line of tree.split('\n')) {
    const m = /^([\s│├└─]*?)(?:[├└]── )(.*?)(?: \(([A-Z, ]+)\))?$/.exec(line);
    if (!m) continue;
    const depth = Math.floor(m[1].length / 4);
    const path = (prefixes[depth - 1] ?? '') + m[2];
    prefixes[depth] = path;
    prefixes.length = depth + 1;
    for (const method of (m[3] ?? '')
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean)) {
      if (method !== 'HEAD') routes.add(`${method} ${path}`);
    }
  }
  return [...routes].sort();
}

/** Asserts the one JSON error shape. */
export function expectErrorShape(res: Response): void {
  expect(res.headers['content-type']).toMatch(/^application\/json/);
  expect(res.body).toEqual(
    expect.objectContaining({
      statusCode: res.status,
      code: expect.stringMatching(/^[A-Z_]+$/),
      message: expect.any(String),
      requestId: expect.any(String),
    }),
  );
}

/** Text no response may carry: stack frames, source paths, SQL and driver errors. */
export const LEAK_PATTERNS: RegExp[] = [
  /\bat [\w.<>]+ \(/, // a stack frame
  /\n\s+at /,
  /\.ts:\d+/,
  /\.js:\d+:\d+/,
  /QueryFailedError/,
  /\bSELECT\b.*\bFROM\b/i,
  /\bINSERT INTO\b/i,
  /\bUPDATE\b \w+ SET\b/i,
  /syntax error/i,
  /node_modules/,
  /TypeError|ReferenceError|RangeError/,
  /duplicate key value/,
  /violates .* constraint/,
];

export function leaks(text: string): RegExp | undefined {
  return LEAK_PATTERNS.find((p) => p.test(text));
}

/**
 * A cheap fingerprint of everything a request could write. Sign-in events are left out: a refused sign-in is
 * audited on purpose (and the audit tests check it), while everything else refused must write nothing.
 */
export async function fingerprint(ds: DataSource): Promise<string> {
  const [row] = await ds.query(`
    SELECT (SELECT count(*) FROM organizations)::int AS organizations, (SELECT count(*) FROM brandnames)::int AS brandnames,
           (SELECT count(*) FROM caller_numbers)::int AS numbers, (SELECT count(*) FROM users)::int AS users,
           (SELECT count(*) FROM carriers)::int AS carriers, (SELECT count(*) FROM carrier_api_keys)::int AS keys,
           (SELECT count(*) FROM audit_events WHERE action NOT LIKE 'auth.%')::int AS audit,
           (SELECT count(*) FROM registry_changes)::int AS changes, (SELECT count(*) FROM revisions)::int AS revisions,
           (SELECT count(*) FROM users WHERE status = 'active')::int AS active_users,
           (SELECT max(version) FROM registry_state)::int AS version,
           (SELECT coalesce(sum(version), 0) FROM organizations)::int AS org_versions,
           (SELECT coalesce(sum(version), 0) FROM brandnames)::int AS brand_versions,
           (SELECT coalesce(sum(version), 0) FROM caller_numbers)::int AS number_versions,
           (SELECT coalesce(sum(version), 0) FROM carriers)::int AS carrier_versions`);
  return JSON.stringify(row);
}

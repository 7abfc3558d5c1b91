import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { createRegistryApp } from '../../apps/registry/src/registry.app';

/**
 * The console's API client and types come from the registry's OpenAPI document: apps/console/src/api/openapi.json
 * (a copy of /docs-json) and schema.d.ts generated from it (apps/console/api-codegen.mjs), both committed so that a
 * fresh clone type-checks and builds with no database and no running server. This fails when the registry's live
 * document differs from the copy: a route or a DTO changed, and the console's types no longer say what the
 * registry answers. After an intended API change: `npm run api:update` (UPDATE_OPENAPI=1 on this suite rewrites
 * openapi.json and regenerates schema.d.ts), review the diff, then `npx tsc -p apps/console/tsconfig.json` shows
 * what in the console has to follow.
 */
const REPO = resolve(__dirname, '../..');
const COMMITTED = join(REPO, 'apps/console/src/api/openapi.json');

type Doc = { paths?: Record<string, unknown>; components?: { schemas?: Record<string, unknown> } } & Record<string, unknown>;

/** What differs, by name: `path /v1/x`, `schema XDto`, or a top-level key. */
function drift(live: Doc, committed: Doc): string[] {
  const differ = (kind: string, a: Record<string, unknown> = {}, b: Record<string, unknown> = {}) =>
    [...new Set([...Object.keys(a), ...Object.keys(b)])].filter((k) => !isDeepStrictEqual(a[k], b[k])).map((k) => `${kind} ${k}`);
  const rest = (d: Doc) => ({ ...d, paths: undefined, components: { ...d.components, schemas: undefined } });
  return [
    ...differ('path', live.paths, committed.paths),
    ...differ('schema', live.components?.schemas, committed.components?.schemas),
    ...differ('document', rest(live), rest(committed)),
  ];
}

describe("the console's copy of the registry's OpenAPI document", () => {
  let app: INestApplication;
  beforeAll(async () => {
    app = await createRegistryApp();
  });
  afterAll(() => app?.close());

  it('equals the live /docs-json (npm run api:update rewrites it and regenerates the types)', async () => {
    const live = (await request(app.getHttpServer()).get('/docs-json').expect(200)).body as Doc;
    if (process.env.UPDATE_OPENAPI === '1') {
      writeFileSync(COMMITTED, `${JSON.stringify(live, null, 2)}\n`);
      execFileSync(process.execPath, [join(REPO, 'apps/console/api-codegen.mjs')], { cwd: REPO, stdio: 'inherit' });
    }
    expect(existsSync(COMMITTED)).toBe(true);
    const committed = JSON.parse(readFileSync(COMMITTED, 'utf8')) as Doc;
    expect({ drift: drift(live, committed) }).toEqual({ drift: [] });
    expect(live).toEqual(committed); // the same, to the last byte of every description
  });
});

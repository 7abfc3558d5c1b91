import { Command, Option } from 'nest-commander';
import { createReadStream } from 'node:fs';
import { readFile } from 'node:fs/promises';
import type { JSONWebKeySet } from 'jose';
import { RegistrySignatureVerifier, splitLines, SnapshotVerificationError, verifySnapshot } from '@app/domain';
import { CliCommand } from '../cli-command';
import { CliIo } from '../cli-io';

interface Options {
  jwks: string;
}

/**
 * A carrier's reference check of a snapshot file against the registry's JWKS (a URL or a file): every entry's
 * signature and its agreement with the line, then the trailer. Needs no database: a carrier runs it anywhere.
 */
@Command({
  name: 'verify-snapshot',
  arguments: '<file>',
  description: 'Verify every line and the trailer of a snapshot (NDJSON) against a JWKS; exits 1 at the first bad one',
})
export class VerifySnapshotCommand extends CliCommand<Options & { file: string }> {
  constructor(io: CliIo) {
    super(io);
  }

  override async run(params: string[], options?: Record<string, unknown>): Promise<void> {
    return super.run(params, { ...options, file: params[0] });
  }

  protected async execute(o: Options & { file: string }): Promise<void> {
    const verifier = new RegistrySignatureVerifier(await loadJwks(o.jwks));
    try {
      const report = await verifySnapshot(splitLines(createReadStream(o.file)), verifier);
      const kids = Object.entries(report.kids)
        .map(([kid, n]) => `${n} by ${kid}`)
        .join(', ');
      this.io.out(
        `OK: ${report.entries} entries and ${report.protectedNames} protected names at registry version ${report.registryVersion}${kids ? ` (${kids})` : ''}; trailer verified`,
      );
    } catch (err) {
      if (!(err instanceof SnapshotVerificationError)) throw err;
      this.io.err(`INVALID: ${err.message}`);
      this.io.fail(1);
    }
  }

  @Option({ flags: '--jwks <url|file>', required: true, description: "the registry's /.well-known/jwks.json, or a saved copy" })
  parseJwks(value: string): string {
    return value;
  }
}

async function loadJwks(source: string): Promise<JSONWebKeySet> {
  if (/^https?:\/\//.test(source)) {
    const res = await fetch(source);
    if (!res.ok) throw new Error(`GET ${source}: ${res.status}`);
    return (await res.json()) as JSONWebKeySet;
  }
  return JSON.parse(await readFile(source, 'utf8')) as JSONWebKeySet;
}

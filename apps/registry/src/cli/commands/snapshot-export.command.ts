import { InjectDataSource } from '@nestjs/typeorm';
import { Command, Option } from 'nest-commander';
import { createWriteStream } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { DataSource } from 'typeorm';
import { useBulkBounds } from '@app/database';
import { LookupIndex, signedSnapshotChunks, SignedEntry, SignedProtectedName } from '@app/domain';
import { PublishedNumbersRepository } from '../../publishing/published-numbers.repository';
import { PublishedProtectedNamesRepository } from '../../publishing/published-protected-names.repository';
import { EntrySigner } from '../../signing/entry-signer.service';
import { CliCommand } from '../cli-command';
import { CliIo } from '../cli-io';

interface Options {
  out: string;
}

@Command({ name: 'snapshot:export', description: "Write the carriers' NDJSON snapshot (as GET /v1/sync/snapshot) to a file" })
export class SnapshotExportCommand extends CliCommand<Options> {
  constructor(
    io: CliIo,
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly signer: EntrySigner,
    private readonly published: PublishedNumbersRepository,
    private readonly protectedNames: PublishedProtectedNamesRepository,
  ) {
    super(io);
  }

  protected async execute(o: Options): Promise<void> {
    // One REPEATABLE READ transaction: the entries and the version are one consistent state, as the lookup loads it.
    const index = new LookupIndex();
    let names: SignedProtectedName[] = [];
    const kid = await this.dataSource.transaction('REPEATABLE READ', async (em) => {
      await useBulkBounds(em); // every published number, as the lookup's index load
      const { version, rows } = await this.published.allSigned(em);
      index.loadSigned(rows as SignedEntry[], version);
      names = await this.protectedNames.allSigned(em); // in the header, as the lookup's snapshot has them
      return this.signer.currentKid(em);
    });
    let count = 0;
    // The trailer signed here: the CLI runs on the registry's server, with its key file.
    const chunks = signedSnapshotChunks(
      index,
      Date.now(),
      async (claims) => {
        count = claims.count;
        return this.signer.signSnapshot(kid, claims);
      },
      () => names,
    );
    // Written beside the target and renamed, so a reader never sees half a snapshot.
    const tmp = `${o.out}.${process.pid}.tmp`;
    try {
      await pipeline(Readable.from(chunks), createWriteStream(tmp));
      await rename(tmp, o.out);
    } catch (err) {
      await rm(tmp, { force: true });
      throw err;
    }
    this.io.out(`Wrote ${count} numbers and ${names.length} protected names at registry version ${index.version} to ${o.out}`);
  }

  @Option({ flags: '--out <path>', required: true, description: 'NDJSON file to write' })
  parseOut(value: string): string {
    return value;
  }
}

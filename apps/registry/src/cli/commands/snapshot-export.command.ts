import { InjectDataSource } from '@nestjs/typeorm';
import { Command, Option } from 'nest-commander';
import { createWriteStream } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { DataSource } from 'typeorm';
import { LookupEntry, LookupIndex, snapshotChunks } from '@app/domain';
import { CliCommand } from '../cli-command';
import { CliIo } from '../cli-io';

interface Options {
  out: string;
}

function* withHeader(header: string, rest: Iterator<string>): Generator<string> {
  yield header;
  for (let next = rest.next(); !next.done; next = rest.next()) yield next.value;
}

@Command({ name: 'snapshot:export', description: "Write the carriers' NDJSON snapshot (as GET /v1/sync/snapshot) to a file" })
export class SnapshotExportCommand extends CliCommand<Options> {
  constructor(
    io: CliIo,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {
    super(io);
  }

  protected async execute(o: Options): Promise<void> {
    // One REPEATABLE READ transaction: the entries and the version are one consistent state, as the lookup loads it.
    const index = new LookupIndex();
    await this.dataSource.transaction('REPEATABLE READ', async (em) => {
      const [{ version }] = await em.query('SELECT version FROM registry_state WHERE id = 1');
      const rows: Array<{ entry: LookupEntry }> = await em.query('SELECT entry FROM published_numbers ORDER BY e164');
      index.load(
        rows.map((r) => r.entry),
        Number(version),
      );
    });
    const chunks = snapshotChunks(index, Date.now());
    const header = chunks.next().value as string;
    const { count } = JSON.parse(header) as { count: number };
    // Written beside the target and renamed, so a reader never sees half a snapshot.
    const tmp = `${o.out}.${process.pid}.tmp`;
    try {
      await pipeline(Readable.from(withHeader(header, chunks)), createWriteStream(tmp));
      await rename(tmp, o.out);
    } catch (err) {
      await rm(tmp, { force: true });
      throw err;
    }
    this.io.out(`Wrote ${count} numbers at registry version ${index.version} to ${o.out}`);
  }

  @Option({ flags: '--out <path>', required: true, description: 'NDJSON file to write' })
  parseOut(value: string): string {
    return value;
  }
}

import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { ProtectedNamePublisher } from '../publishing/protected-name-publisher.service';

/**
 * At the registry's start, publishes the list in force where it differs from what lookups have: the seeded list on
 * a fresh installation (a migration cannot sign: the key is not in the database), nothing afterwards.
 */
@Injectable()
export class ProtectedNamesStartup implements OnApplicationBootstrap {
  private readonly logger = new Logger('ProtectedNames');

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly publisher: ProtectedNamePublisher,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const count = await this.dataSource.transaction((em) => this.publisher.publishInForce(em));
    if (count > 0) this.logger.log(`Published ${count} protected-name changes`);
  }
}

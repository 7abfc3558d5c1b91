import { InjectDataSource } from '@nestjs/typeorm';
import { Command, Option } from 'nest-commander';
import { DataSource } from 'typeorm';
import { DomainError } from '@app/domain';
import { CarriersRepository } from '../../carriers/carriers.repository';
import { CarriersService } from '../../carriers/carriers.service';
import { ActingRegulator } from '../acting-regulator';
import { ActingCommand } from '../cli-command';
import { CliIo } from '../cli-io';

interface Options {
  carrier: string;
}

@Command({ name: 'carrier:key', description: 'Create an API key for a carrier and print it (only its hash is stored)' })
export class CarrierKeyCommand extends ActingCommand<Options> {
  constructor(
    io: CliIo,
    acting: ActingRegulator,
    private readonly carriers: CarriersService,
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly carrierRows: CarriersRepository,
  ) {
    super(io, acting);
  }

  protected async execute(o: Options): Promise<void> {
    const ctx = this.acting.context();
    const carrier = await this.carrierRows.byCode(this.dataSource.manager, o.carrier);
    if (!carrier) throw new DomainError('NOT_FOUND', `No carrier ${o.carrier}`);
    const created = await this.carriers.createKey(ctx, carrier.id);
    this.io.err(`Created API key ${created.id} (prefix ${created.prefix}) for ${carrier.code}; it is shown once:`);
    // The key alone on stdout, so `KEY=$(... carrier:key ...)` works.
    this.io.out(created.key);
  }

  @Option({ flags: '--carrier <code>', required: true })
  parseCarrier(value: string): string {
    return value;
  }
}

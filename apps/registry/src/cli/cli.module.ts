import { Module } from '@nestjs/common';
import { NumberHoldingsRepository } from '../number-holdings/number-holdings.repository';
import { RevisionsRepository } from '../revisions/revisions.repository';
import { UsersRepository } from '../users/users.repository';
import { CarriersRepository } from '../carriers/carriers.repository';
import { OrganizationsRepository } from '../organizations/organizations.repository';
import { BrandnamesRepository } from '../brandnames/brandnames.repository';
import { NumbersRepository } from '../numbers/numbers.repository';
import { SigningKeysRepository } from '../signing/signing-keys.repository';
import { PublishedNumbersRepository } from '../publishing/published-numbers.repository';
import { AuditRepository } from '../audit/audit.repository';
import { DatabaseModule } from '@app/database';
import { ProtectedNamePublisher } from '../publishing/protected-name-publisher.service';
import { PublishedProtectedNamesRepository } from '../publishing/published-protected-names.repository';
import { ProtectedNamesRepository } from '../protected-names/protected-names.repository';
import { AppConfigModule, SigningConfig } from '@app/platform';
import { AuditService } from '../audit/audit.service';
import { CarriersService } from '../carriers/carriers.service';
import { NumberHoldingsService } from '../number-holdings/number-holdings.service';
import { NumbersImportService } from '../numbers/numbers-import.service';
import { NumbersService } from '../numbers/numbers.service';
import { ItemAuthors } from '../pipeline/item-authors';
import { PartiesRepository } from '../pipeline/parties.repository';
import { WritePipeline } from '../pipeline/write-pipeline';
import { LookupPropagation } from '../publishing/lookup-propagation.service';
import { RegistryPublisher } from '../publishing/registry-publisher.service';
import { ItemViews } from '../revisions/item-views';
import { RevisionsService } from '../revisions/revisions.service';
import { CliEntrySigner, EntrySigner } from '../signing/entry-signer.service';
import { SigningKeysService } from '../signing/signing-keys.service';
import { UsersService } from '../users/users.service';
import { ActingRegulator } from './acting-regulator';
import { CliIo } from './cli-io';
import { CommanderExits } from './commander-exits';
import { AuditVerifyCommand } from './commands/audit-verify.command';
import { CarrierKeyCommand } from './commands/carrier-key.command';
import { CarrierSyncCommand, CarrierSyncLookupCommand } from './commands/carrier-sync.command';
import { NumbersImportCommand } from './commands/numbers-import.command';
import { SnapshotExportCommand } from './commands/snapshot-export.command';
import { SigningKeyCommand, SigningKeyRotateCommand } from './commands/signing-key.command';
import { UserCreateCommand } from './commands/user-create.command';
import { UserResetPasswordCommand } from './commands/user-reset-password.command';
import { VerifySnapshotCommand } from './commands/verify-snapshot.command';

/**
 * The registry's services without its HTTP side: the feature modules are not imported (they bring
 * controllers, and AuthModule a global guard and the bootstrap-admin hook), and not all export their
 * services, so the few services the commands need are listed here.
 */
@Module({
  imports: [AppConfigModule.forApp(SigningConfig), DatabaseModule],
  providers: [
    CliIo,
    CommanderExits,
    ActingRegulator,
    AuditService,
    AuditRepository,
    PublishedNumbersRepository,
    SigningKeysRepository,
    NumbersRepository,
    BrandnamesRepository,
    OrganizationsRepository,
    CarriersRepository,
    UsersRepository,
    RevisionsRepository,
    NumberHoldingsRepository,
    { provide: EntrySigner, useClass: CliEntrySigner },
    SigningKeysService,
    RegistryPublisher,
    ProtectedNamePublisher,
    PublishedProtectedNamesRepository,
    ProtectedNamesRepository,
    LookupPropagation,
    PartiesRepository,
    ItemAuthors,
    WritePipeline,
    RevisionsService,
    ItemViews,
    UsersService,
    CarriersService,
    NumberHoldingsService,
    NumbersService,
    NumbersImportService,
    UserCreateCommand,
    UserResetPasswordCommand,
    CarrierKeyCommand,
    NumbersImportCommand,
    AuditVerifyCommand,
    SnapshotExportCommand,
    SigningKeyCommand,
    SigningKeyRotateCommand,
    VerifySnapshotCommand,
  ],
})
export class CliModule {}

/** The carrier-side commands (verify-snapshot, carrier-sync), without the database: a carrier runs them on its own machine. */
@Module({ providers: [CliIo, CommanderExits, VerifySnapshotCommand, CarrierSyncCommand, CarrierSyncLookupCommand] })
export class CarrierCliModule {}

/** The commands CarrierCliModule runs. */
export const CARRIER_COMMANDS = ['verify-snapshot', 'carrier-sync'];

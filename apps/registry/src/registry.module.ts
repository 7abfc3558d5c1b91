import { Module } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import { DatabaseModule } from '@app/database';
import { AppConfigModule, AppLoggingModule, MetricsModule, RegistryConfig } from '@app/platform';
import { HealthController } from '@app/platform/health/health.controller';
import { ApplicationsModule } from './applications/applications.module';
import { AuditModule } from './audit/audit.module';
import { AuthModule } from './auth/auth.module';
import { BrandnamesModule } from './brandnames/brandnames.module';
import { CarrierConfirmationsModule } from './carrier-confirmations/carrier-confirmations.module';
import { CarriersModule } from './carriers/carriers.module';
import { ConsoleModule } from './console/console.module';
import { DocumentsModule } from './documents/documents.module';
import { InvitationsModule } from './invitations/invitations.module';
import { NumberHoldingsModule } from './number-holdings/number-holdings.module';
import { NumbersModule } from './numbers/numbers.module';
import { OrganizationsModule } from './organizations/organizations.module';
import { PublishingModule } from './publishing/publishing.module';
import { ProtectedNamesModule } from './protected-names/protected-names.module';
import { ReorganizationsModule } from './reorganizations/reorganizations.module';
import { ReviewsModule } from './reviews/reviews.module';
import { RevisionsModule } from './revisions/revisions.module';
import { RolloutModule } from './rollout/rollout.module';
import { SigningModule } from './signing/signing.module';
import { UsersModule } from './users/users.module';

@Module({
  imports: [
    AppConfigModule.forApp(RegistryConfig),
    AppLoggingModule.forRoot(),
    DatabaseModule,
    MetricsModule,
    TerminusModule,
    AuditModule,
    PublishingModule,
    SigningModule,
    RevisionsModule,
    NumberHoldingsModule,
    DocumentsModule,
    AuthModule,
    UsersModule,
    OrganizationsModule,
    BrandnamesModule,
    NumbersModule,
    ReorganizationsModule,
    ProtectedNamesModule,
    InvitationsModule,
    ApplicationsModule,
    CarrierConfirmationsModule,
    ReviewsModule,
    CarriersModule,
    RolloutModule,
    ConsoleModule,
  ],
  controllers: [HealthController],
})
export class RegistryModule {}

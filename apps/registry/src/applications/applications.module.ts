import { Module } from '@nestjs/common';
import { BrandnamesModule } from '../brandnames/brandnames.module';
import { CarriersModule } from '../carriers/carriers.module';
import { DocumentsModule } from '../documents/documents.module';
import { InvitationsModule } from '../invitations/invitations.module';
import { NumberHoldingsModule } from '../number-holdings/number-holdings.module';
import { NumbersModule } from '../numbers/numbers.module';
import { OrganizationsModule } from '../organizations/organizations.module';
import { PipelineModule } from '../pipeline/pipeline.module';
import { ReviewsModule } from '../reviews/reviews.module';
import { UsersModule } from '../users/users.module';
import { ApplicationViews } from './application-view';
import { ApplicationWriter } from './application-writer';
import { ApplicationsController } from './applications.controller';
import { ProtectedNameListModule } from '../protected-names/protected-name-list.module';
import { ApplicationsRepository } from './applications.repository';
import { ApplicationsService } from './applications.service';

@Module({
  imports: [
    PipelineModule,
    ReviewsModule,
    DocumentsModule,
    InvitationsModule,
    OrganizationsModule,
    BrandnamesModule,
    NumbersModule,
    NumberHoldingsModule,
    CarriersModule,
    UsersModule,
    ProtectedNameListModule,
  ],
  controllers: [ApplicationsController],
  providers: [ApplicationsService, ApplicationWriter, ApplicationViews, ApplicationsRepository],
  exports: [ApplicationsRepository],
})
export class ApplicationsModule {}

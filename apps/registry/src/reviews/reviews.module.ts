import { Module } from '@nestjs/common';
import { BrandnamesModule } from '../brandnames/brandnames.module';
import { NumbersModule } from '../numbers/numbers.module';
import { OrganizationsModule } from '../organizations/organizations.module';
import { ReviewsController } from './reviews.controller';
import { ReviewsService } from './reviews.service';

@Module({
  imports: [OrganizationsModule, BrandnamesModule, NumbersModule],
  controllers: [ReviewsController],
  providers: [ReviewsService],
  exports: [ReviewsService],
})
export class ReviewsModule {}

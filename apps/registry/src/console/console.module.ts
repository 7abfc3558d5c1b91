import { Module } from '@nestjs/common';
import { MeController } from './me.controller';
import { SecondFactorModule } from '../second-factor/second-factor.module';

/** API support for the web console (apps/console); the console's files are served by serveConsole(). */
@Module({ imports: [SecondFactorModule], controllers: [MeController] })
export class ConsoleModule {}

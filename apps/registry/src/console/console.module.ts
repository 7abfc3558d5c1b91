import { Module } from '@nestjs/common';
import { MeController } from './me.controller';

/** API support for the web console (apps/console); the console's files are served by serveConsole(). */
@Module({ controllers: [MeController] })
export class ConsoleModule {}

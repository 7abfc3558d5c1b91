import { Global, Module } from '@nestjs/common';
import { ConfigModule, ConfigService } from '@nestjs/config';
import { AppConfig, validateConfig } from './app-config';

/**
 * Loads `.env` (if present) and provides the validated AppConfig: a wrong value stops the service at boot
 * with a message naming the variable.
 */
@Global()
@Module({
  imports: [ConfigModule.forRoot({ cache: true, validate: (env) => validateConfig(env) })],
  providers: [{ provide: AppConfig, inject: [ConfigService], useFactory: () => validateConfig(process.env) }],
  exports: [AppConfig],
})
export class AppConfigModule {}

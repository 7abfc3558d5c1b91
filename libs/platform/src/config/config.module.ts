import { DynamicModule, Global, Module } from '@nestjs/common';
import { ConfigModule } from '@nestjs/config';
import { AppConfig, validateConfig } from './app-config';

/**
 * Loads `.env` (if present) and provides the app's validated settings, as its own class (RegistryConfig,
 * LookupConfig) and as the shared AppConfig that libs inject: a wrong value stops the service at boot with a
 * message naming the variable.
 */
@Global()
@Module({})
export class AppConfigModule {
  static forApp<T extends AppConfig>(type: new () => T): DynamicModule {
    const provider = { provide: type, useFactory: () => validateConfig(process.env, type) };
    return {
      module: AppConfigModule,
      imports: [ConfigModule.forRoot({ cache: true, validate: (env) => validateConfig(env, type) })],
      providers: [provider, ...(type === (AppConfig as unknown) ? [] : [{ provide: AppConfig, useExisting: type }])],
      exports: [type, AppConfig],
    };
  }
}

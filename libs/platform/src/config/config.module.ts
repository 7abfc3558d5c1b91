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
    // The same settings under each class it extends (AppConfig, SigningConfig), for services shared between apps.
    const parents: Array<new () => AppConfig> = [];
    for (let p = Object.getPrototypeOf(type); p && p !== Function.prototype; p = Object.getPrototypeOf(p)) parents.push(p);
    if (type !== (AppConfig as unknown)) parents.push(AppConfig);
    const aliases = [...new Set(parents)].map((parent) => ({ provide: parent, useExisting: type }));
    return {
      module: AppConfigModule,
      imports: [ConfigModule.forRoot({ cache: true, validate: (env) => validateConfig(env, type) })],
      providers: [provider, ...aliases],
      exports: [type, ...aliases.map((a) => a.provide)],
    };
  }
}

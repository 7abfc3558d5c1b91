import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { JwtModule } from '@nestjs/jwt';
import { ThrottlerModule } from '@nestjs/throttler';
import { RegistryConfig } from '@app/platform';
import { CarriersModule } from '../carriers/carriers.module';
import { PipelineModule } from '../pipeline/pipeline.module';
import { UsersModule } from '../users/users.module';
import { AuthController } from './auth.controller';
import { AuthGuard } from './auth.guard';
import { AuthService } from './auth.service';
import { jwtSecret } from './jwt-secret';
import { LoginThrottlerGuard } from './login-throttler.guard';
import { SecondFactorModule } from '../second-factor/second-factor.module';
import { SignInLimiter } from './sign-in-limiter';
import { SignInThrottleRepository } from './sign-in-throttle.repository';

@Module({
  imports: [
    PipelineModule,
    UsersModule,
    CarriersModule,
    JwtModule.registerAsync({
      inject: [RegistryConfig],
      useFactory: async (config: RegistryConfig) => ({
        // Without JWT_SECRET (never in production), one kept in DATA_DIR: a restart signs nobody out.
        secret: await jwtSecret(config),
        signOptions: { algorithm: 'HS256', expiresIn: config.JWT_TTL_SECONDS },
      }),
    }),
    ThrottlerModule.forRoot([{ name: 'ip', ttl: 60_000, limit: 30 }]),
    SecondFactorModule,
  ],
  controllers: [AuthController],
  providers: [AuthService, LoginThrottlerGuard, SignInLimiter, SignInThrottleRepository, { provide: APP_GUARD, useClass: AuthGuard }],
  exports: [AuthService],
})
export class AuthModule {}

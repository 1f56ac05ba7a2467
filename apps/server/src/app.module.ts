import { type DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { HttpErrorFilter } from './common/http-error.filter';
import { type Infrastructure, InfraModule } from './infra/infra.module';
import { AuthModule } from './modules/auth/auth.module';
import { ChatModule } from './modules/chat/chat.module';
import { DocsModule } from './modules/docs/docs.module';
import { HealthModule } from './modules/health/health.module';
import { UsersModule } from './modules/users/users.module';

@Module({})
export class AppModule {
  static forRoot(infra: Infrastructure): DynamicModule {
    return {
      module: AppModule,
      imports: [InfraModule.forRoot(infra), HealthModule, DocsModule, UsersModule, AuthModule, ChatModule],
      providers: [{ provide: APP_FILTER, useClass: HttpErrorFilter }],
    };
  }
}

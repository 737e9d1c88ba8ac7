import { DynamicModule, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { AppConfig } from '../config/app-config';
import { ConfigModule } from '../config/config.module';
import { PlatformModule } from '../platform/platform.module';
import { FEATURE_MODULES } from './feature-modules';

/**
 * Everything both processes share: config, the already-open DataSource, platform services and the
 * feature modules in the data's path. The HTTP process adds controllers; the worker adds nothing.
 */
@Module({})
export class CoreModule {
  static forRoot(config: AppConfig, dataSource: DataSource): DynamicModule {
    return {
      module: CoreModule,
      imports: [
        ConfigModule.forRoot(config),
        TypeOrmModule.forRootAsync({ useFactory: () => dataSource.options, dataSourceFactory: async () => dataSource }),
        PlatformModule,
        ...FEATURE_MODULES,
      ],
      exports: [ConfigModule, TypeOrmModule, PlatformModule, ...FEATURE_MODULES],
    };
  }
}

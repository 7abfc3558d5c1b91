import { Module } from '@nestjs/common';
import { ProtectedNamesRepository } from './protected-names.repository';

/** The list in force, for every feature that checks names (brandnames, applications, reviews). */
@Module({ providers: [ProtectedNamesRepository], exports: [ProtectedNamesRepository] })
export class ProtectedNameListModule {}

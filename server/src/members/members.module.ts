import { Module } from '@nestjs/common';
import { MulterModule } from '@nestjs/platform-express';
import { APP_CONFIG, AppConfig } from '../platform/config/config';
import { TypeOrmModule } from '@nestjs/typeorm';
import { TagsModule } from '../tags/tags.module';
import { AttributeDefinitionEntity, MemberAttributeEntity } from './attribute.entity';
import { AttributesController } from './attributes.controller';
import { AttributesService } from './attributes.service';
import { MemberExportService } from './member-export.service';
import { MemberIdentityEntity } from './member-identity.entity';
import { MemberMergeEntity } from './member-merge.entity';
import { MemberMergeService } from './member-merge.service';
import { MemberMergesController } from './member-merges.controller';
import { MemberImportEntity, MemberImportErrorEntity } from './member-import.entity';
import { MemberImportService } from './member-import.service';
import { MemberListService } from './member-list.service';
import { MemberEntity } from './member.entity';
import { MembersController } from './members.controller';
import { MembersService } from './members.service';

@Module({
  imports: [
    TagsModule,
    MulterModule.registerAsync({
      inject: [APP_CONFIG],
      // browsers send file names in UTF-8 (busboy's default would read them as latin1)
      useFactory: (c: AppConfig) => ({ limits: { fileSize: c.maxUploadBytes, files: 1 }, defParamCharset: 'utf8' }),
    }),
    TypeOrmModule.forFeature([MemberEntity, MemberIdentityEntity, AttributeDefinitionEntity, MemberAttributeEntity, MemberImportEntity, MemberImportErrorEntity, MemberMergeEntity]),
  ],
  controllers: [MembersController, AttributesController, MemberMergesController],
  providers: [MembersService, MemberListService, MemberImportService, MemberExportService, AttributesService, MemberMergeService],
  exports: [MembersService, AttributesService, MemberMergeService],
})
export class MembersModule {}

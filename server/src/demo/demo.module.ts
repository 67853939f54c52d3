import { Module } from '@nestjs/common';
import { AccountsModule } from '../accounts/accounts.module';
import { MembersModule } from '../members/members.module';
import { TagsModule } from '../tags/tags.module';
import { DemoSeedService } from './demo-seed.service';

@Module({ imports: [AccountsModule, MembersModule, TagsModule], providers: [DemoSeedService], exports: [DemoSeedService] })
export class DemoModule {}

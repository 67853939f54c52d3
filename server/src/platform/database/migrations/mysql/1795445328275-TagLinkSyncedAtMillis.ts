import { MigrationInterface, QueryRunner } from 'typeorm';

export class TagLinkSyncedAtMillis1795445328275 implements MigrationInterface {
  name = 'TagLinkSyncedAtMillis1795445328275';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("ALTER TABLE `tag_channel_link` CHANGE `last_synced_at` `last_synced_at` datetime(3) NULL");
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("ALTER TABLE `tag_channel_link` CHANGE `last_synced_at` `last_synced_at` datetime(0) NULL");
  }
}

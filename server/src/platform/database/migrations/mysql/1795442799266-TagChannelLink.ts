import { MigrationInterface, QueryRunner } from 'typeorm';

export class TagChannelLink1795442799266 implements MigrationInterface {
  name = 'TagChannelLink1795442799266';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("CREATE TABLE `tag_channel_link` (`id` int NOT NULL AUTO_INCREMENT, `tag_id` int NOT NULL, `account_id` int NOT NULL, `channel_type` varchar(16) NOT NULL, `external_tag_id` varchar(64) NOT NULL, `external_name` varchar(64) NOT NULL, `last_synced_at` datetime NULL, `last_result` varchar(255) NULL, `last_error` varchar(500) NULL, `created_at` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), UNIQUE INDEX `uq_tag_channel_link__external` (`account_id`, `external_tag_id`), UNIQUE INDEX `uq_tag_channel_link__tag_account` (`tag_id`, `account_id`), PRIMARY KEY (`id`)) ENGINE=InnoDB");
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("DROP INDEX `uq_tag_channel_link__tag_account` ON `tag_channel_link`");
    await queryRunner.query("DROP INDEX `uq_tag_channel_link__external` ON `tag_channel_link`");
    await queryRunner.query("DROP TABLE `tag_channel_link`");
  }
}

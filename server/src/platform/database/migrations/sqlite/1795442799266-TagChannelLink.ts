import { MigrationInterface, QueryRunner } from 'typeorm';

export class TagChannelLink1795442799266 implements MigrationInterface {
  name = 'TagChannelLink1795442799266';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("CREATE TABLE \"tag_channel_link\" (\"id\" integer PRIMARY KEY AUTOINCREMENT NOT NULL, \"tag_id\" integer NOT NULL, \"account_id\" integer NOT NULL, \"channel_type\" varchar(16) NOT NULL, \"external_tag_id\" varchar(64) NOT NULL, \"external_name\" varchar(64) NOT NULL, \"last_synced_at\" datetime, \"last_result\" varchar(255), \"last_error\" varchar(500), \"created_at\" datetime NOT NULL DEFAULT (datetime('now')))");
    await queryRunner.query("CREATE UNIQUE INDEX \"uq_tag_channel_link__external\" ON \"tag_channel_link\" (\"account_id\", \"external_tag_id\") ");
    await queryRunner.query("CREATE UNIQUE INDEX \"uq_tag_channel_link__tag_account\" ON \"tag_channel_link\" (\"tag_id\", \"account_id\") ");
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("DROP INDEX \"uq_tag_channel_link__tag_account\"");
    await queryRunner.query("DROP INDEX \"uq_tag_channel_link__external\"");
    await queryRunner.query("DROP TABLE \"tag_channel_link\"");
  }
}

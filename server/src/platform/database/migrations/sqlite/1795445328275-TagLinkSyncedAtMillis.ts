import { MigrationInterface, QueryRunner } from 'typeorm';

export class TagLinkSyncedAtMillis1795445328275 implements MigrationInterface {
  name = 'TagLinkSyncedAtMillis1795445328275';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("DROP INDEX \"uq_tag_channel_link__tag_account\"");
    await queryRunner.query("DROP INDEX \"uq_tag_channel_link__external\"");
    await queryRunner.query("CREATE TABLE \"temporary_tag_channel_link\" (\"id\" integer PRIMARY KEY AUTOINCREMENT NOT NULL, \"tag_id\" integer NOT NULL, \"account_id\" integer NOT NULL, \"channel_type\" varchar(16) NOT NULL, \"external_tag_id\" varchar(64) NOT NULL, \"external_name\" varchar(64) NOT NULL, \"last_synced_at\" datetime(3), \"last_result\" varchar(255), \"last_error\" varchar(500), \"created_at\" datetime NOT NULL DEFAULT (datetime('now')))");
    await queryRunner.query("INSERT INTO \"temporary_tag_channel_link\"(\"id\", \"tag_id\", \"account_id\", \"channel_type\", \"external_tag_id\", \"external_name\", \"last_synced_at\", \"last_result\", \"last_error\", \"created_at\") SELECT \"id\", \"tag_id\", \"account_id\", \"channel_type\", \"external_tag_id\", \"external_name\", \"last_synced_at\", \"last_result\", \"last_error\", \"created_at\" FROM \"tag_channel_link\"");
    await queryRunner.query("DROP TABLE \"tag_channel_link\"");
    await queryRunner.query("ALTER TABLE \"temporary_tag_channel_link\" RENAME TO \"tag_channel_link\"");
    await queryRunner.query("CREATE UNIQUE INDEX \"uq_tag_channel_link__tag_account\" ON \"tag_channel_link\" (\"tag_id\", \"account_id\") ");
    await queryRunner.query("CREATE UNIQUE INDEX \"uq_tag_channel_link__external\" ON \"tag_channel_link\" (\"account_id\", \"external_tag_id\") ");
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("DROP INDEX \"uq_tag_channel_link__external\"");
    await queryRunner.query("DROP INDEX \"uq_tag_channel_link__tag_account\"");
    await queryRunner.query("ALTER TABLE \"tag_channel_link\" RENAME TO \"temporary_tag_channel_link\"");
    await queryRunner.query("CREATE TABLE \"tag_channel_link\" (\"id\" integer PRIMARY KEY AUTOINCREMENT NOT NULL, \"tag_id\" integer NOT NULL, \"account_id\" integer NOT NULL, \"channel_type\" varchar(16) NOT NULL, \"external_tag_id\" varchar(64) NOT NULL, \"external_name\" varchar(64) NOT NULL, \"last_synced_at\" datetime, \"last_result\" varchar(255), \"last_error\" varchar(500), \"created_at\" datetime NOT NULL DEFAULT (datetime('now')))");
    await queryRunner.query("INSERT INTO \"tag_channel_link\"(\"id\", \"tag_id\", \"account_id\", \"channel_type\", \"external_tag_id\", \"external_name\", \"last_synced_at\", \"last_result\", \"last_error\", \"created_at\") SELECT \"id\", \"tag_id\", \"account_id\", \"channel_type\", \"external_tag_id\", \"external_name\", \"last_synced_at\", \"last_result\", \"last_error\", \"created_at\" FROM \"temporary_tag_channel_link\"");
    await queryRunner.query("DROP TABLE \"temporary_tag_channel_link\"");
    await queryRunner.query("CREATE UNIQUE INDEX \"uq_tag_channel_link__external\" ON \"tag_channel_link\" (\"account_id\", \"external_tag_id\") ");
    await queryRunner.query("CREATE UNIQUE INDEX \"uq_tag_channel_link__tag_account\" ON \"tag_channel_link\" (\"tag_id\", \"account_id\") ");
  }
}

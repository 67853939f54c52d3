import { MigrationInterface, QueryRunner } from 'typeorm';

export class ChannelsEventsApiKeys1795436414887 implements MigrationInterface {
  name = 'ChannelsEventsApiKeys1795436414887';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("CREATE TABLE \"api_key\" (\"id\" integer PRIMARY KEY AUTOINCREMENT NOT NULL, \"name\" varchar(64) NOT NULL, \"prefix\" varchar(16) NOT NULL, \"key_hash\" varchar(64) NOT NULL, \"created_by\" integer, \"last_used_at\" datetime, \"revoked_at\" datetime, \"created_at\" datetime NOT NULL DEFAULT (datetime('now')))");
    await queryRunner.query("CREATE UNIQUE INDEX \"uq_api_key__hash\" ON \"api_key\" (\"key_hash\") ");
    await queryRunner.query("CREATE TABLE \"event\" (\"id\" integer PRIMARY KEY AUTOINCREMENT NOT NULL, \"type\" varchar(64) NOT NULL, \"member_id\" integer, \"account_id\" integer, \"source\" varchar(16) NOT NULL, \"dedupe_key\" varchar(191) NOT NULL, \"occurred_at\" datetime(3) NOT NULL, \"properties\" text NOT NULL, \"subject\" text, \"raw\" text, \"status\" varchar(16) NOT NULL DEFAULT ('received'), \"received_at\" datetime NOT NULL DEFAULT (datetime('now')))");
    await queryRunner.query("CREATE UNIQUE INDEX \"uq_event__dedupe_key\" ON \"event\" (\"dedupe_key\") ");
    await queryRunner.query("CREATE INDEX \"idx_event__type_time\" ON \"event\" (\"type\", \"occurred_at\") ");
    await queryRunner.query("CREATE INDEX \"idx_event__member_time\" ON \"event\" (\"member_id\", \"occurred_at\") ");
    await queryRunner.query("CREATE TABLE \"channel_account\" (\"id\" integer PRIMARY KEY AUTOINCREMENT NOT NULL, \"type\" varchar(16) NOT NULL, \"name\" varchar(64) NOT NULL, \"external_id\" varchar(64) NOT NULL, \"agent_id\" integer, \"secret_sealed\" varchar(512), \"token_sealed\" varchar(512), \"aes_key_sealed\" varchar(512), \"api_v3_key_sealed\" varchar(512), \"private_key_sealed\" text, \"cert_serial_no\" varchar(64), \"platform_public_key\" text, \"platform_serial_no\" varchar(64), \"enabled\" boolean NOT NULL DEFAULT (1), \"last_tested_at\" datetime, \"last_test_result\" varchar(255), \"created_at\" datetime NOT NULL DEFAULT (datetime('now')), \"updated_at\" datetime NOT NULL DEFAULT (datetime('now')))");
    await queryRunner.query("CREATE UNIQUE INDEX \"uq_channel_account__external_id\" ON \"channel_account\" (\"type\", \"external_id\") ");
    await queryRunner.query("CREATE TABLE \"channel_access_token\" (\"account_id\" integer NOT NULL, \"kind\" varchar(16) NOT NULL, \"token\" varchar(1024) NOT NULL, \"expires_at\" datetime NOT NULL, \"updated_at\" datetime NOT NULL DEFAULT (datetime('now')), PRIMARY KEY (\"account_id\", \"kind\"))");
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("DROP TABLE \"channel_access_token\"");
    await queryRunner.query("DROP INDEX \"uq_channel_account__external_id\"");
    await queryRunner.query("DROP TABLE \"channel_account\"");
    await queryRunner.query("DROP INDEX \"idx_event__member_time\"");
    await queryRunner.query("DROP INDEX \"idx_event__type_time\"");
    await queryRunner.query("DROP INDEX \"uq_event__dedupe_key\"");
    await queryRunner.query("DROP TABLE \"event\"");
    await queryRunner.query("DROP INDEX \"uq_api_key__hash\"");
    await queryRunner.query("DROP TABLE \"api_key\"");
  }
}

import { MigrationInterface, QueryRunner } from 'typeorm';

export class ChannelsEventsApiKeys1795436414887 implements MigrationInterface {
  name = 'ChannelsEventsApiKeys1795436414887';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("CREATE TABLE `api_key` (`id` int NOT NULL AUTO_INCREMENT, `name` varchar(64) NOT NULL, `prefix` varchar(16) NOT NULL, `key_hash` varchar(64) NOT NULL, `created_by` int NULL, `last_used_at` datetime NULL, `revoked_at` datetime NULL, `created_at` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), UNIQUE INDEX `uq_api_key__hash` (`key_hash`), PRIMARY KEY (`id`)) ENGINE=InnoDB");
    await queryRunner.query("CREATE TABLE `event` (`id` int NOT NULL AUTO_INCREMENT, `type` varchar(64) NOT NULL, `member_id` int NULL, `account_id` int NULL, `source` varchar(16) NOT NULL, `dedupe_key` varchar(191) NOT NULL, `occurred_at` datetime(3) NOT NULL, `properties` text NOT NULL, `subject` text NULL, `raw` text NULL, `status` varchar(16) NOT NULL DEFAULT 'received', `received_at` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), UNIQUE INDEX `uq_event__dedupe_key` (`dedupe_key`), INDEX `idx_event__type_time` (`type`, `occurred_at`), INDEX `idx_event__member_time` (`member_id`, `occurred_at`), PRIMARY KEY (`id`)) ENGINE=InnoDB");
    await queryRunner.query("CREATE TABLE `channel_account` (`id` int NOT NULL AUTO_INCREMENT, `type` varchar(16) NOT NULL, `name` varchar(64) NOT NULL, `external_id` varchar(64) NOT NULL, `agent_id` int NULL, `secret_sealed` varchar(512) NULL, `token_sealed` varchar(512) NULL, `aes_key_sealed` varchar(512) NULL, `api_v3_key_sealed` varchar(512) NULL, `private_key_sealed` text NULL, `cert_serial_no` varchar(64) NULL, `platform_public_key` text NULL, `platform_serial_no` varchar(64) NULL, `enabled` tinyint NOT NULL DEFAULT 1, `last_tested_at` datetime NULL, `last_test_result` varchar(255) NULL, `created_at` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), `updated_at` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6) ON UPDATE CURRENT_TIMESTAMP(6), UNIQUE INDEX `uq_channel_account__external_id` (`type`, `external_id`), PRIMARY KEY (`id`)) ENGINE=InnoDB");
    await queryRunner.query("CREATE TABLE `channel_access_token` (`account_id` int NOT NULL, `kind` varchar(16) NOT NULL, `token` varchar(1024) NOT NULL, `expires_at` datetime NOT NULL, `updated_at` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6) ON UPDATE CURRENT_TIMESTAMP(6), PRIMARY KEY (`account_id`, `kind`)) ENGINE=InnoDB");
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("DROP TABLE `channel_access_token`");
    await queryRunner.query("DROP INDEX `uq_channel_account__external_id` ON `channel_account`");
    await queryRunner.query("DROP TABLE `channel_account`");
    await queryRunner.query("DROP INDEX `idx_event__member_time` ON `event`");
    await queryRunner.query("DROP INDEX `idx_event__type_time` ON `event`");
    await queryRunner.query("DROP INDEX `uq_event__dedupe_key` ON `event`");
    await queryRunner.query("DROP TABLE `event`");
    await queryRunner.query("DROP INDEX `uq_api_key__hash` ON `api_key`");
    await queryRunner.query("DROP TABLE `api_key`");
  }
}

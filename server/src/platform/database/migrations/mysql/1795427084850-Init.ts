import { MigrationInterface, QueryRunner } from 'typeorm';

export class Init1795427084850 implements MigrationInterface {
  name = 'Init1795427084850';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("CREATE TABLE `admin_user` (`id` int NOT NULL AUTO_INCREMENT, `username` varchar(64) NOT NULL, `password_hash` varchar(100) NOT NULL, `display_name` varchar(64) NOT NULL, `role` varchar(20) NOT NULL, `active` tinyint NOT NULL DEFAULT 1, `last_login_at` datetime NULL, `created_at` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), `updated_at` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6) ON UPDATE CURRENT_TIMESTAMP(6), UNIQUE INDEX `uq_admin_user__username` (`username`), PRIMARY KEY (`id`)) ENGINE=InnoDB");
    await queryRunner.query("CREATE TABLE `admin_user_store` (`user_id` int NOT NULL, `store_id` int NOT NULL, INDEX `idx_admin_user_store__store` (`store_id`), PRIMARY KEY (`user_id`, `store_id`)) ENGINE=InnoDB");
    await queryRunner.query("CREATE TABLE `refresh_token` (`id` int NOT NULL AUTO_INCREMENT, `user_id` int NOT NULL, `token_hash` varchar(64) NOT NULL, `family_id` varchar(32) NOT NULL, `expires_at` datetime NOT NULL, `revoked_at` datetime NULL, `rotated_at` datetime NULL, `created_at` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), INDEX `idx_refresh_token__user` (`user_id`), UNIQUE INDEX `uq_refresh_token__token` (`token_hash`), INDEX `idx_refresh_token__family` (`family_id`), PRIMARY KEY (`id`)) ENGINE=InnoDB");
    await queryRunner.query("CREATE TABLE `store` (`id` int NOT NULL AUTO_INCREMENT, `code` varchar(32) NOT NULL, `name` varchar(100) NOT NULL, `city` varchar(50) NULL, `address` varchar(255) NULL, `created_at` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), `updated_at` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6) ON UPDATE CURRENT_TIMESTAMP(6), UNIQUE INDEX `uq_store__code` (`code`), PRIMARY KEY (`id`)) ENGINE=InnoDB");
    await queryRunner.query("CREATE TABLE `attribute_definition` (`id` int NOT NULL AUTO_INCREMENT, `key` varchar(64) NOT NULL, `label` varchar(64) NOT NULL, `type` varchar(16) NOT NULL, `options` text NULL, `description` varchar(255) NULL, `created_at` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), `updated_at` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6) ON UPDATE CURRENT_TIMESTAMP(6), UNIQUE INDEX `uq_attribute_definition__key` (`key`), PRIMARY KEY (`id`)) ENGINE=InnoDB");
    await queryRunner.query("CREATE TABLE `member_attribute` (`member_id` int NOT NULL, `attribute_id` int NOT NULL, `value_text` varchar(255) NULL, `value_number` double NULL, `value_date` date NULL, `value_bool` tinyint NULL, `updated_at` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6) ON UPDATE CURRENT_TIMESTAMP(6), INDEX `idx_member_attribute__date` (`attribute_id`, `value_date`), INDEX `idx_member_attribute__number` (`attribute_id`, `value_number`), INDEX `idx_member_attribute__text` (`attribute_id`, `value_text`), PRIMARY KEY (`member_id`, `attribute_id`)) ENGINE=InnoDB");
    await queryRunner.query("CREATE TABLE `member_identity` (`id` int NOT NULL AUTO_INCREMENT, `member_id` int NOT NULL, `type` varchar(32) NOT NULL, `app_id` varchar(64) NOT NULL DEFAULT '', `value` varchar(128) NOT NULL, `created_at` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), INDEX `idx_member_identity__member` (`member_id`), UNIQUE INDEX `uq_member_identity__value` (`type`, `app_id`, `value`), PRIMARY KEY (`id`)) ENGINE=InnoDB");
    await queryRunner.query("CREATE TABLE `member_import` (`id` int NOT NULL AUTO_INCREMENT, `status` varchar(16) NOT NULL, `file_name` varchar(255) NOT NULL, `content` text NULL, `total` int NOT NULL DEFAULT '0', `processed` int NOT NULL DEFAULT '0', `created` int NOT NULL DEFAULT '0', `updated` int NOT NULL DEFAULT '0', `failed` int NOT NULL DEFAULT '0', `failure` varchar(500) NULL, `created_by` int NULL, `started_at` datetime NULL, `finished_at` datetime NULL, `created_at` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), PRIMARY KEY (`id`)) ENGINE=InnoDB");
    await queryRunner.query("CREATE TABLE `member_import_error` (`id` int NOT NULL AUTO_INCREMENT, `import_id` int NOT NULL, `row_number` int NOT NULL, `column` varchar(64) NOT NULL, `message` varchar(255) NOT NULL, `raw` varchar(1000) NULL, INDEX `idx_member_import_error__import` (`import_id`), PRIMARY KEY (`id`)) ENGINE=InnoDB");
    await queryRunner.query("CREATE TABLE `member` (`id` int NOT NULL AUTO_INCREMENT, `nickname` varchar(64) NULL, `avatar_url` varchar(512) NULL, `gender` varchar(8) NOT NULL DEFAULT 'unknown', `birth_year` smallint NULL, `birth_month` tinyint NULL, `birth_day` tinyint NULL, `phone_encrypted` varchar(160) NULL, `phone_hash` varchar(64) NULL, `phone_masked` varchar(20) NULL, `province` varchar(32) NULL, `city` varchar(32) NULL, `source_channel` varchar(16) NOT NULL DEFAULT 'manual', `lifecycle_stage` varchar(16) NOT NULL DEFAULT 'new', `level` int NOT NULL DEFAULT '0', `points` int NOT NULL DEFAULT '0', `store_id` int NULL, `consent_oa` tinyint NOT NULL DEFAULT 0, `consent_miniapp` tinyint NOT NULL DEFAULT 0, `consent_wecom` tinyint NOT NULL DEFAULT 0, `consent_sms` tinyint NOT NULL DEFAULT 0, `first_seen_at` datetime NULL, `last_seen_at` datetime NULL, `created_at` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), `updated_at` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6) ON UPDATE CURRENT_TIMESTAMP(6), INDEX `idx_member__phone_hash` (`phone_hash`), INDEX `idx_member__source_channel` (`source_channel`), INDEX `idx_member__stage` (`lifecycle_stage`), INDEX `idx_member__store_created` (`store_id`, `created_at`), INDEX `idx_member__last_seen` (`last_seen_at`, `id`), INDEX `idx_member__created` (`created_at`, `id`), PRIMARY KEY (`id`)) ENGINE=InnoDB");
    await queryRunner.query("CREATE TABLE `tag_group` (`id` int NOT NULL AUTO_INCREMENT, `name` varchar(64) NOT NULL, `description` varchar(255) NULL, `sort_order` int NOT NULL DEFAULT '0', `created_at` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), `updated_at` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6) ON UPDATE CURRENT_TIMESTAMP(6), UNIQUE INDEX `uq_tag_group__name` (`name`), PRIMARY KEY (`id`)) ENGINE=InnoDB");
    await queryRunner.query("CREATE TABLE `tag` (`id` int NOT NULL AUTO_INCREMENT, `group_id` int NULL, `name` varchar(64) NOT NULL, `color` varchar(16) NOT NULL DEFAULT '#409EFF', `description` varchar(255) NULL, `created_at` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), `updated_at` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6) ON UPDATE CURRENT_TIMESTAMP(6), INDEX `idx_tag__group` (`group_id`), UNIQUE INDEX `uq_tag__name` (`name`), PRIMARY KEY (`id`)) ENGINE=InnoDB");
    await queryRunner.query("CREATE TABLE `member_tag` (`member_id` int NOT NULL, `tag_id` int NOT NULL, `source` varchar(16) NOT NULL, `added_by_user_id` int NULL, `added_by` varchar(64) NOT NULL, `created_at` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), INDEX `idx_member_tag__tag_member` (`tag_id`, `member_id`), PRIMARY KEY (`member_id`, `tag_id`)) ENGINE=InnoDB");
    await queryRunner.query("CREATE TABLE `audit_log` (`id` int NOT NULL AUTO_INCREMENT, `actor_id` int NULL, `actor_name` varchar(64) NOT NULL, `action` varchar(64) NOT NULL, `entity_type` varchar(40) NOT NULL, `entity_id` varchar(64) NULL, `before` text NULL, `after` text NULL, `request_id` varchar(64) NULL, `created_at` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), INDEX `idx_audit_log__created` (`created_at`), INDEX `idx_audit_log__entity` (`entity_type`, `entity_id`), PRIMARY KEY (`id`)) ENGINE=InnoDB");
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("DROP INDEX `idx_audit_log__entity` ON `audit_log`");
    await queryRunner.query("DROP INDEX `idx_audit_log__created` ON `audit_log`");
    await queryRunner.query("DROP TABLE `audit_log`");
    await queryRunner.query("DROP INDEX `idx_member_tag__tag_member` ON `member_tag`");
    await queryRunner.query("DROP TABLE `member_tag`");
    await queryRunner.query("DROP INDEX `uq_tag__name` ON `tag`");
    await queryRunner.query("DROP INDEX `idx_tag__group` ON `tag`");
    await queryRunner.query("DROP TABLE `tag`");
    await queryRunner.query("DROP INDEX `uq_tag_group__name` ON `tag_group`");
    await queryRunner.query("DROP TABLE `tag_group`");
    await queryRunner.query("DROP INDEX `idx_member__created` ON `member`");
    await queryRunner.query("DROP INDEX `idx_member__last_seen` ON `member`");
    await queryRunner.query("DROP INDEX `idx_member__store_created` ON `member`");
    await queryRunner.query("DROP INDEX `idx_member__stage` ON `member`");
    await queryRunner.query("DROP INDEX `idx_member__source_channel` ON `member`");
    await queryRunner.query("DROP INDEX `idx_member__phone_hash` ON `member`");
    await queryRunner.query("DROP TABLE `member`");
    await queryRunner.query("DROP INDEX `idx_member_import_error__import` ON `member_import_error`");
    await queryRunner.query("DROP TABLE `member_import_error`");
    await queryRunner.query("DROP TABLE `member_import`");
    await queryRunner.query("DROP INDEX `uq_member_identity__value` ON `member_identity`");
    await queryRunner.query("DROP INDEX `idx_member_identity__member` ON `member_identity`");
    await queryRunner.query("DROP TABLE `member_identity`");
    await queryRunner.query("DROP INDEX `idx_member_attribute__text` ON `member_attribute`");
    await queryRunner.query("DROP INDEX `idx_member_attribute__number` ON `member_attribute`");
    await queryRunner.query("DROP INDEX `idx_member_attribute__date` ON `member_attribute`");
    await queryRunner.query("DROP TABLE `member_attribute`");
    await queryRunner.query("DROP INDEX `uq_attribute_definition__key` ON `attribute_definition`");
    await queryRunner.query("DROP TABLE `attribute_definition`");
    await queryRunner.query("DROP INDEX `uq_store__code` ON `store`");
    await queryRunner.query("DROP TABLE `store`");
    await queryRunner.query("DROP INDEX `idx_refresh_token__family` ON `refresh_token`");
    await queryRunner.query("DROP INDEX `uq_refresh_token__token` ON `refresh_token`");
    await queryRunner.query("DROP INDEX `idx_refresh_token__user` ON `refresh_token`");
    await queryRunner.query("DROP TABLE `refresh_token`");
    await queryRunner.query("DROP INDEX `idx_admin_user_store__store` ON `admin_user_store`");
    await queryRunner.query("DROP TABLE `admin_user_store`");
    await queryRunner.query("DROP INDEX `uq_admin_user__username` ON `admin_user`");
    await queryRunner.query("DROP TABLE `admin_user`");
  }
}

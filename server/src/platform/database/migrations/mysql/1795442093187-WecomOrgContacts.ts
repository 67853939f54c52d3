import { MigrationInterface, QueryRunner } from 'typeorm';

export class WecomOrgContacts1795442093187 implements MigrationInterface {
  name = 'WecomOrgContacts1795442093187';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("CREATE TABLE `wecom_department` (`id` int NOT NULL AUTO_INCREMENT, `account_id` int NOT NULL, `dept_id` int NOT NULL, `parent_id` int NOT NULL, `name` varchar(64) NOT NULL, `order` int NOT NULL DEFAULT '0', `store_id` int NULL, `store_mapped_by` varchar(8) NULL, `synced_at` datetime NOT NULL, `removed_at` datetime NULL, INDEX `idx_wecom_department__store` (`store_id`), UNIQUE INDEX `uq_wecom_department__account_dept` (`account_id`, `dept_id`), PRIMARY KEY (`id`)) ENGINE=InnoDB");
    await queryRunner.query("CREATE TABLE `wecom_staff` (`id` int NOT NULL AUTO_INCREMENT, `account_id` int NOT NULL, `userid` varchar(64) NOT NULL, `name` varchar(64) NOT NULL, `position` varchar(128) NULL, `mobile_masked` varchar(20) NULL, `department_ids` text NOT NULL, `leader_department_ids` text NOT NULL, `status` int NOT NULL, `admin_user_id` int NULL, `admin_user_mapped_by` varchar(8) NULL, `synced_at` datetime NOT NULL, `removed_at` datetime NULL, INDEX `idx_wecom_staff__admin_user` (`admin_user_id`), UNIQUE INDEX `uq_wecom_staff__account_userid` (`account_id`, `userid`), PRIMARY KEY (`id`)) ENGINE=InnoDB");
    await queryRunner.query("CREATE TABLE `wecom_sync_run` (`id` int NOT NULL AUTO_INCREMENT, `account_id` int NOT NULL, `kind` varchar(16) NOT NULL, `status` varchar(16) NOT NULL, `total` int NOT NULL DEFAULT '0', `processed` int NOT NULL DEFAULT '0', `created` int NOT NULL DEFAULT '0', `updated` int NOT NULL DEFAULT '0', `removed` int NOT NULL DEFAULT '0', `failed` int NOT NULL DEFAULT '0', `errors` text NOT NULL, `failure` varchar(500) NULL, `created_by` int NULL, `started_at` datetime NULL, `finished_at` datetime NULL, `created_at` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), INDEX `idx_wecom_sync_run__account_kind` (`account_id`, `kind`, `id`), PRIMARY KEY (`id`)) ENGINE=InnoDB");
    await queryRunner.query("CREATE TABLE `wecom_contact_follow` (`id` int NOT NULL AUTO_INCREMENT, `account_id` int NOT NULL, `external_user_id` varchar(64) NOT NULL, `staff_user_id` varchar(64) NOT NULL, `member_id` int NULL, `state` varchar(64) NULL, `add_way` int NULL, `remark` varchar(128) NULL, `added_at` datetime NULL, `removed_at` datetime NULL, `removed_by` varchar(24) NULL, `updated_at` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6) ON UPDATE CURRENT_TIMESTAMP(6), INDEX `idx_wecom_contact_follow__staff` (`account_id`, `staff_user_id`), INDEX `idx_wecom_contact_follow__member` (`member_id`, `added_at`), UNIQUE INDEX `uq_wecom_contact_follow__account_ext_staff` (`account_id`, `external_user_id`, `staff_user_id`), PRIMARY KEY (`id`)) ENGINE=InnoDB");
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("DROP INDEX `uq_wecom_contact_follow__account_ext_staff` ON `wecom_contact_follow`");
    await queryRunner.query("DROP INDEX `idx_wecom_contact_follow__member` ON `wecom_contact_follow`");
    await queryRunner.query("DROP INDEX `idx_wecom_contact_follow__staff` ON `wecom_contact_follow`");
    await queryRunner.query("DROP TABLE `wecom_contact_follow`");
    await queryRunner.query("DROP INDEX `idx_wecom_sync_run__account_kind` ON `wecom_sync_run`");
    await queryRunner.query("DROP TABLE `wecom_sync_run`");
    await queryRunner.query("DROP INDEX `uq_wecom_staff__account_userid` ON `wecom_staff`");
    await queryRunner.query("DROP INDEX `idx_wecom_staff__admin_user` ON `wecom_staff`");
    await queryRunner.query("DROP TABLE `wecom_staff`");
    await queryRunner.query("DROP INDEX `uq_wecom_department__account_dept` ON `wecom_department`");
    await queryRunner.query("DROP INDEX `idx_wecom_department__store` ON `wecom_department`");
    await queryRunner.query("DROP TABLE `wecom_department`");
  }
}

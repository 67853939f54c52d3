import { MigrationInterface, QueryRunner } from 'typeorm';

export class WecomOrgContacts1795442093187 implements MigrationInterface {
  name = 'WecomOrgContacts1795442093187';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("CREATE TABLE \"wecom_department\" (\"id\" integer PRIMARY KEY AUTOINCREMENT NOT NULL, \"account_id\" integer NOT NULL, \"dept_id\" integer NOT NULL, \"parent_id\" integer NOT NULL, \"name\" varchar(64) NOT NULL, \"order\" integer NOT NULL DEFAULT (0), \"store_id\" integer, \"store_mapped_by\" varchar(8), \"synced_at\" datetime NOT NULL, \"removed_at\" datetime)");
    await queryRunner.query("CREATE INDEX \"idx_wecom_department__store\" ON \"wecom_department\" (\"store_id\") ");
    await queryRunner.query("CREATE UNIQUE INDEX \"uq_wecom_department__account_dept\" ON \"wecom_department\" (\"account_id\", \"dept_id\") ");
    await queryRunner.query("CREATE TABLE \"wecom_staff\" (\"id\" integer PRIMARY KEY AUTOINCREMENT NOT NULL, \"account_id\" integer NOT NULL, \"userid\" varchar(64) NOT NULL, \"name\" varchar(64) NOT NULL, \"position\" varchar(128), \"mobile_masked\" varchar(20), \"department_ids\" text NOT NULL, \"leader_department_ids\" text NOT NULL, \"status\" integer NOT NULL, \"admin_user_id\" integer, \"admin_user_mapped_by\" varchar(8), \"synced_at\" datetime NOT NULL, \"removed_at\" datetime)");
    await queryRunner.query("CREATE INDEX \"idx_wecom_staff__admin_user\" ON \"wecom_staff\" (\"admin_user_id\") ");
    await queryRunner.query("CREATE UNIQUE INDEX \"uq_wecom_staff__account_userid\" ON \"wecom_staff\" (\"account_id\", \"userid\") ");
    await queryRunner.query("CREATE TABLE \"wecom_sync_run\" (\"id\" integer PRIMARY KEY AUTOINCREMENT NOT NULL, \"account_id\" integer NOT NULL, \"kind\" varchar(16) NOT NULL, \"status\" varchar(16) NOT NULL, \"total\" integer NOT NULL DEFAULT (0), \"processed\" integer NOT NULL DEFAULT (0), \"created\" integer NOT NULL DEFAULT (0), \"updated\" integer NOT NULL DEFAULT (0), \"removed\" integer NOT NULL DEFAULT (0), \"failed\" integer NOT NULL DEFAULT (0), \"errors\" text NOT NULL, \"failure\" varchar(500), \"created_by\" integer, \"started_at\" datetime, \"finished_at\" datetime, \"created_at\" datetime NOT NULL DEFAULT (datetime('now')))");
    await queryRunner.query("CREATE INDEX \"idx_wecom_sync_run__account_kind\" ON \"wecom_sync_run\" (\"account_id\", \"kind\", \"id\") ");
    await queryRunner.query("CREATE TABLE \"wecom_contact_follow\" (\"id\" integer PRIMARY KEY AUTOINCREMENT NOT NULL, \"account_id\" integer NOT NULL, \"external_user_id\" varchar(64) NOT NULL, \"staff_user_id\" varchar(64) NOT NULL, \"member_id\" integer, \"state\" varchar(64), \"add_way\" integer, \"remark\" varchar(128), \"added_at\" datetime, \"removed_at\" datetime, \"removed_by\" varchar(24), \"updated_at\" datetime NOT NULL DEFAULT (datetime('now')))");
    await queryRunner.query("CREATE INDEX \"idx_wecom_contact_follow__staff\" ON \"wecom_contact_follow\" (\"account_id\", \"staff_user_id\") ");
    await queryRunner.query("CREATE INDEX \"idx_wecom_contact_follow__member\" ON \"wecom_contact_follow\" (\"member_id\", \"added_at\") ");
    await queryRunner.query("CREATE UNIQUE INDEX \"uq_wecom_contact_follow__account_ext_staff\" ON \"wecom_contact_follow\" (\"account_id\", \"external_user_id\", \"staff_user_id\") ");
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("DROP INDEX \"uq_wecom_contact_follow__account_ext_staff\"");
    await queryRunner.query("DROP INDEX \"idx_wecom_contact_follow__member\"");
    await queryRunner.query("DROP INDEX \"idx_wecom_contact_follow__staff\"");
    await queryRunner.query("DROP TABLE \"wecom_contact_follow\"");
    await queryRunner.query("DROP INDEX \"idx_wecom_sync_run__account_kind\"");
    await queryRunner.query("DROP TABLE \"wecom_sync_run\"");
    await queryRunner.query("DROP INDEX \"uq_wecom_staff__account_userid\"");
    await queryRunner.query("DROP INDEX \"idx_wecom_staff__admin_user\"");
    await queryRunner.query("DROP TABLE \"wecom_staff\"");
    await queryRunner.query("DROP INDEX \"uq_wecom_department__account_dept\"");
    await queryRunner.query("DROP INDEX \"idx_wecom_department__store\"");
    await queryRunner.query("DROP TABLE \"wecom_department\"");
  }
}

import { MigrationInterface, QueryRunner } from 'typeorm';

export class Init1795427084850 implements MigrationInterface {
  name = 'Init1795427084850';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("CREATE TABLE \"admin_user\" (\"id\" integer PRIMARY KEY AUTOINCREMENT NOT NULL, \"username\" varchar(64) NOT NULL, \"password_hash\" varchar(100) NOT NULL, \"display_name\" varchar(64) NOT NULL, \"role\" varchar(20) NOT NULL, \"active\" boolean NOT NULL DEFAULT (1), \"last_login_at\" datetime, \"created_at\" datetime NOT NULL DEFAULT (datetime('now')), \"updated_at\" datetime NOT NULL DEFAULT (datetime('now')))");
    await queryRunner.query("CREATE UNIQUE INDEX \"uq_admin_user__username\" ON \"admin_user\" (\"username\") ");
    await queryRunner.query("CREATE TABLE \"admin_user_store\" (\"user_id\" integer NOT NULL, \"store_id\" integer NOT NULL, PRIMARY KEY (\"user_id\", \"store_id\"))");
    await queryRunner.query("CREATE INDEX \"idx_admin_user_store__store\" ON \"admin_user_store\" (\"store_id\") ");
    await queryRunner.query("CREATE TABLE \"refresh_token\" (\"id\" integer PRIMARY KEY AUTOINCREMENT NOT NULL, \"user_id\" integer NOT NULL, \"token_hash\" varchar(64) NOT NULL, \"family_id\" varchar(32) NOT NULL, \"expires_at\" datetime NOT NULL, \"revoked_at\" datetime, \"rotated_at\" datetime, \"created_at\" datetime NOT NULL DEFAULT (datetime('now')))");
    await queryRunner.query("CREATE INDEX \"idx_refresh_token__user\" ON \"refresh_token\" (\"user_id\") ");
    await queryRunner.query("CREATE UNIQUE INDEX \"uq_refresh_token__token\" ON \"refresh_token\" (\"token_hash\") ");
    await queryRunner.query("CREATE INDEX \"idx_refresh_token__family\" ON \"refresh_token\" (\"family_id\") ");
    await queryRunner.query("CREATE TABLE \"store\" (\"id\" integer PRIMARY KEY AUTOINCREMENT NOT NULL, \"code\" varchar(32) NOT NULL, \"name\" varchar(100) NOT NULL, \"city\" varchar(50), \"address\" varchar(255), \"created_at\" datetime NOT NULL DEFAULT (datetime('now')), \"updated_at\" datetime NOT NULL DEFAULT (datetime('now')))");
    await queryRunner.query("CREATE UNIQUE INDEX \"uq_store__code\" ON \"store\" (\"code\") ");
    await queryRunner.query("CREATE TABLE \"attribute_definition\" (\"id\" integer PRIMARY KEY AUTOINCREMENT NOT NULL, \"key\" varchar(64) NOT NULL, \"label\" varchar(64) NOT NULL, \"type\" varchar(16) NOT NULL, \"options\" text, \"description\" varchar(255), \"created_at\" datetime NOT NULL DEFAULT (datetime('now')), \"updated_at\" datetime NOT NULL DEFAULT (datetime('now')))");
    await queryRunner.query("CREATE UNIQUE INDEX \"uq_attribute_definition__key\" ON \"attribute_definition\" (\"key\") ");
    await queryRunner.query("CREATE TABLE \"member_attribute\" (\"member_id\" integer NOT NULL, \"attribute_id\" integer NOT NULL, \"value_text\" varchar(255), \"value_number\" double, \"value_date\" date, \"value_bool\" boolean, \"updated_at\" datetime NOT NULL DEFAULT (datetime('now')), PRIMARY KEY (\"member_id\", \"attribute_id\"))");
    await queryRunner.query("CREATE INDEX \"idx_member_attribute__date\" ON \"member_attribute\" (\"attribute_id\", \"value_date\") ");
    await queryRunner.query("CREATE INDEX \"idx_member_attribute__number\" ON \"member_attribute\" (\"attribute_id\", \"value_number\") ");
    await queryRunner.query("CREATE INDEX \"idx_member_attribute__text\" ON \"member_attribute\" (\"attribute_id\", \"value_text\") ");
    await queryRunner.query("CREATE TABLE \"member_identity\" (\"id\" integer PRIMARY KEY AUTOINCREMENT NOT NULL, \"member_id\" integer NOT NULL, \"type\" varchar(32) NOT NULL, \"app_id\" varchar(64) NOT NULL DEFAULT (''), \"value\" varchar(128) NOT NULL, \"created_at\" datetime NOT NULL DEFAULT (datetime('now')))");
    await queryRunner.query("CREATE INDEX \"idx_member_identity__member\" ON \"member_identity\" (\"member_id\") ");
    await queryRunner.query("CREATE UNIQUE INDEX \"uq_member_identity__value\" ON \"member_identity\" (\"type\", \"app_id\", \"value\") ");
    await queryRunner.query("CREATE TABLE \"member_import\" (\"id\" integer PRIMARY KEY AUTOINCREMENT NOT NULL, \"status\" varchar(16) NOT NULL, \"file_name\" varchar(255) NOT NULL, \"content\" text, \"total\" integer NOT NULL DEFAULT (0), \"processed\" integer NOT NULL DEFAULT (0), \"created\" integer NOT NULL DEFAULT (0), \"updated\" integer NOT NULL DEFAULT (0), \"failed\" integer NOT NULL DEFAULT (0), \"failure\" varchar(500), \"created_by\" integer, \"started_at\" datetime, \"finished_at\" datetime, \"created_at\" datetime NOT NULL DEFAULT (datetime('now')))");
    await queryRunner.query("CREATE TABLE \"member_import_error\" (\"id\" integer PRIMARY KEY AUTOINCREMENT NOT NULL, \"import_id\" integer NOT NULL, \"row_number\" integer NOT NULL, \"column\" varchar(64) NOT NULL, \"message\" varchar(255) NOT NULL, \"raw\" varchar(1000))");
    await queryRunner.query("CREATE INDEX \"idx_member_import_error__import\" ON \"member_import_error\" (\"import_id\") ");
    await queryRunner.query("CREATE TABLE \"member\" (\"id\" integer PRIMARY KEY AUTOINCREMENT NOT NULL, \"nickname\" varchar(64), \"avatar_url\" varchar(512), \"gender\" varchar(8) NOT NULL DEFAULT ('unknown'), \"birth_year\" smallint, \"birth_month\" tinyint, \"birth_day\" tinyint, \"phone_encrypted\" varchar(160), \"phone_hash\" varchar(64), \"phone_masked\" varchar(20), \"province\" varchar(32), \"city\" varchar(32), \"source_channel\" varchar(16) NOT NULL DEFAULT ('manual'), \"lifecycle_stage\" varchar(16) NOT NULL DEFAULT ('new'), \"level\" integer NOT NULL DEFAULT (0), \"points\" integer NOT NULL DEFAULT (0), \"store_id\" integer, \"consent_oa\" boolean NOT NULL DEFAULT (0), \"consent_miniapp\" boolean NOT NULL DEFAULT (0), \"consent_wecom\" boolean NOT NULL DEFAULT (0), \"consent_sms\" boolean NOT NULL DEFAULT (0), \"first_seen_at\" datetime, \"last_seen_at\" datetime, \"created_at\" datetime NOT NULL DEFAULT (datetime('now')), \"updated_at\" datetime NOT NULL DEFAULT (datetime('now')))");
    await queryRunner.query("CREATE INDEX \"idx_member__phone_hash\" ON \"member\" (\"phone_hash\") ");
    await queryRunner.query("CREATE INDEX \"idx_member__source_channel\" ON \"member\" (\"source_channel\") ");
    await queryRunner.query("CREATE INDEX \"idx_member__stage\" ON \"member\" (\"lifecycle_stage\") ");
    await queryRunner.query("CREATE INDEX \"idx_member__store_created\" ON \"member\" (\"store_id\", \"created_at\") ");
    await queryRunner.query("CREATE INDEX \"idx_member__last_seen\" ON \"member\" (\"last_seen_at\", \"id\") ");
    await queryRunner.query("CREATE INDEX \"idx_member__created\" ON \"member\" (\"created_at\", \"id\") ");
    await queryRunner.query("CREATE TABLE \"tag_group\" (\"id\" integer PRIMARY KEY AUTOINCREMENT NOT NULL, \"name\" varchar(64) NOT NULL, \"description\" varchar(255), \"sort_order\" integer NOT NULL DEFAULT (0), \"created_at\" datetime NOT NULL DEFAULT (datetime('now')), \"updated_at\" datetime NOT NULL DEFAULT (datetime('now')))");
    await queryRunner.query("CREATE UNIQUE INDEX \"uq_tag_group__name\" ON \"tag_group\" (\"name\") ");
    await queryRunner.query("CREATE TABLE \"tag\" (\"id\" integer PRIMARY KEY AUTOINCREMENT NOT NULL, \"group_id\" integer, \"name\" varchar(64) NOT NULL, \"color\" varchar(16) NOT NULL DEFAULT ('#409EFF'), \"description\" varchar(255), \"created_at\" datetime NOT NULL DEFAULT (datetime('now')), \"updated_at\" datetime NOT NULL DEFAULT (datetime('now')))");
    await queryRunner.query("CREATE INDEX \"idx_tag__group\" ON \"tag\" (\"group_id\") ");
    await queryRunner.query("CREATE UNIQUE INDEX \"uq_tag__name\" ON \"tag\" (\"name\") ");
    await queryRunner.query("CREATE TABLE \"member_tag\" (\"member_id\" integer NOT NULL, \"tag_id\" integer NOT NULL, \"source\" varchar(16) NOT NULL, \"added_by_user_id\" integer, \"added_by\" varchar(64) NOT NULL, \"created_at\" datetime NOT NULL DEFAULT (datetime('now')), PRIMARY KEY (\"member_id\", \"tag_id\"))");
    await queryRunner.query("CREATE INDEX \"idx_member_tag__tag_member\" ON \"member_tag\" (\"tag_id\", \"member_id\") ");
    await queryRunner.query("CREATE TABLE \"audit_log\" (\"id\" integer PRIMARY KEY AUTOINCREMENT NOT NULL, \"actor_id\" integer, \"actor_name\" varchar(64) NOT NULL, \"action\" varchar(64) NOT NULL, \"entity_type\" varchar(40) NOT NULL, \"entity_id\" varchar(64), \"before\" text, \"after\" text, \"request_id\" varchar(64), \"created_at\" datetime NOT NULL DEFAULT (datetime('now')))");
    await queryRunner.query("CREATE INDEX \"idx_audit_log__created\" ON \"audit_log\" (\"created_at\") ");
    await queryRunner.query("CREATE INDEX \"idx_audit_log__entity\" ON \"audit_log\" (\"entity_type\", \"entity_id\") ");
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("DROP INDEX \"idx_audit_log__entity\"");
    await queryRunner.query("DROP INDEX \"idx_audit_log__created\"");
    await queryRunner.query("DROP TABLE \"audit_log\"");
    await queryRunner.query("DROP INDEX \"idx_member_tag__tag_member\"");
    await queryRunner.query("DROP TABLE \"member_tag\"");
    await queryRunner.query("DROP INDEX \"uq_tag__name\"");
    await queryRunner.query("DROP INDEX \"idx_tag__group\"");
    await queryRunner.query("DROP TABLE \"tag\"");
    await queryRunner.query("DROP INDEX \"uq_tag_group__name\"");
    await queryRunner.query("DROP TABLE \"tag_group\"");
    await queryRunner.query("DROP INDEX \"idx_member__created\"");
    await queryRunner.query("DROP INDEX \"idx_member__last_seen\"");
    await queryRunner.query("DROP INDEX \"idx_member__store_created\"");
    await queryRunner.query("DROP INDEX \"idx_member__stage\"");
    await queryRunner.query("DROP INDEX \"idx_member__source_channel\"");
    await queryRunner.query("DROP INDEX \"idx_member__phone_hash\"");
    await queryRunner.query("DROP TABLE \"member\"");
    await queryRunner.query("DROP INDEX \"idx_member_import_error__import\"");
    await queryRunner.query("DROP TABLE \"member_import_error\"");
    await queryRunner.query("DROP TABLE \"member_import\"");
    await queryRunner.query("DROP INDEX \"uq_member_identity__value\"");
    await queryRunner.query("DROP INDEX \"idx_member_identity__member\"");
    await queryRunner.query("DROP TABLE \"member_identity\"");
    await queryRunner.query("DROP INDEX \"idx_member_attribute__text\"");
    await queryRunner.query("DROP INDEX \"idx_member_attribute__number\"");
    await queryRunner.query("DROP INDEX \"idx_member_attribute__date\"");
    await queryRunner.query("DROP TABLE \"member_attribute\"");
    await queryRunner.query("DROP INDEX \"uq_attribute_definition__key\"");
    await queryRunner.query("DROP TABLE \"attribute_definition\"");
    await queryRunner.query("DROP INDEX \"uq_store__code\"");
    await queryRunner.query("DROP TABLE \"store\"");
    await queryRunner.query("DROP INDEX \"idx_refresh_token__family\"");
    await queryRunner.query("DROP INDEX \"uq_refresh_token__token\"");
    await queryRunner.query("DROP INDEX \"idx_refresh_token__user\"");
    await queryRunner.query("DROP TABLE \"refresh_token\"");
    await queryRunner.query("DROP INDEX \"idx_admin_user_store__store\"");
    await queryRunner.query("DROP TABLE \"admin_user_store\"");
    await queryRunner.query("DROP INDEX \"uq_admin_user__username\"");
    await queryRunner.query("DROP TABLE \"admin_user\"");
  }
}

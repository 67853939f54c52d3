import { MigrationInterface, QueryRunner } from 'typeorm';

export class MemberMergeIdentityConsent1795441654822 implements MigrationInterface {
  name = 'MemberMergeIdentityConsent1795441654822';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("CREATE TABLE \"member_merge\" (\"id\" integer PRIMARY KEY AUTOINCREMENT NOT NULL, \"kept_member_id\" integer NOT NULL, \"merged_member_id\" integer NOT NULL, \"reason\" varchar(16) NOT NULL, \"identifier\" varchar(128) NOT NULL, \"identities_moved\" text NOT NULL, \"events_moved\" integer NOT NULL DEFAULT (0), \"snapshot\" text NOT NULL, \"merged_by_user_id\" integer, \"merged_by\" varchar(64) NOT NULL, \"merged_at\" datetime NOT NULL DEFAULT (datetime('now')), \"undone_at\" datetime, \"undone_by_user_id\" integer, \"undone_by\" varchar(64))");
    await queryRunner.query("CREATE INDEX \"idx_member_merge__merged\" ON \"member_merge\" (\"merged_member_id\") ");
    await queryRunner.query("CREATE INDEX \"idx_member_merge__kept\" ON \"member_merge\" (\"kept_member_id\") ");
    await queryRunner.query("DROP INDEX \"uq_member_identity__value\"");
    await queryRunner.query("DROP INDEX \"idx_member_identity__member\"");
    await queryRunner.query("CREATE TABLE \"temporary_member_identity\" (\"id\" integer PRIMARY KEY AUTOINCREMENT NOT NULL, \"member_id\" integer NOT NULL, \"type\" varchar(32) NOT NULL, \"app_id\" varchar(64) NOT NULL DEFAULT (''), \"value\" varchar(128) NOT NULL, \"created_at\" datetime NOT NULL DEFAULT (datetime('now')), \"consent\" boolean, \"consent_at\" datetime)");
    await queryRunner.query("INSERT INTO \"temporary_member_identity\"(\"id\", \"member_id\", \"type\", \"app_id\", \"value\", \"created_at\") SELECT \"id\", \"member_id\", \"type\", \"app_id\", \"value\", \"created_at\" FROM \"member_identity\"");
    await queryRunner.query("DROP TABLE \"member_identity\"");
    await queryRunner.query("ALTER TABLE \"temporary_member_identity\" RENAME TO \"member_identity\"");
    await queryRunner.query("CREATE UNIQUE INDEX \"uq_member_identity__value\" ON \"member_identity\" (\"type\", \"app_id\", \"value\") ");
    await queryRunner.query("CREATE INDEX \"idx_member_identity__member\" ON \"member_identity\" (\"member_id\") ");
    // Consent now lives on the identity it came through; identities of members who had consented start as granted.
    for (const [type, flag] of [['oa_openid', 'consent_oa'], ['mp_openid', 'consent_miniapp'], ['wecom_external_userid', 'consent_wecom'], ['phone', 'consent_sms']]) {
      await queryRunner.query(`UPDATE member_identity SET consent = 1 WHERE type = '${type}' AND member_id IN (SELECT id FROM member WHERE ${flag} = 1)`);
    }
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("DROP INDEX \"idx_member_identity__member\"");
    await queryRunner.query("DROP INDEX \"uq_member_identity__value\"");
    await queryRunner.query("ALTER TABLE \"member_identity\" RENAME TO \"temporary_member_identity\"");
    await queryRunner.query("CREATE TABLE \"member_identity\" (\"id\" integer PRIMARY KEY AUTOINCREMENT NOT NULL, \"member_id\" integer NOT NULL, \"type\" varchar(32) NOT NULL, \"app_id\" varchar(64) NOT NULL DEFAULT (''), \"value\" varchar(128) NOT NULL, \"created_at\" datetime NOT NULL DEFAULT (datetime('now')))");
    await queryRunner.query("INSERT INTO \"member_identity\"(\"id\", \"member_id\", \"type\", \"app_id\", \"value\", \"created_at\") SELECT \"id\", \"member_id\", \"type\", \"app_id\", \"value\", \"created_at\" FROM \"temporary_member_identity\"");
    await queryRunner.query("DROP TABLE \"temporary_member_identity\"");
    await queryRunner.query("CREATE INDEX \"idx_member_identity__member\" ON \"member_identity\" (\"member_id\") ");
    await queryRunner.query("CREATE UNIQUE INDEX \"uq_member_identity__value\" ON \"member_identity\" (\"type\", \"app_id\", \"value\") ");
    await queryRunner.query("DROP INDEX \"idx_member_merge__kept\"");
    await queryRunner.query("DROP INDEX \"idx_member_merge__merged\"");
    await queryRunner.query("DROP TABLE \"member_merge\"");
  }
}

import { MigrationInterface, QueryRunner } from 'typeorm';

export class MemberMergeIdentityConsent1795441654822 implements MigrationInterface {
  name = 'MemberMergeIdentityConsent1795441654822';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("CREATE TABLE `member_merge` (`id` int NOT NULL AUTO_INCREMENT, `kept_member_id` int NOT NULL, `merged_member_id` int NOT NULL, `reason` varchar(16) NOT NULL, `identifier` varchar(128) NOT NULL, `identities_moved` text NOT NULL, `events_moved` int NOT NULL DEFAULT '0', `snapshot` text NOT NULL, `merged_by_user_id` int NULL, `merged_by` varchar(64) NOT NULL, `merged_at` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), `undone_at` datetime NULL, `undone_by_user_id` int NULL, `undone_by` varchar(64) NULL, INDEX `idx_member_merge__merged` (`merged_member_id`), INDEX `idx_member_merge__kept` (`kept_member_id`), PRIMARY KEY (`id`)) ENGINE=InnoDB");
    await queryRunner.query("ALTER TABLE `member_identity` ADD `consent` tinyint NULL");
    await queryRunner.query("ALTER TABLE `member_identity` ADD `consent_at` datetime NULL");
    // Consent now lives on the identity it came through; identities of members who had consented start as granted.
    for (const [type, flag] of [['oa_openid', 'consent_oa'], ['mp_openid', 'consent_miniapp'], ['wecom_external_userid', 'consent_wecom'], ['phone', 'consent_sms']]) {
      await queryRunner.query(`UPDATE member_identity SET consent = 1 WHERE type = '${type}' AND member_id IN (SELECT id FROM member WHERE ${flag} = 1)`);
    }
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("ALTER TABLE `member_identity` DROP COLUMN `consent_at`");
    await queryRunner.query("ALTER TABLE `member_identity` DROP COLUMN `consent`");
    await queryRunner.query("DROP INDEX `idx_member_merge__kept` ON `member_merge`");
    await queryRunner.query("DROP INDEX `idx_member_merge__merged` ON `member_merge`");
    await queryRunner.query("DROP TABLE `member_merge`");
  }
}

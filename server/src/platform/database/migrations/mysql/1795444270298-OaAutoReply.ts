import { MigrationInterface, QueryRunner } from 'typeorm';

export class OaAutoReply1795444270298 implements MigrationInterface {
  name = 'OaAutoReply1795444270298';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("CREATE TABLE `oa_auto_reply` (`id` int NOT NULL AUTO_INCREMENT, `account_id` int NULL, `trigger` varchar(16) NOT NULL, `keyword` varchar(30) NULL, `match` varchar(16) NOT NULL DEFAULT 'exact', `reply` varchar(600) NOT NULL, `enabled` tinyint NOT NULL DEFAULT 1, `created_at` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), `updated_at` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6) ON UPDATE CURRENT_TIMESTAMP(6), INDEX `idx_oa_auto_reply__trigger` (`trigger`, `enabled`), PRIMARY KEY (`id`)) ENGINE=InnoDB");
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("DROP INDEX `idx_oa_auto_reply__trigger` ON `oa_auto_reply`");
    await queryRunner.query("DROP TABLE `oa_auto_reply`");
  }
}

import { MigrationInterface, QueryRunner } from 'typeorm';

export class OaFollowerImport1795442284479 implements MigrationInterface {
  name = 'OaFollowerImport1795442284479';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("CREATE TABLE `oa_follower_import` (`id` int NOT NULL AUTO_INCREMENT, `account_id` int NOT NULL, `status` varchar(16) NOT NULL, `total` int NOT NULL DEFAULT '0', `processed` int NOT NULL DEFAULT '0', `created` int NOT NULL DEFAULT '0', `matched` int NOT NULL DEFAULT '0', `failed` int NOT NULL DEFAULT '0', `cursor` varchar(64) NOT NULL DEFAULT '', `failure` varchar(500) NULL, `created_by` int NULL, `started_at` datetime NULL, `finished_at` datetime NULL, `created_at` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), INDEX `idx_oa_follower_import__account` (`account_id`, `id`), PRIMARY KEY (`id`)) ENGINE=InnoDB");
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("DROP INDEX `idx_oa_follower_import__account` ON `oa_follower_import`");
    await queryRunner.query("DROP TABLE `oa_follower_import`");
  }
}

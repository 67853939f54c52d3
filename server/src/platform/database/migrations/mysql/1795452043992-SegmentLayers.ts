import { MigrationInterface, QueryRunner } from 'typeorm';

export class SegmentLayers1795452043992 implements MigrationInterface {
  name = 'SegmentLayers1795452043992';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("CREATE TABLE `member_stats` (`member_id` int NOT NULL, `paid_count` int NOT NULL DEFAULT '0', `paid_amount` bigint NOT NULL DEFAULT '0', `first_paid_at` datetime NULL, `last_paid_at` datetime NULL, `updated_at` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6) ON UPDATE CURRENT_TIMESTAMP(6), INDEX `idx_member_stats__amount` (`paid_amount`), INDEX `idx_member_stats__last_paid` (`last_paid_at`), PRIMARY KEY (`member_id`)) ENGINE=InnoDB");
    await queryRunner.query("CREATE TABLE `segment_layer_config` (`layer` varchar(32) NOT NULL, `value` text NOT NULL, `updated_by` int NULL, `updated_at` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6) ON UPDATE CURRENT_TIMESTAMP(6), PRIMARY KEY (`layer`)) ENGINE=InnoDB");
    await queryRunner.query("ALTER TABLE `member` ADD `lead_score` int NOT NULL DEFAULT '0'");
    await queryRunner.query("ALTER TABLE `member` ADD `lead_stage` varchar(16) NULL");
    await queryRunner.query("CREATE INDEX `idx_member__lead_score` ON `member` (`lead_score`)");
    // existing payments count from the start
    await queryRunner.query("INSERT INTO member_stats (member_id, paid_count, paid_amount, first_paid_at, last_paid_at) SELECT member_id, COUNT(*), COALESCE(SUM(CAST(JSON_VALUE(properties, '$.amount') AS DECIMAL(20,0))), 0), MIN(occurred_at), MAX(occurred_at) FROM event WHERE type = 'pay.paid' AND member_id IS NOT NULL GROUP BY member_id");
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("DROP INDEX `idx_member__lead_score` ON `member`");
    await queryRunner.query("ALTER TABLE `member` DROP COLUMN `lead_stage`");
    await queryRunner.query("ALTER TABLE `member` DROP COLUMN `lead_score`");
    await queryRunner.query("DROP TABLE `segment_layer_config`");
    await queryRunner.query("DROP INDEX `idx_member_stats__last_paid` ON `member_stats`");
    await queryRunner.query("DROP INDEX `idx_member_stats__amount` ON `member_stats`");
    await queryRunner.query("DROP TABLE `member_stats`");
  }
}

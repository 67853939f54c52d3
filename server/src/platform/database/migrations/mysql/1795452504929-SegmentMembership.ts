import { MigrationInterface, QueryRunner } from 'typeorm';

export class SegmentMembership1795452504929 implements MigrationInterface {
  name = 'SegmentMembership1795452504929';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("CREATE TABLE `segment_membership` (`segment_id` int NOT NULL, `member_id` int NOT NULL, `entered_at` datetime(3) NOT NULL, INDEX `idx_segment_membership__member` (`member_id`), PRIMARY KEY (`segment_id`, `member_id`)) ENGINE=InnoDB");
    await queryRunner.query("CREATE TABLE `segment_evaluation_pending` (`id` int NOT NULL AUTO_INCREMENT, `member_id` int NOT NULL, `read_key` varchar(128) NOT NULL, UNIQUE INDEX `uq_segment_evaluation_pending__member_read` (`member_id`, `read_key`), PRIMARY KEY (`id`)) ENGINE=InnoDB");
    await queryRunner.query("ALTER TABLE `segment` ADD `tracked` tinyint NOT NULL DEFAULT 0");
    await queryRunner.query("ALTER TABLE `segment` ADD `last_swept_at` datetime NULL");
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("ALTER TABLE `segment` DROP COLUMN `last_swept_at`");
    await queryRunner.query("ALTER TABLE `segment` DROP COLUMN `tracked`");
    await queryRunner.query("DROP INDEX `uq_segment_evaluation_pending__member_read` ON `segment_evaluation_pending`");
    await queryRunner.query("DROP TABLE `segment_evaluation_pending`");
    await queryRunner.query("DROP INDEX `idx_segment_membership__member` ON `segment_membership`");
    await queryRunner.query("DROP TABLE `segment_membership`");
  }
}

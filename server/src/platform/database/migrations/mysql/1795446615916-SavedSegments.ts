import { MigrationInterface, QueryRunner } from 'typeorm';

export class SavedSegments1795446615916 implements MigrationInterface {
  name = 'SavedSegments1795446615916';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("CREATE TABLE `segment` (`id` int NOT NULL AUTO_INCREMENT, `name` varchar(64) NOT NULL, `description` varchar(255) NULL, `type` varchar(16) NOT NULL, `rule` text NULL, `last_count` int NULL, `last_counted_at` datetime NULL, `created_by` int NULL, `created_at` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), `updated_at` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6) ON UPDATE CURRENT_TIMESTAMP(6), UNIQUE INDEX `uq_segment__name` (`name`), PRIMARY KEY (`id`)) ENGINE=InnoDB");
    await queryRunner.query("CREATE TABLE `segment_member` (`segment_id` int NOT NULL, `member_id` int NOT NULL, INDEX `idx_segment_member__member` (`member_id`), PRIMARY KEY (`segment_id`, `member_id`)) ENGINE=InnoDB");
    await queryRunner.query("CREATE TABLE `segment_count` (`id` int NOT NULL AUTO_INCREMENT, `segment_id` int NOT NULL, `count` int NOT NULL, `counted_at` datetime NOT NULL, INDEX `idx_segment_count__segment` (`segment_id`, `counted_at`), PRIMARY KEY (`id`)) ENGINE=InnoDB");
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("DROP INDEX `idx_segment_count__segment` ON `segment_count`");
    await queryRunner.query("DROP TABLE `segment_count`");
    await queryRunner.query("DROP INDEX `idx_segment_member__member` ON `segment_member`");
    await queryRunner.query("DROP TABLE `segment_member`");
    await queryRunner.query("DROP INDEX `uq_segment__name` ON `segment`");
    await queryRunner.query("DROP TABLE `segment`");
  }
}

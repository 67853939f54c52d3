import { MigrationInterface, QueryRunner } from 'typeorm';

export class SegmentJobs1795452219072 implements MigrationInterface {
  name = 'SegmentJobs1795452219072';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("CREATE TABLE `segment_job` (`id` int NOT NULL AUTO_INCREMENT, `segment_id` int NULL, `kind` varchar(16) NOT NULL, `status` varchar(16) NOT NULL, `total` int NOT NULL DEFAULT '0', `processed` int NOT NULL DEFAULT '0', `progress` int NOT NULL DEFAULT '0', `matched` int NOT NULL DEFAULT '0', `unmatched` int NOT NULL DEFAULT '0', `added` int NOT NULL DEFAULT '0', `options` text NULL, `error` varchar(500) NULL, `result_file` varchar(255) NULL, `created_by` int NULL, `created_at` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), `started_at` datetime NULL, `finished_at` datetime NULL, INDEX `idx_segment_job__segment` (`segment_id`), PRIMARY KEY (`id`)) ENGINE=InnoDB");
    await queryRunner.query("CREATE TABLE `segment_job_error` (`id` int NOT NULL AUTO_INCREMENT, `job_id` int NOT NULL, `line` int NOT NULL, `value` varchar(255) NOT NULL, `reason` varchar(16) NOT NULL, `message` varchar(255) NOT NULL, INDEX `idx_segment_job_error__job` (`job_id`, `line`), PRIMARY KEY (`id`)) ENGINE=InnoDB");
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("DROP INDEX `idx_segment_job_error__job` ON `segment_job_error`");
    await queryRunner.query("DROP TABLE `segment_job_error`");
    await queryRunner.query("DROP INDEX `idx_segment_job__segment` ON `segment_job`");
    await queryRunner.query("DROP TABLE `segment_job`");
  }
}

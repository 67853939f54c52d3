import { MigrationInterface, QueryRunner } from 'typeorm';

export class SegmentJobs1795452219072 implements MigrationInterface {
  name = 'SegmentJobs1795452219072';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("CREATE TABLE \"segment_job\" (\"id\" integer PRIMARY KEY AUTOINCREMENT NOT NULL, \"segment_id\" integer, \"kind\" varchar(16) NOT NULL, \"status\" varchar(16) NOT NULL, \"total\" integer NOT NULL DEFAULT (0), \"processed\" integer NOT NULL DEFAULT (0), \"progress\" integer NOT NULL DEFAULT (0), \"matched\" integer NOT NULL DEFAULT (0), \"unmatched\" integer NOT NULL DEFAULT (0), \"added\" integer NOT NULL DEFAULT (0), \"options\" text, \"error\" varchar(500), \"result_file\" varchar(255), \"created_by\" integer, \"created_at\" datetime NOT NULL DEFAULT (datetime('now')), \"started_at\" datetime, \"finished_at\" datetime)");
    await queryRunner.query("CREATE INDEX \"idx_segment_job__segment\" ON \"segment_job\" (\"segment_id\") ");
    await queryRunner.query("CREATE TABLE \"segment_job_error\" (\"id\" integer PRIMARY KEY AUTOINCREMENT NOT NULL, \"job_id\" integer NOT NULL, \"line\" integer NOT NULL, \"value\" varchar(255) NOT NULL, \"reason\" varchar(16) NOT NULL, \"message\" varchar(255) NOT NULL)");
    await queryRunner.query("CREATE INDEX \"idx_segment_job_error__job\" ON \"segment_job_error\" (\"job_id\", \"line\") ");
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("DROP INDEX \"idx_segment_job_error__job\"");
    await queryRunner.query("DROP TABLE \"segment_job_error\"");
    await queryRunner.query("DROP INDEX \"idx_segment_job__segment\"");
    await queryRunner.query("DROP TABLE \"segment_job\"");
  }
}

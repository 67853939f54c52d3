import { MigrationInterface, QueryRunner } from 'typeorm';

export class AutomationEnrollments1795457051442 implements MigrationInterface {
  name = 'AutomationEnrollments1795457051442';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("CREATE TABLE `flow_enrollment` (`id` int NOT NULL AUTO_INCREMENT, `flow_id` int NOT NULL, `flow_version_id` int NOT NULL, `member_id` int NOT NULL, `status` varchar(16) NOT NULL DEFAULT 'active', `current_node_id` varchar(64) NULL, `wake_at` datetime(3) NULL, `active_key` varchar(32) NULL, `entered_at` datetime(3) NOT NULL, `finished_at` datetime(3) NULL, `attempts` int NOT NULL DEFAULT '0', `last_error` varchar(500) NULL, INDEX `idx_flow_enrollment__flow_member` (`flow_id`, `member_id`), INDEX `idx_flow_enrollment__status_wake` (`status`, `wake_at`), UNIQUE INDEX `uq_flow_enrollment__active_key` (`active_key`), PRIMARY KEY (`id`)) ENGINE=InnoDB");
    await queryRunner.query("CREATE TABLE `flow_step_log` (`id` int NOT NULL AUTO_INCREMENT, `enrollment_id` int NOT NULL, `node_id` varchar(64) NOT NULL, `node_type` varchar(64) NOT NULL, `outcome` varchar(32) NOT NULL, `detail` json NULL, `at` datetime(3) NOT NULL, INDEX `idx_flow_step_log__enrollment` (`enrollment_id`, `id`), PRIMARY KEY (`id`)) ENGINE=InnoDB");
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("DROP INDEX `idx_flow_step_log__enrollment` ON `flow_step_log`");
    await queryRunner.query("DROP TABLE `flow_step_log`");
    await queryRunner.query("DROP INDEX `uq_flow_enrollment__active_key` ON `flow_enrollment`");
    await queryRunner.query("DROP INDEX `idx_flow_enrollment__status_wake` ON `flow_enrollment`");
    await queryRunner.query("DROP INDEX `idx_flow_enrollment__flow_member` ON `flow_enrollment`");
    await queryRunner.query("DROP TABLE `flow_enrollment`");
  }
}

import { MigrationInterface, QueryRunner } from 'typeorm';

export class AutomationFlows1795456553641 implements MigrationInterface {
  name = 'AutomationFlows1795456553641';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("CREATE TABLE `flow` (`id` int NOT NULL AUTO_INCREMENT, `name` varchar(64) NOT NULL, `description` varchar(255) NULL, `status` varchar(16) NOT NULL DEFAULT 'draft', `graph` json NOT NULL, `published_version_id` int NULL, `unpublished_changes` tinyint NOT NULL DEFAULT 1, `created_by` int NULL, `created_at` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), `updated_at` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6) ON UPDATE CURRENT_TIMESTAMP(6), UNIQUE INDEX `uq_flow__name` (`name`), PRIMARY KEY (`id`)) ENGINE=InnoDB");
    await queryRunner.query("CREATE TABLE `flow_version` (`id` int NOT NULL AUTO_INCREMENT, `flow_id` int NOT NULL, `version` int NOT NULL, `graph` json NOT NULL, `published_at` datetime(3) NOT NULL, `published_by` int NULL, UNIQUE INDEX `uq_flow_version__flow_version` (`flow_id`, `version`), PRIMARY KEY (`id`)) ENGINE=InnoDB");
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("DROP INDEX `uq_flow_version__flow_version` ON `flow_version`");
    await queryRunner.query("DROP TABLE `flow_version`");
    await queryRunner.query("DROP INDEX `uq_flow__name` ON `flow`");
    await queryRunner.query("DROP TABLE `flow`");
  }
}

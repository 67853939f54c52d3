import { MigrationInterface, QueryRunner } from 'typeorm';

export class AutomationEnrollments1795457051442 implements MigrationInterface {
  name = 'AutomationEnrollments1795457051442';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("CREATE TABLE \"flow_enrollment\" (\"id\" integer PRIMARY KEY AUTOINCREMENT NOT NULL, \"flow_id\" integer NOT NULL, \"flow_version_id\" integer NOT NULL, \"member_id\" integer NOT NULL, \"status\" varchar(16) NOT NULL DEFAULT ('active'), \"current_node_id\" varchar(64), \"wake_at\" datetime(3), \"active_key\" varchar(32), \"entered_at\" datetime(3) NOT NULL, \"finished_at\" datetime(3), \"attempts\" integer NOT NULL DEFAULT (0), \"last_error\" varchar(500))");
    await queryRunner.query("CREATE INDEX \"idx_flow_enrollment__flow_member\" ON \"flow_enrollment\" (\"flow_id\", \"member_id\") ");
    await queryRunner.query("CREATE INDEX \"idx_flow_enrollment__status_wake\" ON \"flow_enrollment\" (\"status\", \"wake_at\") ");
    await queryRunner.query("CREATE UNIQUE INDEX \"uq_flow_enrollment__active_key\" ON \"flow_enrollment\" (\"active_key\") ");
    await queryRunner.query("CREATE TABLE \"flow_step_log\" (\"id\" integer PRIMARY KEY AUTOINCREMENT NOT NULL, \"enrollment_id\" integer NOT NULL, \"node_id\" varchar(64) NOT NULL, \"node_type\" varchar(64) NOT NULL, \"outcome\" varchar(32) NOT NULL, \"detail\" json, \"at\" datetime(3) NOT NULL)");
    await queryRunner.query("CREATE INDEX \"idx_flow_step_log__enrollment\" ON \"flow_step_log\" (\"enrollment_id\", \"id\") ");
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("DROP INDEX \"idx_flow_step_log__enrollment\"");
    await queryRunner.query("DROP TABLE \"flow_step_log\"");
    await queryRunner.query("DROP INDEX \"uq_flow_enrollment__active_key\"");
    await queryRunner.query("DROP INDEX \"idx_flow_enrollment__status_wake\"");
    await queryRunner.query("DROP INDEX \"idx_flow_enrollment__flow_member\"");
    await queryRunner.query("DROP TABLE \"flow_enrollment\"");
  }
}

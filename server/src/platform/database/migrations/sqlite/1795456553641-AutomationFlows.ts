import { MigrationInterface, QueryRunner } from 'typeorm';

export class AutomationFlows1795456553641 implements MigrationInterface {
  name = 'AutomationFlows1795456553641';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("CREATE TABLE \"flow\" (\"id\" integer PRIMARY KEY AUTOINCREMENT NOT NULL, \"name\" varchar(64) NOT NULL, \"description\" varchar(255), \"status\" varchar(16) NOT NULL DEFAULT ('draft'), \"graph\" json NOT NULL, \"published_version_id\" integer, \"unpublished_changes\" boolean NOT NULL DEFAULT (1), \"created_by\" integer, \"created_at\" datetime NOT NULL DEFAULT (datetime('now')), \"updated_at\" datetime NOT NULL DEFAULT (datetime('now')))");
    await queryRunner.query("CREATE UNIQUE INDEX \"uq_flow__name\" ON \"flow\" (\"name\") ");
    await queryRunner.query("CREATE TABLE \"flow_version\" (\"id\" integer PRIMARY KEY AUTOINCREMENT NOT NULL, \"flow_id\" integer NOT NULL, \"version\" integer NOT NULL, \"graph\" json NOT NULL, \"published_at\" datetime(3) NOT NULL, \"published_by\" integer)");
    await queryRunner.query("CREATE UNIQUE INDEX \"uq_flow_version__flow_version\" ON \"flow_version\" (\"flow_id\", \"version\") ");
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("DROP INDEX \"uq_flow_version__flow_version\"");
    await queryRunner.query("DROP TABLE \"flow_version\"");
    await queryRunner.query("DROP INDEX \"uq_flow__name\"");
    await queryRunner.query("DROP TABLE \"flow\"");
  }
}

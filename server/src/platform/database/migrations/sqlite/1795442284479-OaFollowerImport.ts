import { MigrationInterface, QueryRunner } from 'typeorm';

export class OaFollowerImport1795442284479 implements MigrationInterface {
  name = 'OaFollowerImport1795442284479';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("CREATE TABLE \"oa_follower_import\" (\"id\" integer PRIMARY KEY AUTOINCREMENT NOT NULL, \"account_id\" integer NOT NULL, \"status\" varchar(16) NOT NULL, \"total\" integer NOT NULL DEFAULT (0), \"processed\" integer NOT NULL DEFAULT (0), \"created\" integer NOT NULL DEFAULT (0), \"matched\" integer NOT NULL DEFAULT (0), \"failed\" integer NOT NULL DEFAULT (0), \"cursor\" varchar(64) NOT NULL DEFAULT (''), \"failure\" varchar(500), \"created_by\" integer, \"started_at\" datetime, \"finished_at\" datetime, \"created_at\" datetime NOT NULL DEFAULT (datetime('now')))");
    await queryRunner.query("CREATE INDEX \"idx_oa_follower_import__account\" ON \"oa_follower_import\" (\"account_id\", \"id\") ");
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("DROP INDEX \"idx_oa_follower_import__account\"");
    await queryRunner.query("DROP TABLE \"oa_follower_import\"");
  }
}

import { MigrationInterface, QueryRunner } from 'typeorm';

export class ApiKeys1795435554345 implements MigrationInterface {
  name = 'ApiKeys1795435554345';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("CREATE TABLE \"api_key\" (\"id\" integer PRIMARY KEY AUTOINCREMENT NOT NULL, \"name\" varchar(64) NOT NULL, \"prefix\" varchar(16) NOT NULL, \"key_hash\" varchar(64) NOT NULL, \"created_by\" integer, \"last_used_at\" datetime, \"revoked_at\" datetime, \"created_at\" datetime NOT NULL DEFAULT (datetime('now')))");
    await queryRunner.query("CREATE UNIQUE INDEX \"uq_api_key__hash\" ON \"api_key\" (\"key_hash\") ");
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("DROP INDEX \"uq_api_key__hash\"");
    await queryRunner.query("DROP TABLE \"api_key\"");
  }
}

import { MigrationInterface, QueryRunner } from 'typeorm';

export class OaAutoReply1795444270298 implements MigrationInterface {
  name = 'OaAutoReply1795444270298';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("CREATE TABLE \"oa_auto_reply\" (\"id\" integer PRIMARY KEY AUTOINCREMENT NOT NULL, \"account_id\" integer, \"trigger\" varchar(16) NOT NULL, \"keyword\" varchar(30), \"match\" varchar(16) NOT NULL DEFAULT ('exact'), \"reply\" varchar(600) NOT NULL, \"enabled\" boolean NOT NULL DEFAULT (1), \"created_at\" datetime NOT NULL DEFAULT (datetime('now')), \"updated_at\" datetime NOT NULL DEFAULT (datetime('now')))");
    await queryRunner.query("CREATE INDEX \"idx_oa_auto_reply__trigger\" ON \"oa_auto_reply\" (\"trigger\", \"enabled\") ");
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("DROP INDEX \"idx_oa_auto_reply__trigger\"");
    await queryRunner.query("DROP TABLE \"oa_auto_reply\"");
  }
}

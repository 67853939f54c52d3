import { MigrationInterface, QueryRunner } from 'typeorm';

export class SavedSegments1795446615916 implements MigrationInterface {
  name = 'SavedSegments1795446615916';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("CREATE TABLE \"segment\" (\"id\" integer PRIMARY KEY AUTOINCREMENT NOT NULL, \"name\" varchar(64) NOT NULL, \"description\" varchar(255), \"type\" varchar(16) NOT NULL, \"rule\" text, \"last_count\" integer, \"last_counted_at\" datetime, \"created_by\" integer, \"created_at\" datetime NOT NULL DEFAULT (datetime('now')), \"updated_at\" datetime NOT NULL DEFAULT (datetime('now')))");
    await queryRunner.query("CREATE UNIQUE INDEX \"uq_segment__name\" ON \"segment\" (\"name\") ");
    await queryRunner.query("CREATE TABLE \"segment_member\" (\"segment_id\" integer NOT NULL, \"member_id\" integer NOT NULL, PRIMARY KEY (\"segment_id\", \"member_id\"))");
    await queryRunner.query("CREATE INDEX \"idx_segment_member__member\" ON \"segment_member\" (\"member_id\") ");
    await queryRunner.query("CREATE TABLE \"segment_count\" (\"id\" integer PRIMARY KEY AUTOINCREMENT NOT NULL, \"segment_id\" integer NOT NULL, \"count\" integer NOT NULL, \"counted_at\" datetime NOT NULL)");
    await queryRunner.query("CREATE INDEX \"idx_segment_count__segment\" ON \"segment_count\" (\"segment_id\", \"counted_at\") ");
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("DROP INDEX \"idx_segment_count__segment\"");
    await queryRunner.query("DROP TABLE \"segment_count\"");
    await queryRunner.query("DROP INDEX \"idx_segment_member__member\"");
    await queryRunner.query("DROP TABLE \"segment_member\"");
    await queryRunner.query("DROP INDEX \"uq_segment__name\"");
    await queryRunner.query("DROP TABLE \"segment\"");
  }
}

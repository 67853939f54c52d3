import { MigrationInterface, QueryRunner } from 'typeorm';

export class SegmentMembership1795452504929 implements MigrationInterface {
  name = 'SegmentMembership1795452504929';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("CREATE TABLE \"segment_membership\" (\"segment_id\" integer NOT NULL, \"member_id\" integer NOT NULL, \"entered_at\" datetime(3) NOT NULL, PRIMARY KEY (\"segment_id\", \"member_id\"))");
    await queryRunner.query("CREATE INDEX \"idx_segment_membership__member\" ON \"segment_membership\" (\"member_id\") ");
    await queryRunner.query("CREATE TABLE \"segment_evaluation_pending\" (\"id\" integer PRIMARY KEY AUTOINCREMENT NOT NULL, \"member_id\" integer NOT NULL, \"read_key\" varchar(128) NOT NULL)");
    await queryRunner.query("CREATE UNIQUE INDEX \"uq_segment_evaluation_pending__member_read\" ON \"segment_evaluation_pending\" (\"member_id\", \"read_key\") ");
    await queryRunner.query("DROP INDEX \"uq_segment__name\"");
    await queryRunner.query("CREATE TABLE \"temporary_segment\" (\"id\" integer PRIMARY KEY AUTOINCREMENT NOT NULL, \"name\" varchar(64) NOT NULL, \"description\" varchar(255), \"type\" varchar(16) NOT NULL, \"rule\" text, \"last_count\" integer, \"last_counted_at\" datetime, \"created_by\" integer, \"created_at\" datetime NOT NULL DEFAULT (datetime('now')), \"updated_at\" datetime NOT NULL DEFAULT (datetime('now')), \"tracked\" boolean NOT NULL DEFAULT (0), \"last_swept_at\" datetime)");
    await queryRunner.query("INSERT INTO \"temporary_segment\"(\"id\", \"name\", \"description\", \"type\", \"rule\", \"last_count\", \"last_counted_at\", \"created_by\", \"created_at\", \"updated_at\") SELECT \"id\", \"name\", \"description\", \"type\", \"rule\", \"last_count\", \"last_counted_at\", \"created_by\", \"created_at\", \"updated_at\" FROM \"segment\"");
    await queryRunner.query("DROP TABLE \"segment\"");
    await queryRunner.query("ALTER TABLE \"temporary_segment\" RENAME TO \"segment\"");
    await queryRunner.query("CREATE UNIQUE INDEX \"uq_segment__name\" ON \"segment\" (\"name\") ");
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("DROP INDEX \"uq_segment__name\"");
    await queryRunner.query("ALTER TABLE \"segment\" RENAME TO \"temporary_segment\"");
    await queryRunner.query("CREATE TABLE \"segment\" (\"id\" integer PRIMARY KEY AUTOINCREMENT NOT NULL, \"name\" varchar(64) NOT NULL, \"description\" varchar(255), \"type\" varchar(16) NOT NULL, \"rule\" text, \"last_count\" integer, \"last_counted_at\" datetime, \"created_by\" integer, \"created_at\" datetime NOT NULL DEFAULT (datetime('now')), \"updated_at\" datetime NOT NULL DEFAULT (datetime('now')))");
    await queryRunner.query("INSERT INTO \"segment\"(\"id\", \"name\", \"description\", \"type\", \"rule\", \"last_count\", \"last_counted_at\", \"created_by\", \"created_at\", \"updated_at\") SELECT \"id\", \"name\", \"description\", \"type\", \"rule\", \"last_count\", \"last_counted_at\", \"created_by\", \"created_at\", \"updated_at\" FROM \"temporary_segment\"");
    await queryRunner.query("DROP TABLE \"temporary_segment\"");
    await queryRunner.query("CREATE UNIQUE INDEX \"uq_segment__name\" ON \"segment\" (\"name\") ");
    await queryRunner.query("DROP INDEX \"uq_segment_evaluation_pending__member_read\"");
    await queryRunner.query("DROP TABLE \"segment_evaluation_pending\"");
    await queryRunner.query("DROP INDEX \"idx_segment_membership__member\"");
    await queryRunner.query("DROP TABLE \"segment_membership\"");
  }
}

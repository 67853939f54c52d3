import { MigrationInterface, QueryRunner } from 'typeorm';

export class TagMemberCount1795436643888 implements MigrationInterface {
  name = 'TagMemberCount1795436643888';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("DROP INDEX \"uq_tag__name\"");
    await queryRunner.query("DROP INDEX \"idx_tag__group\"");
    await queryRunner.query("CREATE TABLE \"temporary_tag\" (\"id\" integer PRIMARY KEY AUTOINCREMENT NOT NULL, \"group_id\" integer, \"name\" varchar(64) NOT NULL, \"color\" varchar(16) NOT NULL DEFAULT ('#409EFF'), \"description\" varchar(255), \"created_at\" datetime NOT NULL DEFAULT (datetime('now')), \"updated_at\" datetime NOT NULL DEFAULT (datetime('now')), \"member_count\" integer NOT NULL DEFAULT (0))");
    await queryRunner.query("INSERT INTO \"temporary_tag\"(\"id\", \"group_id\", \"name\", \"color\", \"description\", \"created_at\", \"updated_at\") SELECT \"id\", \"group_id\", \"name\", \"color\", \"description\", \"created_at\", \"updated_at\" FROM \"tag\"");
    await queryRunner.query("DROP TABLE \"tag\"");
    await queryRunner.query("ALTER TABLE \"temporary_tag\" RENAME TO \"tag\"");
    await queryRunner.query("CREATE UNIQUE INDEX \"uq_tag__name\" ON \"tag\" (\"name\") ");
    await queryRunner.query("CREATE INDEX \"idx_tag__group\" ON \"tag\" (\"group_id\") ");
    // existing tags start with their real counts
    await queryRunner.query("UPDATE tag SET member_count = (SELECT COUNT(*) FROM member_tag WHERE member_tag.tag_id = tag.id)");
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("DROP INDEX \"idx_tag__group\"");
    await queryRunner.query("DROP INDEX \"uq_tag__name\"");
    await queryRunner.query("ALTER TABLE \"tag\" RENAME TO \"temporary_tag\"");
    await queryRunner.query("CREATE TABLE \"tag\" (\"id\" integer PRIMARY KEY AUTOINCREMENT NOT NULL, \"group_id\" integer, \"name\" varchar(64) NOT NULL, \"color\" varchar(16) NOT NULL DEFAULT ('#409EFF'), \"description\" varchar(255), \"created_at\" datetime NOT NULL DEFAULT (datetime('now')), \"updated_at\" datetime NOT NULL DEFAULT (datetime('now')))");
    await queryRunner.query("INSERT INTO \"tag\"(\"id\", \"group_id\", \"name\", \"color\", \"description\", \"created_at\", \"updated_at\") SELECT \"id\", \"group_id\", \"name\", \"color\", \"description\", \"created_at\", \"updated_at\" FROM \"temporary_tag\"");
    await queryRunner.query("DROP TABLE \"temporary_tag\"");
    await queryRunner.query("CREATE INDEX \"idx_tag__group\" ON \"tag\" (\"group_id\") ");
    await queryRunner.query("CREATE UNIQUE INDEX \"uq_tag__name\" ON \"tag\" (\"name\") ");
  }
}

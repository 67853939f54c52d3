import { MigrationInterface, QueryRunner } from 'typeorm';

export class TagMemberCount1795436643888 implements MigrationInterface {
  name = 'TagMemberCount1795436643888';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("ALTER TABLE `tag` ADD `member_count` int NOT NULL DEFAULT '0'");
    // existing tags start with their real counts
    await queryRunner.query("UPDATE tag SET member_count = (SELECT COUNT(*) FROM member_tag WHERE member_tag.tag_id = tag.id)");
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("ALTER TABLE `tag` DROP COLUMN `member_count`");
  }
}

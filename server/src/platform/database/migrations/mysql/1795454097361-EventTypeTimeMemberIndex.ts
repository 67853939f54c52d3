import { MigrationInterface, QueryRunner } from 'typeorm';

export class EventTypeTimeMemberIndex1795454097361 implements MigrationInterface {
  name = 'EventTypeTimeMemberIndex1795454097361';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("DROP INDEX `idx_event__type_time` ON `event`");
    await queryRunner.query("CREATE INDEX `idx_event__type_time_member` ON `event` (`type`, `occurred_at`, `member_id`)");
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("DROP INDEX `idx_event__type_time_member` ON `event`");
    await queryRunner.query("CREATE INDEX `idx_event__type_time` ON `event` (`type`, `occurred_at`)");
  }
}

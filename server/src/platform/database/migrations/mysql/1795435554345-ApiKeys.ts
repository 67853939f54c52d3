import { MigrationInterface, QueryRunner } from 'typeorm';

export class ApiKeys1795435554345 implements MigrationInterface {
  name = 'ApiKeys1795435554345';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("CREATE TABLE `api_key` (`id` int NOT NULL AUTO_INCREMENT, `name` varchar(64) NOT NULL, `prefix` varchar(16) NOT NULL, `key_hash` varchar(64) NOT NULL, `created_by` int NULL, `last_used_at` datetime NULL, `revoked_at` datetime NULL, `created_at` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), UNIQUE INDEX `uq_api_key__hash` (`key_hash`), PRIMARY KEY (`id`)) ENGINE=InnoDB");
    await queryRunner.query("ALTER TABLE `event` CHANGE `received_at` `received_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(6)");
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("ALTER TABLE `event` CHANGE `received_at` `received_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3)");
    await queryRunner.query("DROP INDEX `uq_api_key__hash` ON `api_key`");
    await queryRunner.query("DROP TABLE `api_key`");
  }
}

import { MigrationInterface, QueryRunner } from 'typeorm';

export class SegmentLayers1795452043992 implements MigrationInterface {
  name = 'SegmentLayers1795452043992';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("CREATE TABLE \"member_stats\" (\"member_id\" integer PRIMARY KEY NOT NULL, \"paid_count\" integer NOT NULL DEFAULT (0), \"paid_amount\" bigint NOT NULL DEFAULT (0), \"first_paid_at\" datetime, \"last_paid_at\" datetime, \"updated_at\" datetime NOT NULL DEFAULT (datetime('now')))");
    await queryRunner.query("CREATE INDEX \"idx_member_stats__amount\" ON \"member_stats\" (\"paid_amount\") ");
    await queryRunner.query("CREATE INDEX \"idx_member_stats__last_paid\" ON \"member_stats\" (\"last_paid_at\") ");
    await queryRunner.query("CREATE TABLE \"segment_layer_config\" (\"layer\" varchar(32) PRIMARY KEY NOT NULL, \"value\" text NOT NULL, \"updated_by\" integer, \"updated_at\" datetime NOT NULL DEFAULT (datetime('now')))");
    await queryRunner.query("DROP INDEX \"idx_member__created\"");
    await queryRunner.query("DROP INDEX \"idx_member__last_seen\"");
    await queryRunner.query("DROP INDEX \"idx_member__store_created\"");
    await queryRunner.query("DROP INDEX \"idx_member__stage\"");
    await queryRunner.query("DROP INDEX \"idx_member__source_channel\"");
    await queryRunner.query("DROP INDEX \"idx_member__phone_hash\"");
    await queryRunner.query("CREATE TABLE \"temporary_member\" (\"id\" integer PRIMARY KEY AUTOINCREMENT NOT NULL, \"nickname\" varchar(64), \"avatar_url\" varchar(512), \"gender\" varchar(8) NOT NULL DEFAULT ('unknown'), \"birth_year\" smallint, \"birth_month\" tinyint, \"birth_day\" tinyint, \"phone_encrypted\" varchar(160), \"phone_hash\" varchar(64), \"phone_masked\" varchar(20), \"province\" varchar(32), \"city\" varchar(32), \"source_channel\" varchar(16) NOT NULL DEFAULT ('manual'), \"lifecycle_stage\" varchar(16) NOT NULL DEFAULT ('new'), \"level\" integer NOT NULL DEFAULT (0), \"points\" integer NOT NULL DEFAULT (0), \"store_id\" integer, \"consent_oa\" boolean NOT NULL DEFAULT (0), \"consent_miniapp\" boolean NOT NULL DEFAULT (0), \"consent_wecom\" boolean NOT NULL DEFAULT (0), \"consent_sms\" boolean NOT NULL DEFAULT (0), \"first_seen_at\" datetime, \"last_seen_at\" datetime, \"created_at\" datetime NOT NULL DEFAULT (datetime('now')), \"updated_at\" datetime NOT NULL DEFAULT (datetime('now')), \"lead_score\" integer NOT NULL DEFAULT (0), \"lead_stage\" varchar(16))");
    await queryRunner.query("INSERT INTO \"temporary_member\"(\"id\", \"nickname\", \"avatar_url\", \"gender\", \"birth_year\", \"birth_month\", \"birth_day\", \"phone_encrypted\", \"phone_hash\", \"phone_masked\", \"province\", \"city\", \"source_channel\", \"lifecycle_stage\", \"level\", \"points\", \"store_id\", \"consent_oa\", \"consent_miniapp\", \"consent_wecom\", \"consent_sms\", \"first_seen_at\", \"last_seen_at\", \"created_at\", \"updated_at\") SELECT \"id\", \"nickname\", \"avatar_url\", \"gender\", \"birth_year\", \"birth_month\", \"birth_day\", \"phone_encrypted\", \"phone_hash\", \"phone_masked\", \"province\", \"city\", \"source_channel\", \"lifecycle_stage\", \"level\", \"points\", \"store_id\", \"consent_oa\", \"consent_miniapp\", \"consent_wecom\", \"consent_sms\", \"first_seen_at\", \"last_seen_at\", \"created_at\", \"updated_at\" FROM \"member\"");
    await queryRunner.query("DROP TABLE \"member\"");
    await queryRunner.query("ALTER TABLE \"temporary_member\" RENAME TO \"member\"");
    await queryRunner.query("CREATE INDEX \"idx_member__created\" ON \"member\" (\"created_at\", \"id\") ");
    await queryRunner.query("CREATE INDEX \"idx_member__last_seen\" ON \"member\" (\"last_seen_at\", \"id\") ");
    await queryRunner.query("CREATE INDEX \"idx_member__store_created\" ON \"member\" (\"store_id\", \"created_at\") ");
    await queryRunner.query("CREATE INDEX \"idx_member__stage\" ON \"member\" (\"lifecycle_stage\") ");
    await queryRunner.query("CREATE INDEX \"idx_member__source_channel\" ON \"member\" (\"source_channel\") ");
    await queryRunner.query("CREATE INDEX \"idx_member__phone_hash\" ON \"member\" (\"phone_hash\") ");
    await queryRunner.query("CREATE INDEX \"idx_member__lead_score\" ON \"member\" (\"lead_score\") ");
    // existing payments count from the start
    await queryRunner.query("INSERT INTO member_stats (member_id, paid_count, paid_amount, first_paid_at, last_paid_at) SELECT member_id, COUNT(*), COALESCE(SUM(CAST(json_extract(properties, '$.amount') AS INTEGER)), 0), MIN(occurred_at), MAX(occurred_at) FROM event WHERE type = 'pay.paid' AND member_id IS NOT NULL GROUP BY member_id");
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("DROP INDEX \"idx_member__lead_score\"");
    await queryRunner.query("DROP INDEX \"idx_member__phone_hash\"");
    await queryRunner.query("DROP INDEX \"idx_member__source_channel\"");
    await queryRunner.query("DROP INDEX \"idx_member__stage\"");
    await queryRunner.query("DROP INDEX \"idx_member__store_created\"");
    await queryRunner.query("DROP INDEX \"idx_member__last_seen\"");
    await queryRunner.query("DROP INDEX \"idx_member__created\"");
    await queryRunner.query("ALTER TABLE \"member\" RENAME TO \"temporary_member\"");
    await queryRunner.query("CREATE TABLE \"member\" (\"id\" integer PRIMARY KEY AUTOINCREMENT NOT NULL, \"nickname\" varchar(64), \"avatar_url\" varchar(512), \"gender\" varchar(8) NOT NULL DEFAULT ('unknown'), \"birth_year\" smallint, \"birth_month\" tinyint, \"birth_day\" tinyint, \"phone_encrypted\" varchar(160), \"phone_hash\" varchar(64), \"phone_masked\" varchar(20), \"province\" varchar(32), \"city\" varchar(32), \"source_channel\" varchar(16) NOT NULL DEFAULT ('manual'), \"lifecycle_stage\" varchar(16) NOT NULL DEFAULT ('new'), \"level\" integer NOT NULL DEFAULT (0), \"points\" integer NOT NULL DEFAULT (0), \"store_id\" integer, \"consent_oa\" boolean NOT NULL DEFAULT (0), \"consent_miniapp\" boolean NOT NULL DEFAULT (0), \"consent_wecom\" boolean NOT NULL DEFAULT (0), \"consent_sms\" boolean NOT NULL DEFAULT (0), \"first_seen_at\" datetime, \"last_seen_at\" datetime, \"created_at\" datetime NOT NULL DEFAULT (datetime('now')), \"updated_at\" datetime NOT NULL DEFAULT (datetime('now')))");
    await queryRunner.query("INSERT INTO \"member\"(\"id\", \"nickname\", \"avatar_url\", \"gender\", \"birth_year\", \"birth_month\", \"birth_day\", \"phone_encrypted\", \"phone_hash\", \"phone_masked\", \"province\", \"city\", \"source_channel\", \"lifecycle_stage\", \"level\", \"points\", \"store_id\", \"consent_oa\", \"consent_miniapp\", \"consent_wecom\", \"consent_sms\", \"first_seen_at\", \"last_seen_at\", \"created_at\", \"updated_at\") SELECT \"id\", \"nickname\", \"avatar_url\", \"gender\", \"birth_year\", \"birth_month\", \"birth_day\", \"phone_encrypted\", \"phone_hash\", \"phone_masked\", \"province\", \"city\", \"source_channel\", \"lifecycle_stage\", \"level\", \"points\", \"store_id\", \"consent_oa\", \"consent_miniapp\", \"consent_wecom\", \"consent_sms\", \"first_seen_at\", \"last_seen_at\", \"created_at\", \"updated_at\" FROM \"temporary_member\"");
    await queryRunner.query("DROP TABLE \"temporary_member\"");
    await queryRunner.query("CREATE INDEX \"idx_member__phone_hash\" ON \"member\" (\"phone_hash\") ");
    await queryRunner.query("CREATE INDEX \"idx_member__source_channel\" ON \"member\" (\"source_channel\") ");
    await queryRunner.query("CREATE INDEX \"idx_member__stage\" ON \"member\" (\"lifecycle_stage\") ");
    await queryRunner.query("CREATE INDEX \"idx_member__store_created\" ON \"member\" (\"store_id\", \"created_at\") ");
    await queryRunner.query("CREATE INDEX \"idx_member__last_seen\" ON \"member\" (\"last_seen_at\", \"id\") ");
    await queryRunner.query("CREATE INDEX \"idx_member__created\" ON \"member\" (\"created_at\", \"id\") ");
    await queryRunner.query("DROP TABLE \"segment_layer_config\"");
    await queryRunner.query("DROP INDEX \"idx_member_stats__last_paid\"");
    await queryRunner.query("DROP INDEX \"idx_member_stats__amount\"");
    await queryRunner.query("DROP TABLE \"member_stats\"");
  }
}

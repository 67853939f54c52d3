-- Generated from the migrations by `npm run schema:dump -w server`. Do not edit by hand.

CREATE TABLE `admin_user` (
  `id` int(11) NOT NULL AUTO_INCREMENT,
  `username` varchar(64) NOT NULL,
  `password_hash` varchar(100) NOT NULL,
  `display_name` varchar(64) NOT NULL,
  `role` varchar(20) NOT NULL,
  `active` tinyint(4) NOT NULL DEFAULT 1,
  `last_login_at` datetime DEFAULT NULL,
  `created_at` datetime(6) NOT NULL DEFAULT current_timestamp(6),
  `updated_at` datetime(6) NOT NULL DEFAULT current_timestamp(6) ON UPDATE current_timestamp(6),
  PRIMARY KEY (`id`),
  UNIQUE KEY `uq_admin_user__username` (`username`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE `admin_user_store` (
  `user_id` int(11) NOT NULL,
  `store_id` int(11) NOT NULL,
  PRIMARY KEY (`user_id`,`store_id`),
  KEY `idx_admin_user_store__store` (`store_id`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE `api_key` (
  `id` int(11) NOT NULL AUTO_INCREMENT,
  `name` varchar(64) NOT NULL,
  `prefix` varchar(16) NOT NULL,
  `key_hash` varchar(64) NOT NULL,
  `created_by` int(11) DEFAULT NULL,
  `last_used_at` datetime DEFAULT NULL,
  `revoked_at` datetime DEFAULT NULL,
  `created_at` datetime(6) NOT NULL DEFAULT current_timestamp(6),
  PRIMARY KEY (`id`),
  UNIQUE KEY `uq_api_key__hash` (`key_hash`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE `attribute_definition` (
  `id` int(11) NOT NULL AUTO_INCREMENT,
  `key` varchar(64) NOT NULL,
  `label` varchar(64) NOT NULL,
  `type` varchar(16) NOT NULL,
  `options` text DEFAULT NULL,
  `description` varchar(255) DEFAULT NULL,
  `created_at` datetime(6) NOT NULL DEFAULT current_timestamp(6),
  `updated_at` datetime(6) NOT NULL DEFAULT current_timestamp(6) ON UPDATE current_timestamp(6),
  PRIMARY KEY (`id`),
  UNIQUE KEY `uq_attribute_definition__key` (`key`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE `audit_log` (
  `id` int(11) NOT NULL AUTO_INCREMENT,
  `actor_id` int(11) DEFAULT NULL,
  `actor_name` varchar(64) NOT NULL,
  `action` varchar(64) NOT NULL,
  `entity_type` varchar(40) NOT NULL,
  `entity_id` varchar(64) DEFAULT NULL,
  `before` text DEFAULT NULL,
  `after` text DEFAULT NULL,
  `request_id` varchar(64) DEFAULT NULL,
  `created_at` datetime(6) NOT NULL DEFAULT current_timestamp(6),
  PRIMARY KEY (`id`),
  KEY `idx_audit_log__created` (`created_at`),
  KEY `idx_audit_log__entity` (`entity_type`,`entity_id`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE `channel_access_token` (
  `account_id` int(11) NOT NULL,
  `kind` varchar(16) NOT NULL,
  `token` varchar(1024) NOT NULL,
  `expires_at` datetime NOT NULL,
  `updated_at` datetime(6) NOT NULL DEFAULT current_timestamp(6) ON UPDATE current_timestamp(6),
  PRIMARY KEY (`account_id`,`kind`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE `channel_account` (
  `id` int(11) NOT NULL AUTO_INCREMENT,
  `type` varchar(16) NOT NULL,
  `name` varchar(64) NOT NULL,
  `external_id` varchar(64) NOT NULL,
  `agent_id` int(11) DEFAULT NULL,
  `secret_sealed` varchar(512) DEFAULT NULL,
  `token_sealed` varchar(512) DEFAULT NULL,
  `aes_key_sealed` varchar(512) DEFAULT NULL,
  `api_v3_key_sealed` varchar(512) DEFAULT NULL,
  `private_key_sealed` text DEFAULT NULL,
  `cert_serial_no` varchar(64) DEFAULT NULL,
  `platform_public_key` text DEFAULT NULL,
  `platform_serial_no` varchar(64) DEFAULT NULL,
  `enabled` tinyint(4) NOT NULL DEFAULT 1,
  `last_tested_at` datetime DEFAULT NULL,
  `last_test_result` varchar(255) DEFAULT NULL,
  `created_at` datetime(6) NOT NULL DEFAULT current_timestamp(6),
  `updated_at` datetime(6) NOT NULL DEFAULT current_timestamp(6) ON UPDATE current_timestamp(6),
  PRIMARY KEY (`id`),
  UNIQUE KEY `uq_channel_account__external_id` (`type`,`external_id`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE `event` (
  `id` int(11) NOT NULL AUTO_INCREMENT,
  `type` varchar(64) NOT NULL,
  `member_id` int(11) DEFAULT NULL,
  `account_id` int(11) DEFAULT NULL,
  `source` varchar(16) NOT NULL,
  `dedupe_key` varchar(191) NOT NULL,
  `occurred_at` datetime(3) NOT NULL,
  `properties` text NOT NULL,
  `subject` text DEFAULT NULL,
  `raw` text DEFAULT NULL,
  `status` varchar(16) NOT NULL DEFAULT 'received',
  `received_at` datetime(6) NOT NULL DEFAULT current_timestamp(6),
  PRIMARY KEY (`id`),
  UNIQUE KEY `uq_event__dedupe_key` (`dedupe_key`),
  KEY `idx_event__member_time` (`member_id`,`occurred_at`),
  KEY `idx_event__type_time_member` (`type`,`occurred_at`,`member_id`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE `flow` (
  `id` int(11) NOT NULL AUTO_INCREMENT,
  `name` varchar(64) NOT NULL,
  `description` varchar(255) DEFAULT NULL,
  `status` varchar(16) NOT NULL DEFAULT 'draft',
  `graph` longtext CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL CHECK (json_valid(`graph`)),
  `published_version_id` int(11) DEFAULT NULL,
  `unpublished_changes` tinyint(4) NOT NULL DEFAULT 1,
  `created_by` int(11) DEFAULT NULL,
  `created_at` datetime(6) NOT NULL DEFAULT current_timestamp(6),
  `updated_at` datetime(6) NOT NULL DEFAULT current_timestamp(6) ON UPDATE current_timestamp(6),
  PRIMARY KEY (`id`),
  UNIQUE KEY `uq_flow__name` (`name`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE `flow_enrollment` (
  `id` int(11) NOT NULL AUTO_INCREMENT,
  `flow_id` int(11) NOT NULL,
  `flow_version_id` int(11) NOT NULL,
  `member_id` int(11) NOT NULL,
  `status` varchar(16) NOT NULL DEFAULT 'active',
  `current_node_id` varchar(64) DEFAULT NULL,
  `wake_at` datetime(3) DEFAULT NULL,
  `active_key` varchar(32) DEFAULT NULL,
  `entered_at` datetime(3) NOT NULL,
  `finished_at` datetime(3) DEFAULT NULL,
  `attempts` int(11) NOT NULL DEFAULT 0,
  `last_error` varchar(500) DEFAULT NULL,
  PRIMARY KEY (`id`),
  UNIQUE KEY `uq_flow_enrollment__active_key` (`active_key`),
  KEY `idx_flow_enrollment__flow_member` (`flow_id`,`member_id`),
  KEY `idx_flow_enrollment__status_wake` (`status`,`wake_at`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE `flow_step_log` (
  `id` int(11) NOT NULL AUTO_INCREMENT,
  `enrollment_id` int(11) NOT NULL,
  `node_id` varchar(64) NOT NULL,
  `node_type` varchar(64) NOT NULL,
  `outcome` varchar(32) NOT NULL,
  `detail` longtext CHARACTER SET utf8mb4 COLLATE utf8mb4_bin DEFAULT NULL CHECK (json_valid(`detail`)),
  `at` datetime(3) NOT NULL,
  PRIMARY KEY (`id`),
  KEY `idx_flow_step_log__enrollment` (`enrollment_id`,`id`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE `flow_version` (
  `id` int(11) NOT NULL AUTO_INCREMENT,
  `flow_id` int(11) NOT NULL,
  `version` int(11) NOT NULL,
  `graph` longtext CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL CHECK (json_valid(`graph`)),
  `published_at` datetime(3) NOT NULL,
  `published_by` int(11) DEFAULT NULL,
  PRIMARY KEY (`id`),
  UNIQUE KEY `uq_flow_version__flow_version` (`flow_id`,`version`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE `member` (
  `id` int(11) NOT NULL AUTO_INCREMENT,
  `nickname` varchar(64) DEFAULT NULL,
  `avatar_url` varchar(512) DEFAULT NULL,
  `gender` varchar(8) NOT NULL DEFAULT 'unknown',
  `birth_year` smallint(6) DEFAULT NULL,
  `birth_month` tinyint(4) DEFAULT NULL,
  `birth_day` tinyint(4) DEFAULT NULL,
  `phone_encrypted` varchar(160) DEFAULT NULL,
  `phone_hash` varchar(64) DEFAULT NULL,
  `phone_masked` varchar(20) DEFAULT NULL,
  `province` varchar(32) DEFAULT NULL,
  `city` varchar(32) DEFAULT NULL,
  `source_channel` varchar(16) NOT NULL DEFAULT 'manual',
  `lifecycle_stage` varchar(16) NOT NULL DEFAULT 'new',
  `level` int(11) NOT NULL DEFAULT 0,
  `points` int(11) NOT NULL DEFAULT 0,
  `store_id` int(11) DEFAULT NULL,
  `consent_oa` tinyint(4) NOT NULL DEFAULT 0,
  `consent_miniapp` tinyint(4) NOT NULL DEFAULT 0,
  `consent_wecom` tinyint(4) NOT NULL DEFAULT 0,
  `consent_sms` tinyint(4) NOT NULL DEFAULT 0,
  `first_seen_at` datetime DEFAULT NULL,
  `last_seen_at` datetime DEFAULT NULL,
  `created_at` datetime(6) NOT NULL DEFAULT current_timestamp(6),
  `updated_at` datetime(6) NOT NULL DEFAULT current_timestamp(6) ON UPDATE current_timestamp(6),
  `lead_score` int(11) NOT NULL DEFAULT 0,
  `lead_stage` varchar(16) DEFAULT NULL,
  PRIMARY KEY (`id`),
  KEY `idx_member__phone_hash` (`phone_hash`),
  KEY `idx_member__source_channel` (`source_channel`),
  KEY `idx_member__stage` (`lifecycle_stage`),
  KEY `idx_member__store_created` (`store_id`,`created_at`),
  KEY `idx_member__last_seen` (`last_seen_at`,`id`),
  KEY `idx_member__created` (`created_at`,`id`),
  KEY `idx_member__lead_score` (`lead_score`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE `member_attribute` (
  `member_id` int(11) NOT NULL,
  `attribute_id` int(11) NOT NULL,
  `value_text` varchar(255) DEFAULT NULL,
  `value_number` double DEFAULT NULL,
  `value_date` date DEFAULT NULL,
  `value_bool` tinyint(4) DEFAULT NULL,
  `updated_at` datetime(6) NOT NULL DEFAULT current_timestamp(6) ON UPDATE current_timestamp(6),
  PRIMARY KEY (`member_id`,`attribute_id`),
  KEY `idx_member_attribute__date` (`attribute_id`,`value_date`),
  KEY `idx_member_attribute__number` (`attribute_id`,`value_number`),
  KEY `idx_member_attribute__text` (`attribute_id`,`value_text`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE `member_identity` (
  `id` int(11) NOT NULL AUTO_INCREMENT,
  `member_id` int(11) NOT NULL,
  `type` varchar(32) NOT NULL,
  `app_id` varchar(64) NOT NULL DEFAULT '',
  `value` varchar(128) NOT NULL,
  `created_at` datetime(6) NOT NULL DEFAULT current_timestamp(6),
  `consent` tinyint(4) DEFAULT NULL,
  `consent_at` datetime DEFAULT NULL,
  PRIMARY KEY (`id`),
  UNIQUE KEY `uq_member_identity__value` (`type`,`app_id`,`value`),
  KEY `idx_member_identity__member` (`member_id`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE `member_import` (
  `id` int(11) NOT NULL AUTO_INCREMENT,
  `status` varchar(16) NOT NULL,
  `file_name` varchar(255) NOT NULL,
  `content` text DEFAULT NULL,
  `total` int(11) NOT NULL DEFAULT 0,
  `processed` int(11) NOT NULL DEFAULT 0,
  `created` int(11) NOT NULL DEFAULT 0,
  `updated` int(11) NOT NULL DEFAULT 0,
  `failed` int(11) NOT NULL DEFAULT 0,
  `failure` varchar(500) DEFAULT NULL,
  `created_by` int(11) DEFAULT NULL,
  `started_at` datetime DEFAULT NULL,
  `finished_at` datetime DEFAULT NULL,
  `created_at` datetime(6) NOT NULL DEFAULT current_timestamp(6),
  PRIMARY KEY (`id`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE `member_import_error` (
  `id` int(11) NOT NULL AUTO_INCREMENT,
  `import_id` int(11) NOT NULL,
  `row_number` int(11) NOT NULL,
  `column` varchar(64) NOT NULL,
  `message` varchar(255) NOT NULL,
  `raw` varchar(1000) DEFAULT NULL,
  PRIMARY KEY (`id`),
  KEY `idx_member_import_error__import` (`import_id`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE `member_merge` (
  `id` int(11) NOT NULL AUTO_INCREMENT,
  `kept_member_id` int(11) NOT NULL,
  `merged_member_id` int(11) NOT NULL,
  `reason` varchar(16) NOT NULL,
  `identifier` varchar(128) NOT NULL,
  `identities_moved` text NOT NULL,
  `events_moved` int(11) NOT NULL DEFAULT 0,
  `snapshot` text NOT NULL,
  `merged_by_user_id` int(11) DEFAULT NULL,
  `merged_by` varchar(64) NOT NULL,
  `merged_at` datetime(6) NOT NULL DEFAULT current_timestamp(6),
  `undone_at` datetime DEFAULT NULL,
  `undone_by_user_id` int(11) DEFAULT NULL,
  `undone_by` varchar(64) DEFAULT NULL,
  PRIMARY KEY (`id`),
  KEY `idx_member_merge__merged` (`merged_member_id`),
  KEY `idx_member_merge__kept` (`kept_member_id`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE `member_stats` (
  `member_id` int(11) NOT NULL,
  `paid_count` int(11) NOT NULL DEFAULT 0,
  `paid_amount` bigint(20) NOT NULL DEFAULT 0,
  `first_paid_at` datetime DEFAULT NULL,
  `last_paid_at` datetime DEFAULT NULL,
  `updated_at` datetime(6) NOT NULL DEFAULT current_timestamp(6) ON UPDATE current_timestamp(6),
  PRIMARY KEY (`member_id`),
  KEY `idx_member_stats__amount` (`paid_amount`),
  KEY `idx_member_stats__last_paid` (`last_paid_at`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE `member_tag` (
  `member_id` int(11) NOT NULL,
  `tag_id` int(11) NOT NULL,
  `source` varchar(16) NOT NULL,
  `added_by_user_id` int(11) DEFAULT NULL,
  `added_by` varchar(64) NOT NULL,
  `created_at` datetime(6) NOT NULL DEFAULT current_timestamp(6),
  PRIMARY KEY (`member_id`,`tag_id`),
  KEY `idx_member_tag__tag_member` (`tag_id`,`member_id`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE `oa_auto_reply` (
  `id` int(11) NOT NULL AUTO_INCREMENT,
  `account_id` int(11) DEFAULT NULL,
  `trigger` varchar(16) NOT NULL,
  `keyword` varchar(30) DEFAULT NULL,
  `match` varchar(16) NOT NULL DEFAULT 'exact',
  `reply` varchar(600) NOT NULL,
  `enabled` tinyint(4) NOT NULL DEFAULT 1,
  `created_at` datetime(6) NOT NULL DEFAULT current_timestamp(6),
  `updated_at` datetime(6) NOT NULL DEFAULT current_timestamp(6) ON UPDATE current_timestamp(6),
  PRIMARY KEY (`id`),
  KEY `idx_oa_auto_reply__trigger` (`trigger`,`enabled`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE `oa_follower_import` (
  `id` int(11) NOT NULL AUTO_INCREMENT,
  `account_id` int(11) NOT NULL,
  `status` varchar(16) NOT NULL,
  `total` int(11) NOT NULL DEFAULT 0,
  `processed` int(11) NOT NULL DEFAULT 0,
  `created` int(11) NOT NULL DEFAULT 0,
  `matched` int(11) NOT NULL DEFAULT 0,
  `failed` int(11) NOT NULL DEFAULT 0,
  `cursor` varchar(64) NOT NULL DEFAULT '',
  `failure` varchar(500) DEFAULT NULL,
  `created_by` int(11) DEFAULT NULL,
  `started_at` datetime DEFAULT NULL,
  `finished_at` datetime DEFAULT NULL,
  `created_at` datetime(6) NOT NULL DEFAULT current_timestamp(6),
  PRIMARY KEY (`id`),
  KEY `idx_oa_follower_import__account` (`account_id`,`id`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE `refresh_token` (
  `id` int(11) NOT NULL AUTO_INCREMENT,
  `user_id` int(11) NOT NULL,
  `token_hash` varchar(64) NOT NULL,
  `family_id` varchar(32) NOT NULL,
  `expires_at` datetime NOT NULL,
  `revoked_at` datetime DEFAULT NULL,
  `rotated_at` datetime DEFAULT NULL,
  `created_at` datetime(6) NOT NULL DEFAULT current_timestamp(6),
  PRIMARY KEY (`id`),
  UNIQUE KEY `uq_refresh_token__token` (`token_hash`),
  KEY `idx_refresh_token__user` (`user_id`),
  KEY `idx_refresh_token__family` (`family_id`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE `segment` (
  `id` int(11) NOT NULL AUTO_INCREMENT,
  `name` varchar(64) NOT NULL,
  `description` varchar(255) DEFAULT NULL,
  `type` varchar(16) NOT NULL,
  `rule` text DEFAULT NULL,
  `last_count` int(11) DEFAULT NULL,
  `last_counted_at` datetime DEFAULT NULL,
  `created_by` int(11) DEFAULT NULL,
  `created_at` datetime(6) NOT NULL DEFAULT current_timestamp(6),
  `updated_at` datetime(6) NOT NULL DEFAULT current_timestamp(6) ON UPDATE current_timestamp(6),
  `tracked` tinyint(4) NOT NULL DEFAULT 0,
  `last_swept_at` datetime DEFAULT NULL,
  PRIMARY KEY (`id`),
  UNIQUE KEY `uq_segment__name` (`name`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE `segment_count` (
  `id` int(11) NOT NULL AUTO_INCREMENT,
  `segment_id` int(11) NOT NULL,
  `count` int(11) NOT NULL,
  `counted_at` datetime NOT NULL,
  PRIMARY KEY (`id`),
  KEY `idx_segment_count__segment` (`segment_id`,`counted_at`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE `segment_evaluation_pending` (
  `id` int(11) NOT NULL AUTO_INCREMENT,
  `member_id` int(11) NOT NULL,
  `read_key` varchar(128) NOT NULL,
  PRIMARY KEY (`id`),
  UNIQUE KEY `uq_segment_evaluation_pending__member_read` (`member_id`,`read_key`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE `segment_job` (
  `id` int(11) NOT NULL AUTO_INCREMENT,
  `segment_id` int(11) DEFAULT NULL,
  `kind` varchar(16) NOT NULL,
  `status` varchar(16) NOT NULL,
  `total` int(11) NOT NULL DEFAULT 0,
  `processed` int(11) NOT NULL DEFAULT 0,
  `progress` int(11) NOT NULL DEFAULT 0,
  `matched` int(11) NOT NULL DEFAULT 0,
  `unmatched` int(11) NOT NULL DEFAULT 0,
  `added` int(11) NOT NULL DEFAULT 0,
  `options` text DEFAULT NULL,
  `error` varchar(500) DEFAULT NULL,
  `result_file` varchar(255) DEFAULT NULL,
  `created_by` int(11) DEFAULT NULL,
  `created_at` datetime(6) NOT NULL DEFAULT current_timestamp(6),
  `started_at` datetime DEFAULT NULL,
  `finished_at` datetime DEFAULT NULL,
  PRIMARY KEY (`id`),
  KEY `idx_segment_job__segment` (`segment_id`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE `segment_job_error` (
  `id` int(11) NOT NULL AUTO_INCREMENT,
  `job_id` int(11) NOT NULL,
  `line` int(11) NOT NULL,
  `value` varchar(255) NOT NULL,
  `reason` varchar(16) NOT NULL,
  `message` varchar(255) NOT NULL,
  PRIMARY KEY (`id`),
  KEY `idx_segment_job_error__job` (`job_id`,`line`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE `segment_layer_config` (
  `layer` varchar(32) NOT NULL,
  `value` text NOT NULL,
  `updated_by` int(11) DEFAULT NULL,
  `updated_at` datetime(6) NOT NULL DEFAULT current_timestamp(6) ON UPDATE current_timestamp(6),
  PRIMARY KEY (`layer`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE `segment_member` (
  `segment_id` int(11) NOT NULL,
  `member_id` int(11) NOT NULL,
  PRIMARY KEY (`segment_id`,`member_id`),
  KEY `idx_segment_member__member` (`member_id`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE `segment_membership` (
  `segment_id` int(11) NOT NULL,
  `member_id` int(11) NOT NULL,
  `entered_at` datetime(3) NOT NULL,
  PRIMARY KEY (`segment_id`,`member_id`),
  KEY `idx_segment_membership__member` (`member_id`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE `store` (
  `id` int(11) NOT NULL AUTO_INCREMENT,
  `code` varchar(32) NOT NULL,
  `name` varchar(100) NOT NULL,
  `city` varchar(50) DEFAULT NULL,
  `address` varchar(255) DEFAULT NULL,
  `created_at` datetime(6) NOT NULL DEFAULT current_timestamp(6),
  `updated_at` datetime(6) NOT NULL DEFAULT current_timestamp(6) ON UPDATE current_timestamp(6),
  PRIMARY KEY (`id`),
  UNIQUE KEY `uq_store__code` (`code`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE `tag` (
  `id` int(11) NOT NULL AUTO_INCREMENT,
  `group_id` int(11) DEFAULT NULL,
  `name` varchar(64) NOT NULL,
  `color` varchar(16) NOT NULL DEFAULT '#409EFF',
  `description` varchar(255) DEFAULT NULL,
  `created_at` datetime(6) NOT NULL DEFAULT current_timestamp(6),
  `updated_at` datetime(6) NOT NULL DEFAULT current_timestamp(6) ON UPDATE current_timestamp(6),
  `member_count` int(11) NOT NULL DEFAULT 0,
  PRIMARY KEY (`id`),
  UNIQUE KEY `uq_tag__name` (`name`),
  KEY `idx_tag__group` (`group_id`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE `tag_channel_link` (
  `id` int(11) NOT NULL AUTO_INCREMENT,
  `tag_id` int(11) NOT NULL,
  `account_id` int(11) NOT NULL,
  `channel_type` varchar(16) NOT NULL,
  `external_tag_id` varchar(64) NOT NULL,
  `external_name` varchar(64) NOT NULL,
  `last_synced_at` datetime(3) DEFAULT NULL,
  `last_result` varchar(255) DEFAULT NULL,
  `last_error` varchar(500) DEFAULT NULL,
  `created_at` datetime(6) NOT NULL DEFAULT current_timestamp(6),
  PRIMARY KEY (`id`),
  UNIQUE KEY `uq_tag_channel_link__external` (`account_id`,`external_tag_id`),
  UNIQUE KEY `uq_tag_channel_link__tag_account` (`tag_id`,`account_id`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE `tag_group` (
  `id` int(11) NOT NULL AUTO_INCREMENT,
  `name` varchar(64) NOT NULL,
  `description` varchar(255) DEFAULT NULL,
  `sort_order` int(11) NOT NULL DEFAULT 0,
  `created_at` datetime(6) NOT NULL DEFAULT current_timestamp(6),
  `updated_at` datetime(6) NOT NULL DEFAULT current_timestamp(6) ON UPDATE current_timestamp(6),
  PRIMARY KEY (`id`),
  UNIQUE KEY `uq_tag_group__name` (`name`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE `wecom_contact_follow` (
  `id` int(11) NOT NULL AUTO_INCREMENT,
  `account_id` int(11) NOT NULL,
  `external_user_id` varchar(64) NOT NULL,
  `staff_user_id` varchar(64) NOT NULL,
  `member_id` int(11) DEFAULT NULL,
  `state` varchar(64) DEFAULT NULL,
  `add_way` int(11) DEFAULT NULL,
  `remark` varchar(128) DEFAULT NULL,
  `added_at` datetime DEFAULT NULL,
  `removed_at` datetime DEFAULT NULL,
  `removed_by` varchar(24) DEFAULT NULL,
  `updated_at` datetime(6) NOT NULL DEFAULT current_timestamp(6) ON UPDATE current_timestamp(6),
  PRIMARY KEY (`id`),
  UNIQUE KEY `uq_wecom_contact_follow__account_ext_staff` (`account_id`,`external_user_id`,`staff_user_id`),
  KEY `idx_wecom_contact_follow__staff` (`account_id`,`staff_user_id`),
  KEY `idx_wecom_contact_follow__member` (`member_id`,`added_at`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE `wecom_department` (
  `id` int(11) NOT NULL AUTO_INCREMENT,
  `account_id` int(11) NOT NULL,
  `dept_id` int(11) NOT NULL,
  `parent_id` int(11) NOT NULL,
  `name` varchar(64) NOT NULL,
  `order` int(11) NOT NULL DEFAULT 0,
  `store_id` int(11) DEFAULT NULL,
  `store_mapped_by` varchar(8) DEFAULT NULL,
  `synced_at` datetime NOT NULL,
  `removed_at` datetime DEFAULT NULL,
  PRIMARY KEY (`id`),
  UNIQUE KEY `uq_wecom_department__account_dept` (`account_id`,`dept_id`),
  KEY `idx_wecom_department__store` (`store_id`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE `wecom_staff` (
  `id` int(11) NOT NULL AUTO_INCREMENT,
  `account_id` int(11) NOT NULL,
  `userid` varchar(64) NOT NULL,
  `name` varchar(64) NOT NULL,
  `position` varchar(128) DEFAULT NULL,
  `mobile_masked` varchar(20) DEFAULT NULL,
  `department_ids` text NOT NULL,
  `leader_department_ids` text NOT NULL,
  `status` int(11) NOT NULL,
  `admin_user_id` int(11) DEFAULT NULL,
  `admin_user_mapped_by` varchar(8) DEFAULT NULL,
  `synced_at` datetime NOT NULL,
  `removed_at` datetime DEFAULT NULL,
  PRIMARY KEY (`id`),
  UNIQUE KEY `uq_wecom_staff__account_userid` (`account_id`,`userid`),
  KEY `idx_wecom_staff__admin_user` (`admin_user_id`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE `wecom_sync_run` (
  `id` int(11) NOT NULL AUTO_INCREMENT,
  `account_id` int(11) NOT NULL,
  `kind` varchar(16) NOT NULL,
  `status` varchar(16) NOT NULL,
  `total` int(11) NOT NULL DEFAULT 0,
  `processed` int(11) NOT NULL DEFAULT 0,
  `created` int(11) NOT NULL DEFAULT 0,
  `updated` int(11) NOT NULL DEFAULT 0,
  `removed` int(11) NOT NULL DEFAULT 0,
  `failed` int(11) NOT NULL DEFAULT 0,
  `errors` text NOT NULL,
  `failure` varchar(500) DEFAULT NULL,
  `created_by` int(11) DEFAULT NULL,
  `started_at` datetime DEFAULT NULL,
  `finished_at` datetime DEFAULT NULL,
  `created_at` datetime(6) NOT NULL DEFAULT current_timestamp(6),
  PRIMARY KEY (`id`),
  KEY `idx_wecom_sync_run__account_kind` (`account_id`,`kind`,`id`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

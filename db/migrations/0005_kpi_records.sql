CREATE TABLE `alert_rules` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`indicator_id` integer NOT NULL,
	`comparison` text NOT NULL,
	`threshold` real NOT NULL,
	`consecutive` integer NOT NULL,
	`active` integer DEFAULT true NOT NULL,
	`created_by_id` integer,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	FOREIGN KEY (`indicator_id`) REFERENCES `indicators`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `indicators` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`code` text NOT NULL,
	`name_zh` text NOT NULL,
	`name_en` text NOT NULL,
	`category` text NOT NULL,
	`unit` text NOT NULL,
	`direction` text NOT NULL,
	`grain` text NOT NULL,
	`rollup` text NOT NULL,
	`numerator_code` text,
	`denominator_code` text,
	`source` text NOT NULL,
	`exam_slug` text,
	`position` integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `indicators_code_unique` ON `indicators` (`code`);--> statement-breakpoint
CREATE TABLE `integrity_violations` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`user_id` integer NOT NULL,
	`record_id` integer,
	`occurred_on` text NOT NULL,
	`note` text NOT NULL,
	`ordinal` integer NOT NULL,
	`outcome` text NOT NULL,
	`deduction` real NOT NULL,
	`recorded_by_id` integer NOT NULL,
	`recorded_at` integer NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`record_id`) REFERENCES `kpi_records`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`recorded_by_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `integrity_violations_ordinal_idx` ON `integrity_violations` (`user_id`,`ordinal`);--> statement-breakpoint
CREATE TABLE `kpi_alerts` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`rule_id` integer NOT NULL,
	`user_id` integer NOT NULL,
	`status` text DEFAULT 'open' NOT NULL,
	`from_date` text NOT NULL,
	`to_date` text NOT NULL,
	`values` text NOT NULL,
	`opened_at` integer NOT NULL,
	`acknowledged_by_id` integer,
	`acknowledged_at` integer,
	`acknowledge_note` text,
	`resolved_by_id` integer,
	`resolved_at` integer,
	`resolve_note` text,
	FOREIGN KEY (`rule_id`) REFERENCES `alert_rules`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`acknowledged_by_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`resolved_by_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `kpi_alerts_open_idx` ON `kpi_alerts` (`rule_id`,`user_id`) WHERE status <> 'resolved';--> statement-breakpoint
CREATE INDEX `kpi_alerts_user_idx` ON `kpi_alerts` (`user_id`,`status`);--> statement-breakpoint
CREATE TABLE `kpi_import_batches` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`kind` text NOT NULL,
	`file_name` text,
	`sha256` text NOT NULL,
	`actor_id` integer,
	`token_id` integer,
	`rows` integer NOT NULL,
	`inserted` integer NOT NULL,
	`updated` integer NOT NULL,
	`unchanged` integer NOT NULL,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	`reverted_at` integer,
	`reverted_by_id` integer,
	FOREIGN KEY (`actor_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`token_id`) REFERENCES `api_tokens`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`reverted_by_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `kpi_import_batches_hash_idx` ON `kpi_import_batches` (`sha256`);--> statement-breakpoint
CREATE TABLE `kpi_import_changes` (
	`batch_id` integer NOT NULL,
	`record_id` integer NOT NULL,
	`previous_value` real,
	`previous_evidence` text,
	`previous_batch_id` integer,
	PRIMARY KEY(`batch_id`, `record_id`),
	FOREIGN KEY (`batch_id`) REFERENCES `kpi_import_batches`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `kpi_records` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`user_id` integer NOT NULL,
	`indicator_id` integer NOT NULL,
	`date` text NOT NULL,
	`value` real NOT NULL,
	`source` text NOT NULL,
	`evidence` text,
	`status` text DEFAULT 'valid' NOT NULL,
	`batch_id` integer,
	`updated_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`indicator_id`) REFERENCES `indicators`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`batch_id`) REFERENCES `kpi_import_batches`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `kpi_records_key_idx` ON `kpi_records` (`user_id`,`indicator_id`,`date`,`source`);--> statement-breakpoint
CREATE INDEX `kpi_records_indicator_date_idx` ON `kpi_records` (`indicator_id`,`date`);--> statement-breakpoint
CREATE INDEX `kpi_records_batch_idx` ON `kpi_records` (`batch_id`);--> statement-breakpoint
CREATE TABLE `kpi_scores` (
	`user_id` integer NOT NULL,
	`period` text NOT NULL,
	`template_id` integer,
	`weighted_score` real,
	`deduction` real DEFAULT 0 NOT NULL,
	`level` text,
	`detail` text NOT NULL,
	`computed_at` integer NOT NULL,
	PRIMARY KEY(`user_id`, `period`),
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `kpi_scores_period_idx` ON `kpi_scores` (`period`,`weighted_score`);--> statement-breakpoint
CREATE TABLE `kpi_stale_periods` (
	`period` text PRIMARY KEY NOT NULL,
	`since` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL
);
--> statement-breakpoint
CREATE TABLE `kpi_targets` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`user_id` integer NOT NULL,
	`indicator_id` integer NOT NULL,
	`period` text NOT NULL,
	`baseline` real NOT NULL,
	`target` real NOT NULL,
	`challenge` real NOT NULL,
	`original_target` real NOT NULL,
	`updated_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`indicator_id`) REFERENCES `indicators`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `kpi_targets_key_idx` ON `kpi_targets` (`user_id`,`indicator_id`,`period`);--> statement-breakpoint
CREATE INDEX `kpi_targets_period_idx` ON `kpi_targets` (`period`);--> statement-breakpoint
CREATE TABLE `role_templates` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`position_type` text NOT NULL,
	`version` integer NOT NULL,
	`effective_from` text NOT NULL,
	`reason` text,
	`created_by_id` integer,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	FOREIGN KEY (`created_by_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `role_templates_version_idx` ON `role_templates` (`position_type`,`version`);--> statement-breakpoint
CREATE UNIQUE INDEX `role_templates_from_idx` ON `role_templates` (`position_type`,`effective_from`);--> statement-breakpoint
CREATE TABLE `target_adjustments` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`target_id` integer NOT NULL,
	`group_key` text,
	`from_target` real NOT NULL,
	`to_target` real NOT NULL,
	`reason` text NOT NULL,
	`status` text DEFAULT 'pending' NOT NULL,
	`proposed_by_id` integer NOT NULL,
	`proposed_at` integer NOT NULL,
	`decided_by_id` integer,
	`decided_at` integer,
	`decision_note` text,
	FOREIGN KEY (`target_id`) REFERENCES `kpi_targets`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`proposed_by_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`decided_by_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `target_adjustments_target_idx` ON `target_adjustments` (`target_id`);--> statement-breakpoint
CREATE UNIQUE INDEX `target_adjustments_pending_idx` ON `target_adjustments` (`target_id`) WHERE status = 'pending';--> statement-breakpoint
CREATE TABLE `template_weights` (
	`template_id` integer NOT NULL,
	`indicator_id` integer NOT NULL,
	`weight` integer NOT NULL,
	`baseline` real,
	`target` real,
	`challenge` real,
	PRIMARY KEY(`template_id`, `indicator_id`),
	FOREIGN KEY (`template_id`) REFERENCES `role_templates`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`indicator_id`) REFERENCES `indicators`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `mentor_pairings` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`mentor_id` integer NOT NULL,
	`mentee_id` integer NOT NULL,
	`starts_on` text NOT NULL,
	`ends_on` text,
	`created_by_id` integer,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	FOREIGN KEY (`mentor_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`mentee_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `mentor_pairings_mentor_idx` ON `mentor_pairings` (`mentor_id`);--> statement-breakpoint
CREATE UNIQUE INDEX `mentor_pairings_active_idx` ON `mentor_pairings` (`mentee_id`) WHERE ends_on is null;--> statement-breakpoint
ALTER TABLE `audit_log` ADD `actor_role` text;--> statement-breakpoint
ALTER TABLE `audit_log` ADD `reason` text;--> statement-breakpoint
ALTER TABLE `audit_log` ADD `batch_id` integer;--> statement-breakpoint
CREATE INDEX `audit_action_idx` ON `audit_log` (`action`);
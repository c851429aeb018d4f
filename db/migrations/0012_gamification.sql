CREATE TABLE `badge_awards` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`user_id` integer NOT NULL,
	`badge` text NOT NULL,
	`award_key` text NOT NULL,
	`period` text,
	`evidence` text NOT NULL,
	`awarded_at` integer NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `badge_awards_key_idx` ON `badge_awards` (`badge`,`award_key`,`user_id`);--> statement-breakpoint
CREATE INDEX `badge_awards_user_idx` ON `badge_awards` (`user_id`);--> statement-breakpoint
CREATE INDEX `badge_awards_period_idx` ON `badge_awards` (`period`,`badge`);--> statement-breakpoint
CREATE TABLE `badge_settings` (
	`key` text PRIMARY KEY NOT NULL,
	`value` real NOT NULL,
	`updated_by_id` integer,
	`updated_at` integer,
	FOREIGN KEY (`updated_by_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `leaderboard_entries` (
	`board` text NOT NULL,
	`period` text NOT NULL,
	`user_id` integer NOT NULL,
	`value` real NOT NULL,
	`position_type` text NOT NULL,
	`cohort` text NOT NULL,
	`team_id` integer,
	`region_id` integer,
	`rank` integer NOT NULL,
	`previous_rank` integer,
	`disputed` integer DEFAULT 0 NOT NULL,
	PRIMARY KEY(`board`, `period`, `user_id`),
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `leaderboard_partition_idx` ON `leaderboard_entries` (`board`,`period`,`position_type`,`cohort`,`rank`);--> statement-breakpoint
CREATE INDEX `leaderboard_user_idx` ON `leaderboard_entries` (`user_id`,`board`,`period`);--> statement-breakpoint
CREATE TABLE `leaderboard_stale` (
	`board` text NOT NULL,
	`period` text NOT NULL,
	`since` integer NOT NULL,
	PRIMARY KEY(`board`, `period`)
);
--> statement-breakpoint
CREATE TABLE `point_rules` (
	`source` text PRIMARY KEY NOT NULL,
	`points` integer NOT NULL,
	`daily_cap` integer,
	`updated_by_id` integer,
	`updated_at` integer,
	FOREIGN KEY (`updated_by_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "point_rules_points" CHECK("point_rules"."points" between 0 and 1000),
	CONSTRAINT "point_rules_cap" CHECK("point_rules"."daily_cap" is null or "point_rules"."daily_cap" between 0 and 10000)
);
--> statement-breakpoint
CREATE TABLE `points_ledger` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`user_id` integer NOT NULL,
	`source` text NOT NULL,
	`source_key` text NOT NULL,
	`points` integer NOT NULL,
	`rule_points` integer NOT NULL,
	`day` text NOT NULL,
	`at` integer NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "points_ledger_points" CHECK("points_ledger"."points" >= 0 and "points_ledger"."points" <= "points_ledger"."rule_points")
);
--> statement-breakpoint
CREATE UNIQUE INDEX `points_ledger_event_idx` ON `points_ledger` (`user_id`,`source`,`source_key`);--> statement-breakpoint
CREATE INDEX `points_ledger_user_day_idx` ON `points_ledger` (`user_id`,`day`);--> statement-breakpoint
CREATE INDEX `points_ledger_day_idx` ON `points_ledger` (`day`);--> statement-breakpoint
CREATE TABLE `promotion_decisions` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`user_id` integer NOT NULL,
	`decision` text NOT NULL,
	`new_title` text,
	`reason` text,
	`checklist` text NOT NULL,
	`decided_by_id` integer NOT NULL,
	`decided_at` integer NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`decided_by_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `promotion_decisions_user_idx` ON `promotion_decisions` (`user_id`,`decided_at`);--> statement-breakpoint
CREATE TABLE `promotion_rules` (
	`id` integer PRIMARY KEY NOT NULL,
	`consecutive_quarters` integer NOT NULL,
	`min_score` real NOT NULL,
	`require_core_exams` integer NOT NULL,
	`capability_mins` text NOT NULL,
	`min_tenure_months` integer NOT NULL,
	`violation_free_months` integer NOT NULL,
	`target_title` text NOT NULL,
	`updated_by_id` integer,
	`updated_at` integer,
	FOREIGN KEY (`updated_by_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "promotion_rules_single" CHECK("promotion_rules"."id" = 1),
	CONSTRAINT "promotion_rules_quarters" CHECK("promotion_rules"."consecutive_quarters" between 1 and 8)
);
--> statement-breakpoint
CREATE TABLE `star_nominations` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`user_id` integer NOT NULL,
	`month` text NOT NULL,
	`reason` text NOT NULL,
	`nominated_by_id` integer NOT NULL,
	`nominated_at` integer NOT NULL,
	`status` text DEFAULT 'pending' NOT NULL,
	`decided_by_id` integer,
	`decided_at` integer,
	`decision_note` text,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`nominated_by_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`decided_by_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `star_nominations_once_idx` ON `star_nominations` (`user_id`,`month`);--> statement-breakpoint
ALTER TABLE `users` ADD `title` text;
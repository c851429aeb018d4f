CREATE TABLE `coaching_sessions` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`pairing_id` integer NOT NULL,
	`kind` text NOT NULL,
	`occurred_on` text NOT NULL,
	`notes` text NOT NULL,
	`next_steps` text,
	`fabe_feature` integer,
	`fabe_advantage` integer,
	`fabe_benefit` integer,
	`fabe_evidence` integer,
	`objection_handling` integer,
	`closing` integer,
	`record_id` integer,
	`logged_by_id` integer NOT NULL,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	FOREIGN KEY (`pairing_id`) REFERENCES `mentor_pairings`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`record_id`) REFERENCES `kpi_records`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`logged_by_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "coaching_sessions_rubric" CHECK(coalesce("coaching_sessions"."fabe_feature", 1) between 1 and 5 and coalesce("coaching_sessions"."fabe_advantage", 1) between 1 and 5
			 and coalesce("coaching_sessions"."fabe_benefit", 1) between 1 and 5 and coalesce("coaching_sessions"."fabe_evidence", 1) between 1 and 5
			 and coalesce("coaching_sessions"."objection_handling", 1) between 1 and 5 and coalesce("coaching_sessions"."closing", 1) between 1 and 5)
);
--> statement-breakpoint
CREATE INDEX `coaching_sessions_pairing_idx` ON `coaching_sessions` (`pairing_id`,`occurred_on`);--> statement-breakpoint
CREATE TABLE `mentor_capacities` (
	`user_id` integer PRIMARY KEY NOT NULL,
	`capacity` integer NOT NULL,
	`updated_by_id` integer,
	`updated_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`updated_by_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "mentor_capacities_range" CHECK("mentor_capacities"."capacity" between 0 and 20)
);
--> statement-breakpoint
CREATE TABLE `mentoring_assignments` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`pairing_id` integer NOT NULL,
	`article_id` integer,
	`lesson_id` integer,
	`due_on` text NOT NULL,
	`assigned_by_id` integer NOT NULL,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	`completed_at` integer,
	FOREIGN KEY (`pairing_id`) REFERENCES `mentor_pairings`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`article_id`) REFERENCES `kb_articles`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`lesson_id`) REFERENCES `lessons`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`assigned_by_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "mentoring_assignments_item" CHECK(("mentoring_assignments"."article_id" is null) <> ("mentoring_assignments"."lesson_id" is null))
);
--> statement-breakpoint
CREATE UNIQUE INDEX `mentoring_assignments_article_idx` ON `mentoring_assignments` (`pairing_id`,`article_id`);--> statement-breakpoint
CREATE UNIQUE INDEX `mentoring_assignments_lesson_idx` ON `mentoring_assignments` (`pairing_id`,`lesson_id`);--> statement-breakpoint
CREATE TABLE `pairing_focus` (
	`pairing_id` integer NOT NULL,
	`indicator_id` integer NOT NULL,
	`position` integer NOT NULL,
	`from_value` real,
	`to_value` real,
	`due_on` text,
	PRIMARY KEY(`pairing_id`, `indicator_id`),
	FOREIGN KEY (`pairing_id`) REFERENCES `mentor_pairings`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`indicator_id`) REFERENCES `indicators`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "pairing_focus_goal" CHECK(("pairing_focus"."from_value" is null and "pairing_focus"."to_value" is null and "pairing_focus"."due_on" is null) or ("pairing_focus"."from_value" is not null and "pairing_focus"."to_value" is not null and "pairing_focus"."due_on" is not null))
);
--> statement-breakpoint
DROP INDEX `mentor_pairings_active_idx`;--> statement-breakpoint
ALTER TABLE `mentor_pairings` ADD `ended_by_id` integer REFERENCES users(id);--> statement-breakpoint
ALTER TABLE `mentor_pairings` ADD `end_reason` text;--> statement-breakpoint
CREATE INDEX `mentor_pairings_mentee_idx` ON `mentor_pairings` (`mentee_id`);
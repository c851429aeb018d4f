CREATE TABLE `clearances` (
	`user_id` integer PRIMARY KEY NOT NULL,
	`cleared_at` integer NOT NULL,
	`cleared_on` text NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `lesson_completions` (
	`user_id` integer NOT NULL,
	`lesson_id` integer NOT NULL,
	`completed_at` integer NOT NULL,
	PRIMARY KEY(`user_id`, `lesson_id`),
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`lesson_id`) REFERENCES `lessons`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `lessons` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`tier` text NOT NULL,
	`module_id` integer NOT NULL,
	`slug` text NOT NULL,
	`title` text NOT NULL,
	`title_en` text NOT NULL,
	`summary` text NOT NULL,
	`summary_en` text NOT NULL,
	`minutes` integer NOT NULL,
	`position` integer NOT NULL,
	`indicators` text NOT NULL,
	`required` integer NOT NULL,
	`code` text NOT NULL,
	`content_hash` text NOT NULL,
	`source_path` text NOT NULL,
	`synced_at` integer NOT NULL,
	FOREIGN KEY (`module_id`) REFERENCES `track_modules`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `lessons_tier_slug_idx` ON `lessons` (`tier`,`slug`);--> statement-breakpoint
CREATE INDEX `lessons_module_idx` ON `lessons` (`module_id`);--> statement-breakpoint
CREATE TABLE `tier_overrides` (
	`user_id` integer PRIMARY KEY NOT NULL,
	`tier` text NOT NULL,
	`reason` text NOT NULL,
	`set_by` integer NOT NULL,
	`set_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`set_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `track_modules` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`tier` text NOT NULL,
	`slug` text NOT NULL,
	`title` text NOT NULL,
	`title_en` text NOT NULL,
	`summary` text NOT NULL,
	`summary_en` text NOT NULL,
	`position` integer NOT NULL,
	`content_hash` text NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `track_modules_tier_slug_idx` ON `track_modules` (`tier`,`slug`);--> statement-breakpoint
CREATE TABLE `attempt_focus_events` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`attempt_id` integer NOT NULL,
	`at` integer NOT NULL,
	`away_ms` integer,
	FOREIGN KEY (`attempt_id`) REFERENCES `exam_attempts`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `attempt_focus_events_attempt_idx` ON `attempt_focus_events` (`attempt_id`);--> statement-breakpoint
CREATE TABLE `attempt_questions` (
	`attempt_id` integer NOT NULL,
	`position` integer NOT NULL,
	`question_id` integer NOT NULL,
	`options` text NOT NULL,
	`chosen` text,
	`flagged` integer DEFAULT false NOT NULL,
	`answered_at` integer,
	`correct` integer,
	PRIMARY KEY(`attempt_id`, `position`),
	FOREIGN KEY (`attempt_id`) REFERENCES `exam_attempts`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`question_id`) REFERENCES `exam_questions`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `attempt_questions_question_idx` ON `attempt_questions` (`question_id`);--> statement-breakpoint
CREATE TABLE `exam_attempt_grants` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`exam_id` integer NOT NULL,
	`user_id` integer NOT NULL,
	`granted_by` integer NOT NULL,
	`reason` text NOT NULL,
	`granted_at` integer NOT NULL,
	FOREIGN KEY (`exam_id`) REFERENCES `exams`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`granted_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `exam_attempt_grants_user_exam_idx` ON `exam_attempt_grants` (`user_id`,`exam_id`);--> statement-breakpoint
CREATE TABLE `exam_attempts` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`exam_id` integer NOT NULL,
	`user_id` integer NOT NULL,
	`number` integer NOT NULL,
	`seed` integer NOT NULL,
	`status` text DEFAULT 'open' NOT NULL,
	`closed_by` text,
	`started_at` integer NOT NULL,
	`deadline_at` integer NOT NULL,
	`ends_at` integer NOT NULL,
	`closed_at` integer,
	`seq` integer DEFAULT 0 NOT NULL,
	`correct_count` integer,
	`question_count` integer NOT NULL,
	`score` integer,
	`passed` integer,
	`focus_losses` integer DEFAULT 0 NOT NULL,
	FOREIGN KEY (`exam_id`) REFERENCES `exams`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `exam_attempts_number_idx` ON `exam_attempts` (`exam_id`,`user_id`,`number`);--> statement-breakpoint
CREATE UNIQUE INDEX `exam_attempts_one_open_idx` ON `exam_attempts` (`user_id`) WHERE status = 'open';--> statement-breakpoint
CREATE INDEX `exam_attempts_open_deadline_idx` ON `exam_attempts` (`deadline_at`) WHERE status = 'open';--> statement-breakpoint
CREATE INDEX `exam_attempts_exam_idx` ON `exam_attempts` (`exam_id`,`closed_at`);--> statement-breakpoint
CREATE INDEX `exam_attempts_user_idx` ON `exam_attempts` (`user_id`,`closed_at`);--> statement-breakpoint
CREATE TABLE `exam_questions` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`exam_id` integer NOT NULL,
	`key` text NOT NULL,
	`topic` text NOT NULL,
	`type` text NOT NULL,
	`prompt` text NOT NULL,
	`options` text NOT NULL,
	`answer` text NOT NULL,
	`explanation` text NOT NULL,
	`retired` integer DEFAULT false NOT NULL,
	FOREIGN KEY (`exam_id`) REFERENCES `exams`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `exam_questions_exam_key_idx` ON `exam_questions` (`exam_id`,`key`);--> statement-breakpoint
CREATE TABLE `exams` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`slug` text NOT NULL,
	`title` text NOT NULL,
	`title_en` text NOT NULL,
	`description` text NOT NULL,
	`description_en` text NOT NULL,
	`tier` text NOT NULL,
	`closed_book` integer NOT NULL,
	`required` integer NOT NULL,
	`time_limit_seconds` integer NOT NULL,
	`pass_mark` integer NOT NULL,
	`max_attempts` integer NOT NULL,
	`cooldown_minutes` integer NOT NULL,
	`review` text NOT NULL,
	`topics` text NOT NULL,
	`questions_per_attempt` integer NOT NULL,
	`content_hash` text NOT NULL,
	`source_path` text NOT NULL,
	`synced_at` integer NOT NULL,
	`retired_at` integer
);
--> statement-breakpoint
CREATE UNIQUE INDEX `exams_slug_idx` ON `exams` (`slug`);
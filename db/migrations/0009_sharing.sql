CREATE TABLE `calendar_feed_tokens` (
	`user_id` integer PRIMARY KEY NOT NULL,
	`token_hash` text NOT NULL,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `calendar_feed_tokens_tokenHash_unique` ON `calendar_feed_tokens` (`token_hash`);--> statement-breakpoint
CREATE TABLE `session_article_drafts` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`session_id` integer NOT NULL,
	`slug` text NOT NULL,
	`type` text NOT NULL,
	`title` text NOT NULL,
	`title_en` text NOT NULL,
	`summary` text NOT NULL,
	`summary_en` text NOT NULL,
	`body` text NOT NULL,
	`indicators` text NOT NULL,
	`tags` text NOT NULL,
	`status` text DEFAULT 'draft' NOT NULL,
	`created_by_id` integer NOT NULL,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	`reviewed_by_id` integer,
	`reviewed_at` integer,
	`review_note` text,
	`article_id` integer,
	FOREIGN KEY (`session_id`) REFERENCES `sharing_sessions`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`reviewed_by_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`article_id`) REFERENCES `kb_articles`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `session_article_drafts_slug_idx` ON `session_article_drafts` (`slug`);--> statement-breakpoint
CREATE INDEX `session_article_drafts_session_idx` ON `session_article_drafts` (`session_id`);--> statement-breakpoint
CREATE TABLE `session_attendance` (
	`session_id` integer NOT NULL,
	`user_id` integer NOT NULL,
	`checked_in_at` integer NOT NULL,
	`method` text NOT NULL,
	`marked_by_id` integer,
	PRIMARY KEY(`session_id`, `user_id`),
	FOREIGN KEY (`session_id`) REFERENCES `sharing_sessions`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`marked_by_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `session_attendance_user_idx` ON `session_attendance` (`user_id`);--> statement-breakpoint
CREATE TABLE `session_feedback` (
	`session_id` integer NOT NULL,
	`user_id` integer NOT NULL,
	`rating` integer NOT NULL,
	`comment` text,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	PRIMARY KEY(`session_id`, `user_id`),
	FOREIGN KEY (`session_id`) REFERENCES `sharing_sessions`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "session_feedback_rating" CHECK("session_feedback"."rating" between 1 and 5)
);
--> statement-breakpoint
CREATE TABLE `session_rsvps` (
	`session_id` integer NOT NULL,
	`user_id` integer NOT NULL,
	`status` text NOT NULL,
	`responded_at` integer NOT NULL,
	`promoted_at` integer,
	PRIMARY KEY(`session_id`, `user_id`),
	FOREIGN KEY (`session_id`) REFERENCES `sharing_sessions`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `session_rsvps_status_idx` ON `session_rsvps` (`session_id`,`status`,`responded_at`);--> statement-breakpoint
CREATE TABLE `session_speakers` (
	`session_id` integer NOT NULL,
	`user_id` integer NOT NULL,
	`position` integer NOT NULL,
	PRIMARY KEY(`session_id`, `user_id`),
	FOREIGN KEY (`session_id`) REFERENCES `sharing_sessions`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `sharing_sessions` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`title` text NOT NULL,
	`topic` text NOT NULL,
	`starts_at` integer NOT NULL,
	`ends_at` integer NOT NULL,
	`place` text,
	`meeting_url` text,
	`capacity` integer NOT NULL,
	`indicators` text NOT NULL,
	`tags` text NOT NULL,
	`organizer_id` integer NOT NULL,
	`check_in_code` text NOT NULL,
	`sequence` integer DEFAULT 0 NOT NULL,
	`cancelled_at` integer,
	`cancel_reason` text,
	`notes` text,
	`recording_url` text,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	`updated_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	FOREIGN KEY (`organizer_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "sharing_sessions_times" CHECK("sharing_sessions"."ends_at" > "sharing_sessions"."starts_at"),
	CONSTRAINT "sharing_sessions_capacity" CHECK("sharing_sessions"."capacity" >= 1)
);
--> statement-breakpoint
CREATE INDEX `sharing_sessions_starts_idx` ON `sharing_sessions` (`starts_at`);
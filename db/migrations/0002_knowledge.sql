CREATE TABLE `kb_article_index` (
	`article_id` integer PRIMARY KEY NOT NULL,
	`type` text NOT NULL,
	`stage` text,
	`objection_category` text,
	`tags` text NOT NULL,
	`products` text NOT NULL,
	`positions` text NOT NULL,
	`updated_on` text NOT NULL,
	`search_title` text NOT NULL,
	`search_tags` text NOT NULL,
	`search_summary` text NOT NULL,
	FOREIGN KEY (`article_id`) REFERENCES `kb_articles`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `kb_article_index_updated_idx` ON `kb_article_index` (`updated_on`);--> statement-breakpoint
CREATE TABLE `kb_articles` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`slug` text NOT NULL,
	`type` text NOT NULL,
	`title` text NOT NULL,
	`title_en` text NOT NULL,
	`summary` text NOT NULL,
	`summary_en` text NOT NULL,
	`tags` text NOT NULL,
	`products` text NOT NULL,
	`stage` text,
	`objection_category` text,
	`positions` text NOT NULL,
	`indicators` text NOT NULL,
	`related` text NOT NULL,
	`author` text NOT NULL,
	`updated_on` text NOT NULL,
	`verified_by` text,
	`verified_on` text,
	`code` text NOT NULL,
	`body_text` text NOT NULL,
	`content_hash` text NOT NULL,
	`source_path` text NOT NULL,
	`synced_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `kb_articles_slug_idx` ON `kb_articles` (`slug`);--> statement-breakpoint
CREATE INDEX `kb_articles_updated_idx` ON `kb_articles` (`updated_on`);--> statement-breakpoint
CREATE TABLE `kb_bookmarks` (
	`user_id` integer NOT NULL,
	`article_id` integer NOT NULL,
	`created_at` integer NOT NULL,
	PRIMARY KEY(`user_id`, `article_id`),
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`article_id`) REFERENCES `kb_articles`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `kb_feedback` (
	`article_id` integer NOT NULL,
	`user_id` integer NOT NULL,
	`helpful` integer NOT NULL,
	`comment` text,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	PRIMARY KEY(`article_id`, `user_id`),
	FOREIGN KEY (`article_id`) REFERENCES `kb_articles`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `kb_search_gaps` (
	`query` text PRIMARY KEY NOT NULL,
	`count` integer DEFAULT 1 NOT NULL,
	`first_seen_at` integer NOT NULL,
	`last_seen_at` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `kb_views` (
	`article_id` integer NOT NULL,
	`user_id` integer NOT NULL,
	`day` text NOT NULL,
	PRIMARY KEY(`article_id`, `user_id`, `day`),
	FOREIGN KEY (`article_id`) REFERENCES `kb_articles`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `kb_views_day_idx` ON `kb_views` (`day`);
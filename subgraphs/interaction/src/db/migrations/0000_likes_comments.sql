CREATE TABLE `comments` (
	`id` bigint unsigned AUTO_INCREMENT NOT NULL,
	`video_id` bigint unsigned NOT NULL,
	`author_id` bigint unsigned NOT NULL,
	`content` varchar(500) NOT NULL,
	`created_at` datetime(3) NOT NULL,
	CONSTRAINT `comments_id` PRIMARY KEY(`id`)
);
--> statement-breakpoint
CREATE TABLE `favorites` (
	`id` bigint unsigned AUTO_INCREMENT NOT NULL,
	`user_id` bigint unsigned NOT NULL,
	`video_id` bigint unsigned NOT NULL,
	`created_at` datetime(3) NOT NULL,
	CONSTRAINT `favorites_id` PRIMARY KEY(`id`),
	CONSTRAINT `favorites_user_video_unique` UNIQUE(`user_id`,`video_id`)
);
--> statement-breakpoint
CREATE TABLE `user_counters` (
	`user_id` bigint unsigned NOT NULL,
	`favorite_count` int unsigned NOT NULL DEFAULT 0,
	`total_favorited` int unsigned NOT NULL DEFAULT 0,
	CONSTRAINT `user_counters_user_id` PRIMARY KEY(`user_id`)
);
--> statement-breakpoint
CREATE TABLE `video_authors` (
	`video_id` bigint unsigned NOT NULL,
	`author_id` bigint unsigned NOT NULL,
	CONSTRAINT `video_authors_video_id` PRIMARY KEY(`video_id`)
);
--> statement-breakpoint
CREATE TABLE `video_counters` (
	`video_id` bigint unsigned NOT NULL,
	`favorite_count` int unsigned NOT NULL DEFAULT 0,
	`comment_count` int unsigned NOT NULL DEFAULT 0,
	CONSTRAINT `video_counters_video_id` PRIMARY KEY(`video_id`)
);
--> statement-breakpoint
CREATE INDEX `comments_video_created_at` ON `comments` (`video_id`,`created_at`);--> statement-breakpoint
CREATE INDEX `favorites_user_created_at` ON `favorites` (`user_id`,`created_at`);
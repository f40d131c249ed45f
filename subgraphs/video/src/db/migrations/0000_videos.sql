CREATE TABLE `video_outbox` (
	`id` bigint unsigned AUTO_INCREMENT NOT NULL,
	`subject` varchar(128) NOT NULL,
	`payload` text NOT NULL,
	`created_at` datetime(3) NOT NULL,
	`published_at` datetime(3),
	CONSTRAINT `video_outbox_id` PRIMARY KEY(`id`)
);
--> statement-breakpoint
CREATE TABLE `videos` (
	`id` bigint unsigned AUTO_INCREMENT NOT NULL,
	`author_id` bigint unsigned NOT NULL,
	`title` varchar(100) NOT NULL,
	`play_key` varchar(255) NOT NULL,
	`cover_key` varchar(255) NOT NULL,
	`thumbnail_key` varchar(255) NOT NULL,
	`content_type` varchar(64) NOT NULL,
	`size_bytes` bigint unsigned NOT NULL,
	`duration_ms` int unsigned NOT NULL,
	`width` smallint unsigned NOT NULL,
	`height` smallint unsigned NOT NULL,
	`created_at` datetime(3) NOT NULL,
	CONSTRAINT `videos_id` PRIMARY KEY(`id`),
	CONSTRAINT `videos_created_at_unique` UNIQUE(`created_at`)
);
--> statement-breakpoint
CREATE INDEX `video_outbox_pending` ON `video_outbox` (`published_at`,`id`);--> statement-breakpoint
CREATE INDEX `videos_author_created_at` ON `videos` (`author_id`,`created_at`);
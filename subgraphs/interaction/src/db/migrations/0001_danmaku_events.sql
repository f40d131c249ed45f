CREATE TABLE `danmaku` (
	`id` bigint unsigned AUTO_INCREMENT NOT NULL,
	`video_id` bigint unsigned NOT NULL,
	`author_id` bigint unsigned NOT NULL,
	`content` varchar(100) NOT NULL,
	`at_ms` int unsigned NOT NULL,
	`created_at` datetime(3) NOT NULL,
	CONSTRAINT `danmaku_id` PRIMARY KEY(`id`)
);
--> statement-breakpoint
CREATE TABLE `interaction_outbox` (
	`id` bigint unsigned AUTO_INCREMENT NOT NULL,
	`subject` varchar(128) NOT NULL,
	`payload` text NOT NULL,
	`created_at` datetime(3) NOT NULL,
	`published_at` datetime(3),
	CONSTRAINT `interaction_outbox_id` PRIMARY KEY(`id`)
);
--> statement-breakpoint
CREATE TABLE `interaction_processed_events` (
	`consumer` varchar(64) NOT NULL,
	`event_id` varchar(128) NOT NULL,
	`processed_at` datetime(3) NOT NULL,
	CONSTRAINT `interaction_processed_events_key` PRIMARY KEY(`consumer`,`event_id`)
);
--> statement-breakpoint
ALTER TABLE `video_authors` ADD `duration_ms` int unsigned;--> statement-breakpoint
CREATE INDEX `danmaku_video_at` ON `danmaku` (`video_id`,`at_ms`,`id`);--> statement-breakpoint
CREATE INDEX `interaction_outbox_pending` ON `interaction_outbox` (`published_at`,`id`);
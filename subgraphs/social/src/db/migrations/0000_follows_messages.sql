CREATE TABLE `conversations` (
	`user_low_id` bigint unsigned NOT NULL,
	`user_high_id` bigint unsigned NOT NULL,
	`last_message_id` bigint unsigned NOT NULL,
	`last_message_at` datetime(3) NOT NULL,
	CONSTRAINT `conversations_pair` PRIMARY KEY(`user_low_id`,`user_high_id`)
);
--> statement-breakpoint
CREATE TABLE `follow_counters` (
	`user_id` bigint unsigned NOT NULL,
	`follow_count` int unsigned NOT NULL DEFAULT 0,
	`follower_count` int unsigned NOT NULL DEFAULT 0,
	CONSTRAINT `follow_counters_user_id` PRIMARY KEY(`user_id`)
);
--> statement-breakpoint
CREATE TABLE `follows` (
	`id` bigint unsigned AUTO_INCREMENT NOT NULL,
	`follower_id` bigint unsigned NOT NULL,
	`followee_id` bigint unsigned NOT NULL,
	`created_at` datetime(3) NOT NULL,
	CONSTRAINT `follows_id` PRIMARY KEY(`id`),
	CONSTRAINT `follows_follower_followee_unique` UNIQUE(`follower_id`,`followee_id`)
);
--> statement-breakpoint
CREATE TABLE `known_users` (
	`user_id` bigint unsigned NOT NULL,
	`confirmed_at` datetime(3) NOT NULL,
	CONSTRAINT `known_users_user_id` PRIMARY KEY(`user_id`)
);
--> statement-breakpoint
CREATE TABLE `messages` (
	`id` bigint unsigned AUTO_INCREMENT NOT NULL,
	`from_user_id` bigint unsigned NOT NULL,
	`to_user_id` bigint unsigned NOT NULL,
	`user_low_id` bigint unsigned NOT NULL,
	`user_high_id` bigint unsigned NOT NULL,
	`content` varchar(1000) NOT NULL,
	`created_at` datetime(3) NOT NULL,
	CONSTRAINT `messages_id` PRIMARY KEY(`id`),
	CONSTRAINT `messages_conversation_created_at` UNIQUE(`user_low_id`,`user_high_id`,`created_at`)
);
--> statement-breakpoint
CREATE TABLE `social_outbox` (
	`id` bigint unsigned AUTO_INCREMENT NOT NULL,
	`subject` varchar(128) NOT NULL,
	`payload` text NOT NULL,
	`created_at` datetime(3) NOT NULL,
	`published_at` datetime(3),
	CONSTRAINT `social_outbox_id` PRIMARY KEY(`id`)
);
--> statement-breakpoint
CREATE INDEX `follows_follower_created_at` ON `follows` (`follower_id`,`created_at`);--> statement-breakpoint
CREATE INDEX `follows_followee_created_at` ON `follows` (`followee_id`,`created_at`);--> statement-breakpoint
CREATE INDEX `social_outbox_pending` ON `social_outbox` (`published_at`,`id`);
ALTER TABLE "users" ADD COLUMN "presence_choice" varchar(16) DEFAULT 'online' NOT NULL;--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "custom_status_text" varchar(128);--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "custom_status_expires_at" timestamp with time zone;
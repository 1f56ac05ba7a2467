ALTER TABLE "chatroom_participants" ADD COLUMN "removed_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "chatroom_participants" ADD COLUMN "removed_by" uuid;--> statement-breakpoint
ALTER TABLE "chatroom_participants" ADD COLUMN "removed_seq" bigint;--> statement-breakpoint
ALTER TABLE "chatrooms" ADD COLUMN "icon" varchar(32);--> statement-breakpoint
ALTER TABLE "messages" ADD COLUMN "kind" varchar(16) DEFAULT 'user' NOT NULL;--> statement-breakpoint
ALTER TABLE "messages" ADD COLUMN "system" jsonb;--> statement-breakpoint
ALTER TABLE "chatroom_participants" ADD CONSTRAINT "chatroom_participants_removed_by_users_id_fk" FOREIGN KEY ("removed_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;
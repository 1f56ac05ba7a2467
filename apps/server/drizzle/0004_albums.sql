CREATE TABLE "album_guests" (
	"id" uuid PRIMARY KEY NOT NULL,
	"album_id" uuid NOT NULL,
	"display_name" varchar(64) NOT NULL,
	"invite_id" uuid,
	"session_token_hash" varchar(64) NOT NULL,
	"session_expires_at" timestamp with time zone NOT NULL,
	"revoked_at" timestamp with time zone,
	"revoked_reason" varchar(16),
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_seen_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "album_invites" (
	"id" uuid PRIMARY KEY NOT NULL,
	"album_id" uuid NOT NULL,
	"token_hash" varchar(64) NOT NULL,
	"token_enc" text NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone,
	"revoked_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "album_members" (
	"album_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"role" varchar(16) NOT NULL,
	"added_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "album_members_album_id_user_id_pk" PRIMARY KEY("album_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "album_photo_hearts" (
	"id" uuid PRIMARY KEY NOT NULL,
	"photo_id" uuid NOT NULL,
	"user_id" uuid,
	"guest_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "album_photo_hearts_one_actor" CHECK (("album_photo_hearts"."user_id" is null) <> ("album_photo_hearts"."guest_id" is null))
);
--> statement-breakpoint
CREATE TABLE "album_photos" (
	"id" uuid PRIMARY KEY NOT NULL,
	"album_id" uuid NOT NULL,
	"uploader_user_id" uuid,
	"uploader_guest_id" uuid,
	"client_id" varchar(64) NOT NULL,
	"original_name" varchar(255),
	"original_key" varchar(512) NOT NULL,
	"thumb_key" varchar(512),
	"preview_key" varchar(512),
	"content_type" varchar(64) NOT NULL,
	"byte_size" bigint NOT NULL,
	"derived_bytes" bigint DEFAULT 0 NOT NULL,
	"width" integer,
	"height" integer,
	"taken_at" timestamp with time zone,
	"placeholder" varchar(128),
	"status" varchar(24) DEFAULT 'pending_upload' NOT NULL,
	"failure_reason" varchar(64),
	"multipart_upload_id" varchar(1024),
	"upload_expires_at" timestamp with time zone,
	"heart_count" integer DEFAULT 0 NOT NULL,
	"seq" bigint NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"processed_at" timestamp with time zone,
	"approved_at" timestamp with time zone,
	"approved_by" uuid,
	"deleted_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "album_wall_links" (
	"id" uuid PRIMARY KEY NOT NULL,
	"album_id" uuid NOT NULL,
	"token_hash" varchar(64) NOT NULL,
	"token_enc" text NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"revoked_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "albums" (
	"id" uuid PRIMARY KEY NOT NULL,
	"owner_id" uuid NOT NULL,
	"title" varchar(120) NOT NULL,
	"event_date" date,
	"description" text,
	"cover_photo_id" uuid,
	"uploads_open" boolean DEFAULT true NOT NULL,
	"upload_window_start" timestamp with time zone,
	"upload_window_end" timestamp with time zone,
	"approval_required" boolean DEFAULT false NOT NULL,
	"guest_quota_photos" integer DEFAULT 100 NOT NULL,
	"guest_quota_bytes" bigint DEFAULT 2147483648 NOT NULL,
	"max_file_bytes" bigint DEFAULT 209715200 NOT NULL,
	"guests_may_download" boolean DEFAULT false NOT NULL,
	"last_seq" bigint DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"deleted_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "album_guests" ADD CONSTRAINT "album_guests_album_id_albums_id_fk" FOREIGN KEY ("album_id") REFERENCES "public"."albums"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "album_guests" ADD CONSTRAINT "album_guests_invite_id_album_invites_id_fk" FOREIGN KEY ("invite_id") REFERENCES "public"."album_invites"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "album_invites" ADD CONSTRAINT "album_invites_album_id_albums_id_fk" FOREIGN KEY ("album_id") REFERENCES "public"."albums"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "album_invites" ADD CONSTRAINT "album_invites_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "album_members" ADD CONSTRAINT "album_members_album_id_albums_id_fk" FOREIGN KEY ("album_id") REFERENCES "public"."albums"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "album_members" ADD CONSTRAINT "album_members_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "album_members" ADD CONSTRAINT "album_members_added_by_users_id_fk" FOREIGN KEY ("added_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "album_photo_hearts" ADD CONSTRAINT "album_photo_hearts_photo_id_album_photos_id_fk" FOREIGN KEY ("photo_id") REFERENCES "public"."album_photos"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "album_photo_hearts" ADD CONSTRAINT "album_photo_hearts_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "album_photo_hearts" ADD CONSTRAINT "album_photo_hearts_guest_id_album_guests_id_fk" FOREIGN KEY ("guest_id") REFERENCES "public"."album_guests"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "album_photos" ADD CONSTRAINT "album_photos_album_id_albums_id_fk" FOREIGN KEY ("album_id") REFERENCES "public"."albums"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "album_photos" ADD CONSTRAINT "album_photos_uploader_user_id_users_id_fk" FOREIGN KEY ("uploader_user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "album_photos" ADD CONSTRAINT "album_photos_uploader_guest_id_album_guests_id_fk" FOREIGN KEY ("uploader_guest_id") REFERENCES "public"."album_guests"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "album_photos" ADD CONSTRAINT "album_photos_approved_by_users_id_fk" FOREIGN KEY ("approved_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "album_wall_links" ADD CONSTRAINT "album_wall_links_album_id_albums_id_fk" FOREIGN KEY ("album_id") REFERENCES "public"."albums"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "album_wall_links" ADD CONSTRAINT "album_wall_links_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "albums" ADD CONSTRAINT "albums_owner_id_users_id_fk" FOREIGN KEY ("owner_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "album_guests_session_key" ON "album_guests" USING btree ("session_token_hash");--> statement-breakpoint
CREATE INDEX "album_guests_album_idx" ON "album_guests" USING btree ("album_id","id");--> statement-breakpoint
CREATE UNIQUE INDEX "album_invites_token_key" ON "album_invites" USING btree ("token_hash");--> statement-breakpoint
CREATE INDEX "album_invites_album_idx" ON "album_invites" USING btree ("album_id","id");--> statement-breakpoint
CREATE INDEX "album_members_user_idx" ON "album_members" USING btree ("user_id","album_id");--> statement-breakpoint
CREATE UNIQUE INDEX "album_photo_hearts_user_key" ON "album_photo_hearts" USING btree ("photo_id","user_id") WHERE "album_photo_hearts"."user_id" is not null;--> statement-breakpoint
CREATE UNIQUE INDEX "album_photo_hearts_guest_key" ON "album_photo_hearts" USING btree ("photo_id","guest_id") WHERE "album_photo_hearts"."guest_id" is not null;--> statement-breakpoint
CREATE UNIQUE INDEX "album_photos_user_client_key" ON "album_photos" USING btree ("album_id","uploader_user_id","client_id") WHERE "album_photos"."uploader_user_id" is not null;--> statement-breakpoint
CREATE UNIQUE INDEX "album_photos_guest_client_key" ON "album_photos" USING btree ("album_id","uploader_guest_id","client_id") WHERE "album_photos"."uploader_guest_id" is not null;--> statement-breakpoint
CREATE INDEX "album_photos_album_idx" ON "album_photos" USING btree ("album_id","id");--> statement-breakpoint
CREATE INDEX "album_photos_album_seq_idx" ON "album_photos" USING btree ("album_id","seq");--> statement-breakpoint
CREATE INDEX "album_photos_album_taken_idx" ON "album_photos" USING btree ("album_id","taken_at","id");--> statement-breakpoint
CREATE INDEX "album_photos_guest_idx" ON "album_photos" USING btree ("uploader_guest_id");--> statement-breakpoint
CREATE INDEX "album_photos_pending_idx" ON "album_photos" USING btree ("upload_expires_at") WHERE "album_photos"."status" = 'pending_upload';--> statement-breakpoint
CREATE UNIQUE INDEX "album_wall_links_token_key" ON "album_wall_links" USING btree ("token_hash");--> statement-breakpoint
CREATE UNIQUE INDEX "album_wall_links_live_key" ON "album_wall_links" USING btree ("album_id") WHERE "album_wall_links"."revoked_at" is null;--> statement-breakpoint
CREATE INDEX "albums_owner_idx" ON "albums" USING btree ("owner_id");--> statement-breakpoint
CREATE INDEX "albums_deleted_idx" ON "albums" USING btree ("deleted_at") WHERE "albums"."deleted_at" is not null;
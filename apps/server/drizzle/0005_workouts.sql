CREATE TABLE "body_measurements" (
	"id" uuid PRIMARY KEY NOT NULL,
	"user_id" uuid NOT NULL,
	"client_id" varchar(64) NOT NULL,
	"measured_at" timestamp with time zone NOT NULL,
	"bodyweight_kg" numeric(14, 8) NOT NULL,
	"bodyweight_input" numeric(12, 4) NOT NULL,
	"bodyweight_unit" varchar(2) NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "exercises" (
	"id" uuid PRIMARY KEY NOT NULL,
	"owner_id" uuid,
	"slug" varchar(80),
	"name_en" varchar(100) NOT NULL,
	"name_de" varchar(100) NOT NULL,
	"primary_muscles" text[] DEFAULT '{}'::text[] NOT NULL,
	"secondary_muscles" text[] DEFAULT '{}'::text[] NOT NULL,
	"equipment" varchar(24) NOT NULL,
	"tracking_type" varchar(24) NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"deleted_at" timestamp with time zone,
	CONSTRAINT "exercises_tracking_type_check" CHECK ("exercises"."tracking_type" in ('weight_reps','bodyweight_reps','weighted_bodyweight','assisted_bodyweight','duration','distance_duration','weight_distance')),
	CONSTRAINT "exercises_builtin_slug_check" CHECK (("exercises"."owner_id" is null) = ("exercises"."slug" is not null))
);
--> statement-breakpoint
CREATE TABLE "leaderboard_holds" (
	"id" uuid PRIMARY KEY NOT NULL,
	"user_id" uuid NOT NULL,
	"workout_id" uuid NOT NULL,
	"set_id" uuid,
	"exercise_id" uuid,
	"metric" varchar(16) NOT NULL,
	"value" numeric(16, 6) NOT NULL,
	"previous_best" numeric(16, 6),
	"status" varchar(12) DEFAULT 'pending' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"resolved_at" timestamp with time zone,
	CONSTRAINT "leaderboard_holds_status_check" CHECK ("leaderboard_holds"."status" in ('pending','confirmed','rejected'))
);
--> statement-breakpoint
CREATE TABLE "personal_records" (
	"id" uuid PRIMARY KEY NOT NULL,
	"user_id" uuid NOT NULL,
	"exercise_id" uuid NOT NULL,
	"kind" varchar(16) NOT NULL,
	"weight_kg" numeric(14, 8),
	"value" numeric(16, 6) NOT NULL,
	"previous_value" numeric(16, 6),
	"workout_id" uuid NOT NULL,
	"set_id" uuid NOT NULL,
	"achieved_at" timestamp with time zone NOT NULL,
	"current" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "personal_records_kind_check" CHECK ("personal_records"."kind" in ('heaviest','e1rm','set_volume','reps_at_weight','distance','duration'))
);
--> statement-breakpoint
CREATE TABLE "pr_announcement_rooms" (
	"user_id" uuid NOT NULL,
	"chatroom_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "pr_announcement_rooms_user_id_chatroom_id_pk" PRIMARY KEY("user_id","chatroom_id")
);
--> statement-breakpoint
CREATE TABLE "routine_exercises" (
	"id" uuid PRIMARY KEY NOT NULL,
	"routine_id" uuid NOT NULL,
	"exercise_id" uuid NOT NULL,
	"position" integer NOT NULL,
	"superset_group" integer,
	"rest_seconds" integer,
	"notes" text
);
--> statement-breakpoint
CREATE TABLE "routine_folders" (
	"id" uuid PRIMARY KEY NOT NULL,
	"user_id" uuid NOT NULL,
	"name" varchar(100) NOT NULL,
	"position" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "routine_sets" (
	"id" uuid PRIMARY KEY NOT NULL,
	"routine_exercise_id" uuid NOT NULL,
	"position" integer NOT NULL,
	"type" varchar(8) DEFAULT 'normal' NOT NULL,
	"weight_kg" numeric(14, 8),
	"weight_input" numeric(12, 4),
	"weight_unit" varchar(2),
	"reps_min" integer,
	"reps_max" integer,
	"distance_m" numeric(14, 5),
	"distance_input" numeric(12, 4),
	"distance_unit" varchar(2),
	"duration_s" integer
);
--> statement-breakpoint
CREATE TABLE "routines" (
	"id" uuid PRIMARY KEY NOT NULL,
	"user_id" uuid NOT NULL,
	"folder_id" uuid,
	"title" varchar(100) NOT NULL,
	"notes" text,
	"position" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "workout_comments" (
	"id" uuid PRIMARY KEY NOT NULL,
	"workout_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"client_id" varchar(64),
	"body" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"deleted_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "workout_exercises" (
	"id" uuid PRIMARY KEY NOT NULL,
	"workout_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"exercise_id" uuid NOT NULL,
	"client_id" varchar(64) NOT NULL,
	"position" integer NOT NULL,
	"superset_group" integer,
	"rest_seconds" integer,
	"notes" text
);
--> statement-breakpoint
CREATE TABLE "workout_kudos" (
	"workout_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "workout_kudos_workout_id_user_id_pk" PRIMARY KEY("workout_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "workout_preferences" (
	"user_id" uuid PRIMARY KEY NOT NULL,
	"weight_unit" varchar(2) DEFAULT 'kg' NOT NULL,
	"distance_unit" varchar(2) DEFAULT 'km' NOT NULL,
	"sex" varchar(8),
	"bodyweight_kg" numeric(14, 8),
	"bodyweight_input" numeric(12, 4),
	"default_visibility" varchar(8) DEFAULT 'friends' NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "workout_preferences_weight_unit_check" CHECK ("workout_preferences"."weight_unit" in ('kg','lb')),
	CONSTRAINT "workout_preferences_distance_unit_check" CHECK ("workout_preferences"."distance_unit" in ('km','mi')),
	CONSTRAINT "workout_preferences_sex_check" CHECK ("workout_preferences"."sex" is null or "workout_preferences"."sex" in ('male','female'))
);
--> statement-breakpoint
CREATE TABLE "workout_sets" (
	"id" uuid PRIMARY KEY NOT NULL,
	"workout_exercise_id" uuid NOT NULL,
	"client_id" varchar(64) NOT NULL,
	"position" integer NOT NULL,
	"type" varchar(8) DEFAULT 'normal' NOT NULL,
	"weight_kg" numeric(14, 8),
	"weight_input" numeric(12, 4),
	"weight_unit" varchar(2),
	"reps" integer,
	"rpe" numeric(3, 1),
	"distance_m" numeric(14, 5),
	"distance_input" numeric(12, 4),
	"distance_unit" varchar(2),
	"duration_s" integer,
	"done" boolean DEFAULT false NOT NULL,
	"completed_at" timestamp with time zone,
	CONSTRAINT "workout_sets_type_check" CHECK ("workout_sets"."type" in ('normal','warmup','drop','failure'))
);
--> statement-breakpoint
CREATE TABLE "workouts" (
	"id" uuid PRIMARY KEY NOT NULL,
	"user_id" uuid NOT NULL,
	"client_id" varchar(64) NOT NULL,
	"title" varchar(100) NOT NULL,
	"notes" text,
	"started_at" timestamp with time zone NOT NULL,
	"ended_at" timestamp with time zone,
	"finished_at" timestamp with time zone,
	"visibility" varchar(8) DEFAULT 'friends' NOT NULL,
	"routine_id" uuid,
	"source" varchar(8) DEFAULT 'manual' NOT NULL,
	"revision" integer DEFAULT 1 NOT NULL,
	"volume_kg" numeric(16, 4) DEFAULT 0 NOT NULL,
	"set_count" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "workouts_visibility_check" CHECK ("workouts"."visibility" in ('private','friends','public')),
	CONSTRAINT "workouts_end_after_start_check" CHECK ("workouts"."ended_at" is null or "workouts"."ended_at" >= "workouts"."started_at")
);
--> statement-breakpoint
ALTER TABLE "body_measurements" ADD CONSTRAINT "body_measurements_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "exercises" ADD CONSTRAINT "exercises_owner_id_users_id_fk" FOREIGN KEY ("owner_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "leaderboard_holds" ADD CONSTRAINT "leaderboard_holds_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "leaderboard_holds" ADD CONSTRAINT "leaderboard_holds_workout_id_workouts_id_fk" FOREIGN KEY ("workout_id") REFERENCES "public"."workouts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "leaderboard_holds" ADD CONSTRAINT "leaderboard_holds_set_id_workout_sets_id_fk" FOREIGN KEY ("set_id") REFERENCES "public"."workout_sets"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "leaderboard_holds" ADD CONSTRAINT "leaderboard_holds_exercise_id_exercises_id_fk" FOREIGN KEY ("exercise_id") REFERENCES "public"."exercises"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "personal_records" ADD CONSTRAINT "personal_records_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "personal_records" ADD CONSTRAINT "personal_records_exercise_id_exercises_id_fk" FOREIGN KEY ("exercise_id") REFERENCES "public"."exercises"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "personal_records" ADD CONSTRAINT "personal_records_workout_id_workouts_id_fk" FOREIGN KEY ("workout_id") REFERENCES "public"."workouts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "personal_records" ADD CONSTRAINT "personal_records_set_id_workout_sets_id_fk" FOREIGN KEY ("set_id") REFERENCES "public"."workout_sets"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pr_announcement_rooms" ADD CONSTRAINT "pr_announcement_rooms_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pr_announcement_rooms" ADD CONSTRAINT "pr_announcement_rooms_chatroom_id_chatrooms_id_fk" FOREIGN KEY ("chatroom_id") REFERENCES "public"."chatrooms"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "routine_exercises" ADD CONSTRAINT "routine_exercises_routine_id_routines_id_fk" FOREIGN KEY ("routine_id") REFERENCES "public"."routines"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "routine_exercises" ADD CONSTRAINT "routine_exercises_exercise_id_exercises_id_fk" FOREIGN KEY ("exercise_id") REFERENCES "public"."exercises"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "routine_folders" ADD CONSTRAINT "routine_folders_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "routine_sets" ADD CONSTRAINT "routine_sets_routine_exercise_id_routine_exercises_id_fk" FOREIGN KEY ("routine_exercise_id") REFERENCES "public"."routine_exercises"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "routines" ADD CONSTRAINT "routines_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "routines" ADD CONSTRAINT "routines_folder_id_routine_folders_id_fk" FOREIGN KEY ("folder_id") REFERENCES "public"."routine_folders"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "workout_comments" ADD CONSTRAINT "workout_comments_workout_id_workouts_id_fk" FOREIGN KEY ("workout_id") REFERENCES "public"."workouts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "workout_comments" ADD CONSTRAINT "workout_comments_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "workout_exercises" ADD CONSTRAINT "workout_exercises_workout_id_workouts_id_fk" FOREIGN KEY ("workout_id") REFERENCES "public"."workouts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "workout_exercises" ADD CONSTRAINT "workout_exercises_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "workout_exercises" ADD CONSTRAINT "workout_exercises_exercise_id_exercises_id_fk" FOREIGN KEY ("exercise_id") REFERENCES "public"."exercises"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "workout_kudos" ADD CONSTRAINT "workout_kudos_workout_id_workouts_id_fk" FOREIGN KEY ("workout_id") REFERENCES "public"."workouts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "workout_kudos" ADD CONSTRAINT "workout_kudos_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "workout_preferences" ADD CONSTRAINT "workout_preferences_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "workout_sets" ADD CONSTRAINT "workout_sets_workout_exercise_id_workout_exercises_id_fk" FOREIGN KEY ("workout_exercise_id") REFERENCES "public"."workout_exercises"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "workouts" ADD CONSTRAINT "workouts_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "workouts" ADD CONSTRAINT "workouts_routine_id_routines_id_fk" FOREIGN KEY ("routine_id") REFERENCES "public"."routines"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "body_measurements_user_client_key" ON "body_measurements" USING btree ("user_id","client_id");--> statement-breakpoint
CREATE INDEX "body_measurements_user_idx" ON "body_measurements" USING btree ("user_id","measured_at");--> statement-breakpoint
CREATE UNIQUE INDEX "exercises_slug_key" ON "exercises" USING btree ("slug");--> statement-breakpoint
CREATE INDEX "exercises_owner_idx" ON "exercises" USING btree ("owner_id");--> statement-breakpoint
CREATE UNIQUE INDEX "leaderboard_holds_workout_set_metric_key" ON "leaderboard_holds" USING btree ("workout_id",coalesce("set_id", "workout_id"),"metric");--> statement-breakpoint
CREATE INDEX "leaderboard_holds_user_idx" ON "leaderboard_holds" USING btree ("user_id","status");--> statement-breakpoint
CREATE INDEX "personal_records_user_exercise_idx" ON "personal_records" USING btree ("user_id","exercise_id","kind","achieved_at");--> statement-breakpoint
CREATE INDEX "personal_records_workout_idx" ON "personal_records" USING btree ("workout_id");--> statement-breakpoint
CREATE UNIQUE INDEX "personal_records_current_key" ON "personal_records" USING btree ("user_id","exercise_id","kind",coalesce("weight_kg", -1)) WHERE "personal_records"."current";--> statement-breakpoint
CREATE INDEX "pr_announcement_rooms_room_idx" ON "pr_announcement_rooms" USING btree ("chatroom_id");--> statement-breakpoint
CREATE INDEX "routine_exercises_routine_idx" ON "routine_exercises" USING btree ("routine_id","position");--> statement-breakpoint
CREATE INDEX "routine_folders_user_idx" ON "routine_folders" USING btree ("user_id","position");--> statement-breakpoint
CREATE INDEX "routine_sets_exercise_idx" ON "routine_sets" USING btree ("routine_exercise_id","position");--> statement-breakpoint
CREATE INDEX "routines_user_idx" ON "routines" USING btree ("user_id","folder_id","position");--> statement-breakpoint
CREATE INDEX "workout_comments_workout_idx" ON "workout_comments" USING btree ("workout_id","id");--> statement-breakpoint
CREATE UNIQUE INDEX "workout_comments_user_client_key" ON "workout_comments" USING btree ("user_id","client_id") WHERE "workout_comments"."client_id" is not null;--> statement-breakpoint
CREATE UNIQUE INDEX "workout_exercises_workout_client_key" ON "workout_exercises" USING btree ("workout_id","client_id");--> statement-breakpoint
CREATE INDEX "workout_exercises_user_exercise_idx" ON "workout_exercises" USING btree ("user_id","exercise_id");--> statement-breakpoint
CREATE INDEX "workout_kudos_user_idx" ON "workout_kudos" USING btree ("user_id");--> statement-breakpoint
CREATE UNIQUE INDEX "workout_sets_exercise_client_key" ON "workout_sets" USING btree ("workout_exercise_id","client_id");--> statement-breakpoint
CREATE UNIQUE INDEX "workouts_user_client_key" ON "workouts" USING btree ("user_id","client_id");--> statement-breakpoint
CREATE INDEX "workouts_user_started_idx" ON "workouts" USING btree ("user_id","started_at","id");--> statement-breakpoint
CREATE INDEX "workouts_feed_idx" ON "workouts" USING btree ("finished_at","id") WHERE "workouts"."finished_at" is not null and "workouts"."visibility" <> 'private';
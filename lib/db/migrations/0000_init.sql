CREATE TABLE "step_attempts" (
	"id" text PRIMARY KEY NOT NULL,
	"story_id" text,
	"step" text NOT NULL,
	"idempotency_key" text NOT NULL,
	"state" text NOT NULL,
	"request" jsonb,
	"response_status" integer,
	"error" jsonb,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"finished_at" timestamp with time zone,
	CONSTRAINT "step_attempts_idempotency_key_unique" UNIQUE("idempotency_key")
);
--> statement-breakpoint
CREATE TABLE "stories" (
	"id" text PRIMARY KEY NOT NULL,
	"vimmerse_id" text,
	"mode" text NOT NULL,
	"title" text DEFAULT '' NOT NULL,
	"idea" text DEFAULT '' NOT NULL,
	"settings" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"stage" text DEFAULT 'storyboard' NOT NULL,
	"status" text DEFAULT 'submitting' NOT NULL,
	"upstream_status" text DEFAULT '' NOT NULL,
	"progress" integer DEFAULT 0 NOT NULL,
	"error" jsonb,
	"last_story" jsonb,
	"last_story_at" timestamp with time zone,
	"storyboard" jsonb,
	"version" integer DEFAULT 0 NOT NULL,
	"thumbnail_url" text,
	"scene_count" integer DEFAULT 0 NOT NULL,
	"video_url" text,
	"used_credits" integer DEFAULT 0 NOT NULL,
	"webhook_secret" text NOT NULL,
	"refresh_lease_until" timestamp with time zone,
	"last_refreshed_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "stories_vimmerse_id_unique" UNIQUE("vimmerse_id")
);
--> statement-breakpoint
CREATE TABLE "storyboard_versions" (
	"id" serial PRIMARY KEY NOT NULL,
	"story_id" text NOT NULL,
	"version" integer NOT NULL,
	"storyboard" jsonb NOT NULL,
	"source" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "storyboard_versions_story_version_unique" UNIQUE("story_id","version")
);
--> statement-breakpoint
CREATE TABLE "webhook_deliveries" (
	"id" serial PRIMARY KEY NOT NULL,
	"story_id" text NOT NULL,
	"dedupe_key" text NOT NULL,
	"status" text NOT NULL,
	"received_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "webhook_deliveries_dedupe_key_unique" UNIQUE("dedupe_key")
);
--> statement-breakpoint
ALTER TABLE "step_attempts" ADD CONSTRAINT "step_attempts_story_id_stories_id_fk" FOREIGN KEY ("story_id") REFERENCES "public"."stories"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "storyboard_versions" ADD CONSTRAINT "storyboard_versions_story_id_stories_id_fk" FOREIGN KEY ("story_id") REFERENCES "public"."stories"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "webhook_deliveries" ADD CONSTRAINT "webhook_deliveries_story_id_stories_id_fk" FOREIGN KEY ("story_id") REFERENCES "public"."stories"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "step_attempts_story_step_idx" ON "step_attempts" USING btree ("story_id","step");--> statement-breakpoint
CREATE INDEX "stories_created_at_idx" ON "stories" USING btree ("created_at");--> statement-breakpoint
CREATE INDEX "webhook_deliveries_story_idx" ON "webhook_deliveries" USING btree ("story_id");
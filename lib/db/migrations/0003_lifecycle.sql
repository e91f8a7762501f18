ALTER TABLE "step_attempts" DROP CONSTRAINT "step_attempts_story_id_stories_id_fk";
--> statement-breakpoint
ALTER TABLE "step_attempts" ADD COLUMN "story_title" text;--> statement-breakpoint
ALTER TABLE "step_attempts" ADD COLUMN "vimmerse_id" text;--> statement-breakpoint
ALTER TABLE "stories" ADD COLUMN "stage_started_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "stories" ADD COLUMN "refresh_failures" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "stories" ADD COLUMN "refresh_failing_since" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "stories" ADD COLUMN "refresh_error" text;--> statement-breakpoint
ALTER TABLE "stories" ADD COLUMN "refresh_not_before" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "step_attempts" ADD CONSTRAINT "step_attempts_story_id_stories_id_fk" FOREIGN KEY ("story_id") REFERENCES "public"."stories"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
UPDATE "step_attempts" SET "story_title" = s."title", "vimmerse_id" = s."vimmerse_id" FROM "stories" s WHERE s."id" = "step_attempts"."story_id";--> statement-breakpoint
UPDATE "stories" SET "stage_started_at" = "updated_at" WHERE "status" IN ('submitting', 'generating');

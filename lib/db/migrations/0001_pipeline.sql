ALTER TABLE "step_attempts" ADD COLUMN "credits_before" integer;--> statement-breakpoint
ALTER TABLE "step_attempts" ADD COLUMN "credits_used" integer;--> statement-breakpoint
ALTER TABLE "stories" ADD COLUMN "active_attempt_id" text;
-- Stable ids for every scene and element (characters, environments, objects) of every stored storyboard.
-- The id of an item is derived from (story, list, position), so a story's current storyboard and the snapshot of
-- the same version get the same ids (three-way merges and the ids of in-flight steps line up). Items that already
-- carry a valid id keep it. New items get random uuids from the app (lib/stories/model.ts).
UPDATE "stories" AS t SET "storyboard" = jsonb_set(t."storyboard", '{characters}', (
  SELECT coalesce(jsonb_agg(
    CASE WHEN jsonb_typeof(x.item) = 'object' AND coalesce(x.item->>'id', '') !~ '^[A-Za-z0-9_-]{1,64}$'
      THEN x.item || jsonb_build_object('id', md5(t."id" || ':characters:' || x.ord::text)::uuid::text)
      ELSE x.item END
    ORDER BY x.ord), '[]'::jsonb)
  FROM jsonb_array_elements(t."storyboard"->'characters') WITH ORDINALITY AS x(item, ord)
))
WHERE jsonb_typeof(t."storyboard"->'characters') = 'array'
  AND EXISTS (
    SELECT 1 FROM jsonb_array_elements(t."storyboard"->'characters') AS y(item)
    WHERE jsonb_typeof(y.item) = 'object' AND coalesce(y.item->>'id', '') !~ '^[A-Za-z0-9_-]{1,64}$'
  );
--> statement-breakpoint
UPDATE "stories" AS t SET "storyboard" = jsonb_set(t."storyboard", '{environments}', (
  SELECT coalesce(jsonb_agg(
    CASE WHEN jsonb_typeof(x.item) = 'object' AND coalesce(x.item->>'id', '') !~ '^[A-Za-z0-9_-]{1,64}$'
      THEN x.item || jsonb_build_object('id', md5(t."id" || ':environments:' || x.ord::text)::uuid::text)
      ELSE x.item END
    ORDER BY x.ord), '[]'::jsonb)
  FROM jsonb_array_elements(t."storyboard"->'environments') WITH ORDINALITY AS x(item, ord)
))
WHERE jsonb_typeof(t."storyboard"->'environments') = 'array'
  AND EXISTS (
    SELECT 1 FROM jsonb_array_elements(t."storyboard"->'environments') AS y(item)
    WHERE jsonb_typeof(y.item) = 'object' AND coalesce(y.item->>'id', '') !~ '^[A-Za-z0-9_-]{1,64}$'
  );
--> statement-breakpoint
UPDATE "stories" AS t SET "storyboard" = jsonb_set(t."storyboard", '{objects}', (
  SELECT coalesce(jsonb_agg(
    CASE WHEN jsonb_typeof(x.item) = 'object' AND coalesce(x.item->>'id', '') !~ '^[A-Za-z0-9_-]{1,64}$'
      THEN x.item || jsonb_build_object('id', md5(t."id" || ':objects:' || x.ord::text)::uuid::text)
      ELSE x.item END
    ORDER BY x.ord), '[]'::jsonb)
  FROM jsonb_array_elements(t."storyboard"->'objects') WITH ORDINALITY AS x(item, ord)
))
WHERE jsonb_typeof(t."storyboard"->'objects') = 'array'
  AND EXISTS (
    SELECT 1 FROM jsonb_array_elements(t."storyboard"->'objects') AS y(item)
    WHERE jsonb_typeof(y.item) = 'object' AND coalesce(y.item->>'id', '') !~ '^[A-Za-z0-9_-]{1,64}$'
  );
--> statement-breakpoint
UPDATE "stories" AS t SET "storyboard" = jsonb_set(t."storyboard", '{scenes}', (
  SELECT coalesce(jsonb_agg(
    CASE WHEN jsonb_typeof(x.item) = 'object' AND coalesce(x.item->>'id', '') !~ '^[A-Za-z0-9_-]{1,64}$'
      THEN x.item || jsonb_build_object('id', md5(t."id" || ':scenes:' || x.ord::text)::uuid::text)
      ELSE x.item END
    ORDER BY x.ord), '[]'::jsonb)
  FROM jsonb_array_elements(t."storyboard"->'scenes') WITH ORDINALITY AS x(item, ord)
))
WHERE jsonb_typeof(t."storyboard"->'scenes') = 'array'
  AND EXISTS (
    SELECT 1 FROM jsonb_array_elements(t."storyboard"->'scenes') AS y(item)
    WHERE jsonb_typeof(y.item) = 'object' AND coalesce(y.item->>'id', '') !~ '^[A-Za-z0-9_-]{1,64}$'
  );
--> statement-breakpoint
UPDATE "storyboard_versions" AS t SET "storyboard" = jsonb_set(t."storyboard", '{characters}', (
  SELECT coalesce(jsonb_agg(
    CASE WHEN jsonb_typeof(x.item) = 'object' AND coalesce(x.item->>'id', '') !~ '^[A-Za-z0-9_-]{1,64}$'
      THEN x.item || jsonb_build_object('id', md5(t."story_id" || ':characters:' || x.ord::text)::uuid::text)
      ELSE x.item END
    ORDER BY x.ord), '[]'::jsonb)
  FROM jsonb_array_elements(t."storyboard"->'characters') WITH ORDINALITY AS x(item, ord)
))
WHERE jsonb_typeof(t."storyboard"->'characters') = 'array'
  AND EXISTS (
    SELECT 1 FROM jsonb_array_elements(t."storyboard"->'characters') AS y(item)
    WHERE jsonb_typeof(y.item) = 'object' AND coalesce(y.item->>'id', '') !~ '^[A-Za-z0-9_-]{1,64}$'
  );
--> statement-breakpoint
UPDATE "storyboard_versions" AS t SET "storyboard" = jsonb_set(t."storyboard", '{environments}', (
  SELECT coalesce(jsonb_agg(
    CASE WHEN jsonb_typeof(x.item) = 'object' AND coalesce(x.item->>'id', '') !~ '^[A-Za-z0-9_-]{1,64}$'
      THEN x.item || jsonb_build_object('id', md5(t."story_id" || ':environments:' || x.ord::text)::uuid::text)
      ELSE x.item END
    ORDER BY x.ord), '[]'::jsonb)
  FROM jsonb_array_elements(t."storyboard"->'environments') WITH ORDINALITY AS x(item, ord)
))
WHERE jsonb_typeof(t."storyboard"->'environments') = 'array'
  AND EXISTS (
    SELECT 1 FROM jsonb_array_elements(t."storyboard"->'environments') AS y(item)
    WHERE jsonb_typeof(y.item) = 'object' AND coalesce(y.item->>'id', '') !~ '^[A-Za-z0-9_-]{1,64}$'
  );
--> statement-breakpoint
UPDATE "storyboard_versions" AS t SET "storyboard" = jsonb_set(t."storyboard", '{objects}', (
  SELECT coalesce(jsonb_agg(
    CASE WHEN jsonb_typeof(x.item) = 'object' AND coalesce(x.item->>'id', '') !~ '^[A-Za-z0-9_-]{1,64}$'
      THEN x.item || jsonb_build_object('id', md5(t."story_id" || ':objects:' || x.ord::text)::uuid::text)
      ELSE x.item END
    ORDER BY x.ord), '[]'::jsonb)
  FROM jsonb_array_elements(t."storyboard"->'objects') WITH ORDINALITY AS x(item, ord)
))
WHERE jsonb_typeof(t."storyboard"->'objects') = 'array'
  AND EXISTS (
    SELECT 1 FROM jsonb_array_elements(t."storyboard"->'objects') AS y(item)
    WHERE jsonb_typeof(y.item) = 'object' AND coalesce(y.item->>'id', '') !~ '^[A-Za-z0-9_-]{1,64}$'
  );
--> statement-breakpoint
UPDATE "storyboard_versions" AS t SET "storyboard" = jsonb_set(t."storyboard", '{scenes}', (
  SELECT coalesce(jsonb_agg(
    CASE WHEN jsonb_typeof(x.item) = 'object' AND coalesce(x.item->>'id', '') !~ '^[A-Za-z0-9_-]{1,64}$'
      THEN x.item || jsonb_build_object('id', md5(t."story_id" || ':scenes:' || x.ord::text)::uuid::text)
      ELSE x.item END
    ORDER BY x.ord), '[]'::jsonb)
  FROM jsonb_array_elements(t."storyboard"->'scenes') WITH ORDINALITY AS x(item, ord)
))
WHERE jsonb_typeof(t."storyboard"->'scenes') = 'array'
  AND EXISTS (
    SELECT 1 FROM jsonb_array_elements(t."storyboard"->'scenes') AS y(item)
    WHERE jsonb_typeof(y.item) = 'object' AND coalesce(y.item->>'id', '') !~ '^[A-Za-z0-9_-]{1,64}$'
  );

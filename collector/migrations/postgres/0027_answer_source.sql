-- Where an answer came from: NULL for one collected live (the widget, the
-- public API), 'import' for one brought in by `nps-collector import` or
-- `POST /api/v1/projects/{key}/import`. The feed and the export show it,
-- and the webhook dispatcher skips imported answers (an answer of last
-- year is not news). No backfill: every answer stored before was live.
ALTER TABLE responses ADD COLUMN source TEXT;

-- Response rates per moment count impressions by kind and moment: read
-- them from this index alone.
CREATE INDEX events_by_moment ON events (project_key, kind, moment);

-- Cross-device eligibility looks up a user's latest answer.
CREATE INDEX responses_by_user ON responses (project_key, user_id, created_at DESC);

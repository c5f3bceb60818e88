-- Password resets an org admin starts for a user (the admin hands the token
-- over; no mail yet). Only the token's hash is kept; a reset is single use
-- (its row is deleted when used) and expires after 24 hours.
CREATE TABLE password_resets (
  org_id      uuid NOT NULL REFERENCES orgs (org_id),
  token_hash  text NOT NULL,
  user_id     uuid NOT NULL,
  created_by  uuid NOT NULL,
  expires_at  timestamptz(3) NOT NULL,
  created_at  timestamptz(3) NOT NULL DEFAULT now(),
  PRIMARY KEY (org_id, token_hash),
  FOREIGN KEY (org_id, user_id) REFERENCES users (org_id, id),
  FOREIGN KEY (org_id, created_by) REFERENCES users (org_id, id)
);
CREATE INDEX password_resets_user ON password_resets (org_id, user_id);

-- As migration 0010 does for every tenant table.
GRANT SELECT, INSERT, UPDATE, DELETE ON password_resets TO kantivo_app;
ALTER TABLE password_resets ENABLE ROW LEVEL SECURITY;
ALTER TABLE password_resets FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON password_resets
  USING (org_id = nullif(current_setting('app.org_id', true), '')::uuid)
  WITH CHECK (org_id = nullif(current_setting('app.org_id', true), '')::uuid);

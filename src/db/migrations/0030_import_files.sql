-- An async import's upload lives in the database, in chunks of about 1 MB,
-- from the request that accepted it until its job ends: any server process
-- can run the job (src/jobs), and a restart loses nothing.
CREATE TABLE import_files (
  org_id uuid NOT NULL,
  import_id uuid NOT NULL,
  seq integer NOT NULL,
  data bytea NOT NULL,
  PRIMARY KEY (org_id, import_id, seq),
  FOREIGN KEY (org_id, import_id) REFERENCES imports (org_id, id) ON DELETE CASCADE
);

-- Tenant isolation as for every tenant table (migration 0010).
GRANT SELECT, INSERT, UPDATE, DELETE ON import_files TO kantivo_app;
ALTER TABLE import_files ENABLE ROW LEVEL SECURITY;
ALTER TABLE import_files FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON import_files
  USING (org_id = nullif(current_setting('app.org_id', true), '')::uuid)
  WITH CHECK (org_id = nullif(current_setting('app.org_id', true), '')::uuid);

-- A job acts as the user who started it: their access context, looked up as
-- the API's (access_of_user, migration 0020), within the organization the
-- transaction is confined to. NULL when the user is no longer active.
CREATE FUNCTION access_of_org_user(p_user uuid)
RETURNS text
LANGUAGE sql STABLE SECURITY DEFINER
SET search_path FROM CURRENT
AS $$
  SELECT access_of_user(nullif(current_setting('app.org_id', true), '')::uuid, p_user)
$$;
REVOKE ALL ON FUNCTION access_of_org_user(uuid) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION access_of_org_user(uuid) TO kantivo_app;

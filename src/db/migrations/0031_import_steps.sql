-- An import runs in steps, each its own short transaction (src/imports/steps.ts):
-- the parsed rows are staged here, then planned (action, match_id, changes),
-- then written slice by slice. UNLOGGED: a crash may lose the staged rows;
-- the job then stages its stored file again (imports.phase says how far it got).
CREATE UNLOGGED TABLE import_rows (
  org_id uuid NOT NULL,
  import_id uuid NOT NULL,
  rn integer NOT NULL,
  id uuid NOT NULL,
  aid uuid NOT NULL,
  visibility text NOT NULL,
  ekey text NOT NULL,
  first_name text,
  last_name text,
  email text,
  phone text,
  mobile text,
  company text,
  job_title text,
  website text,
  linkedin text,
  street text,
  city text,
  state text,
  postal_code text,
  country text,
  type text,
  status text,
  source text,
  tags text[],
  notes text,
  phone_e164 text,
  mobile_e164 text,
  custom_fields jsonb,
  action text,
  match_id uuid,
  changes jsonb,
  PRIMARY KEY (org_id, import_id, rn),
  FOREIGN KEY (org_id, import_id) REFERENCES imports (org_id, id) ON DELETE CASCADE
);
CREATE INDEX import_rows_ekey ON import_rows (org_id, import_id, ekey);

GRANT SELECT, INSERT, UPDATE, DELETE ON import_rows TO kantivo_app;
ALTER TABLE import_rows ENABLE ROW LEVEL SECURITY;
ALTER TABLE import_rows FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON import_rows
  USING (org_id = nullif(current_setting('app.org_id', true), '')::uuid)
  WITH CHECK (org_id = nullif(current_setting('app.org_id', true), '')::uuid);

-- How far a stepped import got: 'planned' once its rows are staged and
-- decided (NULL before), and the last file row written.
ALTER TABLE imports ADD COLUMN phase text;
ALTER TABLE imports ADD COLUMN next_row integer NOT NULL DEFAULT 0;

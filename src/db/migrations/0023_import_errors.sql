-- An import's refused rows move out of imports.errors (a JSON array that
-- every list of imports carried whole) into a table of their own: lists
-- carry only error_count, and the rows are paged or downloaded on request.
-- Each row keeps the file's cells (when they fit the import's byte bound)
-- so the failed rows can be offered as a CSV to fix and import again;
-- imports.header keeps the file's header for that CSV.
CREATE TABLE import_errors (
  org_id uuid NOT NULL,
  import_id uuid NOT NULL,
  row_no integer NOT NULL,
  message text NOT NULL,
  cells text[],
  PRIMARY KEY (org_id, import_id, row_no),
  FOREIGN KEY (org_id, import_id) REFERENCES imports (org_id, id) ON DELETE CASCADE
);

ALTER TABLE imports ADD COLUMN error_count integer NOT NULL DEFAULT 0;
ALTER TABLE imports ADD COLUMN header text[];

INSERT INTO import_errors (org_id, import_id, row_no, message)
SELECT i.org_id, i.id, (e->>'row')::int, e->>'message'
  FROM imports i, jsonb_array_elements(i.errors) e
ON CONFLICT DO NOTHING;
UPDATE imports SET error_count = jsonb_array_length(errors) WHERE errors <> '[]'::jsonb;
ALTER TABLE imports DROP COLUMN errors;

-- Tenant isolation as for every tenant table (migration 0010).
GRANT SELECT, INSERT, UPDATE, DELETE ON import_errors TO kantivo_app;
ALTER TABLE import_errors ENABLE ROW LEVEL SECURITY;
ALTER TABLE import_errors FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON import_errors
  USING (org_id = nullif(current_setting('app.org_id', true), '')::uuid)
  WITH CHECK (org_id = nullif(current_setting('app.org_id', true), '')::uuid);

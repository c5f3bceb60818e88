-- An activity names the import that wrote it, so undoing an import finds the
-- contacts it updated through an index instead of by matching body text
-- ('Import <id>, row N', which older imports' activities still carry). No
-- foreign key: it would be checked once per imported row (0012 says what
-- such checks cost), and imports are never deleted.
ALTER TABLE activities ADD COLUMN import_id uuid;
CREATE INDEX activities_import ON activities (org_id, import_id) WHERE import_id IS NOT NULL;

-- A revert records what it restored as an activity of its own.
ALTER TABLE activities DROP CONSTRAINT activities_type_check;
ALTER TABLE activities ADD CONSTRAINT activities_type_check CHECK (type IN ('note', 'email', 'call',
  'meeting', 'created', 'field_update', 'status_change', 'visibility_change', 'stage_change', 'won',
  'lost', 'import', 'customer_linked', 'template_used', 'deleted', 'import_reverted')) NOT VALID;
-- Checked apart, under a lock that lets the table be read and written meanwhile.
ALTER TABLE activities VALIDATE CONSTRAINT activities_type_check;

-- Saved column mappings for the import (file header → contact field,
-- custom:<key> or null), reused when a file with the same headers comes
-- again. partner_id is the author's partner (null for org staff): a
-- partner's users see the staff's mappings and their own partner's, org
-- admins every one (src/access/import-mappings.ts). The mapping is json,
-- not jsonb, so it comes back with its columns in the order they were saved.
CREATE TABLE import_mappings (
  org_id      uuid NOT NULL REFERENCES orgs (org_id),
  id          uuid NOT NULL,
  name        text NOT NULL,
  mapping     json NOT NULL,
  partner_id  uuid,
  created_by  uuid NOT NULL,
  version     integer NOT NULL DEFAULT 1,
  created_at  timestamptz(3) NOT NULL DEFAULT now(),
  updated_at  timestamptz(3) NOT NULL DEFAULT now(),
  PRIMARY KEY (org_id, id),
  FOREIGN KEY (org_id, created_by) REFERENCES users (org_id, id),
  FOREIGN KEY (org_id, partner_id) REFERENCES partners (org_id, id)
);
-- Names are unique per side (the staff, each partner) whatever their case
-- ("HubSpot" and "hubspot" clash): unique in the whole organization, a 409
-- would tell a partner the name of another partner's mapping it may not see.
CREATE UNIQUE INDEX import_mappings_side_name
  ON import_mappings (org_id, partner_id, lower(name)) NULLS NOT DISTINCT;

-- Tenant isolation as for every tenant table (migration 0010).
GRANT SELECT, INSERT, UPDATE, DELETE ON import_mappings TO kantivo_app;
ALTER TABLE import_mappings ENABLE ROW LEVEL SECURITY;
ALTER TABLE import_mappings FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON import_mappings
  USING (org_id = nullif(current_setting('app.org_id', true), '')::uuid)
  WITH CHECK (org_id = nullif(current_setting('app.org_id', true), '')::uuid);

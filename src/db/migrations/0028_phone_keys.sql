-- Phones are found whatever format they were typed in (issue 23 item 7):
-- each contact keeps its phone and mobile as typed and, beside them, their
-- E.164 keys (+442079460958), which the list's phone filter, the search box
-- and duplicate checks compare. The keys are made by libphonenumber in the
-- application, on every write.
ALTER TABLE contacts ADD COLUMN phone_e164 text;
ALTER TABLE contacts ADD COLUMN mobile_e164 text;
CREATE INDEX contacts_org_phone_e164 ON contacts (org_id, phone_e164)
  WHERE phone_e164 IS NOT NULL AND deleted_at IS NULL;
CREATE INDEX contacts_org_mobile_e164 ON contacts (org_id, mobile_e164)
  WHERE mobile_e164 IS NOT NULL AND deleted_at IS NULL;

-- The country a national number ("020 7946 0958") is read in when the
-- contact's own country names none: an ISO-3166 alpha-2 code, or null.
ALTER TABLE crm_settings ADD COLUMN default_phone_country text
  CHECK (default_phone_country ~ '^[A-Z]{2}$');

-- SQL cannot parse a phone number, so the contacts written before this
-- migration get their keys from the application at start-up
-- (backfillPhoneKeys): this table is its work list, emptied as it goes, so
-- the step is resumable and costs nothing once done. A number that is no
-- valid phone keeps a null key and leaves the list like any other.
CREATE TABLE phone_key_backfill (
  org_id uuid NOT NULL,
  contact_id uuid NOT NULL,
  PRIMARY KEY (org_id, contact_id)
);
INSERT INTO phone_key_backfill (org_id, contact_id)
SELECT org_id, id FROM contacts
 WHERE (phone IS NOT NULL OR mobile IS NOT NULL) AND deleted_at IS NULL;

-- Tenant isolation as for every tenant table (migration 0010); only the
-- start-up step (the owner) uses it.
GRANT SELECT, INSERT, UPDATE, DELETE ON phone_key_backfill TO kantivo_app;
ALTER TABLE phone_key_backfill ENABLE ROW LEVEL SECURITY;
ALTER TABLE phone_key_backfill FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON phone_key_backfill
  USING (org_id = nullif(current_setting('app.org_id', true), '')::uuid)
  WITH CHECK (org_id = nullif(current_setting('app.org_id', true), '')::uuid);

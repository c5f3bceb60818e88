-- An organization may keep its staff's names from partners and their sales
-- reps (issue 22): they then see "Organization staff" as the owner of a
-- record an org user owns. Off by default: users of one organization may
-- know each other's names. access_of_user sends the whole settings row, so
-- the new column reaches every request with no function to re-create.
ALTER TABLE crm_settings
  ADD COLUMN hide_staff_names_from_partners boolean NOT NULL DEFAULT false;

-- A foreign key is checked row by row: an import of a million contacts ran
-- five checks per contact and three per activity, about a third of its time
-- in the database. Two of them repeat what other keys already prove:
-- a contact's (org_id, owner_id) must name a user, and users reference orgs,
-- so contacts -> orgs adds nothing; an activity names a contact or a deal
-- (CHECK) through keys that include org_id, so activities -> orgs adds
-- nothing either. Orgs are never deleted while they have users.
ALTER TABLE contacts DROP CONSTRAINT IF EXISTS contacts_org_id_fkey;
ALTER TABLE activities DROP CONSTRAINT IF EXISTS activities_org_id_fkey;

-- 0011 marked pg_catalog.lower(text) LEAKPROOF so that the expression
-- indexes on lower(...) stayed usable under row-level security. That
-- promise then held for every query and every role of the database. It is
-- scoped instead to a function of our own, kantivo_lower(text): the same C
-- function as lower(), marked LEAKPROOF, used by the indexes and the queries
-- that need them (import's e-mail match, deal title search), and lower()
-- is back to PostgreSQL's default. A LANGUAGE internal function is not
-- inlined, so the planner sees the marked function, not lower().
-- Only a superuser may create it (or mark anything leakproof); elsewhere
-- kantivo_lower is a plain SQL wrapper and those queries scan, as before.
DO $$
BEGIN
  IF (SELECT rolsuper FROM pg_roles WHERE rolname = current_user) THEN
    CREATE FUNCTION kantivo_lower(text) RETURNS text
      LANGUAGE internal IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF AS 'lower';
    ALTER FUNCTION pg_catalog.lower(text) NOT LEAKPROOF;
  ELSE
    CREATE FUNCTION kantivo_lower(text) RETURNS text
      LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS 'SELECT pg_catalog.lower($1)';
  END IF;
END $$;

DROP INDEX contacts_org_email;
CREATE INDEX contacts_org_email ON contacts (org_id, kantivo_lower(email)) WHERE deleted_at IS NULL;
DROP INDEX deals_title_search;
CREATE INDEX deals_title_search ON deals USING gin (kantivo_lower(title) gin_trgm_ops)
  WHERE deleted_at IS NULL;

-- The search box matches tags too ("Search by name, company, or tag"): the
-- tags join the one normalized search column, so a search stays one trigram
-- index scan. A generated column needs immutable functions; array_to_string
-- is only stable in general (an element type's output could depend on
-- settings), but for text[] it is not, which kantivo_tags_text states.
CREATE FUNCTION kantivo_tags_text(tags text[]) RETURNS text
  LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
  AS $$ SELECT array_to_string(tags, ' ') $$;

-- PostgreSQL 15 cannot change a generated column's expression: it is made
-- again (dropping it drops its index), with the statistics of 0016.
ALTER TABLE contacts DROP COLUMN search_text;
ALTER TABLE contacts ADD COLUMN search_text text GENERATED ALWAYS AS (
  lower(first_name || ' ' || last_name || ' ' || email || ' ' || coalesce(company, '') || ' '
        || coalesce(phone, '') || ' ' || coalesce(mobile, '') || ' ' || coalesce(notes, '') || ' '
        || coalesce(kantivo_tags_text(tags), ''))
) STORED;
ALTER TABLE contacts ALTER COLUMN search_text SET STATISTICS 1000;
CREATE INDEX contacts_search ON contacts USING gin (search_text gin_trgm_ops) WHERE deleted_at IS NULL;

-- Login throttling (trust #7). A try is reserved, one key at a time, before
-- its password is checked: the reservation is a failure row until the try
-- succeeds, so parallel guesses see each other. Past 10 failures within an
-- hour a key backs off: 60 s after the latest failure, doubling per further
-- failure, at most 15 minutes; then a try is allowed again (no hard lock).
ALTER TABLE login_failures ADD COLUMN attempt_id uuid;
CREATE INDEX login_failures_attempt ON login_failures (attempt_id);

-- Seconds to wait, or 0 once the try is reserved under every key.
CREATE FUNCTION login_attempt_reserve(p_attempt uuid, p_keys text[])
RETURNS integer
LANGUAGE plpgsql VOLATILE SECURITY DEFINER
SET search_path FROM CURRENT
AS $$
DECLARE
  k text;
  n integer;
  latest timestamptz;
  wait integer := 0;
BEGIN
  -- Tries on one key queue here (until the caller's statement commits), in key order.
  FOR k IN SELECT DISTINCT x FROM unnest(p_keys) x ORDER BY 1 LOOP
    PERFORM pg_advisory_xact_lock(7253002, hashtext(k));
  END LOOP;
  FOR k IN SELECT DISTINCT x FROM unnest(p_keys) x LOOP
    SELECT count(*), max(failed_at) INTO n, latest
      FROM login_failures
     WHERE key = k AND failed_at > clock_timestamp() - interval '1 hour';
    IF n >= 10 THEN
      wait := greatest(wait, ceil(extract(epoch FROM
        latest + least(60 * 2 ^ (n - 10), 900) * interval '1 second' - clock_timestamp()))::integer);
    END IF;
  END LOOP;
  IF wait > 0 THEN
    RETURN wait;
  END IF;
  INSERT INTO login_failures (key, attempt_id, failed_at)
    SELECT DISTINCT x, p_attempt, clock_timestamp() FROM unnest(p_keys) x;
  DELETE FROM login_failures WHERE failed_at < clock_timestamp() - interval '1 day';
  RETURN 0;
END
$$;

-- A reserved try succeeded: it is no failure, and the account's (not the
-- address's) earlier failures are forgiven.
CREATE FUNCTION login_attempt_succeeded(p_attempt uuid)
RETURNS void
LANGUAGE sql VOLATILE SECURITY DEFINER
SET search_path FROM CURRENT
AS $$
  DELETE FROM login_failures
   WHERE attempt_id = p_attempt
      OR (key NOT LIKE 'ip:%'
          AND key IN (SELECT f.key FROM login_failures f WHERE f.attempt_id = p_attempt));
$$;

REVOKE ALL ON FUNCTION login_attempt_reserve(uuid, text[]) FROM PUBLIC;
REVOKE ALL ON FUNCTION login_attempt_succeeded(uuid) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION login_attempt_reserve(uuid, text[]) TO kantivo_app;
GRANT EXECUTE ON FUNCTION login_attempt_succeeded(uuid) TO kantivo_app;

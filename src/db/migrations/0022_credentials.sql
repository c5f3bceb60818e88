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

-- Defence in depth (trust #15): the application role reads and writes the
-- e-mail directory and the login failures only through these functions,
-- never the tables, so a flaw in a query cannot list every e-mail of the
-- installation or clear its own throttle.
CREATE FUNCTION user_email_owner(p_email text)
RETURNS TABLE (org_id uuid, user_id uuid)
LANGUAGE sql STABLE SECURITY DEFINER
SET search_path FROM CURRENT
AS $$
  SELECT e.org_id, e.user_id FROM user_emails e WHERE e.email = lower(p_email);
$$;

-- Claims an e-mail for a user of the transaction's org (app.org_id); a taken one is a unique violation.
CREATE FUNCTION claim_user_email(p_email text, p_user uuid)
RETURNS void
LANGUAGE plpgsql VOLATILE SECURITY DEFINER
SET search_path FROM CURRENT
AS $$
DECLARE
  org uuid := nullif(current_setting('app.org_id', true), '')::uuid;
BEGIN
  IF org IS NULL THEN
    RAISE EXCEPTION 'claim_user_email needs app.org_id' USING ERRCODE = '42501';
  END IF;
  INSERT INTO user_emails (email, org_id, user_id) VALUES (lower(p_email), org, p_user);
END
$$;

-- Releases an e-mail, only if it belongs to the transaction's org.
CREATE FUNCTION release_user_email(p_email text)
RETURNS void
LANGUAGE sql VOLATILE SECURITY DEFINER
SET search_path FROM CURRENT
AS $$
  DELETE FROM user_emails
   WHERE email = lower(p_email)
     AND org_id = nullif(current_setting('app.org_id', true), '')::uuid;
$$;

REVOKE ALL ON FUNCTION user_email_owner(text) FROM PUBLIC;
REVOKE ALL ON FUNCTION claim_user_email(text, uuid) FROM PUBLIC;
REVOKE ALL ON FUNCTION release_user_email(text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION user_email_owner(text) TO kantivo_app;
GRANT EXECUTE ON FUNCTION claim_user_email(text, uuid) TO kantivo_app;
GRANT EXECUTE ON FUNCTION release_user_email(text) TO kantivo_app;
REVOKE ALL ON user_emails, login_failures FROM kantivo_app;

-- The caller's access context has one source: access_of_user, which the
-- API's credential lookup (access_json) and the CLI's choice of user both
-- call. The org's CRM settings travel as the whole crm_settings row
-- (to_jsonb), so a new setting is a new column, read by the application
-- through its Drizzle table, with no function to re-create.
CREATE FUNCTION access_of_user(p_org uuid, p_user uuid)
RETURNS text
LANGUAGE plpgsql STABLE SECURITY DEFINER
SET search_path FROM CURRENT
AS $$
DECLARE
  found text;
BEGIN
  SELECT json_build_object(
           'user_id', u.id, 'org_id', u.org_id, 'role', u.role, 'partner_id', u.partner_id,
           'name', u.name, 'email', u.email, 'plan', o.plan,
           'settings', to_jsonb(s) - 'org_id' - 'version' - 'updated_at')::text
    INTO found
    FROM users u
    JOIN orgs o ON o.org_id = u.org_id
    JOIN crm_settings s ON s.org_id = u.org_id
   WHERE u.org_id = p_org AND u.id = p_user AND u.active;
  RETURN found;
END
$$;
REVOKE ALL ON FUNCTION access_of_user(uuid, uuid) FROM PUBLIC;

CREATE OR REPLACE FUNCTION access_json(p_org uuid, p_kind text, p_hash text)
RETURNS text
LANGUAGE plpgsql STABLE SECURITY DEFINER
SET search_path FROM CURRENT
AS $$
BEGIN
  RETURN access_of_user(p_org, CASE p_kind
    WHEN 'session' THEN (SELECT x.user_id FROM sessions x
                         WHERE x.org_id = p_org AND x.token_hash = p_hash AND x.expires_at > now())
    WHEN 'token' THEN (SELECT x.user_id FROM api_tokens x
                       WHERE x.org_id = p_org AND x.token_hash = p_hash)
  END);
END
$$;

-- The caller of every API request is looked up by a session or API-token
-- hash. Under row-level security that took a transaction of its own (begin,
-- set the org, select, commit: four round trips) before the request's own
-- transaction. This function answers it in one statement. It runs as the
-- tables' owner, so RLS does not apply inside it; it is scoped instead by
-- the org id the credential carries and by the secret's hash, and it returns
-- nothing but the caller's own access context.
CREATE FUNCTION access_by_credential(p_org uuid, p_kind text, p_hash text)
RETURNS TABLE (
  user_id uuid, org_id uuid, role text, partner_id uuid, name text, email text, plan text,
  allow_private_contacts boolean, require_commit_to_partner boolean, require_commit_to_org boolean,
  partners_can_see_org_contacts boolean, reps_can_commit_upward boolean,
  reps_can_edit_own_contacts boolean, partners_can_delete_own_contacts boolean, max_contacts integer
)
LANGUAGE sql STABLE SECURITY DEFINER
SET search_path FROM CURRENT
AS $$
  SELECT u.id, u.org_id, u.role, u.partner_id, u.name, u.email, o.plan,
         s.allow_private_contacts, s.require_commit_to_partner, s.require_commit_to_org,
         s.partners_can_see_org_contacts, s.reps_can_commit_upward,
         s.reps_can_edit_own_contacts, s.partners_can_delete_own_contacts, s.max_contacts
  FROM users u
  JOIN orgs o ON o.org_id = u.org_id
  JOIN crm_settings s ON s.org_id = u.org_id
  WHERE u.org_id = p_org AND u.active
    AND u.id = CASE p_kind
      WHEN 'session' THEN (SELECT x.user_id FROM sessions x
                           WHERE x.org_id = p_org AND x.token_hash = p_hash AND x.expires_at > now())
      WHEN 'token' THEN (SELECT x.user_id FROM api_tokens x
                         WHERE x.org_id = p_org AND x.token_hash = p_hash)
    END
$$;
REVOKE ALL ON FUNCTION access_by_credential(uuid, text, text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION access_by_credential(uuid, text, text) TO kantivo_app;

-- access_by_credential (0013) runs on every API request. As a LANGUAGE sql
-- function with SECURITY DEFINER and a SET clause it cannot be inlined, and
-- PostgreSQL parses and plans a SQL function's body anew on every call:
-- 0.25–0.35 ms of the server's time per request, more than the lookup
-- itself. PL/pgSQL keeps its statements' plans for the life of the session,
-- so on a pooled connection the lookup is planned once. Same arguments,
-- same rows, same grants (CREATE OR REPLACE keeps them).
CREATE OR REPLACE FUNCTION access_by_credential(p_org uuid, p_kind text, p_hash text)
RETURNS TABLE (
  user_id uuid, org_id uuid, role text, partner_id uuid, name text, email text, plan text,
  allow_private_contacts boolean, require_commit_to_partner boolean, require_commit_to_org boolean,
  partners_can_see_org_contacts boolean, reps_can_commit_upward boolean,
  reps_can_edit_own_contacts boolean, partners_can_delete_own_contacts boolean, max_contacts integer
)
LANGUAGE plpgsql STABLE SECURITY DEFINER
SET search_path FROM CURRENT
AS $$
BEGIN
  -- Qualified names: the OUT columns above are variables in this body.
  RETURN QUERY
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
    END;
END
$$;

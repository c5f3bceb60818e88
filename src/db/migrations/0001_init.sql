-- Kantivo CRM schema. Every tenant table carries org_id, and every primary,
-- unique and foreign key starts with it, so the schema can be distributed by
-- org_id (Citus) unchanged. Nothing here needs PostgreSQL newer than 15.
-- Times are kept to the millisecond, the precision of a JavaScript Date, so a
-- keyset cursor made from a row matches that row exactly.

CREATE EXTENSION IF NOT EXISTS pg_trgm;

-- The tenant root. Its own id is the distribution column.
CREATE TABLE orgs (
  org_id      uuid PRIMARY KEY,
  name        text NOT NULL,
  plan        text NOT NULL DEFAULT 'starter' CHECK (plan IN ('starter', 'growth', 'scale')),
  version     integer NOT NULL DEFAULT 1,
  created_at  timestamptz(3) NOT NULL DEFAULT now(),
  updated_at  timestamptz(3) NOT NULL DEFAULT now()
);

-- Usage counters behind the plan caps: a conditional UPDATE on this row is
-- what makes a cap hold under concurrent creates.
CREATE TABLE org_usage (
  org_id    uuid PRIMARY KEY REFERENCES orgs (org_id),
  contacts  bigint NOT NULL DEFAULT 0,
  deals     bigint NOT NULL DEFAULT 0
);

CREATE TABLE crm_settings (
  org_id                          uuid PRIMARY KEY REFERENCES orgs (org_id),
  allow_private_contacts          boolean NOT NULL DEFAULT true,
  require_commit_to_partner       boolean NOT NULL DEFAULT false,
  require_commit_to_org           boolean NOT NULL DEFAULT false,
  partners_can_see_org_contacts   boolean NOT NULL DEFAULT true,
  reps_can_commit_upward          boolean NOT NULL DEFAULT false,
  reps_can_edit_own_contacts      boolean NOT NULL DEFAULT false,
  partners_can_delete_own_contacts boolean NOT NULL DEFAULT false,
  max_contacts                    integer CHECK (max_contacts IS NULL OR max_contacts >= 0),
  version                         integer NOT NULL DEFAULT 1,
  updated_at                      timestamptz(3) NOT NULL DEFAULT now()
);

CREATE TABLE partners (
  org_id      uuid NOT NULL REFERENCES orgs (org_id),
  id          uuid NOT NULL,
  name        text NOT NULL,
  version     integer NOT NULL DEFAULT 1,
  created_at  timestamptz(3) NOT NULL DEFAULT now(),
  updated_at  timestamptz(3) NOT NULL DEFAULT now(),
  PRIMARY KEY (org_id, id)
);

CREATE TABLE users (
  org_id         uuid NOT NULL REFERENCES orgs (org_id),
  id             uuid NOT NULL,
  name           text NOT NULL,
  email          text NOT NULL,
  password_hash  text NOT NULL,
  role           text NOT NULL CHECK (role IN ('owner', 'admin', 'employee', 'partner', 'sales_rep')),
  partner_id     uuid,
  active         boolean NOT NULL DEFAULT true,
  version        integer NOT NULL DEFAULT 1,
  created_at     timestamptz(3) NOT NULL DEFAULT now(),
  updated_at     timestamptz(3) NOT NULL DEFAULT now(),
  PRIMARY KEY (org_id, id),
  FOREIGN KEY (org_id, partner_id) REFERENCES partners (org_id, id),
  CHECK ((role IN ('partner', 'sales_rep')) = (partner_id IS NOT NULL))
);
CREATE UNIQUE INDEX users_email_key ON users (org_id, lower(email));

-- E-mail is unique across the installation and login starts from an e-mail
-- alone, so this small directory (a reference table under Citus, not a
-- tenant table) maps it to its organization.
CREATE TABLE user_emails (
  email    text PRIMARY KEY,          -- lower-cased
  org_id   uuid NOT NULL,
  user_id  uuid NOT NULL
);

-- Failed logins, per e-mail and per address, for the login rate limit.
CREATE TABLE login_failures (
  key        text NOT NULL,
  failed_at  timestamptz(3) NOT NULL DEFAULT now()
);
CREATE INDEX login_failures_key ON login_failures (key, failed_at);

CREATE TABLE sessions (
  org_id      uuid NOT NULL REFERENCES orgs (org_id),
  token_hash  text NOT NULL,
  user_id     uuid NOT NULL,
  expires_at  timestamptz(3) NOT NULL,
  created_at  timestamptz(3) NOT NULL DEFAULT now(),
  PRIMARY KEY (org_id, token_hash),
  FOREIGN KEY (org_id, user_id) REFERENCES users (org_id, id)
);
CREATE INDEX sessions_user ON sessions (org_id, user_id);

CREATE TABLE api_tokens (
  org_id        uuid NOT NULL REFERENCES orgs (org_id),
  id            uuid NOT NULL,
  user_id       uuid NOT NULL,
  name          text NOT NULL,
  token_hash    text NOT NULL,
  created_at    timestamptz(3) NOT NULL DEFAULT now(),
  last_used_at  timestamptz(3),
  PRIMARY KEY (org_id, id),
  UNIQUE (org_id, token_hash),
  FOREIGN KEY (org_id, user_id) REFERENCES users (org_id, id)
);

CREATE TABLE customers (
  org_id      uuid NOT NULL REFERENCES orgs (org_id),
  id          uuid NOT NULL,
  name        text NOT NULL,
  email       text,
  created_at  timestamptz(3) NOT NULL DEFAULT now(),
  PRIMARY KEY (org_id, id)
);

CREATE TABLE custom_field_defs (
  org_id      uuid NOT NULL REFERENCES orgs (org_id),
  id          uuid NOT NULL,
  key         text NOT NULL,
  label       text NOT NULL,
  type        text NOT NULL CHECK (type IN ('text', 'number', 'date', 'boolean', 'select')),
  options     jsonb,
  version     integer NOT NULL DEFAULT 1,
  created_at  timestamptz(3) NOT NULL DEFAULT now(),
  updated_at  timestamptz(3) NOT NULL DEFAULT now(),
  PRIMARY KEY (org_id, id),
  UNIQUE (org_id, key)
);

CREATE TABLE imports (
  org_id       uuid NOT NULL REFERENCES orgs (org_id),
  id           uuid NOT NULL,
  user_id      uuid NOT NULL,
  status       text NOT NULL CHECK (status IN ('queued', 'running', 'done', 'failed')),
  options      jsonb NOT NULL DEFAULT '{}',
  file_name    text,
  bytes_total  bigint NOT NULL DEFAULT 0,
  bytes_read   bigint NOT NULL DEFAULT 0,
  processed    integer NOT NULL DEFAULT 0,
  created      integer NOT NULL DEFAULT 0,
  updated      integer NOT NULL DEFAULT 0,
  skipped      integer NOT NULL DEFAULT 0,
  errors       jsonb NOT NULL DEFAULT '[]',
  failure      text,
  reverted_at  timestamptz(3),
  created_at   timestamptz(3) NOT NULL DEFAULT now(),
  finished_at  timestamptz(3),
  PRIMARY KEY (org_id, id),
  FOREIGN KEY (org_id, user_id) REFERENCES users (org_id, id)
);

CREATE TABLE contacts (
  org_id         uuid NOT NULL REFERENCES orgs (org_id),
  id             uuid NOT NULL,
  first_name     text NOT NULL,
  last_name      text NOT NULL,
  email          text NOT NULL,
  phone          text,
  mobile         text,
  company        text,
  job_title      text,
  website        text,
  linkedin       text,
  street         text,
  city           text,
  state          text,
  postal_code    text,
  country        text,
  type           text NOT NULL DEFAULT 'lead' CHECK (type IN ('lead', 'prospect', 'customer', 'vendor', 'other')),
  status         text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'inactive', 'do_not_contact')),
  source         text,
  tags           text[] NOT NULL DEFAULT '{}',
  notes          text,
  custom_fields  jsonb NOT NULL DEFAULT '{}',
  customer_id    uuid,
  owner_id       uuid NOT NULL,
  partner_id     uuid,
  visibility     text NOT NULL CHECK (visibility IN ('individual', 'partner', 'organization')),
  import_id      uuid,
  version        integer NOT NULL DEFAULT 1,
  created_by     uuid NOT NULL,
  created_at     timestamptz(3) NOT NULL DEFAULT now(),
  updated_at     timestamptz(3) NOT NULL DEFAULT now(),
  deleted_at     timestamptz(3),
  -- One normalized column for substring search: one trigram index instead of
  -- six keeps both search and bulk import fast.
  search_text    text GENERATED ALWAYS AS (
    lower(first_name || ' ' || last_name || ' ' || email || ' ' || coalesce(company, '') || ' '
          || coalesce(phone, '') || ' ' || coalesce(mobile, '') || ' ' || coalesce(notes, ''))
  ) STORED,
  PRIMARY KEY (org_id, id),
  FOREIGN KEY (org_id, owner_id) REFERENCES users (org_id, id),
  FOREIGN KEY (org_id, partner_id) REFERENCES partners (org_id, id),
  FOREIGN KEY (org_id, customer_id) REFERENCES customers (org_id, id),
  FOREIGN KEY (org_id, import_id) REFERENCES imports (org_id, id)
);
CREATE INDEX contacts_search ON contacts USING gin (search_text gin_trgm_ops) WHERE deleted_at IS NULL;
CREATE INDEX contacts_org_created ON contacts (org_id, created_at DESC, id DESC) WHERE deleted_at IS NULL;
CREATE INDEX contacts_org_name ON contacts (org_id, last_name, first_name, id) WHERE deleted_at IS NULL;
CREATE INDEX contacts_org_email ON contacts (org_id, lower(email)) WHERE deleted_at IS NULL;
CREATE INDEX contacts_org_owner ON contacts (org_id, owner_id) WHERE deleted_at IS NULL;
CREATE INDEX contacts_org_partner ON contacts (org_id, partner_id) WHERE deleted_at IS NULL;
CREATE INDEX contacts_tags ON contacts USING gin (tags) WHERE deleted_at IS NULL;
CREATE INDEX contacts_org_import ON contacts (org_id, import_id) WHERE import_id IS NOT NULL;

CREATE TABLE stages (
  org_id       uuid NOT NULL REFERENCES orgs (org_id),
  id           uuid NOT NULL,
  name         text NOT NULL,
  slug         text NOT NULL,
  color        text NOT NULL DEFAULT '#64748b',
  position     integer NOT NULL,
  probability  integer NOT NULL DEFAULT 0 CHECK (probability BETWEEN 0 AND 100),
  is_won       boolean NOT NULL DEFAULT false,
  is_lost      boolean NOT NULL DEFAULT false,
  is_active    boolean NOT NULL DEFAULT true,
  version      integer NOT NULL DEFAULT 1,
  created_at   timestamptz(3) NOT NULL DEFAULT now(),
  updated_at   timestamptz(3) NOT NULL DEFAULT now(),
  PRIMARY KEY (org_id, id),
  CHECK (NOT (is_won AND is_lost))
);
CREATE UNIQUE INDEX stages_active_slug ON stages (org_id, slug) WHERE is_active;

CREATE TABLE deals (
  org_id               uuid NOT NULL REFERENCES orgs (org_id),
  id                   uuid NOT NULL,
  title                text NOT NULL,
  amount               numeric(14, 2) NOT NULL DEFAULT 0,
  currency             char(3) NOT NULL DEFAULT 'USD',
  probability          integer NOT NULL CHECK (probability BETWEEN 0 AND 100),
  expected_close_date  date,
  contact_id           uuid NOT NULL,
  stage_id             uuid NOT NULL,
  -- Board order inside the stage: a drag writes this one value.
  position             double precision NOT NULL,
  description          text,
  tags                 text[] NOT NULL DEFAULT '{}',
  source               text,
  lost_reason          text,
  won_at               timestamptz(3),
  lost_at              timestamptz(3),
  owner_id             uuid NOT NULL,
  partner_id           uuid,
  visibility           text NOT NULL CHECK (visibility IN ('individual', 'partner', 'organization')),
  version              integer NOT NULL DEFAULT 1,
  created_by           uuid NOT NULL,
  created_at           timestamptz(3) NOT NULL DEFAULT now(),
  updated_at           timestamptz(3) NOT NULL DEFAULT now(),
  deleted_at           timestamptz(3),
  PRIMARY KEY (org_id, id),
  FOREIGN KEY (org_id, contact_id) REFERENCES contacts (org_id, id),
  FOREIGN KEY (org_id, stage_id) REFERENCES stages (org_id, id),
  FOREIGN KEY (org_id, owner_id) REFERENCES users (org_id, id),
  FOREIGN KEY (org_id, partner_id) REFERENCES partners (org_id, id)
);
CREATE INDEX deals_board ON deals (org_id, stage_id, position, id) WHERE deleted_at IS NULL;
CREATE INDEX deals_org_contact ON deals (org_id, contact_id) WHERE deleted_at IS NULL;
CREATE INDEX deals_org_created ON deals (org_id, created_at DESC, id DESC) WHERE deleted_at IS NULL;
CREATE INDEX deals_org_owner ON deals (org_id, owner_id) WHERE deleted_at IS NULL;
CREATE INDEX deals_title_search ON deals USING gin (lower(title) gin_trgm_ops) WHERE deleted_at IS NULL;

-- Append-only history. A trigger below refuses UPDATE, DELETE and TRUNCATE.
CREATE TABLE activities (
  org_id       uuid NOT NULL REFERENCES orgs (org_id),
  id           uuid NOT NULL,
  contact_id   uuid,
  deal_id      uuid,
  type         text NOT NULL CHECK (type IN ('note', 'email', 'call', 'meeting', 'created', 'field_update',
                 'status_change', 'visibility_change', 'stage_change', 'won', 'lost', 'import',
                 'customer_linked', 'template_used', 'deleted')),
  subject      text,
  body         text,
  changes      jsonb,
  actor_id     uuid,
  actor_role   text,
  occurred_at  timestamptz(3) NOT NULL DEFAULT now(),
  created_at   timestamptz(3) NOT NULL DEFAULT now(),
  PRIMARY KEY (org_id, id),
  FOREIGN KEY (org_id, contact_id) REFERENCES contacts (org_id, id),
  FOREIGN KEY (org_id, deal_id) REFERENCES deals (org_id, id),
  CHECK (contact_id IS NOT NULL OR deal_id IS NOT NULL)
);
CREATE INDEX activities_contact ON activities (org_id, contact_id, occurred_at DESC, id DESC) WHERE contact_id IS NOT NULL;
CREATE INDEX activities_deal ON activities (org_id, deal_id, occurred_at DESC, id DESC) WHERE deal_id IS NOT NULL;

CREATE FUNCTION activities_are_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'activities are append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
END;
$$;
CREATE TRIGGER activities_no_update BEFORE UPDATE OR DELETE ON activities
  FOR EACH ROW EXECUTE FUNCTION activities_are_immutable();
CREATE TRIGGER activities_no_truncate BEFORE TRUNCATE ON activities
  FOR EACH STATEMENT EXECUTE FUNCTION activities_are_immutable();

CREATE TABLE templates (
  org_id        uuid NOT NULL REFERENCES orgs (org_id),
  id            uuid NOT NULL,
  category      text NOT NULL CHECK (category IN ('email', 'sms', 'note')),
  name          text NOT NULL,
  subject       text,
  body          text NOT NULL,
  visibility    text NOT NULL DEFAULT 'individual' CHECK (visibility IN ('individual', 'organization')),
  owner_id      uuid NOT NULL,
  use_count     integer NOT NULL DEFAULT 0,
  last_used_at  timestamptz(3),
  version       integer NOT NULL DEFAULT 1,
  created_at    timestamptz(3) NOT NULL DEFAULT now(),
  updated_at    timestamptz(3) NOT NULL DEFAULT now(),
  deleted_at    timestamptz(3),
  PRIMARY KEY (org_id, id),
  FOREIGN KEY (org_id, owner_id) REFERENCES users (org_id, id)
);
CREATE INDEX templates_org_use ON templates (org_id, use_count DESC, id) WHERE deleted_at IS NULL;

-- Responses to POSTs sent with an Idempotency-Key, kept 24 hours per user so a
-- retried request gets the first answer instead of creating twice.
CREATE TABLE idempotency_keys (
  org_id         uuid NOT NULL REFERENCES orgs (org_id),
  user_id        uuid NOT NULL,
  key            text NOT NULL,
  request_hash   text NOT NULL,
  status_code    integer,           -- null while the first request is in flight
  response_type  text,
  response_body  text,
  created_at     timestamptz(3) NOT NULL DEFAULT now(),
  PRIMARY KEY (org_id, user_id, key),
  FOREIGN KEY (org_id, user_id) REFERENCES users (org_id, id)
);
CREATE INDEX idempotency_keys_age ON idempotency_keys (org_id, created_at);

-- Interactive CRM training: each user's completed lessons and quiz answers.
-- A quiz answer is written once (the service never overwrites it), so the
-- score a user earns cannot be improved by answering again.
CREATE TABLE training_progress (
  org_id        uuid NOT NULL,
  user_id       uuid NOT NULL,
  lesson_id     text NOT NULL,
  completed_at  timestamptz(3) NOT NULL DEFAULT now(),
  quiz_answer   text,
  quiz_correct  boolean,
  PRIMARY KEY (org_id, user_id, lesson_id),
  FOREIGN KEY (org_id, user_id) REFERENCES users (org_id, id),
  CHECK ((quiz_answer IS NULL) = (quiz_correct IS NULL))
);

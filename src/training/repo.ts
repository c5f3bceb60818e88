import { and, asc, eq, isNull, sql } from 'drizzle-orm';
import { boolean, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import type { Executor } from '../db/client.js';

/** Mirror of migrations/0005_training.sql. */
export const trainingProgress = pgTable(
  'training_progress',
  {
    orgId: uuid('org_id').notNull(),
    userId: uuid('user_id').notNull(),
    lessonId: text('lesson_id').notNull(),
    completedAt: timestamp('completed_at', { withTimezone: true, mode: 'date' })
      .notNull()
      .defaultNow(),
    quizAnswer: text('quiz_answer'),
    quizCorrect: boolean('quiz_correct'),
  },
  (t) => [primaryKey({ columns: [t.orgId, t.userId, t.lessonId] })],
);
export type ProgressRow = typeof trainingProgress.$inferSelect;

export async function listProgress(
  ex: Executor,
  orgId: string,
  userId: string,
): Promise<ProgressRow[]> {
  return ex
    .select()
    .from(trainingProgress)
    .where(and(eq(trainingProgress.orgId, orgId), eq(trainingProgress.userId, userId)))
    .orderBy(asc(trainingProgress.completedAt), asc(trainingProgress.lessonId));
}

/** Marks a lesson completed; a lesson completed before keeps its first time. */
export async function markCompleted(
  ex: Executor,
  key: { orgId: string; userId: string; lessonId: string },
): Promise<void> {
  await ex.insert(trainingProgress).values(key).onConflictDoNothing();
}

/**
 * Records a quiz answer unless one is on record already (the first answer
 * counts). Returns whether this call wrote it; one statement, so two racing
 * answers cannot both win.
 */
export async function recordAnswer(
  ex: Executor,
  key: { orgId: string; userId: string; lessonId: string },
  answer: string,
  correct: boolean,
): Promise<boolean> {
  const rows = await ex
    .insert(trainingProgress)
    .values({ ...key, quizAnswer: answer, quizCorrect: correct })
    .onConflictDoUpdate({
      target: [trainingProgress.orgId, trainingProgress.userId, trainingProgress.lessonId],
      set: { quizAnswer: sql`excluded.quiz_answer`, quizCorrect: sql`excluded.quiz_correct` },
      setWhere: isNull(trainingProgress.quizAnswer),
    })
    .returning({ lessonId: trainingProgress.lessonId });
  return rows.length > 0;
}

export async function findProgress(
  ex: Executor,
  key: { orgId: string; userId: string; lessonId: string },
): Promise<ProgressRow | undefined> {
  const [row] = await ex
    .select()
    .from(trainingProgress)
    .where(
      and(
        eq(trainingProgress.orgId, key.orgId),
        eq(trainingProgress.userId, key.userId),
        eq(trainingProgress.lessonId, key.lessonId),
      ),
    );
  return row;
}

import type { AccessContext } from '../access/context.js';
import type { Tx } from '../db/client.js';
import { invalid, notFound } from '../shared/errors.js';
import { findLesson, lessons, quizCount, type Lesson } from './lessons.js';
import * as repo from './repo.js';
import type {
  LessonDto,
  ProgressDto,
  RecordInput,
  RecordResultDto,
  TrainingDto,
} from './schema.js';

/** A lesson for the client: the answer and its explanation only once the caller has answered. */
function toLessonDto(lesson: Lesson, rows: repo.ProgressRow[]): LessonDto {
  const answered = rows.find((r) => r.lessonId === lesson.id)?.quizAnswer ?? null;
  return {
    id: lesson.id,
    title: lesson.title,
    summary: lesson.summary,
    roles: lesson.roles,
    hasQuiz: lesson.quiz !== null,
    quiz: lesson.quiz
      ? {
          question: lesson.quiz.question,
          options: lesson.quiz.options,
          review:
            answered === null
              ? null
              : {
                  answer: answered,
                  correctAnswer: lesson.quiz.answer,
                  explanation: lesson.quiz.explanation,
                },
        }
      : null,
  };
}

/** Progress from the stored rows; lessons no longer in the course are ignored. */
export function progressOf(rows: repo.ProgressRow[]): ProgressDto {
  const known = rows.filter((r) => findLesson(r.lessonId) !== undefined);
  const completed = lessons.map((l) => l.id).filter((id) => known.some((r) => r.lessonId === id));
  const quizzes: Record<string, boolean> = {};
  for (const row of known) if (row.quizCorrect !== null) quizzes[row.lessonId] = row.quizCorrect;
  const score = Object.values(quizzes).filter(Boolean).length;
  return {
    completed,
    percent: Math.round((completed.length * 100) / lessons.length),
    score,
    maxScore: quizCount,
    stars: quizCount === 0 ? 0 : Math.round((score * 5) / quizCount),
    quizzes,
  };
}

async function load(tx: Tx, ctx: AccessContext): Promise<TrainingDto> {
  const rows = await repo.listProgress(tx, ctx.actor.orgId, ctx.actor.userId);
  return { lessons: lessons.map((l) => toLessonDto(l, rows)), progress: progressOf(rows) };
}

/** The course and the caller's own progress; every signed-in user has one. */
export const getTraining = (tx: Tx, ctx: AccessContext): Promise<TrainingDto> => load(tx, ctx);

/**
 * Completes a lesson and/or answers its quiz. Answering also completes the
 * lesson. The first answer is the one that counts; later ones change nothing.
 */
export async function recordLesson(
  tx: Tx,
  ctx: AccessContext,
  lessonId: string,
  input: RecordInput,
): Promise<RecordResultDto> {
  const lesson = findLesson(lessonId);
  if (!lesson) throw notFound('Lesson');
  const key = { orgId: ctx.actor.orgId, userId: ctx.actor.userId, lessonId };
  let quiz: RecordResultDto['quiz'] = null;
  if (input.answer !== undefined) {
    if (!lesson.quiz) throw invalid('answer', 'This lesson has no quiz');
    const answer = input.answer;
    if (!lesson.quiz.options.some((o) => o.id === answer)) {
      throw invalid(
        'answer',
        `answer must be one of ${lesson.quiz.options.map((o) => o.id).join(', ')}`,
      );
    }
    const recorded = await repo.recordAnswer(tx, key, answer, answer === lesson.quiz.answer);
    const row = await repo.findProgress(tx, key);
    quiz = {
      answer: row?.quizAnswer ?? answer,
      correct: row?.quizCorrect ?? false,
      correctAnswer: lesson.quiz.answer,
      explanation: lesson.quiz.explanation,
      recorded,
    };
  } else {
    await repo.markCompleted(tx, key);
  }
  return { ...(await load(tx, ctx)), quiz };
}

import { z } from 'zod';
import { storableString, storedText } from '../shared/schemas.js';
import { lessons, trainingRoles } from './lessons.js';

/** Lesson and option ids, as written in lessons.ts. */
const lessonId = z
  .string()
  .max(64)
  .regex(/^[a-z0-9_-]+$/);
/** The course is code (lessons.ts): its texts are short and its lists fixed. */
const courseText = storedText(2000);

export const trainingRoleSchema = z.enum(trainingRoles);

export const lessonSchema = z
  .object({
    id: lessonId,
    title: courseText,
    summary: courseText,
    roles: z
      .array(trainingRoleSchema)
      .max(trainingRoles.length)
      .describe('who the lesson is for (role badges)'),
    hasQuiz: z.boolean(),
    quiz: z
      .object({
        question: courseText,
        options: z.array(z.object({ id: lessonId, text: courseText })).max(26),
        review: z
          .object({
            answer: storedText(64).describe('the first answer the caller gave'),
            correctAnswer: lessonId,
            explanation: courseText,
          })
          .nullable()
          .describe('once the caller has answered: the right answer and why; null before'),
      })
      .nullable()
      .describe('the question and its options; the correct answer stays on the server'),
  })
  .meta({ id: 'TrainingLesson' });
export type LessonDto = z.infer<typeof lessonSchema>;

export const progressSchema = z
  .object({
    completed: z
      .array(lessonId)
      .max(lessons.length)
      .describe('ids of the lessons the user completed'),
    percent: z.number().int().min(0).max(100),
    score: z
      .number()
      .int()
      .min(0)
      .max(lessons.length)
      .describe('quizzes answered correctly at the first attempt'),
    maxScore: z.number().int().min(0).max(lessons.length),
    stars: z.number().int().min(0).max(5),
    quizzes: z.record(lessonId, z.boolean()).describe('lesson id → answered correctly'),
  })
  .meta({ id: 'TrainingProgress' });
export type ProgressDto = z.infer<typeof progressSchema>;

export const trainingSchema = z
  .object({ lessons: z.array(lessonSchema).max(lessons.length), progress: progressSchema })
  .meta({ id: 'Training' });
export type TrainingDto = z.infer<typeof trainingSchema>;

export const lessonParams = z.strictObject({ lessonId: storableString(64) });

export const recordBody = z
  .strictObject({
    complete: z.literal(true).optional(),
    answer: storableString(64, { trim: true }).min(1).optional(),
  })
  .refine((b) => b.complete !== undefined || b.answer !== undefined, {
    message: 'send complete: true, an answer, or both',
  })
  .meta({ id: 'TrainingRecord' });
export type RecordInput = z.infer<typeof recordBody>;

export const quizResultSchema = z.object({
  answer: storedText(64).describe('the answer on record (the first one given)'),
  correct: z.boolean(),
  correctAnswer: lessonId,
  explanation: courseText.describe('why the correct answer is right'),
  recorded: z.boolean().describe('false when the quiz had been answered before'),
});

export const recordResultSchema = trainingSchema
  .extend({ quiz: quizResultSchema.nullable() })
  .meta({ id: 'TrainingRecordResult' });
export type RecordResultDto = z.infer<typeof recordResultSchema>;

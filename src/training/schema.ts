import { z } from 'zod';
import { storableString } from '../http/schemas.js';
import { trainingRoles } from './lessons.js';

export const trainingRoleSchema = z.enum(trainingRoles);

export const lessonSchema = z
  .object({
    id: z.string(),
    title: z.string(),
    summary: z.string(),
    roles: z.array(trainingRoleSchema).describe('who the lesson is for (role badges)'),
    hasQuiz: z.boolean(),
    quiz: z
      .object({
        question: z.string(),
        options: z.array(z.object({ id: z.string(), text: z.string() })),
      })
      .nullable()
      .describe('the question and its options; the correct answer stays on the server'),
  })
  .meta({ id: 'TrainingLesson' });
export type LessonDto = z.infer<typeof lessonSchema>;

export const progressSchema = z
  .object({
    completed: z.array(z.string()).describe('ids of the lessons the user completed'),
    percent: z.number().int().min(0).max(100),
    score: z.number().int().describe('quizzes answered correctly at the first attempt'),
    maxScore: z.number().int(),
    stars: z.number().int().min(0).max(5),
    quizzes: z.record(z.string(), z.boolean()).describe('lesson id → answered correctly'),
  })
  .meta({ id: 'TrainingProgress' });
export type ProgressDto = z.infer<typeof progressSchema>;

export const trainingSchema = z
  .object({ lessons: z.array(lessonSchema), progress: progressSchema })
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
  answer: z.string().describe('the answer on record (the first one given)'),
  correct: z.boolean(),
  correctAnswer: z.string(),
  recorded: z.boolean().describe('false when the quiz had been answered before'),
});

export const recordResultSchema = trainingSchema
  .extend({ quiz: quizResultSchema.nullable() })
  .meta({ id: 'TrainingRecordResult' });
export type RecordResultDto = z.infer<typeof recordResultSchema>;

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type { recordBody, recordResultSchema, trainingSchema } from '@server/training/schema';
import { api } from '../../lib/api';

export type Training = z.infer<typeof trainingSchema>;
export type Lesson = Training['lessons'][number];
export type Progress = Training['progress'];
export type TrainingRole = Lesson['roles'][number];
export type RecordInput = z.input<typeof recordBody>;
export type RecordResult = z.infer<typeof recordResultSchema>;

const key = ['training'] as const;

export function useTraining() {
  return useQuery({ queryKey: key, queryFn: () => api.get<Training>('/training') });
}

/** Completes a lesson or answers its quiz; the server keeps the score. */
export function useRecordLesson() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ lessonId, input }: { lessonId: string; input: RecordInput }) =>
      api.post<RecordResult>(`/training/${lessonId}`, input),
    onSuccess: ({ quiz: _quiz, ...training }) => client.setQueryData<Training>(key, training),
  });
}

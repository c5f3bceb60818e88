import { useMutation, useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type { createStageBody, stageSchema, updateStageBody } from '@server/stages/schema';
import { api } from '../../lib/api';

export type Stage = z.infer<typeof stageSchema>;
export type CreateStageInput = z.input<typeof createStageBody>;
export type UpdateStageInput = z.input<typeof updateStageBody>;

const key = ['stages'] as const;

export function useStageList() {
  return useQuery({
    queryKey: key,
    queryFn: () => api.get<{ data: Stage[] }>('/stages').then((r) => r.data),
  });
}

/** Stages shape the board and the statistics, so both refresh after a change. */
const refresh = (client: QueryClient) =>
  Promise.all([
    client.invalidateQueries({ queryKey: key }),
    client.invalidateQueries({ queryKey: ['pipeline'] }),
    client.invalidateQueries({ queryKey: ['deal-stats'] }),
  ]);

export function useCreateStage() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: CreateStageInput) => api.post<Stage>('/stages', input),
    onSuccess: () => refresh(client),
  });
}

export function useUpdateStage() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ stage, changes }: { stage: Stage; changes: UpdateStageInput }) =>
      api.patch<Stage>(`/stages/${stage.id}`, changes, stage.version),
    onSuccess: () => refresh(client),
  });
}

export function useDeleteStage() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (stage: Stage) => api.delete(`/stages/${stage.id}`, stage.version),
    onSuccess: () => refresh(client),
  });
}

/** Reorders at once in the cache, and puts the old order back if the server refuses. */
export function useReorderStages() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (ordered: Stage[]) =>
      api.post<{ data: Stage[] }>('/stages/reorder', { ids: ordered.map((s) => s.id) }),
    onMutate: async (ordered) => {
      await client.cancelQueries({ queryKey: key });
      const before = client.getQueryData<Stage[]>(key);
      client.setQueryData(key, ordered);
      return { before };
    },
    onError: (_e, _v, context) => {
      if (context?.before) client.setQueryData(key, context.before);
    },
    onSuccess: (result) => {
      client.setQueryData(key, result.data);
      return refresh(client);
    },
  });
}

import {
  keepPreviousData,
  useInfiniteQuery,
  useMutation,
  useQuery,
  useQueryClient,
  type QueryClient,
} from '@tanstack/react-query';
import type { z } from 'zod';
import type { activitySchema, logActivityBody } from '@server/activities/schema';
import type { contactSchema } from '@server/contacts/schema';
import type {
  createDealBody,
  dealSchema,
  listDealsQuery,
  moveDealBody,
  pipelineSchema,
  updateDealBody,
} from '@server/deals/schema';
import type { settingsSchema } from '@server/settings/schema';
import type { stageSchema } from '@server/stages/schema';
import { api, apiRequest } from '../../lib/api';
import type { Visibility } from '../../lib/visibility';
import { applyMove, type Placement } from './placement';

export type Deal = z.infer<typeof dealSchema>;
export type Pipeline = z.infer<typeof pipelineSchema>;
export type Column = Pipeline['stages'][number];
export type Stage = z.infer<typeof stageSchema>;
export type CreateDealInput = z.input<typeof createDealBody>;
export type UpdateDealInput = z.input<typeof updateDealBody>;
export type MoveDealInput = z.input<typeof moveDealBody>;
export type DealFilters = Omit<z.input<typeof listDealsQuery>, 'limit' | 'cursor'>;
export type Activity = z.infer<typeof activitySchema>;
export type LogActivityInput = z.input<typeof logActivityBody>;
type ContactOption = Pick<
  z.infer<typeof contactSchema>,
  'id' | 'firstName' | 'lastName' | 'company'
>;
type Page<T> = { data: T[]; nextCursor: string | null };

export const columnPageSize = 50;

const pipelineKey = (currency: string) => ['pipeline', currency] as const;
const dealKey = (id: string) => ['deal', id] as const;

/** The board: active stages in order, each with its first page of deals. */
export function usePipeline(currency: string) {
  return useQuery({
    queryKey: pipelineKey(currency),
    queryFn: ({ signal }) =>
      api.get<Pipeline>('/pipeline', { limitPerStage: columnPageSize, currency }, signal),
  });
}

/** Appends a column's next page (GET /deals?stageId&cursor) to the cached board. */
export function useLoadMoreColumn(currency: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (column: Column) =>
      api.get<Page<Deal>>('/deals', {
        stageId: column.id,
        cursor: column.nextCursor,
        limit: columnPageSize,
      }),
    onSuccess: (page, column) =>
      client.setQueryData<Pipeline>(pipelineKey(currency), (board) =>
        board
          ? {
              ...board,
              stages: board.stages.map((s) =>
                s.id === column.id
                  ? {
                      ...s,
                      deals: [
                        ...s.deals,
                        ...page.data.filter((d) => !s.deals.some((x) => x.id === d.id)),
                      ],
                      nextCursor: page.nextCursor,
                    }
                  : s,
              ),
            }
          : board,
      ),
  });
}

/** Refreshes what a deal change touches: the deal, its timeline, lists, boards and statistics. */
function afterDealChange(client: QueryClient, deal?: Deal) {
  if (deal) client.setQueryData(dealKey(deal.id), deal);
  return Promise.all([
    deal && client.invalidateQueries({ queryKey: [...dealKey(deal.id), 'activities'] }),
    client.invalidateQueries({ queryKey: ['deals'] }),
    client.invalidateQueries({ queryKey: ['deal-stats'] }),
    // A deal's activities sit on its contact's timeline too.
    deal && client.invalidateQueries({ queryKey: ['contact', deal.contactId, 'activities'] }),
  ]);
}

/**
 * Moves a deal on the board: the cached board changes at once (optimistic),
 * and goes back to how it was if the server refuses.
 */
export function useMoveDeal(currency: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ deal, placement }: { deal: Deal; placement: Placement }) =>
      apiRequest<Deal>(`/deals/${deal.id}/move`, {
        method: 'POST',
        body: {
          stageId: placement.stageId,
          beforeId: placement.beforeId,
          afterId: placement.afterId,
          lostReason: placement.lostReason,
        } satisfies MoveDealInput,
      }),
    onMutate: async ({ deal, placement }) => {
      await client.cancelQueries({ queryKey: pipelineKey(currency) });
      const before = client.getQueryData<Pipeline>(pipelineKey(currency));
      if (before) {
        client.setQueryData(pipelineKey(currency), applyMove(before, deal, placement));
      }
      return { before };
    },
    onError: (_error, _vars, context) => {
      if (context?.before) client.setQueryData(pipelineKey(currency), context.before);
    },
    onSuccess: (moved) => {
      client.setQueryData<Pipeline>(pipelineKey(currency), (board) =>
        board
          ? {
              ...board,
              stages: board.stages.map((s) => ({
                ...s,
                deals: s.deals.map((d) => (d.id === moved.id ? moved : d)),
              })),
            }
          : board,
      );
      return Promise.all([
        afterDealChange(client, moved),
        client.invalidateQueries({
          queryKey: ['pipeline'],
          predicate: (q) => q.queryKey[1] !== currency,
        }),
      ]);
    },
  });
}

export function useDealList(filters: DealFilters) {
  return useInfiniteQuery({
    queryKey: ['deals', filters],
    queryFn: ({ pageParam, signal }) =>
      api.get<Page<Deal>>('/deals', { ...filters, limit: 100, cursor: pageParam }, signal),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    placeholderData: keepPreviousData,
  });
}

export function useDeal(id: string) {
  return useQuery({ queryKey: dealKey(id), queryFn: () => api.get<Deal>(`/deals/${id}`) });
}

export function useStages() {
  return useQuery({
    queryKey: ['stages'],
    queryFn: () => api.get<{ data: Stage[] }>('/stages').then((r) => r.data),
    staleTime: 60_000,
  });
}

export function useCreateDeal() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: CreateDealInput) => api.post<Deal>('/deals', input),
    onSuccess: (deal) =>
      Promise.all([
        afterDealChange(client, deal),
        client.invalidateQueries({ queryKey: ['pipeline'] }),
      ]),
  });
}

export function useUpdateDeal() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ deal, changes }: { deal: Deal; changes: UpdateDealInput }) =>
      api.patch<Deal>(`/deals/${deal.id}`, changes, deal.version),
    onSuccess: (deal) =>
      Promise.all([
        afterDealChange(client, deal),
        client.invalidateQueries({ queryKey: ['pipeline'] }),
      ]),
  });
}

/** Moves a deal from its detail page ("Move stage"): to the end of the chosen column. */
export function useMoveDealTo() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ deal, ...body }: { deal: Deal } & MoveDealInput) =>
      apiRequest<Deal>(`/deals/${deal.id}/move`, { method: 'POST', body, ifMatch: deal.version }),
    onSuccess: (deal) =>
      Promise.all([
        afterDealChange(client, deal),
        client.invalidateQueries({ queryKey: ['pipeline'] }),
      ]),
  });
}

export function useDeleteDeal() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (deal: Deal) => api.delete(`/deals/${deal.id}`, deal.version),
    onSuccess: (_, deal) => {
      client.removeQueries({ queryKey: dealKey(deal.id) });
      return Promise.all([
        afterDealChange(client),
        client.invalidateQueries({ queryKey: ['pipeline'] }),
      ]);
    },
  });
}

export function useDealTimeline(id: string) {
  return useInfiniteQuery({
    queryKey: [...dealKey(id), 'activities'],
    queryFn: ({ pageParam, signal }) =>
      api.get<Page<Activity>>(`/deals/${id}/activities`, { limit: 20, cursor: pageParam }, signal),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}

export function useLogDealActivity(id: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: LogActivityInput) => api.post<Activity>(`/deals/${id}/activities`, input),
    onSuccess: () => client.invalidateQueries({ queryKey: [...dealKey(id), 'activities'] }),
  });
}

/** Contacts to link a deal to: a search (2+ characters) or the most recent ones. */
export function useContactChoices(q: string) {
  const query = q.trim().length >= 2 ? q.trim() : undefined;
  return useQuery({
    queryKey: ['contacts', { q: query, limit: 20, picker: true }],
    queryFn: ({ signal }) =>
      api.get<Page<ContactOption>>('/contacts', { q: query, limit: 20 }, signal),
    select: (page) => page.data,
    placeholderData: keepPreviousData,
  });
}

/** Commit-up: raises the deal's visibility for good (If-Match: the version shown). */
export function useCommitDeal() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ deal, visibility }: { deal: Deal; visibility: Visibility }) =>
      apiRequest<Deal>(`/deals/${deal.id}/commit`, {
        method: 'POST',
        body: { visibility },
        ifMatch: deal.version,
      }),
    onSuccess: (deal) =>
      Promise.all([
        afterDealChange(client, deal),
        client.invalidateQueries({ queryKey: ['pipeline'] }),
      ]),
  });
}

/** The org's CRM settings (org admins only): they set the lowest level a new deal may start at. */
export function useCrmSettings(enabled: boolean) {
  return useQuery({
    queryKey: ['crm-settings'],
    queryFn: () => api.get<z.infer<typeof settingsSchema>>('/crm/settings'),
    enabled,
    staleTime: 60_000,
  });
}

/** The deals of one contact (up to 100, newest first), for the contact's page. */
export function useContactDeals(contactId: string) {
  return useQuery({
    queryKey: ['deals', 'of-contact', contactId],
    queryFn: ({ signal }) => api.get<Page<Deal>>('/deals', { contactId, limit: 100 }, signal),
  });
}

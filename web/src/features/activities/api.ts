import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type { activitySchema, logActivityBody } from '@server/activities/schema';
import type { customerSchema } from '@server/customers/schema';
import type { userSchema } from '@server/users/schema';
import { api } from '../../lib/api';

export type Activity = z.infer<typeof activitySchema>;
export type ActivityType = Activity['type'];
export type LogActivityInput = z.input<typeof logActivityBody>;
type Page = { data: Activity[]; nextCursor: string | null };

/** The record a timeline belongs to; deals get theirs the same way. */
export type TimelineOwner = { kind: 'contact'; id: string };

const path = (owner: TimelineOwner) => `/contacts/${owner.id}/activities`;
/** Under the record's own key, so a change to the record refreshes its timeline. */
const timelineKey = (owner: TimelineOwner) => [owner.kind, owner.id, 'activities'] as const;

export function useTimeline(owner: TimelineOwner, type: ActivityType | undefined) {
  return useInfiniteQuery({
    queryKey: [...timelineKey(owner), { type }],
    queryFn: ({ pageParam, signal }) =>
      api.get<Page>(path(owner), { type, limit: 20, cursor: pageParam }, signal),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}

type Named = { id: string; name: string };

/**
 * Names for ids in recorded changes (`customerId`, `ownerId`), so the timeline
 * shows "Acme" rather than a UUID. Users can be listed by org admins only.
 */
export function useChangeNames(activities: Activity[], canListUsers: boolean) {
  const fields = new Set(activities.flatMap((a) => (a.changes ?? []).map((c) => c.field)));
  const customers = useQuery({
    queryKey: ['customers'],
    queryFn: () =>
      api.get<{ data: z.infer<typeof customerSchema>[] }>('/customers').then((r) => r.data),
    enabled: fields.has('customerId'),
  });
  const users = useQuery({
    queryKey: ['users'],
    queryFn: () => api.get<{ data: z.infer<typeof userSchema>[] }>('/users').then((r) => r.data),
    enabled: canListUsers && fields.has('ownerId'),
  });
  const find = (list: Named[] | undefined, id: unknown) =>
    typeof id === 'string' ? list?.find((x) => x.id === id)?.name : undefined;
  return (field: string, value: unknown): string | undefined => {
    if (field === 'customerId') return find(customers.data, value);
    if (field === 'ownerId') return find(users.data, value);
    return undefined;
  };
}

export function useLogActivity(owner: TimelineOwner) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: LogActivityInput) => api.post<Activity>(path(owner), input),
    onSuccess: () => client.invalidateQueries({ queryKey: timelineKey(owner) }),
  });
}

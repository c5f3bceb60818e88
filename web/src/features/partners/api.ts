import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type { partnerBody, partnerSchema } from '@server/partners/schema';
import type { userSchema } from '@server/users/schema';
import { api } from '../../lib/api';

export type Partner = z.infer<typeof partnerSchema>;
export type PartnerInput = z.input<typeof partnerBody>;
type User = z.infer<typeof userSchema>;

const partnersKey = ['partners'] as const;

export function usePartners() {
  return useQuery({
    queryKey: partnersKey,
    queryFn: () => api.get<{ data: Partner[] }>('/partners').then((r) => r.data),
  });
}

/** The org's users, to show who works for each partner. */
export function usePartnerPeople() {
  return useQuery({
    queryKey: ['users'],
    queryFn: () => api.get<{ data: User[] }>('/users').then((r) => r.data),
  });
}

export function useCreatePartner() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: PartnerInput) => api.post<Partner>('/partners', input),
    onSuccess: () => client.invalidateQueries({ queryKey: partnersKey }),
  });
}

export function useRenamePartner() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ partner, name }: { partner: Partner; name: string }) =>
      api.patch<Partner>(`/partners/${partner.id}`, { name }, partner.version),
    onSuccess: () => client.invalidateQueries({ queryKey: partnersKey }),
  });
}

import { useQuery } from '@tanstack/react-query';
import type { z } from 'zod';
import type { contactSchema, contactStatsSchema } from '@server/contacts/schema';
import type { gettingStartedSchema } from '@server/stats/schema';
import { api } from '../../lib/api';

export type ContactStats = z.infer<typeof contactStatsSchema>;
type Contact = z.infer<typeof contactSchema>;

/** Counts over the contacts the user can read (the API applies the visibility rule). */
export function useContactStats() {
  return useQuery({
    queryKey: ['contact-stats'],
    queryFn: () => api.get<ContactStats>('/contacts/stats'),
  });
}

export function useRecentContacts() {
  return useQuery({
    queryKey: ['contacts', { recent: true }],
    queryFn: () =>
      api
        .get<{ data: Contact[] }>('/contacts', { sort: '-createdAt', limit: 6 })
        .then((r) => r.data),
  });
}

export type GettingStarted = z.infer<typeof gettingStartedSchema>;

/** The org's first steps, counted by the API (org admins only). */
export function useGettingStarted(enabled: boolean) {
  return useQuery({
    queryKey: ['getting-started'],
    queryFn: () => api.get<GettingStarted>('/stats/getting-started'),
    enabled,
  });
}

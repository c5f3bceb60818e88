import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { z } from 'zod';
import type { dealSchema, dealStatsSchema } from '@server/deals/schema';
import { api } from '../../lib/api';

export type DealStats = z.infer<typeof dealStatsSchema>;
type Deal = z.infer<typeof dealSchema>;

export function useDealStats(currency: string) {
  return useQuery({
    queryKey: ['deal-stats', currency],
    queryFn: ({ signal }) => api.get<DealStats>('/deals/stats', { currency }, signal),
    placeholderData: keepPreviousData,
  });
}

/** The currencies the org's deals use (from a sample of recent deals), USD first. */
export function useDealCurrencies() {
  return useQuery({
    queryKey: ['deals', { currencies: true }],
    queryFn: ({ signal }) =>
      api.get<{ data: Deal[] }>('/deals', { limit: 200 }, signal).then((r) => r.data),
    staleTime: 60_000,
    select: (deals) => {
      const set = new Set(['USD', ...deals.map((d) => d.currency)]);
      return [...set].sort((a, b) => (a === 'USD' ? -1 : b === 'USD' ? 1 : a.localeCompare(b)));
    },
  });
}

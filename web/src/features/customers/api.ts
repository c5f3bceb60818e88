import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type { createCustomerBody, customerSchema } from '@server/customers/schema';
import { api } from '../../lib/api';

export type Customer = z.infer<typeof customerSchema>;
export type CustomerInput = z.input<typeof createCustomerBody>;

const customersKey = ['customers'] as const;

export function useCustomers() {
  return useQuery({
    queryKey: customersKey,
    queryFn: () => api.get<{ data: Customer[] }>('/customers').then((r) => r.data),
  });
}

export function useCreateCustomer() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: CustomerInput) => api.post<Customer>('/customers', input),
    onSuccess: () => client.invalidateQueries({ queryKey: customersKey }),
  });
}

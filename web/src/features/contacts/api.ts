import {
  keepPreviousData,
  useInfiniteQuery,
  useMutation,
  useQuery,
  useQueryClient,
  type InfiniteData,
  type QueryClient,
} from '@tanstack/react-query';
import { useState } from 'react';
import type { z } from 'zod';
import type {
  contactSchema,
  createContactBody,
  listContactsQuery,
  updateContactBody,
} from '@server/contacts/schema';
import type { customerSchema } from '@server/customers/schema';
import type { customFieldSchema } from '@server/custom-fields/schema';
import type { settingsSchema } from '@server/settings/schema';
import type { userSchema } from '@server/users/schema';
import { api, apiRequest } from '../../lib/api';

export type Contact = z.infer<typeof contactSchema>;
export type CreateContactInput = z.input<typeof createContactBody>;
export type UpdateContactInput = z.input<typeof updateContactBody>;
export type ContactQuery = z.input<typeof listContactsQuery>;
export type ContactListFilters = Omit<ContactQuery, 'limit' | 'cursor'>;
export type Visibility = Contact['visibility'];
export type CustomField = z.infer<typeof customFieldSchema>;
export type CrmSettings = z.infer<typeof settingsSchema>;
type Customer = z.infer<typeof customerSchema>;
type User = z.infer<typeof userSchema>;
type Page = { data: Contact[]; nextCursor: string | null };

export const pageSize = 100;

/** Keys: ['contacts', …] for lists, ['contact', id] for one contact and its timeline below it. */
const listKey = (filters: ContactListFilters) => ['contacts', filters] as const;
const contactKey = (id: string) => ['contact', id] as const;

export function useContactList(filters: ContactListFilters) {
  const client = useQueryClient();
  // Coming back to a list scrolled far down would refetch every page; start again from the first.
  useState(() =>
    client.setQueryData<InfiniteData<Page, string | undefined>>(listKey(filters), (data) =>
      data && data.pages.length > 1
        ? { pages: data.pages.slice(0, 1), pageParams: data.pageParams.slice(0, 1) }
        : data,
    ),
  );
  return useInfiniteQuery({
    queryKey: listKey(filters),
    queryFn: ({ pageParam, signal }) =>
      api.get<Page>('/contacts', { ...filters, limit: pageSize, cursor: pageParam }, signal),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    placeholderData: keepPreviousData,
  });
}

export function useContact(id: string) {
  return useQuery({ queryKey: contactKey(id), queryFn: () => api.get<Contact>(`/contacts/${id}`) });
}

/** After a change: the contact itself, its timeline, every list and the statistics. */
function afterChange(client: QueryClient, contact: Contact) {
  client.setQueryData(contactKey(contact.id), contact);
  return Promise.all([
    client.invalidateQueries({ queryKey: [...contactKey(contact.id), 'activities'] }),
    client.invalidateQueries({ queryKey: ['contacts'] }),
    client.invalidateQueries({ queryKey: ['contact-stats'] }),
  ]);
}

export function useCreateContact() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: CreateContactInput) => api.post<Contact>('/contacts', input),
    onSuccess: (contact) => afterChange(client, contact),
  });
}

export function useUpdateContact() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ contact, changes }: { contact: Contact; changes: UpdateContactInput }) =>
      api.patch<Contact>(`/contacts/${contact.id}`, changes, contact.version),
    onSuccess: (contact) => afterChange(client, contact),
  });
}

export function useCommitContact() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ contact, visibility }: { contact: Contact; visibility: Visibility }) =>
      apiRequest<Contact>(`/contacts/${contact.id}/commit`, {
        method: 'POST',
        body: { visibility },
        ifMatch: contact.version,
      }),
    onSuccess: (contact) => afterChange(client, contact),
  });
}

export function useLinkCustomer() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ contact, customerId }: { contact: Contact; customerId: string | null }) =>
      customerId
        ? api.post<Contact>(`/contacts/${contact.id}/link-customer`, { customerId })
        : api
            .delete(`/contacts/${contact.id}/link-customer`)
            .then(() => api.get<Contact>(`/contacts/${contact.id}`)),
    onSuccess: (contact) => afterChange(client, contact),
  });
}

export function useDeleteContact() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (contact: Contact) => api.delete(`/contacts/${contact.id}`, contact.version),
    onSuccess: (_, contact) => {
      client.removeQueries({ queryKey: contactKey(contact.id) });
      return Promise.all([
        client.invalidateQueries({ queryKey: ['contacts'] }),
        client.invalidateQueries({ queryKey: ['contact-stats'] }),
      ]);
    },
  });
}

export function useCustomFields() {
  return useQuery({
    queryKey: ['custom-fields'],
    queryFn: () => api.get<{ data: CustomField[] }>('/custom-fields').then((r) => r.data),
    staleTime: 60_000,
  });
}

export function useCustomerChoices(enabled = true) {
  return useQuery({
    queryKey: ['customers'],
    queryFn: () => api.get<{ data: Customer[] }>('/customers').then((r) => r.data),
    enabled,
  });
}

/** CRM settings; only org admins may read them, so others skip the request. */
export function useCrmSettings(enabled: boolean) {
  return useQuery({
    queryKey: ['crm-settings'],
    queryFn: () => api.get<CrmSettings>('/crm/settings'),
    enabled,
    staleTime: 60_000,
  });
}

/** User names for owners; the user list is for org admins only. */
export function useUserNames(enabled: boolean) {
  return useQuery({
    queryKey: ['users'],
    queryFn: () => api.get<{ data: User[] }>('/users').then((r) => r.data),
    enabled,
    select: (users) => new Map(users.map((u) => [u.id, u.name])),
  });
}

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type { contactFilters } from '@server/contacts/schema';
import type {
  bulkBody,
  bulkResult,
  importAccepted,
  importJobSchema,
  importResultSchema,
  OnDuplicate,
} from '@server/imports/schema';
import { api, apiBase, ApiError, type Problem } from '../../lib/api';

export type BulkInput = z.input<typeof bulkBody>;
export type BulkResult = z.infer<typeof bulkResult>;
export type ImportResult = z.infer<typeof importResultSchema>;
export type ImportJob = z.infer<typeof importJobSchema>;
type Accepted = z.infer<typeof importAccepted>;
export type ExportFilters = {
  [K in keyof typeof contactFilters]?: z.input<(typeof contactFilters)[K]>;
};
export type { OnDuplicate };

/** POST /contacts/import with a text/csv body (the shared client only speaks JSON). */
async function postCsv<T>(csv: string, query: Record<string, string>): Promise<T> {
  const response = await fetch(`${apiBase}/contacts/import?${new URLSearchParams(query)}`, {
    method: 'POST',
    headers: {
      'Content-Type': 'text/csv',
      Accept: 'application/json',
      'X-Requested-With': 'kantivo',
    },
    body: csv,
    credentials: 'same-origin',
  });
  const body: unknown = await response.json().catch(() => null);
  if (!response.ok) {
    const problem = (body ?? {}) as Partial<Problem>;
    throw new ApiError({
      type: problem.type ?? 'about:blank',
      title: problem.title ?? response.statusText,
      status: response.status,
      detail: problem.detail ?? `The server answered ${response.status}`,
      errors: problem.errors,
    });
  }
  return body as T;
}

export function useDryRun() {
  return useMutation({
    mutationFn: ({ csv, onDuplicate }: { csv: string; onDuplicate: OnDuplicate }) =>
      postCsv<ImportResult>(csv, { dryRun: 'true', onDuplicate }),
  });
}

export function useStartImport() {
  return useMutation({
    mutationFn: ({ csv, onDuplicate }: { csv: string; onDuplicate: OnDuplicate }) =>
      postCsv<Accepted>(csv, { async: 'true', onDuplicate }),
  });
}

/** Polls the job every half second until it is done or failed; then refreshes the contacts. */
export function useImportJob(id: string | undefined) {
  const client = useQueryClient();
  return useQuery({
    queryKey: ['import', id],
    queryFn: async () => {
      const job = await api.get<ImportJob>(`/imports/${id}`);
      if (job.status === 'done' || job.status === 'failed') {
        await Promise.all([
          client.invalidateQueries({ queryKey: ['contacts'] }),
          client.invalidateQueries({ queryKey: ['contact-stats'] }),
        ]);
      }
      return job;
    },
    enabled: id !== undefined,
    refetchInterval: (query) => {
      const status = query.state.data?.status;
      return status === 'done' || status === 'failed' ? false : 500;
    },
  });
}

export function useBulkUpdate() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: BulkInput) => api.post<BulkResult>('/contacts/bulk', input),
    onSuccess: () =>
      Promise.all([
        client.invalidateQueries({ queryKey: ['contacts'] }),
        client.invalidateQueries({ queryKey: ['contact'] }),
        client.invalidateQueries({ queryKey: ['contact-stats'] }),
      ]),
  });
}

/** The export address for the current filters (streamed CSV, downloaded by the browser). */
const exportKeys = [
  'q',
  'status',
  'type',
  'visibility',
  'tag',
  'ownerId',
] as const satisfies readonly (keyof ExportFilters)[];

export function exportHref(filters: ExportFilters): string {
  const params = new URLSearchParams();
  // Only the list's filters: the export refuses anything else (sorting, paging).
  for (const k of exportKeys) if (filters[k]) params.set(k, String(filters[k]));
  const q = params.toString();
  return `${apiBase}/contacts/export${q ? `?${q}` : ''}`;
}

/** The job's refused rows as CSV (file header + reason column), to fix and import again. */
export const importErrorsUrl = (id: string) => `${apiBase}/imports/${id}/errors.csv`;

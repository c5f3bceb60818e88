import { useMutation, useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type { contactFilters } from '@server/contacts/schema';
import type {
  bulkBody,
  bulkResult,
  importAccepted,
  importInspection,
  importJobSchema,
  importResultSchema,
  OnDuplicate,
  revertResult,
} from '@server/imports/schema';
import { api, apiBase, ApiError, type Problem } from '../../lib/api';
import type { Mapping } from './mapping';

export type BulkInput = z.input<typeof bulkBody>;
export type BulkResult = z.infer<typeof bulkResult>;
export type ImportResult = z.infer<typeof importResultSchema>;
export type ImportJob = z.infer<typeof importJobSchema>;
type Accepted = z.infer<typeof importAccepted>;
export type ExportFilters = {
  [K in keyof typeof contactFilters]?: z.input<(typeof contactFilters)[K]>;
};
export type { OnDuplicate };

/** The file's media type as the server reads it: a spreadsheet by its name, else CSV. */
export const isSpreadsheet = (file: File) => /\.xlsx$/i.test(file.name) || file.type === xlsxType;
const xlsxType = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** Sends the file as the body (the shared client only speaks JSON); the API's problem becomes an ApiError. */
async function postFile<T>(
  path: string,
  file: File | Blob,
  query: Record<string, string>,
  spreadsheet = file instanceof File && isSpreadsheet(file),
): Promise<T> {
  const params = new URLSearchParams(Object.entries(query).filter(([, v]) => v !== ''));
  const response = await fetch(`${apiBase}${path}?${params}`, {
    method: 'POST',
    headers: {
      'Content-Type': spreadsheet ? xlsxType : 'text/csv',
      Accept: 'application/json',
      'X-Requested-With': 'kantivo',
    },
    body: file,
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

/**
 * What `POST /contacts/import/inspect` says of a file: its columns, with a
 * suggested field each, and a workbook's sheets (when the server lists them).
 */
export type Inspection = z.infer<typeof importInspection> & { sheets?: string[] | null };

type Upload = { file: File; sheet: string };
type ImportInput = Upload & { mapping: Mapping; onDuplicate: OnDuplicate };
const importQuery = ({ sheet, mapping, onDuplicate }: ImportInput) => ({
  sheet,
  onDuplicate,
  mapping: JSON.stringify(mapping),
});

/** What inspect is sent of a large CSV: more than the head it reads (about 1 MB). */
const inspectHeadBytes = 2 * 1024 * 1024;

/** Reads the file's columns and suggestions; writes nothing. */
export function useInspect() {
  return useMutation({
    mutationFn: ({ file, sheet }: Upload) =>
      // A CSV's head is enough to inspect it: a large file is not sent whole twice.
      isSpreadsheet(file) || file.size <= inspectHeadBytes
        ? postFile<Inspection>('/contacts/import/inspect', file, { sheet })
        : postFile<Inspection>('/contacts/import/inspect', file.slice(0, inspectHeadBytes), {
            size: String(file.size),
          }),
  });
}

export function useDryRun() {
  return useMutation({
    mutationFn: (input: ImportInput) =>
      postFile<ImportResult>('/contacts/import', input.file, {
        ...importQuery(input),
        dryRun: 'true',
      }),
  });
}

export function useStartImport() {
  return useMutation({
    mutationFn: (input: ImportInput) =>
      postFile<Accepted>('/contacts/import', input.file, {
        ...importQuery(input),
        dryRun: 'false',
        async: 'true',
      }),
  });
}

/** Polls the job every half second until it is done or failed; then refreshes the contacts. */
export function useImportJob(id: string | undefined) {
  const client = useQueryClient();
  return useQuery({
    queryKey: ['import', id],
    queryFn: async () => {
      const job = await api.get<ImportJob>(`/imports/${id}`);
      if (job.status === 'done' || job.status === 'failed') await refreshContacts(client);
      return job;
    },
    enabled: id !== undefined,
    refetchInterval: (query) => {
      const status = query.state.data?.status;
      return status === 'done' || status === 'failed' ? false : 500;
    },
  });
}

const refreshContacts = (client: QueryClient) =>
  Promise.all([
    client.invalidateQueries({ queryKey: ['contacts'] }),
    client.invalidateQueries({ queryKey: ['contact'] }),
    client.invalidateQueries({ queryKey: ['contact-stats'] }),
  ]);

/** What an undo did: contacts removed, contacts restored, and those left as they were. */
export type RevertResult = z.infer<typeof revertResult>;

/** Undoes an import: removes what it created, restores what it updated. */
export function useRevertImport() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.post<RevertResult>(`/imports/${id}/revert`),
    onSuccess: () => refreshContacts(client),
  });
}

export function useBulkUpdate() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: BulkInput) => api.post<BulkResult>('/contacts/bulk', input),
    onSuccess: () => refreshContacts(client),
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

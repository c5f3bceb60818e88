import { createReadStream } from 'node:fs';
import { Readable } from 'node:stream';
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Config } from '../config.js';
import { type Database } from '../db/client.js';
import { concurrencyCap } from '../shared/concurrency.js';
import { perUserLimit } from '../access/rate-limit.js';
import { inRequestOrg, requireCaller } from '../access/caller.js';
import { AppError } from '../shared/errors.js';
import { idParams, problems, problemSchema } from '../shared/schemas.js';
import { bulkUpdate } from './bulk.js';
import { assertCanExport, exportContactsCsv, exportContactsCsvCopy } from './export.js';
import { assertCanImport, importContacts } from './import.js';
import { checkMapping, inspectUpload } from './inspect.js';
import {
  getImport,
  importErrorsCsv,
  listImportErrors,
  listImports,
  startImportJob,
} from './jobs.js';
import { revertImport } from './revert.js';
import {
  bulkBody,
  bulkResult,
  exportQuery,
  importAccepted,
  importErrorPage,
  importErrorsQuery,
  importInspection,
  importJobSchema,
  importList,
  importQuery,
  importResultSchema,
  inspectQuery,
  revertResult,
} from './schema.js';
import { assertReadableFile } from './source.js';
import { spoolUpload } from './spool.js';

/** The largest upload (413 beyond). */
export const importByteLimit = 200 * 1024 * 1024;

/** The content type of an Excel workbook (.xlsx). */
const xlsxType = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/**
 * Content types an upload may arrive with (browsers send the file's, e.g.
 * Excel's on Windows, or none). The bytes decide what the file is
 * (readRecords), so a mislabelled file is still read or refused by name.
 */
const uploadTypes = [
  'text/csv',
  'application/csv',
  'application/vnd.ms-excel',
  'text/plain',
  xlsxType,
  'application/octet-stream',
];

/** The upload as a byte stream, after the Content-Length check; 415 for other content types. */
function csvBody(request: FastifyRequest): { stream: Readable; bytesTotal: number } {
  const length = Number(request.headers['content-length'] ?? 0);
  if (length > importByteLimit) {
    throw new AppError('payload_too_large', `The file is larger than ${importByteLimit} bytes`);
  }
  if (!(request.body instanceof Readable)) {
    throw new AppError(
      'unsupported_media_type',
      'Send the CSV or XLSX file as the body, as text/csv or ' + xlsxType,
    );
  }
  return { stream: request.body, bytesTotal: Number.isFinite(length) ? length : 0 };
}

/** Bulk refusals name the ids at fault. */
const problemWithIds = problemSchema
  .extend({
    ids: z.array(z.uuid()).max(1000).optional().describe('the ids at fault (at most 1,000)'),
  })
  .meta({ id: 'ProblemWithIds' });

export const importRoutes: FastifyPluginAsyncZod<{ database: Database; config: Config }> = async (
  app,
  { database, config },
) => {
  const tags = ['contacts'];
  const importLimit = perUserLimit(database, 'import', {
    max: config.importsPerMinute,
    windowMs: 60_000,
  });
  const exportLimit = perUserLimit(database, 'export', {
    max: config.exportsPerMinute,
    windowMs: 60_000,
  });
  // Per process: imports hold a database transaction for their length, exports a connection.
  const importSlots = concurrencyCap(config.importConcurrency, 'imports');
  const exportSlots = concurrencyCap(config.exportConcurrency, 'exports');
  // The upload is handed to the route as the raw stream: it is spooled while it arrives.
  app.addContentTypeParser(uploadTypes, (_request, payload, done) => done(null, payload));

  app.post('/contacts/bulk', {
    schema: {
      tags,
      summary: 'Change status, tags or visibility of up to 10,000 contacts, all or nothing',
      body: bulkBody,
      response: {
        200: bulkResult,
        ...problems,
        403: problemWithIds,
        404: problemWithIds,
        409: problemWithIds,
        422: problemWithIds,
      },
    },
    handler: async (request) => {
      return inRequestOrg(database, request, (tx, ctx) => bulkUpdate(tx, ctx, request.body));
    },
  });

  app.post('/contacts/import', {
    bodyLimit: importByteLimit,
    preHandler: importLimit,
    schema: {
      tags,
      summary: 'Import contacts from a CSV or XLSX body; ?async=true runs it as a job',
      description: `Import contacts from a CSV (UTF-8, UTF-16 with BOM or Windows-1252) or XLSX body (the first sheet, or ?sheet=) of at most ${importByteLimit} bytes; ?async=true runs it as a job. Other files (PDF, .xls, images, archives) are refused with 415. Rate limited: ${config.importsPerMinute} imports per minute per user, then 429 with Retry-After.`,
      consumes: ['text/csv', xlsxType],
      querystring: importQuery,
      response: {
        200: importResultSchema,
        202: importAccepted,
        408: problemSchema,
        413: problemSchema,
        415: problemSchema,
        503: problemSchema,
        ...problems,
        429: problemSchema,
      },
    },
    handler: async (request, reply) => {
      const ctx = await requireCaller(database, request);
      assertCanImport(ctx);
      const { stream, bytesTotal } = csvBody(request);
      const { dryRun, onDuplicate } = request.query;
      const release = importSlots.take();
      let handedOver = false;
      try {
        // The whole body is on disk before any transaction opens (a slow upload holds no connection).
        const upload = await spoolUpload(stream, {
          byteLimit: importByteLimit,
          idleTimeoutMs: config.uploadIdleTimeoutMs,
        });
        const { mapping, sheet } = request.query;
        const options = {
          dryRun,
          onDuplicate,
          mapping,
          sheet,
          bytesTotal: bytesTotal || upload.bytes,
        };
        if (request.query.async) {
          // A mapping the file cannot take is refused now, not as a failed job.
          if (mapping) {
            await inRequestOrg(database, request, (tx, caller) =>
              checkMapping(tx, caller, upload.file, mapping, sheet),
            ).catch(async (error: unknown) => {
              await upload.remove();
              throw error;
            });
          }
          // Once started, the job owns the file and the slot.
          // A file that is not CSV or XLSX is refused now, not as a failed job.
          const job = await assertReadableFile(upload.file)
            .then(() => startImportJob(database, ctx, upload, options, release))
            .catch(async (error: unknown) => {
              await upload.remove();
              throw error;
            });
          handedOver = true;
          return reply.code(202).send(job);
        }
        try {
          // Steps of their own (steps.ts), so others keep working meanwhile.
          return await importContacts(database, ctx, () => createReadStream(upload.file), options);
        } finally {
          await upload.remove();
        }
      } finally {
        if (!handedOver) release();
      }
    },
  });

  app.post('/contacts/import/inspect', {
    bodyLimit: importByteLimit,
    preHandler: importLimit,
    schema: {
      tags,
      summary:
        "An upload's columns, samples and suggested fields, and its row count; writes nothing",
      description: `The same body as /contacts/import (at most ${importByteLimit} bytes). Only the head of the file is read (the header and up to 1,000 rows or about 1 MB): rows is exact when the whole file was read, otherwise estimated (rowsEstimated). Rate limited with the import.`,
      consumes: ['text/csv', xlsxType],
      querystring: inspectQuery,
      response: {
        200: importInspection,
        408: problemSchema,
        413: problemSchema,
        415: problemSchema,
        ...problems,
        429: problemSchema,
      },
    },
    handler: async (request) => {
      const ctx = await requireCaller(database, request);
      assertCanImport(ctx);
      const { stream } = csvBody(request);
      const upload = await spoolUpload(stream, {
        byteLimit: importByteLimit,
        idleTimeoutMs: config.uploadIdleTimeoutMs,
      });
      try {
        return await inRequestOrg(database, request, (tx, caller) =>
          inspectUpload(tx, caller, upload, request.query),
        );
      } finally {
        await upload.remove();
      }
    },
  });

  app.get('/contacts/export', {
    preHandler: exportLimit,
    schema: {
      tags,
      summary: 'The contacts you can read (same filters as the list) as CSV, streamed',
      description: `The contacts you can read (same filters as the list) as CSV, streamed. Rate limited: ${config.exportsPerMinute} exports per minute per user, then 429 with Retry-After.`,
      produces: ['text/csv'],
      querystring: exportQuery,
      response: {
        200: z.string().describe('CSV (UTF-8): a header row, then one row per contact'),
        ...problems,
        429: problemSchema,
        503: problemSchema,
      },
    },
    handler: async (request, reply) => {
      const ctx = await requireCaller(database, request);
      assertCanExport(ctx);
      const day = new Date().toISOString().slice(0, 10);
      const release = exportSlots.take();
      let csv: Readable;
      try {
        // On a server, PostgreSQL writes the CSV itself (COPY); PGlite pages through the rows.
        csv = database.copyPool
          ? await exportContactsCsvCopy(database.copyPool, ctx, request.query)
          : Readable.from(exportContactsCsv(database.db, ctx, request.query));
      } catch (error) {
        release();
        throw error;
      }
      // Sent, failed or abandoned: the slot is free again when the stream closes.
      csv.on('close', release);
      // A stream is sent as is; the response schema only documents it.
      return reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="contacts-${day}.csv"`)
        .send(csv as unknown as string);
    },
  });

  app.get('/imports', {
    schema: {
      tags,
      summary: 'Recent imports (org admins: all; partners: their own)',
      response: { 200: importList, ...problems },
    },
    handler: async (request) => {
      return inRequestOrg(database, request, (tx, ctx) => listImports(tx, ctx));
    },
  });

  app.get('/imports/:id', {
    schema: {
      tags,
      summary: 'One import job and its progress',
      params: idParams,
      response: { 200: importJobSchema, ...problems },
    },
    handler: async (request) => {
      return inRequestOrg(database, request, (tx, ctx) => getImport(tx, ctx, request.params.id));
    },
  });

  app.get('/imports/:id/errors', {
    schema: {
      tags,
      summary: "An import's refused rows, a page at a time (row order)",
      params: idParams,
      querystring: importErrorsQuery,
      response: { 200: importErrorPage, ...problems },
    },
    handler: async (request) => {
      return inRequestOrg(database, request, (tx, ctx) =>
        listImportErrors(tx, ctx, request.params.id, request.query),
      );
    },
  });

  app.get('/imports/:id/errors.csv', {
    schema: {
      tags,
      summary: "An import's refused rows as CSV with a reason column, to fix and import again",
      produces: ['text/csv'],
      params: idParams,
      response: { 200: z.string().describe('text/csv'), ...problems },
    },
    handler: async (request, reply) => {
      const csv = await inRequestOrg(database, request, (tx, ctx) =>
        importErrorsCsv(tx, ctx, request.params.id),
      );
      return reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="import-errors.csv"`)
        .send(csv);
    },
  });

  app.post('/imports/:id/revert', {
    schema: {
      tags,
      summary:
        'Undo an import: remove the contacts it created and restore the fields it updated, where nobody changed them since',
      params: idParams,
      response: { 200: revertResult, ...problems },
    },
    handler: async (request) => {
      return inRequestOrg(database, request, (tx, ctx) => revertImport(tx, ctx, request.params.id));
    },
  });
};

import { randomUUID } from 'node:crypto';
import type pg from 'pg';
import { log, summarize, timed } from './measure.js';
import type { Bench } from './scenarios.js';
import type { Viewer } from './probes.js';

const tables = ['deals', 'activities'] as const;

async function writes(pool: pg.Pool): Promise<Record<string, number>> {
  const { rows } = await pool.query<{ relname: string; w: string }>(
    `select relname, n_tup_ins + n_tup_upd + n_tup_del as w from pg_stat_user_tables
      where relname = any($1)`,
    [tables],
  );
  return Object.fromEntries(rows.map((r) => [r.relname, Number(r.w)]));
}

/**
 * Rows written since `before`, once the server's backends have flushed their
 * statistics (PostgreSQL 15 flushes when a backend goes idle, at most once a
 * second, and at the latest after 10 s): polled until every table reached
 * `expected` and two reads a second apart agree.
 */
async function settledWrites(
  pool: pg.Pool,
  before: Record<string, number>,
  expected: number,
): Promise<Record<string, number>> {
  const delta = (now: Record<string, number>) =>
    Object.fromEntries(tables.map((t) => [t, (now[t] ?? 0) - (before[t] ?? 0)]));
  let prev = '';
  const until = Date.now() + 25_000;
  for (;;) {
    await new Promise((r) => setTimeout(r, 1000));
    const d = delta(await writes(pool));
    const key = JSON.stringify(d);
    if ((tables.every((t) => d[t]! >= expected) && key === prev) || Date.now() > until) return d;
    prev = key;
  }
}

type Ids = { id: string; position: number }[];

async function column(
  pool: pg.Pool,
  orgId: string,
  stageId: string,
  limit: number,
  offset = 0,
): Promise<Ids> {
  const { rows } = await pool.query<{ id: string; position: number }>(
    `select id, position from deals where org_id = $1 and stage_id = $2 and deleted_at is null
      order by position, id limit $3 offset $4`,
    [orgId, stageId, limit, offset],
  );
  return rows;
}

/**
 * Moves deals from one column into the middle of the 10,000-deal column
 * (POST /deals/:id/move with beforeId), one at a time: latency, and rows
 * written per move from pg_stat_user_tables. The baseline is the least a
 * move can do: one UPDATE and one INSERT in a transaction, through node-postgres.
 */
export async function kanbanMove(
  b: Bench,
  admin: Viewer,
  stages: { from: string; to: string; toSize: number },
) {
  const { pool, opts } = b;
  const moves = opts.quick ? 10 : 30;
  const sources = await column(pool, admin.orgId, stages.from, moves * 2 + 2);
  if (sources.length < moves * 2) throw new Error('not enough deals to move');
  const size = (
    await pool.query<{ n: number }>(
      `select count(*)::int as n from deals where org_id = $1 and stage_id = $2 and deleted_at is null`,
      [admin.orgId, stages.to],
    )
  ).rows[0]!.n;
  const ours: number[] = [];
  const before = await writes(pool);
  for (let i = 0; i < moves; i++) {
    const [anchor] = await column(
      pool,
      admin.orgId,
      stages.to,
      1,
      Math.floor(((i + 1) * size) / (moves + 2)),
    );
    const deal = sources[i]!;
    const t = await timed(() =>
      admin.api.json('POST', `/deals/${deal.id}/move`, {
        stageId: stages.to,
        beforeId: anchor!.id,
      }),
    );
    ours.push(t.ms);
  }
  const oursWrites = await settledWrites(pool, before, moves);

  const raw: number[] = [];
  const rawBefore = await writes(pool);
  for (let i = 0; i < moves; i++) {
    const [anchor, next] = await column(
      pool,
      admin.orgId,
      stages.to,
      2,
      Math.floor(((i + 1) * size) / (moves + 2)),
    );
    const deal = sources[moves + i]!;
    const t = await timed(async () => {
      const client = await pool.connect();
      try {
        await client.query('begin');
        await client.query(
          `update deals set stage_id = $3, position = $4, version = version + 1, updated_at = now()
            where org_id = $1 and id = $2`,
          [admin.orgId, deal.id, stages.to, (anchor!.position + next!.position) / 2],
        );
        await client.query(
          `insert into activities (org_id, id, deal_id, type, subject, changes, actor_id, actor_role)
           values ($1, $2, $3, 'stage_change', 'moved', '[]', $4, 'owner')`,
          [admin.orgId, randomUUID(), deal.id, admin.userId],
        );
        await client.query('commit');
      } finally {
        client.release();
      }
    });
    raw.push(t.ms);
  }
  const rawWrites = await settledWrites(pool, rawBefore, moves);
  log(
    `kanban move: ours ${summarize(ours).median.toFixed(1)} ms, raw ${summarize(raw).median.toFixed(1)} ms; rows per move ${JSON.stringify(oursWrites)} / ${moves}`,
  );
  b.figures.push(
    {
      name: `kanban move into a ${size.toLocaleString('en-US')}-deal column p50`,
      unit: 'ms',
      ours: summarize(ours),
      baseline: summarize(raw),
      goal: { kind: 'info' },
      note: 'baseline: UPDATE + INSERT in one transaction',
    },
    {
      name: 'kanban move: deal rows written per move',
      unit: 'rows',
      ours: oursWrites.deals! / moves,
      baseline: rawWrites.deals! / moves,
      goal: { kind: 'equals', value: 1 },
    },
    {
      name: 'kanban move: activity rows written per move',
      unit: 'rows',
      ours: oursWrites.activities! / moves,
      baseline: rawWrites.activities! / moves,
      goal: { kind: 'equals', value: 1 },
    },
  );
}

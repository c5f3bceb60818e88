import { useState, type ReactNode } from 'react';
import { Link, useLocation } from 'wouter';
import { Badge } from '../../components/Badge';
import { CommitUpDialog } from '../../components/CommitUpDialog';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { Icon } from '../../components/Icon';
import { ErrorNotice } from '../../components/Notice';
import { Spinner } from '../../components/Spinner';
import { VisibilityBadge } from '../../components/VisibilityBadge';
import { formatDate, formatDateTime, humanize } from '../../lib/format';
import { ownerLabel, recordAction } from '../../lib/permissions';
import { useMe } from '../../lib/session';
import { useTitle } from '../../lib/useTitle';
import { commitTargets } from '../../lib/visibility';
import { useCommitDeal, useDeal, useDeleteDeal, useMoveDealTo, useStages, type Deal } from './api';
import { DealFormDialog } from './DealFormDialog';
import { DealTimeline } from './DealTimeline';
import { LostReasonDialog } from './LostReasonDialog';
import { formatMoney } from './money';
import './pipeline.css';

function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="fact">
      <dt>{label}</dt>
      <dd>{children}</dd>
    </div>
  );
}

function MoveStage({ deal }: { deal: Deal }) {
  const stages = useStages();
  const move = useMoveDealTo();
  const [stageId, setStageId] = useState(deal.stageId);
  const [askLost, setAskLost] = useState(false);
  const target = stages.data?.find((s) => s.id === stageId);
  const go = (lostReason?: string) => move.mutate({ deal, stageId, lostReason });
  return (
    <div className="move-stage">
      <label className="filter">
        <span className="sr-only">Stage</span>
        <select
          value={stageId}
          onChange={(e) => setStageId(e.target.value)}
          aria-label="Move to stage"
        >
          {(stages.data ?? []).map((s) => (
            <option key={s.id} value={s.id}>
              {s.name}
            </option>
          ))}
        </select>
      </label>
      <button
        type="button"
        className="btn"
        disabled={stageId === deal.stageId || move.isPending}
        onClick={() => (target?.isLost ? setAskLost(true) : go())}
      >
        Move stage
      </button>
      <ErrorNotice error={move.error} />
      {askLost && target && (
        <LostReasonDialog
          dealTitle={deal.title}
          stageName={target.name}
          onClose={() => setAskLost(false)}
          onConfirm={(reason) => {
            setAskLost(false);
            go(reason || undefined);
          }}
        />
      )}
    </div>
  );
}

/** One deal: its facts, actions (edit, move, delete, and the `actions` slot) and its timeline. */
export function DealDetail({ id, actions }: { id: string; actions?: ReactNode }) {
  const me = useMe();
  const deal = useDeal(id);
  const remove = useDeleteDeal();
  const commit = useCommitDeal();
  const [, navigate] = useLocation();
  const [open, setOpen] = useState<'edit' | 'commit' | 'delete' | null>(null);
  useTitle(deal.data?.title ?? 'Deal');

  if (deal.isPending) return <Spinner label="Loading the deal…" />;
  if (deal.isError) return <ErrorNotice error={deal.error} />;
  const d = deal.data;
  // The server's `can` for this deal; why, when Edit is absent.
  const canEdit = d.can.edit;
  const noEdit = recordAction(me, d.can.edit, 'deal.update', d);
  const canCommit = d.can.commit && commitTargets(d).length > 0;
  return (
    <div className="deal-page">
      <Link href="/crm/deals" className="back-link">
        <Icon name="arrowLeft" size={16} /> Pipeline
      </Link>
      <div className="contact-layout">
        <section className="card card-padded deal-detail" aria-labelledby="deal-title">
          <div className="section-header">
            <div>
              <h2 id="deal-title">{d.title}</h2>
              <div className="badge-row">
                <Badge tone={d.status === 'won' ? 'green' : d.status === 'lost' ? 'red' : 'blue'}>
                  {humanize(d.status)}
                </Badge>
                <Badge tone="indigo">
                  <span data-testid="deal-stage">{d.stageName}</span>
                </Badge>
                <VisibilityBadge visibility={d.visibility} />
              </div>
            </div>
            <div className="deal-amount-large">{formatMoney(d.amount, d.currency)}</div>
          </div>
          <div className="contact-actions">
            {canEdit && (
              <button type="button" className="btn" onClick={() => setOpen('edit')}>
                <Icon name="edit" size={16} /> Edit
              </button>
            )}
            {canCommit && (
              <button type="button" className="btn" onClick={() => setOpen('commit')}>
                <Icon name="arrowUp" size={16} /> Commit up
              </button>
            )}
            {actions}
            {d.can.delete && (
              <button
                type="button"
                className="btn btn-ghost-danger"
                onClick={() => setOpen('delete')}
              >
                <Icon name="trash" size={16} /> Delete
              </button>
            )}
            {!noEdit.allowed && (
              <p className="muted small permission-note" data-testid="no-edit-reason">
                <Icon name="lock" size={14} /> {noEdit.reason}
              </p>
            )}
          </div>
          {d.can.move && <MoveStage key={d.stageId} deal={d} />}
          <dl className="facts">
            <Fact label="Contact">
              {d.contactName ? (
                <Link href={`/crm/contacts/${d.contactId}`}>{d.contactName}</Link>
              ) : (
                '—'
              )}
            </Fact>
            <Fact label="Owner">{ownerLabel(me, d)}</Fact>
            <Fact label="Probability">{d.probability}%</Fact>
            <Fact label="Expected close">
              {d.expectedCloseDate ? formatDate(d.expectedCloseDate) : '—'}
            </Fact>
            <Fact label="Source">{d.source ?? '—'}</Fact>
            <Fact label="Tags">{d.tags.length ? d.tags.join(', ') : '—'}</Fact>
            {d.wonAt && <Fact label="Won">{formatDateTime(d.wonAt)}</Fact>}
            {d.lostAt && <Fact label="Lost">{formatDateTime(d.lostAt)}</Fact>}
            {d.lostReason && <Fact label="Lost reason">{d.lostReason}</Fact>}
            <Fact label="Created">{formatDateTime(d.createdAt)}</Fact>
          </dl>
          {d.description && <p className="notes">{d.description}</p>}
        </section>
        <DealTimeline dealId={d.id} />
      </div>
      {open === 'edit' && <DealFormDialog deal={d} onClose={() => setOpen(null)} />}
      {open === 'commit' && (
        <CommitUpDialog
          noun="deal"
          name={d.title}
          record={d}
          pending={commit.isPending}
          error={commit.error}
          onCommit={(visibility) =>
            commit.mutate({ deal: d, visibility }, { onSuccess: () => setOpen(null) })
          }
          onClose={() => {
            commit.reset();
            setOpen(null);
          }}
        />
      )}
      {open === 'delete' && (
        <ConfirmDialog
          title={`Delete ${d.title}?`}
          confirmLabel="Delete deal"
          danger
          pending={remove.isPending}
          error={remove.error}
          onClose={() => setOpen(null)}
          onConfirm={() => remove.mutate(d, { onSuccess: () => navigate('/crm/deals') })}
        >
          The deal disappears from the pipeline; its timeline is kept.
        </ConfirmDialog>
      )}
    </div>
  );
}

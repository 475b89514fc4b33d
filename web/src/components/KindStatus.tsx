// Per-kind freshness line: source, age, and a STALE marker once the record is stale.
import type { EcoRecord } from '../api/types';
import { formatAge } from '../format/time';
import { isStale } from '../live/store';

export function KindStatus({ record, now }: { record: EcoRecord | undefined; now: number }) {
  if (!record) return <p className="kind-status muted">waiting for data…</p>;
  const stale = isStale(record, now);
  return (
    <p className={`kind-status${stale ? ' is-stale' : ''}`} data-kind={record.kind} data-version={record.version}>
      {stale && <span className="stale-badge" title={`valid until ${record.valid_until}`}>STALE</span>}
      <span>{record.source}</span>
      <span aria-label="updated">· {formatAge(record.fetched_at, now)}</span>
    </p>
  );
}

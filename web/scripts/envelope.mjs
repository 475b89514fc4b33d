// stdin: what `ecoboard transform` printed (a record, or only its data); stdout: the record as
// GET /api/v1/records/{kind} sends it, with fixed version 1 and valid for one hour after `now`.
// Usage: node envelope.mjs KIND PROVIDER NOW
import { readFileSync } from 'node:fs';

const [kind, provider, now] = process.argv.slice(2);
const printed = JSON.parse(readFileSync(0, 'utf8'));
const isRecord = printed && typeof printed === 'object' && 'data' in printed && 'kind' in printed;
const fetchedAt = new Date(now).toISOString().replace('.000Z', '+00:00');
const validUntil = new Date(Date.parse(now) + 3600_000).toISOString().replace('.000Z', '+00:00');
const record = {
  kind,
  version: 1,
  fetched_at: isRecord && printed.fetched_at ? printed.fetched_at : fetchedAt,
  valid_until: isRecord && printed.valid_until ? printed.valid_until : validUntil,
  source: isRecord && printed.source ? printed.source : provider,
  data: isRecord ? printed.data : printed,
  stale: false,
};
process.stdout.write(`${JSON.stringify(record, null, 1)}\n`);

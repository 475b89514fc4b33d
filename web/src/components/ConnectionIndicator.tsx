// The live stream's state: a dot and a word, always visible in the header.
import type { Connection } from '../live/store';

const WORDS: Record<Connection, string> = { connecting: 'connecting', live: 'live', reconnecting: 'reconnecting' };

export function ConnectionIndicator({ connection }: { connection: Connection }) {
  return (
    <span className={`conn conn-${connection}`} role="status" aria-live="polite" data-connection={connection}>
      <span className="conn-dot" aria-hidden="true" />
      {WORDS[connection]}
    </span>
  );
}

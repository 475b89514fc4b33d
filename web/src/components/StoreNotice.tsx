// A line under the header while the board's record store does not answer: the data on screen is the
// last that arrived, and nothing newer comes until the store is back.
import { useLive } from '../live/LiveContext';

export function StoreNotice() {
  const unreachable = useLive().board?.store === 'unreachable';
  return (
    <p className="store-notice" data-testid="store-notice" aria-live="polite">
      {unreachable && "The board's record store is not answering: showing the last data received."}
    </p>
  );
}

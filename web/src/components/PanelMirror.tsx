// The LED panel, mirrored: its current frame refreshed about 1.5×/s (the next frame is requested
// only after the previous one is on screen, so a slow link never piles up requests) and its state,
// hidden while the API says there is no display (503: `ecoboard api` in the cluster). The page name
// beside the picture comes with the picture (the frame response's headers), so the two always
// belong to the same moment; the slower state poll supplies the rest (fps, brightness, the buttons).
// The control buttons show whenever a token is set: the cluster API forwards commands to the Pi
// over the bus. A command that succeeded shows at once (Pause turns into Play on the tap), and a
// state read that started before it can no longer undo it (live/display.ts). With them, the reminder's
// done mark: "Reminder done" writes the `reminder` record, and the mark shown beside it (with Undo)
// is the live record's, so every phone shows the same mark.
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { getDisplay, getFrame, markReminder, sendCommand, type Command, type FrameMeta } from '../api/client';
import type { DisplayState } from '../api/types';
import { formatWeekdayTime } from '../format/time';
import { CONFIRM_READS, DisplayTracker } from '../live/display';
import { useRecord, useTimezone } from '../live/LiveContext';
import { useSettings } from '../live/settings';

const FRAME_INTERVAL_MS = 650;
const FRAME_RETRY_MS = 2000;
const FRAME_SCALE = 4;
const STATE_INTERVAL_MS = 3000;
const CONFIRM_INTERVAL_MS = 250;

/** The display state, polled every STATE_INTERVAL_MS, and `commanded`: what to call when a command succeeded. */
function useDisplayState(): [DisplayState | null, (command: Command, body?: unknown) => void] {
  const tracker = useMemo(() => new DisplayTracker(), []);
  const [state, setState] = useState<DisplayState | null>(null);
  const alive = useRef(true);
  const read = useCallback(async () => {
    const id = tracker.begin();
    const answer = await getDisplay();
    if (alive.current && tracker.answer(id, answer)) setState(tracker.state);
  }, [tracker]);
  useEffect(() => {
    alive.current = true;
    void read();
    const timer = setInterval(() => void read(), STATE_INTERVAL_MS);
    return () => {
      alive.current = false;
      clearInterval(timer);
    };
  }, [read]);
  const commanded = useCallback((command: Command, body?: unknown) => {
    tracker.commanded(command, body);
    setState(tracker.state);
    void (async () => {
      // read again at once, then every CONFIRM_INTERVAL_MS while the panel has not shown the command yet
      for (let i = 0; i < CONFIRM_READS && alive.current; i++) {
        await read();
        if (!tracker.confirming) return;
        await new Promise((resolve) => setTimeout(resolve, CONFIRM_INTERVAL_MS));
      }
    })();
  }, [tracker, read]);
  return [state, commanded];
}

/** A frame ready to show: an object URL of its PNG and what the panel showed with it. */
interface ShownFrame extends FrameMeta {
  url: string;
}

async function decoded(url: string): Promise<void> {
  const image = new Image();
  image.src = url;
  await image.decode();
}

/**
 * The live frame, fetched again FRAME_INTERVAL_MS after the previous one is shown. A frame replaces
 * the previous one only once it is decoded, so its picture and its page name change together.
 */
function useLiveFrame(): { frame: ShownFrame | null; broken: boolean } {
  const [frame, setFrame] = useState<ShownFrame | null>(null);
  const [broken, setBroken] = useState(false);
  useEffect(() => {
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | null = null;
    let shown: string | null = null;
    const later = (delay: number) => { timer = setTimeout(() => void step(), delay); };
    async function step() {
      // A hidden tab (tablet screen off) asks for no frames until it is shown again.
      if (document.hidden) return later(FRAME_INTERVAL_MS);
      const next = await getFrame(FRAME_SCALE);
      const url = next && URL.createObjectURL(next.png);
      const ok = url !== null && await decoded(url).then(() => true, () => false);
      if (stopped || !next || !ok) {
        if (url) URL.revokeObjectURL(url);
        if (stopped) return;
        setBroken(true);
        return later(FRAME_RETRY_MS);
      }
      setFrame({ url, page: next.page, pageIndex: next.pageIndex, paused: next.paused, shownAt: next.shownAt });
      setBroken(false);
      if (shown) URL.revokeObjectURL(shown); // the decoded picture stays on screen
      shown = url;
      later(FRAME_INTERVAL_MS);
    }
    void step();
    return () => {
      stopped = true;
      if (timer !== null) clearTimeout(timer);
      if (shown) URL.revokeObjectURL(shown);
    };
  }, []);
  return { frame, broken };
}

interface ControlsProps {
  state: DisplayState | null;
  token: string;
  /** Called when a command succeeded. */
  onDone: (command: Command, body?: unknown) => void;
}

function Controls({ state, token, onDone }: ControlsProps) {
  const [message, setMessage] = useState<string | null>(null);
  const [brightness, setBrightness] = useState<number | null>(state?.brightness ?? null);
  const known = state?.brightness;
  useEffect(() => {
    if (known !== undefined) setBrightness(known);
  }, [known]);
  const run = async (command: Command, body?: unknown) => {
    const result = await sendCommand(command, token, body);
    setMessage(result.message);
    if (result.ok) onDone(command, body);
  };
  const mark = async (done: boolean) => setMessage((await markReminder(done, token)).message);
  return (
    <section className="panel controls" data-testid="controls">
      <h2>Panel control</h2>
      <div className="control-row">
        <button type="button" onClick={() => void run('prev')} aria-label="previous page">◀ Prev</button>
        {state ? (
          <button type="button" onClick={() => void run(state.paused ? 'play' : 'pause')}>
            {state.paused ? '▶ Play' : '❚❚ Pause'}
          </button>
        ) : (
          <>
            <button type="button" onClick={() => void run('pause')}>❚❚ Pause</button>
            <button type="button" onClick={() => void run('play')}>▶ Play</button>
          </>
        )}
        <button type="button" onClick={() => void run('next')} aria-label="next page">Next ▶</button>
        <button type="button" onClick={() => void run('reload')}>Reload</button>
      </div>
      <label className="brightness">
        Brightness {brightness ?? ''}
        <input
          type="range" min={0} max={100} value={brightness ?? 50}
          onChange={(e) => setBrightness(Number(e.target.value))}
          onPointerUp={() => brightness !== null && void run('brightness', { value: brightness })}
          onKeyUp={() => brightness !== null && void run('brightness', { value: brightness })}
        />
      </label>
      <ReminderRow onMark={(done) => void mark(done)} />
      {message && <p className="muted" role="status" data-testid="control-result">{message}</p>}
    </section>
  );
}

/** "Reminder done", and the live `reminder` record's mark (in the board's zone) with Undo while one is set. */
function ReminderRow({ onMark }: { onMark: (done: boolean) => void }) {
  const record = useRecord('reminder');
  const zone = useTimezone();
  const doneAt = formatWeekdayTime(record?.data.done_at, zone); // a day too: a mark may be last week's
  return (
    <div className="reminder-row">
      <button type="button" onClick={() => onMark(true)}>Reminder done</button>
      {doneAt && (
        <>
          <span className="reminder-mark" data-testid="reminder-mark">Marked done {doneAt}</span>
          <button type="button" onClick={() => onMark(false)}>Undo</button>
        </>
      )}
    </div>
  );
}

/** The mirrored panel: its frame, and beside it the page and pause state that frame was shown with. */
function Mirror({ state }: { state: DisplayState }) {
  const { frame, broken } = useLiveFrame();
  const page = frame ? frame.page : state.page; // until the first frame arrives, the polled state
  const paused = frame?.paused ?? state.paused;
  return (
    <section className="panel mirror" data-testid="panel-mirror">
      <h2>
        LED panel
        <span className="page-sub" data-testid="mirror-page"> · {page ?? '—'}{paused ? ' · paused' : ''}</span>
      </h2>
      <img
        className={`panel-frame${broken ? ' is-broken' : ''}`}
        src={frame?.url}
        data-page={frame?.page ?? undefined}
        alt="LED panel"
        width={128 * FRAME_SCALE}
        height={64 * FRAME_SCALE}
      />
      <p className="muted mirror-stats">
        {state.fps !== null && state.fps !== undefined && <span>{state.fps.toFixed(1)} fps</span>}
        <span>brightness {state.brightness}</span>
      </p>
    </section>
  );
}

export function PanelMirror() {
  const [state, commanded] = useDisplayState();
  const { token } = useSettings();
  return (
    <>
      {state && <Mirror state={state} />}{/* null: no display (503) or the API is away — nothing to mirror */}
      {token && <Controls state={state} token={token} onDone={commanded} />}
    </>
  );
}

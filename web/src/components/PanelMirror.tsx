// The LED panel, mirrored: its current frame refreshed about 1.5×/s (the next frame is requested
// only after the previous one loaded, so a slow link never piles up requests) and its state, hidden
// while the API says there is no display (503: `ecoboard api` in the cluster). The control buttons
// show whenever a token is set: the cluster API forwards commands to the Pi over the bus.
import { useCallback, useEffect, useRef, useState } from 'react';
import { getDisplay, sendCommand, type Command } from '../api/client';
import type { DisplayState } from '../api/types';
import { useSettings } from '../live/settings';

const FRAME_INTERVAL_MS = 650;
const STATE_INTERVAL_MS = 3000;

function useDisplayState(): [DisplayState | null, () => void] {
  const [state, setState] = useState<DisplayState | null>(null);
  const refresh = useCallback(() => {
    void getDisplay().then(setState);
  }, []);
  useEffect(() => {
    refresh();
    const timer = setInterval(refresh, STATE_INTERVAL_MS);
    return () => clearInterval(timer);
  }, [refresh]);
  return [state, refresh];
}

function Frame() {
  const [tick, setTick] = useState(0);
  const [broken, setBroken] = useState(false);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  useEffect(() => () => { if (timer.current !== null) clearTimeout(timer.current); }, []);
  const next = useCallback((delay: number) => {
    timer.current = setTimeout(function step() {
      // A hidden tab (tablet screen off) asks for no frames until it is shown again.
      if (document.hidden) timer.current = setTimeout(step, delay);
      else setTick((t) => t + 1);
    }, delay);
  }, []);
  return (
    <img
      className={`panel-frame${broken ? ' is-broken' : ''}`}
      src={`/api/v1/display/frame.png?scale=4&t=${tick}`}
      alt="LED panel"
      width={512}
      height={256}
      onLoad={() => { setBroken(false); next(FRAME_INTERVAL_MS); }}
      onError={() => { setBroken(true); next(2000); }}
    />
  );
}

function Controls({ state, token, onDone }: { state: DisplayState | null; token: string; onDone: () => void }) {
  const [message, setMessage] = useState<string | null>(null);
  const [brightness, setBrightness] = useState<number | null>(state?.brightness ?? null);
  const known = state?.brightness;
  useEffect(() => {
    if (known !== undefined) setBrightness(known);
  }, [known]);
  const run = async (command: Command, body?: unknown) => {
    const result = await sendCommand(command, token, body);
    setMessage(result.message);
    onDone();
  };
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
      {message && <p className="muted" role="status" data-testid="control-result">{message}</p>}
    </section>
  );
}

export function PanelMirror() {
  const [state, refresh] = useDisplayState();
  const { token } = useSettings();
  return (
    <>
      {state && ( // null: no display (503) or the API is away — nothing to mirror
        <section className="panel mirror" data-testid="panel-mirror">
          <h2>
            LED panel
            <span className="page-sub"> · {state.page ?? '—'}{state.paused ? ' · paused' : ''}</span>
          </h2>
          <Frame />
          <p className="muted mirror-stats">
            {state.fps !== null && state.fps !== undefined && <span>{state.fps.toFixed(1)} fps</span>}
            <span>brightness {state.brightness}</span>
          </p>
        </section>
      )}
      {token && <Controls state={state} token={token} onDone={refresh} />}
    </>
  );
}

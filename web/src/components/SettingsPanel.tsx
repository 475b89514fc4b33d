// Viewer settings: units, followed teams, and the control token (kept in this browser only).
import { useState } from 'react';
import { parseTeams, updateSettings, useSettings } from '../live/settings';

export function UnitsToggle() {
  const { units } = useSettings();
  const imperial = units === 'imperial';
  return (
    <button
      type="button" className="units-toggle" aria-label="temperature units"
      onClick={() => updateSettings({ units: imperial ? 'metric' : 'imperial' })}
    >
      <span className={imperial ? 'on' : ''}>°F</span>/<span className={imperial ? '' : 'on'}>°C</span>
    </button>
  );
}

export function SettingsPanel() {
  const settings = useSettings();
  const [token, setToken] = useState('');
  const [follow, setFollow] = useState(settings.follow.join(', '));
  return (
    <section className="panel settings">
      <h2>Settings</h2>
      <label>
        Followed teams (shown first)
        <input
          value={follow} placeholder="BOS, KC" autoCapitalize="characters"
          onChange={(e) => setFollow(e.target.value)}
          onBlur={() => updateSettings({ follow: parseTeams(follow) })}
        />
      </label>
      {settings.token ? (
        <p>
          Control token set.{' '}
          <button type="button" onClick={() => updateSettings({ token: '' })}>Forget token</button>
        </p>
      ) : (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            updateSettings({ token: token.trim() });
            setToken('');
          }}
        >
          <label>
            Control token (enables the panel buttons)
            <input type="password" value={token} autoComplete="off" onChange={(e) => setToken(e.target.value)} />
          </label>
          <button type="submit" disabled={!token.trim()}>Save token</button>
        </form>
      )}
    </section>
  );
}

// Viewer settings: units, followed teams, and the control token (kept in this browser only).
import { useState } from 'react';
import { parseTeams, resetToBoard, updateSettings, useHasOwnChoice, useSettings } from '../live/settings';

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

/** The followed teams as a list to edit; a blur that changed nothing keeps the board's teams the default. */
function FollowField({ follow }: { follow: readonly string[] }) {
  const [text, setText] = useState(follow.join(', '));
  return (
    <label>
      Followed teams (shown first)
      <input
        value={text} placeholder="BOS, KC" autoCapitalize="characters"
        onChange={(e) => setText(e.target.value)}
        onBlur={() => {
          const teams = parseTeams(text);
          if (teams.join(',') !== follow.join(',')) updateSettings({ follow: teams });
        }}
      />
    </label>
  );
}

export function SettingsPanel() {
  const settings = useSettings();
  const ownChoice = useHasOwnChoice();
  const [token, setToken] = useState('');
  return (
    <section className="panel settings">
      <h2>Settings</h2>
      {/* keyed by the teams in force, so the board's teams fill the field once they arrive */}
      <FollowField key={settings.follow.join(',')} follow={settings.follow} />
      {ownChoice && (
        <p>
          <button type="button" onClick={resetToBoard}>Use the board&apos;s units and teams</button>
        </p>
      )}
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

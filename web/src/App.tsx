// The shell: header with tabs, the connection indicator, the units toggle and a line while the
// board's store is down; one page at a time, chosen by the URL hash so a wall tablet can be pointed
// at #/nfl directly.
import { useEffect, useState } from 'react';
import { ConnectionIndicator } from './components/ConnectionIndicator';
import { PanelMirror } from './components/PanelMirror';
import { SettingsPanel, UnitsToggle } from './components/SettingsPanel';
import { StoreNotice } from './components/StoreNotice';
import { useLive } from './live/LiveContext';
import { EnvironmentPage } from './pages/EnvironmentPage';
import { MlbPage } from './pages/MlbPage';
import { NflPage } from './pages/NflPage';

const TABS = [
  { id: 'environment', title: 'Weather' },
  { id: 'mlb', title: 'MLB' },
  { id: 'nfl', title: 'NFL' },
  { id: 'panel', title: 'Panel' },
] as const;

type Tab = (typeof TABS)[number]['id'];

function tabFromHash(hash: string): Tab {
  const id = hash.replace(/^#\/?/, '');
  return TABS.find((t) => t.id === id)?.id ?? 'environment';
}

export function App() {
  const [tab, setTab] = useState<Tab>(() => tabFromHash(location.hash));
  const { connection } = useLive();
  useEffect(() => {
    const onHash = () => setTab(tabFromHash(location.hash));
    window.addEventListener('hashchange', onHash);
    return () => window.removeEventListener('hashchange', onHash);
  }, []);
  return (
    <div className="app">
      <header className="top">
        <span className="brand">ecoboard</span>
        <ConnectionIndicator connection={connection} />
        <UnitsToggle />
        <StoreNotice />
      </header>
      <nav className="tabs">
        {TABS.map((t) => (
          <a key={t.id} href={`#/${t.id}`} className={t.id === tab ? 'tab tab-on' : 'tab'} aria-current={t.id === tab ? 'page' : undefined}>
            {t.title}
          </a>
        ))}
      </nav>
      <main>
        {tab === 'environment' && <EnvironmentPage />}
        {tab === 'mlb' && <MlbPage />}
        {tab === 'nfl' && <NflPage />}
        {tab === 'panel' && (
          <div className="page">
            <PanelMirror />
            <SettingsPanel />
          </div>
        )}
      </main>
    </div>
  );
}

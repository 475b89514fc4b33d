import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { LiveProvider } from './live/LiveContext';
import { LiveStore } from './live/store';
import './styles.css';

const store = new LiveStore();
store.start();

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <LiveProvider store={store}>
      <App />
    </LiveProvider>
  </StrictMode>,
);

// The shell: the hash picks the page, the header shows the stream's state and a store outage, settings persist.
import { act, fireEvent, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { App } from './App';
import { SettingsPanel } from './components/SettingsPanel';
import { BOARD } from './test/board';
import { NFL_2022_WEEK1, WEATHER_PENZA } from './test/records';
import { renderWithRecords } from './test/render';

describe('App', () => {
  afterEach(() => {
    location.hash = '';
  });

  it('opens the page named by the hash and switches on hash changes', async () => {
    location.hash = '#/nfl';
    renderWithRecords(<App />, [NFL_2022_WEEK1, WEATHER_PENZA]);
    expect(screen.getByTestId('nfl-games').querySelectorAll('article')).toHaveLength(16);
    expect(screen.getByRole('link', { name: 'NFL' }).getAttribute('aria-current')).toBe('page');
    await act(async () => {
      location.hash = '#/environment';
      window.dispatchEvent(new HashChangeEvent('hashchange'));
    });
    expect(screen.getByTestId('current-temperature').textContent).toBe('38 °F');
    expect(screen.queryByTestId('nfl-games')).toBeNull();
  });

  it('shows the connection state and "waiting" for a kind without a record', () => {
    location.hash = '#/mlb';
    renderWithRecords(<App />, []);
    expect(screen.getByRole('status').textContent).toBe('connecting');
    expect(screen.getByText('waiting for data…')).toBeTruthy();
  });

  it('says under the header while the board\'s record store is not answering, and stops saying it when it is back', () => {
    location.hash = '#/nfl';
    const { store } = renderWithRecords(<App />, [NFL_2022_WEEK1]);
    const notice = screen.getByTestId('store-notice');
    expect(notice.textContent).toBe(''); // the board has not answered yet
    act(() => store.applyBoard({ ...BOARD, store: 'unreachable' }));
    expect(notice.textContent).toBe("The board's record store is not answering: showing the last data received.");
    expect(notice.closest('header')!.className).toBe('top');
    expect(screen.getByTestId('nfl-games').querySelectorAll('article')).toHaveLength(16); // the last data, still shown
    act(() => store.applyBoard(BOARD));
    expect(notice.textContent).toBe('');
  });

  it('keeps followed teams from the settings in the browser', () => {
    renderWithRecords(<SettingsPanel />, []);
    const input = screen.getByPlaceholderText('BOS, KC');
    fireEvent.change(input, { target: { value: 'nyy,  bos' } });
    fireEvent.blur(input);
    expect(localStorage.getItem('ecoboard.follow')).toBe('NYY,BOS');
  });
});

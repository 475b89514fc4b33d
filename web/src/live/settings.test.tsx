// Units and followed teams: the viewer's choice where there is one, else the board's (GET /api/v1/board).
import { act, fireEvent, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { SettingsPanel, UnitsToggle } from '../components/SettingsPanel';
import { EnvironmentPage } from '../pages/EnvironmentPage';
import { MlbPage } from '../pages/MlbPage';
import { NflPage } from '../pages/NflPage';
import { BOARD } from '../test/board';
import { MLB_2024_04_28, MLB_ESPN_2022_09_17, NFL_2022_WEEK1, WEATHER_PENZA } from '../test/records';
import { renderWithRecords } from '../test/render';
import { reloadSettings } from './settings';

const CHICAGO = { ...BOARD, timezone: 'America/Chicago', units: 'metric' as const, teams: { mlb: ['CHW', '147'], nfl: ['kc'] } };

function cards(testId: string): HTMLElement[] {
  return [...screen.getByTestId(testId).querySelectorAll<HTMLElement>('article')];
}

function followed(testId: string): string[] {
  return [...screen.getByTestId(testId).querySelectorAll('.team-followed .team-abbr')].map((a) => a.textContent!);
}

describe('settings', () => {
  afterEach(() => {
    history.replaceState(null, '', '/');
  });

  it('shows the board\'s units to a viewer who has chosen none, and the viewer\'s once chosen', () => {
    const { store } = renderWithRecords(<><UnitsToggle /><EnvironmentPage /></>, [WEATHER_PENZA], { units: null });
    const temperature = () => screen.getByTestId('current-temperature').textContent;
    expect(temperature()).toBe('38 °F'); // before the board answers: the phone's locale (en-US)
    act(() => store.applyBoard(CHICAGO));
    expect(temperature()).toBe('4 °C');
    fireEvent.click(screen.getByRole('button', { name: 'temperature units' }));
    expect(localStorage.getItem('ecoboard.units')).toBe('imperial');
    expect(temperature()).toBe('38 °F');
    act(() => store.applyBoard({ ...CHICAGO, store: 'unreachable' }));
    expect(temperature()).toBe('38 °F');
  });

  it('keeps a stored unit over the board\'s', () => {
    renderWithRecords(<EnvironmentPage />, [WEATHER_PENZA], { units: 'imperial', board: CHICAGO });
    expect(screen.getByTestId('current-temperature').textContent).toBe('38 °F');
  });

  it('follows the board\'s teams when the viewer has none: CHW as CWS, team id 147 as NYY', () => {
    renderWithRecords(<MlbPage />, [MLB_2024_04_28], { board: CHICAGO });
    expect(cards('mlb-games').slice(0, 3).map((c) => c.dataset.gameId)).toEqual(['746001', '746805', '747045']);
    expect(followed('mlb-games')).toEqual(['NYY', 'CWS']); // not KC: the board follows the Chiefs, not the Royals
  });

  it('puts the board\'s NFL team first, and nothing before the board answers', () => {
    const { store } = renderWithRecords(<NflPage />, [NFL_2022_WEEK1]);
    expect(cards('nfl-games')[0].dataset.gameId).toBe('401437632'); // BAL @ NYJ, first live game
    expect(followed('nfl-games')).toEqual([]);
    act(() => store.applyBoard(BOARD));
    expect(cards('nfl-games')[0].dataset.gameId).toBe('401437630'); // NE @ MIA, a final
    expect(followed('nfl-games')).toEqual(['NE']);
  });

  it('keeps the viewer\'s teams over the board\'s, an empty list too, matching aliases either way', () => {
    const { unmount } = renderWithRecords(<MlbPage />, [MLB_ESPN_2022_09_17], { board: CHICAGO, follow: ['CWS'] });
    expect(cards('mlb-games')[0].dataset.gameId).toBe('401356371'); // CHW @ DET on ESPN
    expect(followed('mlb-games')).toEqual(['CHW']);
    unmount();
    localStorage.clear();
    renderWithRecords(<NflPage />, [NFL_2022_WEEK1], { board: BOARD, follow: [] });
    expect(cards('nfl-games')[0].dataset.gameId).toBe('401437632');
    expect(followed('nfl-games')).toEqual([]);
  });

  it('takes ?follow= over the board\'s teams for that page load', () => {
    history.replaceState(null, '', '/?follow=az');
    reloadSettings();
    renderWithRecords(<MlbPage />, [MLB_2024_04_28], { board: CHICAGO });
    expect(followed('mlb-games')).toEqual(['AZ']);
    expect(localStorage.getItem('ecoboard.follow')).toBeNull();
  });

  it('fills the teams field with the board\'s once it answers, and stores nothing until the viewer changes it', () => {
    const { store } = renderWithRecords(<SettingsPanel />, []);
    const input = () => screen.getByPlaceholderText<HTMLInputElement>('BOS, KC');
    expect(input().value).toBe('');
    act(() => store.applyBoard(CHICAGO));
    expect(input().value).toBe('CHW, KC'); // 147 waits for an MLB record to name it
    act(() => store.applyMany([MLB_2024_04_28]));
    expect(input().value).toBe('CHW, NYY, KC');
    fireEvent.blur(input());
    expect(localStorage.getItem('ecoboard.follow')).toBeNull();
    fireEvent.change(input(), { target: { value: 'chw, kc' } });
    fireEvent.blur(input());
    expect(localStorage.getItem('ecoboard.follow')).toBe('CHW,KC');
    expect(input().value).toBe('CHW, KC');
  });

  it('goes back to the board\'s units and teams on request, keeping the token', () => {
    localStorage.setItem('ecoboard.token', 't0ken');
    const { store } = renderWithRecords(<><UnitsToggle /><SettingsPanel /></>, [], { units: 'imperial', follow: ['NYY'], board: CHICAGO });
    const input = () => screen.getByPlaceholderText<HTMLInputElement>('BOS, KC');
    const reset = () => screen.queryByRole('button', { name: 'Use the board\'s units and teams' });
    expect(input().value).toBe('NYY');
    fireEvent.click(reset()!);
    expect([localStorage.getItem('ecoboard.units'), localStorage.getItem('ecoboard.follow')]).toEqual([null, null]);
    expect(localStorage.getItem('ecoboard.token')).toBe('t0ken');
    expect(input().value).toBe('CHW, KC');
    expect(screen.getByRole('button', { name: 'temperature units' }).querySelector('.on')!.textContent).toBe('°C');
    expect(reset()).toBeNull();
    act(() => store.applyBoard({ ...CHICAGO, units: 'imperial' }));
    expect(screen.getByRole('button', { name: 'temperature units' }).querySelector('.on')!.textContent).toBe('°F');
  });
});

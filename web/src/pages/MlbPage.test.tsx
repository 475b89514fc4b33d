// The MLB page fed by the Stats API schedules of 2022-04-07 (finals, 2 postponed) and 2024-04-28
// (live, warmup, pregame); live-inning details are small inputs built from those real games.
import { act, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { Game, MlbData } from '../api/types';
import { MLB_2022_04_07, MLB_2024_04_28, MLB_ESPN_2022_09_17 } from '../test/records';
import { renderWithRecords, variant } from '../test/render';
import { MlbPage } from './MlbPage';

function cards(): HTMLElement[] {
  return [...screen.getByTestId('mlb-games').querySelectorAll<HTMLElement>('article')];
}

function card(id: string): HTMLElement {
  return cards().find((c) => c.dataset.gameId === id)!;
}

function scores(el: HTMLElement): string[] {
  return [...el.querySelectorAll('.team-score')].map((s) => s.textContent!);
}

function edit(data: MlbData, id: string, change: Partial<Game>) {
  Object.assign(data.games.find((g) => g.id === id)!, change);
}

describe('MlbPage', () => {
  it('shows the 2022-04-07 day: 9 games, 2 postponed as PPD with the reschedule date and no score', () => {
    renderWithRecords(<MlbPage />, [MLB_2022_04_07]);
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('MLB · Thu, Apr 7');
    expect(cards()).toHaveLength(9);
    const ppd = cards().filter((c) => c.querySelector('.status')!.textContent === 'PPD');
    expect(ppd.map((c) => c.dataset.gameId)).toEqual(['661333', '661750']);
    for (const c of ppd) {
      expect(c.querySelector('.status-sub')!.textContent).toBe('→ Fri, Apr 8 · Inclement Weather');
      expect(scores(c)).toEqual([]);
    }
    const bosNyy = card('661333');
    expect([...bosNyy.querySelectorAll('.team-abbr')].map((a) => a.textContent)).toEqual(['BOS', 'NYY']);
    const final = card('662021'); // PIT 0 @ STL 9
    expect(final.querySelector('.status')!.textContent).toBe('F');
    expect(scores(final)).toEqual(['0', '9']);
  });

  it('puts followed teams first (?follow= or the setting), then finals, then postponed games', () => {
    renderWithRecords(<MlbPage />, [MLB_2022_04_07], { follow: ['STL', 'sd'] });
    const order = cards().map((c) => c.dataset.gameId);
    expect(order.slice(0, 3)).toEqual(['662021', '663418', '663178']);
    expect(order.slice(-2)).toEqual(['661333', '661750']);
    expect(card('662021').querySelector('.team-followed .team-abbr')!.textContent).toBe('STL');
  });

  it('shows the 2024-04-28 afternoon: live scores, warmups, and the pregame start in local time', () => {
    renderWithRecords(<MlbPage />, [MLB_2024_04_28]);
    expect(cards()).toHaveLength(15);
    const nyyMil = card('746001');
    expect(nyyMil.querySelector('.status')!.textContent).toBe('Live'); // no linescore in this capture
    expect(scores(nyyMil)).toEqual(['11', '4']);
    expect(cards().filter((c) => c.dataset.status === 'warmup')).toHaveLength(2);
    const chcBos = card('746967'); // first pitch 23:10Z
    expect(chcBos.querySelector('.status')!.textContent).toBe('7:10 PM'); // America/New_York, EDT
    expect(chcBos.querySelector('.status-sub')!.textContent).toBe('Pregame');
    expect(card('746561').querySelector('.game-note')!.textContent).toBe('in Mexico City, MX');
  });

  it('shows start times in the zone the board is configured for, not the phone\'s', () => {
    renderWithRecords(<MlbPage />, [MLB_2024_04_28], { timezone: 'America/Los_Angeles' }); // the phone: New York
    expect(card('746967').querySelector('.status')!.textContent).toBe('4:10 PM'); // 23:10Z, PDT
  });

  it('shows inning, count, outs and runners for live games (ESPN, 2022-09-17)', () => {
    renderWithRecords(<MlbPage />, [MLB_ESPN_2022_09_17]);
    expect(cards()).toHaveLength(17);
    const balTor = card('401356370');
    expect(balTor.querySelector('.status')!.textContent).toBe('▲ 9');
    expect(scores(balTor)).toEqual(['3', '6']);
    expect(balTor.querySelector('.count')!.textContent).toBe('0-1');
    expect(balTor.querySelectorAll('.out-on')).toHaveLength(2);
    expect([...balTor.querySelectorAll('.base-on')].map((b) => b.getAttribute('data-base'))).toEqual(['first']);
    const miaWsh = card('401356376');
    expect(miaWsh.querySelector('.status')!.textContent).toBe('▼ 5');
    expect([...miaWsh.querySelectorAll('.base-on')].map((b) => b.getAttribute('data-base'))).toEqual(['second', 'first']); // drawn second, first, third
    expect(cards().slice(0, 3).map((c) => c.dataset.status)).toEqual(['live', 'live', 'live']);
  });

  it('labels both games of a doubleheader G1/G2 (ESPN, 2022-09-17)', () => {
    renderWithRecords(<MlbPage />, [MLB_ESPN_2022_09_17], { follow: ['CLE'] });
    const [first, second] = cards();
    expect(first.dataset.gameId).toBe('401356377'); // the followed team's next game first
    expect(first.querySelector('.badge')!.textContent).toBe('G2');
    expect(first.querySelector('.status')!.textContent).toBe('7:10 PM');
    expect(second.dataset.gameId).toBe('401423263');
    expect(second.querySelector('.badge')!.textContent).toBe('G1');
    expect(second.querySelector('.status')!.textContent).toBe('F');
    expect(scores(second)).toEqual(['1', '5']);
    expect(card('401463304').querySelector('.game-note')!.textContent).toBe('Doubleheader - Game 1 - Makeup from July 17');
  });

  it('shows F/10 for extras and DELAYED with the inning and reason', () => {
    const day = variant(MLB_2022_04_07, (d) => {
      edit(d, '663178', { inning: 10 }); // MIL 4 @ CHC 5, as if it went to extras
      edit(d, '662766', { status: 'delayed', inning: 3, inning_half: 'top', reason: 'Rain' });
    });
    renderWithRecords(<MlbPage />, [day]);
    expect(card('663178').querySelector('.status')!.textContent).toBe('F/10');
    expect(card('662021').querySelector('.status')!.textContent).toBe('F');
    const delayed = card('662766');
    expect(delayed.querySelector('.status')!.textContent).toBe('DELAYED');
    expect(delayed.querySelector('.status-sub')!.textContent).toBe('▲ 3 · Rain');
  });

  it('updates one card in place when a newer record arrives', () => {
    const { store } = renderWithRecords(<MlbPage />, [MLB_2024_04_28]);
    expect(scores(card('745349'))).toEqual(['0', '0']);
    act(() => {
      store.apply(variant(MLB_2024_04_28, (d) => { d.games.find((g) => g.id === '745349')!.away.score = 2; }));
    });
    expect(scores(card('745349'))).toEqual(['2', '0']);
    act(() => {
      store.apply(MLB_2024_04_28); // an older version never replaces a newer one
    });
    expect(scores(card('745349'))).toEqual(['2', '0']);
  });

  it('says so on a day without games', () => {
    renderWithRecords(<MlbPage />, [variant(MLB_2022_04_07, (d) => { d.games = []; })]);
    expect(screen.getByText('No games today.')).toBeTruthy();
  });
});

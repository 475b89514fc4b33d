// The NFL page fed by ESPN's 2022 week-1 scoreboard (captured during the Sunday 1 pm window);
// overtime, ties, byes and postseason names are small inputs built from that real week.
import { act, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { Game } from '../api/types';
import { NFL_2022_WEEK1 } from '../test/records';
import { renderWithRecords, variant } from '../test/render';
import { NflPage } from './NflPage';

const IND_HOU = '401437637';

function cards(): HTMLElement[] {
  return [...screen.getByTestId('nfl-games').querySelectorAll<HTMLElement>('article')];
}

function card(id: string): HTMLElement {
  return cards().find((c) => c.dataset.gameId === id)!;
}

function texts(el: HTMLElement, selector: string): string[] {
  return [...el.querySelectorAll(selector)].map((s) => s.textContent!);
}

function game(id: string, data = NFL_2022_WEEK1.data): Game {
  return data.games.find((g) => g.id === id)!;
}

describe('NflPage', () => {
  it('shows week 1: 16 games, IND at HOU tied 20–20 in the 4th at 1:01 with IND on the ball', () => {
    renderWithRecords(<NflPage />, [NFL_2022_WEEK1]);
    expect(screen.getByTestId('nfl-week').textContent).toBe(' · Week 1');
    expect(cards()).toHaveLength(16);
    const c = card(IND_HOU);
    expect(texts(c, '.team-abbr')).toEqual(['IND', 'HOU']);
    expect(texts(c, '.team-score')).toEqual(['20', '20']);
    expect(c.querySelector('.status')!.textContent).toBe('4th 1:01');
    expect(c.querySelector('.status-sub')!.textContent).toBe('1st & 10 · IND 23');
    expect(c.querySelector('.possession')!.closest('.team')!.getAttribute('data-team')).toBe('IND');
    expect(cards().filter((x) => x.dataset.status === 'live')).toHaveLength(8);
    expect(c.querySelector('.badge')).toBeNull();
    const pitCin = card('401437634'); // PIT 12, Cincinnati in the red zone
    expect(pitCin.querySelector('.badge')!.textContent).toBe('RED ZONE');
  });

  it('orders the board live games first, then upcoming, then finals', () => {
    renderWithRecords(<NflPage />, [NFL_2022_WEEK1]);
    const statuses = cards().map((c) => c.dataset.status);
    expect(statuses).toEqual([...Array(8).fill('live'), ...Array(6).fill('scheduled'), 'final', 'final']);
    expect(cards()[0].dataset.gameId).toBe('401437632'); // BAL @ NYJ, first in start order
  });

  it('shows finals and scheduled kickoffs in the board zone', () => {
    renderWithRecords(<NflPage />, [NFL_2022_WEEK1], { timezone: 'America/New_York' });
    const neMia = card('401437630');
    expect(neMia.querySelector('.status')!.textContent).toBe('Final');
    expect(texts(neMia, '.team-score')).toEqual(['7', '20']);
    expect(neMia.querySelector('.team-won')!.getAttribute('data-team')).toBe('MIA');
    const nygTen = card('401437640'); // 20:25Z
    expect(nygTen.querySelector('.status')!.textContent).toBe('Sun 4:25 PM');
    expect(texts(nygTen, '.team-score')).toEqual([]);
    expect(card('401437655').querySelector('.status')!.textContent).toBe('Mon 8:15 PM');
    expect(cards().filter((x) => x.dataset.status === 'scheduled')).toHaveLength(6);
  });

  it('shows kickoffs in the zone the board is configured for, not the phone\'s', () => {
    renderWithRecords(<NflPage />, [NFL_2022_WEEK1], { timezone: 'America/Los_Angeles' }); // the phone: New York
    expect(card('401437640').querySelector('.status')!.textContent).toBe('Sun 1:25 PM'); // 20:25Z, PDT
    expect(card('401437655').querySelector('.status')!.textContent).toBe('Mon 5:15 PM'); // 00:15Z on Tuesday
  });

  it('shows the overtime tie IND at HOU ended in, and the teams on bye', () => {
    const later = variant(NFL_2022_WEEK1, (d) => {
      Object.assign(game(IND_HOU, d), { status: 'final', detail: 'Final/OT', period: 5, period_label: 'OT', clock: '0:00' });
      d.byes = [{ id: 99, abbreviation: 'ZZZ' }, { id: 98, abbreviation: 'YYY' }];
    });
    renderWithRecords(<NflPage />, [later]);
    const c = card(IND_HOU);
    expect(c.querySelector('.status')!.textContent).toBe('Final/OT');
    expect(c.querySelector('.status-sub')!.textContent).toBe('Tie');
    expect(c.querySelector('.possession')).toBeNull();
    expect(screen.getByTestId('nfl-byes').textContent).toBe('Bye: ZZZ, YYY');
  });

  it('names postseason weeks (never "Week 19")', () => {
    const wildCard = variant(NFL_2022_WEEK1, (d) => {
      d.season = { year: 2022, type: 'postseason', label: 'Postseason' };
      d.week = { number: 1, label: 'Wild Card', short: 'WC' };
    });
    renderWithRecords(<NflPage />, [wildCard]);
    expect(screen.getByTestId('nfl-week').textContent).toBe(' · Wild Card');
    expect(screen.getByText('Postseason')).toBeTruthy();
  });

  it('changes the score in place when a newer record arrives, without touching the other cards', () => {
    const { store } = renderWithRecords(<NflPage />, [NFL_2022_WEEK1]);
    const untouched = card('401437632');
    act(() => {
      store.apply(variant(NFL_2022_WEEK1, (d) => { game(IND_HOU, d).away.score = 23; game(IND_HOU, d).clock = '0:12'; }));
    });
    expect(texts(card(IND_HOU), '.team-score')).toEqual(['23', '20']);
    expect(card(IND_HOU).querySelector('.status')!.textContent).toBe('4th 0:12');
    expect(card('401437632')).toBe(untouched);
  });
});

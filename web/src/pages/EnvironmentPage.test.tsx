// The environment page fed by Open-Meteo Penza (2023-11-11) and Berlin air quality (2024-02-21).
import { fireEvent, screen, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { UnitsToggle } from '../components/SettingsPanel';
import { AQI_BERLIN, SUN_MOON_OSLO, WEATHER_PENZA } from '../test/records';
import { renderWithRecords, variant } from '../test/render';
import { EnvironmentPage } from './EnvironmentPage';
import { calendarDateIn } from '../format/time';

function cell(label: string): string | null {
  const labels = screen.queryAllByText(label, { selector: '.cell-label' });
  return labels.length ? labels[0].nextElementSibling!.textContent : null;
}

describe('EnvironmentPage', () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2023-11-11T11:25:00Z')); // five minutes after the fetch
  });
  afterEach(() => vi.useRealTimers());

  it('shows canonical 3.5 °C as 38 °F in imperial units, with feels-like and wind converted', () => {
    renderWithRecords(<EnvironmentPage />, [WEATHER_PENZA, AQI_BERLIN], { units: 'imperial' });
    expect(screen.getByTestId('current-temperature').textContent).toBe('38 °F');
    expect(screen.getByText('Overcast')).toBeTruthy();
    expect(cell('Feels like')).toBe('34 °F'); // 0.9 °C
    expect(cell('Wind')).toBe('4 mph SW'); // 1.72 m/s from 216°
    expect(cell('Precip.')).toBe('0 in'); // no rain, not "0.00 in"
  });

  it('shows 3.5 °C as whole degrees in metric units, like the panel, and hides the cells the provider did not send', () => {
    renderWithRecords(<EnvironmentPage />, [WEATHER_PENZA], { units: 'metric' });
    expect(screen.getByTestId('current-temperature').textContent).toBe('4 °C');
    expect(cell('Feels like')).toBe('1 °C'); // 0.9 °C
    expect(cell('Precip.')).toBe('0 mm');
    expect(cell('Wind')).toBe('6 km/h SW'); // 6.2 km/h as recorded
    expect(cell('Humidity')).toBeNull(); // humidity is null in this forecast: one hidden cell
    expect(cell('Gusts')).toBeNull();
    expect(cell('Pressure')).toBeNull();
    expect(screen.queryByText('Air quality')).toBeNull(); // no aqi record: no panel, the rest renders
  });

  it('switches units with the toggle and remembers the choice', () => {
    renderWithRecords(<><UnitsToggle /><EnvironmentPage /></>, [WEATHER_PENZA], { units: 'imperial' });
    fireEvent.click(screen.getByRole('button', { name: 'temperature units' }));
    expect(screen.getByTestId('current-temperature').textContent).toBe('4 °C');
    expect(localStorage.getItem('ecoboard.units')).toBe('metric');
  });

  it('shows the AQI with its index name, value, band words and band colour', () => {
    renderWithRecords(<EnvironmentPage />, [WEATHER_PENZA, AQI_BERLIN]);
    const main = screen.getByTestId('aqi-main');
    expect(main.textContent).toBe('US AQI 41 · Good');
    const swatch = main.previousElementSibling as HTMLElement;
    expect(swatch.style.background).toBe('#00e400'); // the US EPA "Good" band colour
    expect(screen.getByText(/European AQI 22 · Fair/)).toBeTruthy();
    expect(screen.getByText('PM2.5 8.8')).toBeTruthy();
  });

  it('lists the next 24 hours in the board zone, not the forecast location\'s, and the 7 days by the data dates', () => {
    // a Penza (Europe/Moscow) forecast on a board configured for another zone, America/New_York
    renderWithRecords(<EnvironmentPage />, [WEATHER_PENZA], { units: 'metric', timezone: 'America/New_York' });
    const hours = within(screen.getByTestId('hourly')).getAllByRole('listitem');
    expect(hours).toHaveLength(24);
    // 11:00 UTC is 6 AM in New York (14:00 in Moscow), as the panel's hourly page shows it
    expect(hours.slice(0, 4).map((h) => h.querySelector('.hour')!.textContent)).toEqual(['6 AM', '7 AM', '8 AM', '9 AM']);
    const days = within(screen.getByTestId('daily')).getAllByRole('listitem');
    expect(days).toHaveLength(7);
    // the test clock stands on the recording's day, 2023-11-11, so its first day is "Today"
    expect(days[0].querySelector('.day')!.textContent).toBe('Today');
    expect(days[1].querySelector('.day')!.textContent).toBe('Sun'); // 2023-11-12
    expect(days[0].querySelector('.day-max')!.textContent).toBe('4°'); // 3.8 °C
    expect(days[0].querySelector('.day-min')!.textContent).toBe('0°'); // 0.3 °C
  });

  it('shows each day\'s rain to a tenth of a mm or a hundredth of an inch, and a dry day as nothing', () => {
    const extras = () => within(screen.getByTestId('daily')).getAllByRole('listitem')
      .map((li) => li.querySelector('.day-extra')!.textContent);
    const { unmount } = renderWithRecords(<EnvironmentPage />, [WEATHER_PENZA], { units: 'metric' });
    // sums 0, 10.5, 1.7, 0.1, 2.1, 0.3 and 0 mm; the record has no chance of precipitation
    expect(extras()).toEqual(['', '10.5 mm', '1.7 mm', '0.1 mm', '2.1 mm', '0.3 mm', '']);
    unmount();
    renderWithRecords(<EnvironmentPage />, [WEATHER_PENZA], { units: 'imperial' });
    expect(extras()).toEqual(['', '0.41 in', '0.07 in', '<0.01 in', '0.08 in', '0.01 in', '']);
  });

  it('marks a record stale once valid_until has passed on the client clock, or when the server says so', () => {
    const { unmount } = renderWithRecords(<EnvironmentPage />, [WEATHER_PENZA]);
    expect(screen.queryByText('STALE')).toBeNull();
    expect(screen.getByText('· 5 min ago')).toBeTruthy();
    unmount();
    vi.setSystemTime(new Date('2023-11-11T12:21:00Z')); // valid until 12:20
    const { unmount: again } = renderWithRecords(<EnvironmentPage />, [WEATHER_PENZA]);
    expect(screen.getByText('STALE')).toBeTruthy();
    again();
    vi.setSystemTime(new Date('2023-11-11T11:25:00Z'));
    renderWithRecords(<EnvironmentPage />, [{ ...variant(WEATHER_PENZA, () => {}), stale: true }]);
    expect(screen.getByText('STALE')).toBeTruthy();
  });

  it('shows sun and moon times in the board zone, with the moon phase', () => {
    renderWithRecords(<EnvironmentPage />, [WEATHER_PENZA, SUN_MOON_OSLO], { timezone: 'Europe/Oslo' });
    expect(cell('Sunrise')).toBe('9:16 AM'); // 08:16Z, CET
    expect(cell('Sunset')).toBe('3:10 PM');
    expect(cell('Moonrise')).toBe('2:01 AM');
    expect(cell('Moon')).toBe('Waning crescent');
    expect(cell('Illumination')).toBe('34 % lit');
  });

  it('shows the times of a forecast from another zone in the board zone, as the panel does', () => {
    // the Moscow forecast and the Oslo sun beside it, on a board configured for Los Angeles (the phone: New York)
    renderWithRecords(<EnvironmentPage />, [WEATHER_PENZA, SUN_MOON_OSLO], { timezone: 'America/Los_Angeles' });
    const hours = within(screen.getByTestId('hourly')).getAllByRole('listitem');
    expect(hours.slice(0, 3).map((h) => h.querySelector('.hour')!.textContent)).toEqual(['3 AM', '4 AM', '5 AM']);
    expect(cell('Sunrise')).toBe('12:16 AM'); // 08:16Z, PST
    expect(cell('Sunset')).toBe('6:10 AM');
    expect(cell('Moonrise')).toBe('5:01 PM'); // 01:01Z: the evening before, in Los Angeles
    expect(cell('Moonset')).toBe('4:01 AM');
  });
});

describe('an old forecast (the demo recording shown years later)', () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2026-12-03T17:00:00Z'));
  });
  afterEach(() => vi.useRealTimers());

  it('labels its first day by weekday, never "Today"', () => {
    renderWithRecords(<EnvironmentPage />, [WEATHER_PENZA], { units: 'metric' });
    const days = within(screen.getByTestId('daily')).getAllByRole('listitem');
    expect(days[0].querySelector('.day')!.textContent).toBe('Sat'); // 2023-11-11
  });
});

describe('calendarDateIn', () => {
  it('names the day in the forecast zone, so "Today" follows the forecast, not the phone', () => {
    const instant = new Date('2023-11-11T22:30:00Z'); // 01:30 on the 12th in Moscow, still the 11th in New York
    expect(calendarDateIn(instant, 'Europe/Moscow')).toBe('2023-11-12');
    expect(calendarDateIn(instant, 'America/New_York')).toBe('2023-11-11');
  });
});

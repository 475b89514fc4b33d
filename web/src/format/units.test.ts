// The display precision of every quantity, with values from the recorded records (Open-Meteo Penza
// 2023-11-11, Berlin air quality 2024-02-21, MET Norway Oslo sun and moon 2022-12-18).
import { describe, expect, it } from 'vitest';
import LONDON from '../../../tests/fixtures/openweathermap/onecall3-london-2024-10-25-full.json';
import { AQI_BERLIN, SUN_MOON_OSLO, WEATHER_PENZA } from '../test/records';
import {
  formatChance, formatConcentration, formatDegrees, formatFraction, formatPercent, formatPrecipitation, formatPressure,
  formatTemperature, formatUvIndex, formatWind, roundHalfEven,
} from './units';

const weather = WEATHER_PENZA.data;
const current = weather.current;

function hourAt(time: string) {
  const hour = weather.hourly!.find((h) => h.time === time);
  if (!hour) throw new Error(`no hour ${time} in the Penza record`);
  return hour;
}

function day(date: string) {
  const found = weather.daily!.find((d) => d.date === date);
  if (!found) throw new Error(`no day ${date} in the Penza record`);
  return found;
}

describe('temperatures: whole degrees in both units, rounded as the LED panel rounds', () => {
  it('shows the current 3.5 °C as "4 °C" and "38 °F", feels-like 0.9 °C as "1 °C" and "34 °F"', () => {
    expect(current.temperature).toBe(3.5);
    expect(formatTemperature(current.temperature, 'metric')).toBe('4 °C');
    expect(formatTemperature(current.temperature, 'imperial')).toBe('38 °F'); // 38.3
    expect(formatTemperature(current.feels_like, 'metric')).toBe('1 °C');
    expect(formatTemperature(current.feels_like, 'imperial')).toBe('34 °F'); // 33.62
  });

  it('rounds a tie to the even degree like the panel: 4.5 °C at 12:00Z on the 12th is "4°", not "5°"', () => {
    const hour = hourAt('2023-11-12T12:00:00+00:00');
    expect(hour.temperature).toBe(4.5);
    expect(formatDegrees(hour.temperature, 'metric')).toBe('4°'); // Python round(4.5) == 4
    expect(formatDegrees(hour.temperature, 'imperial')).toBe('40°'); // 40.1
    expect(formatDegrees(hourAt('2023-11-11T19:00:00+00:00').temperature, 'metric')).toBe('2°'); // 1.5
  });

  it('shows the forecast highs and lows of 2023-11-16 and 2023-11-17, never as "-0°"', () => {
    expect([day('2023-11-16').temperature_max, day('2023-11-16').temperature_min]).toEqual([3.1, -0.5]);
    expect(formatDegrees(day('2023-11-16').temperature_max, 'metric')).toBe('3°');
    expect(formatDegrees(day('2023-11-16').temperature_min, 'metric')).toBe('0°'); // round(-0.5) is 0 on the panel
    expect(formatDegrees(day('2023-11-16').temperature_min, 'imperial')).toBe('31°'); // 31.1
    expect(formatDegrees(day('2023-11-17').temperature_max, 'metric')).toBe('-1°'); // -0.7
    expect(formatDegrees(day('2023-11-17').temperature_min, 'imperial')).toBe('26°'); // 25.52
  });

  it('hides what the provider did not send', () => {
    expect(formatTemperature(hourAt('2023-11-11T11:00:00+00:00').feels_like, 'metric')).toBeNull();
    expect(formatDegrees(undefined, 'imperial')).toBeNull();
  });
});

describe('roundHalfEven', () => {
  it('sends ties to the even neighbour in both directions and never answers -0', () => {
    expect([0.5, 1.5, 2.5, -0.5, -1.5, -2.5, 2.4999, -0.4].map(roundHalfEven)).toEqual([0, 2, 2, 0, -2, -2, 2, 0]);
    expect(Object.is(roundHalfEven(-0.4), 0)).toBe(true);
  });
});

describe('wind: whole km/h or mph', () => {
  it('shows the current 1.72 m/s as "6 km/h" and "4 mph", and the daily maximum 6.03 m/s as "22 km/h"', () => {
    expect(current.wind_speed).toBe(1.72);
    expect(formatWind(current.wind_speed, 'metric')).toBe('6 km/h'); // 6.19
    expect(formatWind(current.wind_speed, 'imperial')).toBe('4 mph'); // 3.85
    expect(formatWind(day('2023-11-12').wind_speed_max, 'metric')).toBe('22 km/h'); // 21.71
    expect(formatWind(day('2023-11-12').wind_speed_max, 'imperial')).toBe('13 mph'); // 13.49
    expect(formatWind(current.wind_gust, 'metric')).toBeNull();
  });
});

describe('precipitation: a tenth of a mm, a hundredth of an inch', () => {
  it('shows no rain as "0 mm" / "0 in", not "0.0 mm" / "0.00 in"', () => {
    expect(current.precipitation).toBe(0);
    expect(formatPrecipitation(current.precipitation, 'metric')).toBe('0 mm');
    expect(formatPrecipitation(current.precipitation, 'imperial')).toBe('0 in');
  });

  it('shows the daily sums of 10.5, 1.7 and 0.3 mm', () => {
    expect(formatPrecipitation(day('2023-11-12').precipitation_sum, 'metric')).toBe('10.5 mm');
    expect(formatPrecipitation(day('2023-11-12').precipitation_sum, 'imperial')).toBe('0.41 in');
    expect(formatPrecipitation(day('2023-11-13').precipitation_sum, 'metric')).toBe('1.7 mm');
    expect(formatPrecipitation(day('2023-11-13').precipitation_sum, 'imperial')).toBe('0.07 in');
    expect(formatPrecipitation(day('2023-11-16').precipitation_sum, 'imperial')).toBe('0.01 in'); // 0.3 mm
  });

  it('shows a trace below the shown precision as "<0.01 in", never as no rain', () => {
    expect(day('2023-11-14').precipitation_sum).toBe(0.1);
    expect(formatPrecipitation(day('2023-11-14').precipitation_sum, 'metric')).toBe('0.1 mm');
    expect(formatPrecipitation(day('2023-11-14').precipitation_sum, 'imperial')).toBe('<0.01 in'); // 0.0039 in
  });
});

describe('the other quantities', () => {
  it('shows pollutant concentrations to a tenth without a trailing ".0"', () => {
    const pollutants = AQI_BERLIN.data.pollutants!;
    expect(formatConcentration(pollutants.pm2_5)).toBe('8.8');
    expect(formatConcentration(pollutants.o3)).toBe('54');
    expect(formatConcentration(pollutants.co)).toBe('220');
  });

  it('shows the moon illumination 0.34 as "34 %"', () => {
    expect(formatFraction(SUN_MOON_OSLO.data.moon_illumination)).toBe('34 %');
    expect([formatPercent(current.humidity), formatUvIndex(current.uv_index)]).toEqual([null, null]);
  });

  // The Penza record has no humidity, pressure, UV or chance of rain: OpenWeatherMap's London answer
  // has them in the canonical units already (%, hPa, UV index, m/s, mm; a chance as a fraction).
  it('shows London 2024-10-25: humidity, clouds, pressure, UV, wind, rain and chance', () => {
    const now = LONDON.current;
    expect(formatPercent(now.humidity)).toBe('90 %');
    expect(formatPercent(now.clouds)).toBe('100 %');
    expect(formatPressure(now.pressure, 'metric')).toBe('1014 hPa');
    expect(formatPressure(now.pressure, 'imperial')).toBe('29.94 inHg'); // 29.943
    expect(formatUvIndex(now.uvi)).toBe('0'); // 0.02
    expect(formatWind(now.wind_speed, 'metric')).toBe('15 km/h'); // 4.12 m/s = 14.83 km/h
    expect(formatWind(now.wind_speed, 'imperial')).toBe('9 mph'); // 9.22
    expect(formatPrecipitation(now.rain['1h'], 'metric')).toBe('0.3 mm'); // 0.29
    expect(formatPrecipitation(now.rain['1h'], 'imperial')).toBe('0.01 in'); // 0.0114
    expect(formatChance(Math.round(LONDON.daily[3].pop * 100))).toBe('82%'); // as the provider stores it
  });
});

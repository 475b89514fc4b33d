// Canonical units (°C, m/s, mm, hPa) to the viewer's units, converted once, here.
import type { Units } from '../live/settings';

export function toFahrenheit(celsius: number): number {
  return (celsius * 9) / 5 + 32;
}

/** "38 °F" / "3.5 °C" — the current temperature (°C keeps one decimal, °F is whole degrees). */
export function formatTemperature(celsius: number | null | undefined, units: Units, precise = false): string | null {
  if (celsius === null || celsius === undefined || !Number.isFinite(celsius)) return null;
  if (units === 'imperial') return `${Math.round(toFahrenheit(celsius))} °F`;
  return precise ? `${celsius.toFixed(1)} °C` : `${Math.round(celsius)} °C`;
}

/** "38°" / "4°" — compact, for forecast cells. */
export function formatDegrees(celsius: number | null | undefined, units: Units): string | null {
  if (celsius === null || celsius === undefined || !Number.isFinite(celsius)) return null;
  const value = units === 'imperial' ? toFahrenheit(celsius) : celsius;
  return `${Math.round(value)}°`;
}

/** "4 mph" / "6 km/h" from m/s. */
export function formatWind(metresPerSecond: number | null | undefined, units: Units): string | null {
  if (metresPerSecond === null || metresPerSecond === undefined || !Number.isFinite(metresPerSecond)) return null;
  return units === 'imperial'
    ? `${Math.round(metresPerSecond * 2.236936)} mph`
    : `${Math.round(metresPerSecond * 3.6)} km/h`;
}

/** "0.12 in" / "3.1 mm". */
export function formatPrecipitation(mm: number | null | undefined, units: Units): string | null {
  if (mm === null || mm === undefined || !Number.isFinite(mm)) return null;
  return units === 'imperial' ? `${(mm / 25.4).toFixed(2)} in` : `${mm.toFixed(1)} mm`;
}

/** "29.89 inHg" / "1012 hPa". */
export function formatPressure(hpa: number | null | undefined, units: Units): string | null {
  if (hpa === null || hpa === undefined || !Number.isFinite(hpa)) return null;
  return units === 'imperial' ? `${(hpa * 0.02953).toFixed(2)} inHg` : `${Math.round(hpa)} hPa`;
}

const COMPASS = ['N', 'NNE', 'NE', 'ENE', 'E', 'ESE', 'SE', 'SSE', 'S', 'SSW', 'SW', 'WSW', 'W', 'WNW', 'NW', 'NNW'];

/** "SW" for 216° (the direction the wind blows from). */
export function compass(degrees: number | null | undefined): string | null {
  if (degrees === null || degrees === undefined || !Number.isFinite(degrees)) return null;
  return COMPASS[Math.round((((degrees % 360) + 360) % 360) / 22.5) % 16];
}

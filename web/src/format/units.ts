// Every number the dashboard shows is formatted here: canonical units (°C, m/s, mm, hPa, fractions) to
// the viewer's units, converted once, at one precision per quantity.
//
// Precision: temperatures, wind, percentages and the UV index are whole numbers, rounded the way the
// LED panel rounds them (ecoboard/renderer/_units.py uses Python's round(): a tie goes to the even
// number, so 4.5 °C is "4°" on both); precipitation keeps a tenth of a mm or a hundredth of an inch,
// pressure whole hPa or a hundredth of an inHg, pollutant concentrations a tenth.
import type { Units } from '../live/settings';

type Maybe = number | null | undefined;

const MPS_TO_MPH = 2.2369362921; // the panel's factor, so both show the same number
const MPS_TO_KMH = 3.6;
const MM_PER_INCH = 25.4;
const HPA_TO_INHG = 0.02953;

function known(value: Maybe): value is number {
  return value !== null && value !== undefined && Number.isFinite(value);
}

/** The nearest whole number, a tie going to the even one (Python's round(), as the panel rounds). */
export function roundHalfEven(value: number): number {
  const nearest = Math.round(value);
  const tie = Math.abs(value - Math.trunc(value)) === 0.5;
  const whole = tie ? 2 * Math.round(value / 2) : nearest;
  return whole === 0 ? 0 : whole; // never "-0"
}

export function toFahrenheit(celsius: number): number {
  return (celsius * 9) / 5 + 32; // the panel's order of operations: the same float, the same rounding
}

function degrees(celsius: number, units: Units): number {
  return roundHalfEven(units === 'imperial' ? toFahrenheit(celsius) : celsius);
}

/** "38 °F" / "4 °C": whole degrees in both units, like the panel. */
export function formatTemperature(celsius: Maybe, units: Units): string | null {
  if (!known(celsius)) return null;
  return `${degrees(celsius, units)} ${units === 'imperial' ? '°F' : '°C'}`;
}

/** "38°" / "4°": compact, for forecast cells. */
export function formatDegrees(celsius: Maybe, units: Units): string | null {
  return known(celsius) ? `${degrees(celsius, units)}°` : null;
}

/** "4 mph" / "6 km/h" from m/s, whole numbers. */
export function formatWind(metresPerSecond: Maybe, units: Units): string | null {
  if (!known(metresPerSecond)) return null;
  return units === 'imperial'
    ? `${roundHalfEven(metresPerSecond * MPS_TO_MPH)} mph`
    : `${roundHalfEven(metresPerSecond * MPS_TO_KMH)} km/h`;
}

/** "10.5 mm" / "0.41 in"; "0 mm" for none, "<0.1 mm" / "<0.01 in" for a trace too small to show. */
export function formatPrecipitation(mm: Maybe, units: Units): string | null {
  if (!known(mm)) return null;
  const [value, digits, unit] = units === 'imperial' ? [mm / MM_PER_INCH, 2, 'in'] : [mm, 1, 'mm'];
  if (value <= 0) return `0 ${unit}`;
  const text = value.toFixed(digits);
  return Number(text) === 0 ? `<${(10 ** -digits).toFixed(digits)} ${unit}` : `${text} ${unit}`;
}

/** "29.89 inHg" / "1012 hPa". */
export function formatPressure(hpa: Maybe, units: Units): string | null {
  if (!known(hpa)) return null;
  return units === 'imperial' ? `${(hpa * HPA_TO_INHG).toFixed(2)} inHg` : `${roundHalfEven(hpa)} hPa`;
}

/** "71 %" from a percentage (humidity, cloud cover). */
export function formatPercent(percent: Maybe): string | null {
  return known(percent) ? `${roundHalfEven(percent)} %` : null;
}

/** "40%": a chance of precipitation, compact for forecast cells (the panel writes it so too). */
export function formatChance(percent: Maybe): string | null {
  return known(percent) ? `${roundHalfEven(percent)}%` : null;
}

/** "34 %" from a fraction 0..1 (the moon's illumination). */
export function formatFraction(fraction: Maybe): string | null {
  return known(fraction) ? formatPercent(fraction * 100) : null;
}

/** "3" for a UV index: whole. */
export function formatUvIndex(index: Maybe): string | null {
  return known(index) ? String(roundHalfEven(index)) : null;
}

/** "8.8" / "54" for a pollutant concentration in µg/m³: a tenth, without a trailing ".0". */
export function formatConcentration(value: Maybe): string | null {
  return known(value) ? String(Number(value.toFixed(1))) : null;
}

const COMPASS = ['N', 'NNE', 'NE', 'ENE', 'E', 'ESE', 'SE', 'SSE', 'S', 'SSW', 'SW', 'WSW', 'W', 'WNW', 'NW', 'NNW'];

/** "SW" for 216° (the direction the wind blows from). */
export function compass(degreesFrom: Maybe): string | null {
  if (!known(degreesFrom)) return null;
  return COMPASS[Math.round((((degreesFrom % 360) + 360) % 360) / 22.5) % 16];
}

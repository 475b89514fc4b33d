// Environment: current conditions, air quality, the next hours, the coming days, sun and moon.
import type { AqiData, SunMoonData, WeatherData, WeatherHour } from '../api/types';
import { KindStatus } from '../components/KindStatus';
import { WeatherIcon } from '../components/WeatherIcon';
import { calendarDateIn, formatDate, formatHour, formatTime, formatWeekday } from '../format/time';
import {
  compass, formatChance, formatConcentration, formatDegrees, formatFraction, formatPercent, formatPrecipitation,
  formatPressure, formatTemperature, formatUvIndex, formatWind,
} from '../format/units';
import { useNow, useRecord, useTimezone } from '../live/LiveContext';
import { useSettings, type Units } from '../live/settings';

const INDEX_NAMES: Record<string, string> = { us_epa: 'US AQI', eaqi: 'European AQI', owm: 'OWM AQI' };
const POLLUTANTS: Record<string, string> = { pm2_5: 'PM2.5', pm10: 'PM10', o3: 'O₃', no2: 'NO₂', so2: 'SO₂', co: 'CO' };
const HOURS_SHOWN = 24;

function Cell({ label, value }: { label: string; value: string | null }) {
  if (value === null) return null; // a missing value hides one cell, never the page
  return (
    <div className="cell">
      <span className="cell-label">{label}</span>
      <span className="cell-value">{value}</span>
    </div>
  );
}

function Current({ weather, units }: { weather: WeatherData; units: Units }) {
  const c = weather.current;
  const wind = formatWind(c.wind_speed, units);
  const direction = compass(c.wind_direction);
  return (
    <div className="current">
      <div className="current-main">
        <WeatherIcon condition={c.condition} isDay={c.is_day} size={64} />
        <span className="current-temp" data-testid="current-temperature">{formatTemperature(c.temperature, units)}</span>
      </div>
      <p className="current-desc">{c.description ?? c.condition.replace(/_/g, ' ')}</p>
      <div className="cells">
        <Cell label="Feels like" value={formatTemperature(c.feels_like, units)} />
        <Cell label="Humidity" value={formatPercent(c.humidity)} />
        <Cell label="Wind" value={wind && direction ? `${wind} ${direction}` : wind} />
        <Cell label="Gusts" value={formatWind(c.wind_gust, units)} />
        <Cell label="Precip." value={formatPrecipitation(c.precipitation, units)} />
        <Cell label="Pressure" value={formatPressure(c.pressure, units)} />
        <Cell label="UV" value={formatUvIndex(c.uv_index)} />
        <Cell label="Clouds" value={formatPercent(c.cloud_cover)} />
      </div>
    </div>
  );
}

function Aqi({ aqi }: { aqi: AqiData }) {
  const main = aqi.indices[0];
  if (!main) return null;
  const given = aqi.pollutants ?? {};
  const pollutants = Object.keys(POLLUTANTS)
    .map((k) => [k, formatConcentration(given[k])] as const)
    .filter(([, v]) => v !== null);
  return (
    <div className="aqi">
      <div className="aqi-main" style={{ borderColor: main.color }}>
        <span className="aqi-swatch" style={{ background: main.color }} aria-hidden="true" />
        <span className="aqi-text" data-testid="aqi-main">
          {INDEX_NAMES[main.index] ?? main.index} {main.value} · {main.label}
        </span>
      </div>
      {aqi.indices.slice(1).map((i) => (
        <p key={i.index} className="aqi-other">
          <span className="aqi-dot" style={{ background: i.color }} aria-hidden="true" />
          {INDEX_NAMES[i.index] ?? i.index} {i.value} · {i.label}
        </p>
      ))}
      {pollutants.length > 0 && (
        <p className="pollutants">
          {pollutants.map(([k, v]) => (
            <span key={k}>{POLLUTANTS[k]} {v}</span>
          ))}
        </p>
      )}
    </div>
  );
}

/** The hours from the current observation's hour on (the data's clock, not the viewer's). */
function nextHours(weather: WeatherData): WeatherHour[] {
  const hourly = weather.hourly ?? [];
  const from = Date.parse(weather.current.time);
  const start = Number.isFinite(from) ? from - (from % 3600000) : -Infinity;
  return hourly.filter((h) => Date.parse(h.time) >= start).slice(0, HOURS_SHOWN);
}

function Hourly({ weather, units }: { weather: WeatherData; units: Units }) {
  const zone = useTimezone();
  const hours = nextHours(weather);
  if (hours.length === 0) return null;
  return (
    <section className="panel">
      <h2>Next hours</h2>
      <ol className="hourly" data-testid="hourly">
        {hours.map((h) => {
          const chance = formatChance(h.precipitation_probability);
          return (
            <li key={h.time}>
              <span className="hour">{formatHour(h.time, zone)}</span>
              <WeatherIcon condition={h.condition} isDay={h.is_day} size={26} />
              <span className="hour-temp">{formatDegrees(h.temperature, units)}</span>
              {chance !== null && <span className="hour-pop">{chance}</span>}
            </li>
          );
        })}
      </ol>
    </section>
  );
}

function Daily({ weather, units }: { weather: WeatherData; units: Units }) {
  const days = weather.daily ?? [];
  const today = calendarDateIn(new Date(useNow()), useTimezone());
  if (days.length === 0) return null;
  return (
    <section className="panel">
      <h2>Forecast</h2>
      <ol className="daily" data-testid="daily">
        {days.map((d) => (
          <li key={d.date}>
            <span className="day" title={formatDate(d.date) ?? d.date}>{d.date === today ? 'Today' : formatWeekday(d.date)}</span>
            <WeatherIcon condition={d.condition} size={26} />
            <span className="day-range">
              <span className="day-max">{formatDegrees(d.temperature_max, units)}</span>
              <span className="day-min">{formatDegrees(d.temperature_min, units)}</span>
            </span>
            <span className="day-extra">
              {formatChance(d.precipitation_probability)
                ?? ((d.precipitation_sum ?? 0) >= 0.1 // less than a tenth of a mm reads as dry
                  ? formatPrecipitation(d.precipitation_sum, units)
                  : '')}
            </span>
          </li>
        ))}
      </ol>
    </section>
  );
}

const PHASES: Record<string, string> = {
  new: 'New moon', waxing_crescent: 'Waxing crescent', first_quarter: 'First quarter', waxing_gibbous: 'Waxing gibbous',
  full: 'Full moon', waning_gibbous: 'Waning gibbous', last_quarter: 'Last quarter', waning_crescent: 'Waning crescent',
};

function SunMoon({ sun }: { sun: SunMoonData }) {
  const zone = useTimezone();
  const lit = formatFraction(sun.moon_illumination);
  const illumination = lit === null ? null : `${lit} lit`;
  return (
    <div className="cells">
      <Cell label="Sunrise" value={formatTime(sun.sunrise, zone)} />
      <Cell label="Sunset" value={formatTime(sun.sunset, zone)} />
      <Cell label="Moonrise" value={formatTime(sun.moonrise, zone)} />
      <Cell label="Moonset" value={formatTime(sun.moonset, zone)} />
      <Cell label="Moon" value={sun.moon_phase ? (PHASES[sun.moon_phase] ?? sun.moon_phase) : null} />
      <Cell label="Illumination" value={illumination} />
    </div>
  );
}

export function EnvironmentPage() {
  const { units } = useSettings();
  const now = useNow();
  const weather = useRecord('weather');
  const aqi = useRecord('aqi');
  const sun = useRecord('sun_moon');
  return (
    <div className="page page-environment">
      <section className="panel">
        <h2>Now</h2>
        {weather && <Current weather={weather.data} units={units} />}
        <KindStatus record={weather} now={now} />
      </section>
      {aqi && (
        <section className="panel">
          <h2>Air quality</h2>
          <Aqi aqi={aqi.data} />
          <KindStatus record={aqi} now={now} />
        </section>
      )}
      {weather && <Hourly weather={weather.data} units={units} />}
      {weather && <Daily weather={weather.data} units={units} />}
      {sun && (
        <section className="panel">
          <h2>Sun &amp; moon</h2>
          <SunMoon sun={sun.data} />
          <KindStatus record={sun} now={now} />
        </section>
      )}
    </div>
  );
}

// The record shapes of docs/records.md, as the dashboard reads them. Every field marked `?` there is
// optional here too: a missing value hides one cell, never a page.

export type Kind = 'weather' | 'aqi' | 'mlb' | 'nfl' | 'sun_moon' | 'reminder';

/** One version of one kind's normalized data, as the API sends it. */
export interface EcoRecord<D = unknown> {
  kind: string;
  version: number;
  fetched_at: string;
  valid_until: string;
  source: string;
  data: D;
  /** The server's verdict (valid_until passed); the client also checks its own clock. */
  stale?: boolean;
}

export type Condition =
  | 'clear' | 'mostly_clear' | 'partly_cloudy' | 'cloudy' | 'fog' | 'drizzle' | 'freezing_drizzle'
  | 'rain' | 'heavy_rain' | 'freezing_rain' | 'snow' | 'heavy_snow' | 'snow_grains' | 'rain_showers'
  | 'snow_showers' | 'thunderstorm' | 'thunderstorm_hail' | 'dust' | 'unknown';

export interface WeatherCurrent {
  time: string;
  temperature: number;
  feels_like?: number | null;
  humidity?: number | null;
  pressure?: number | null;
  wind_speed?: number | null;
  wind_gust?: number | null;
  wind_direction?: number | null;
  precipitation?: number | null;
  cloud_cover?: number | null;
  visibility?: number | null;
  uv_index?: number | null;
  condition: Condition | string;
  is_day?: boolean | null;
  description?: string | null;
  code?: number | null;
}

export interface WeatherHour {
  time: string;
  temperature: number;
  feels_like?: number | null;
  precipitation_probability?: number | null;
  precipitation?: number | null;
  wind_speed?: number | null;
  condition: Condition | string;
  is_day?: boolean | null;
  code?: number | null;
}

export interface WeatherDay {
  date: string;
  temperature_max?: number | null;
  temperature_min?: number | null;
  feels_like_max?: number | null;
  feels_like_min?: number | null;
  precipitation_sum?: number | null;
  precipitation_probability?: number | null;
  wind_speed_max?: number | null;
  sunrise?: string | null;
  sunset?: string | null;
  condition: Condition | string;
  code?: number | null;
}

export interface WeatherData {
  location: { lat: number; lon: number; timezone?: string | null; name?: string | null };
  current: WeatherCurrent;
  hourly?: WeatherHour[] | null;
  daily?: WeatherDay[] | null;
}

export interface AqiIndex {
  index: 'us_epa' | 'eaqi' | 'owm' | string;
  value: number;
  category: string;
  label: string;
  color: string;
  dominant_pollutant?: string | null;
}

export interface AqiData {
  time: string;
  indices: AqiIndex[];
  pollutants?: Record<string, number | null | undefined> | null;
}

export interface SunMoonData {
  date: string;
  sunrise?: string | null;
  sunset?: string | null;
  solar_noon?: string | null;
  moonrise?: string | null;
  moonset?: string | null;
  moon_phase_degrees?: number | null;
  moon_phase?: string | null;
  moon_illumination?: number | null;
}

export type GameStatus =
  | 'scheduled' | 'pregame' | 'warmup' | 'live' | 'delayed' | 'suspended' | 'postponed'
  | 'cancelled' | 'final' | 'unknown';

export interface Side {
  id: number;
  abbreviation: string;
  name?: string | null;
  short_name?: string | null;
  full_name?: string | null;
  record?: string | null;
  color?: string | null;
  alt_color?: string | null;
  score?: number | null;
  hits?: number | null;
  errors?: number | null;
  winner?: boolean | null;
}

export interface Game {
  id: string;
  start?: string | null;
  status: GameStatus | string;
  detail?: string | null;
  reason?: string | null;
  reschedule_date?: string | null;
  season_type?: string | null;
  away: Side;
  home: Side;
  venue?: string | null;
  description?: string | null;
  last_play?: string | null;
  // mlb
  doubleheader?: number | null;
  scheduled_innings?: number | null;
  inning?: number | null;
  inning_half?: 'top' | 'middle' | 'bottom' | 'end' | string | null;
  balls?: number | null;
  strikes?: number | null;
  outs?: number | null;
  runners?: { first?: boolean | null; second?: boolean | null; third?: boolean | null } | null;
  // nfl
  period?: number | null;
  period_label?: string | null;
  clock?: string | null;
  possession?: number | null;
  down_distance?: string | null;
  yard_line?: string | null;
  red_zone?: boolean | null;
  week?: number | null;
}

export interface MlbData {
  date: string;
  games: Game[];
  next_game?: Game | null;
}

export interface NflData {
  season?: { year: number; type: string; label?: string | null } | null;
  week?: { number?: number | null; label?: string | null; short?: string | null; start?: string | null; end?: string | null } | null;
  games: Game[];
  byes?: Side[] | null;
}

/** The `reminder` record (written by POST /api/v1/reminder/done, not fetched): when the reminder was marked done. */
export interface ReminderData {
  /** UTC instant of the mark; null once it was undone. */
  done_at: string | null;
}

export interface DataOf {
  weather: WeatherData;
  aqi: AqiData;
  mlb: MlbData;
  nfl: NflData;
  sun_moon: SunMoonData;
  reminder: ReminderData;
}

/** `GET /api/v1/display`. */
export interface DisplayState {
  page: string | null;
  page_index: number | null;
  pages: unknown[] | null;
  paused: boolean;
  brightness: number;
  fps?: number | null;
  frame_time_ms?: number | null;
  missed_frames?: number | null;
  last_frame_at?: string | null;
}

/** `GET /api/v1/board`: the board's own settings, answered while the record store is down too. */
export interface Board {
  /** IANA zone every time on the panel (and the dashboard) is shown in. */
  timezone: string;
  units: 'metric' | 'imperial';
  /** Followed teams per league, as configured: abbreviations or the provider's team ids. */
  teams: { mlb: string[]; nfl: string[] };
  /** Spellings of one team that differ between providers, e.g. CHW → CWS; matched either way. */
  team_aliases: Record<string, string>;
  /** Whether the record store answered when the board was asked: `unreachable` means the data shown is not current. */
  store: 'ok' | 'unreachable';
}

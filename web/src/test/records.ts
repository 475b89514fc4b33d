// The generated records (scripts/gen-records.sh): recorded provider responses through the real
// transforms, typed for the tests.
import type { AqiData, EcoRecord, MlbData, NflData, SunMoonData, WeatherData } from '../api/types';
import aqiBerlin from './records/aqi-berlin.json';
import mlbOpeningDay from './records/mlb-2022-04-07.json';
import mlbLive from './records/mlb-2024-04-28.json';
import mlbEspn from './records/mlb-espn-2022-09-17.json';
import nflWeek1 from './records/nfl-2022-week1.json';
import sunMoonOslo from './records/sun-moon-oslo.json';
import weatherPenza from './records/weather-penza.json';

export const WEATHER_PENZA = weatherPenza as EcoRecord<WeatherData>;
export const AQI_BERLIN = aqiBerlin as EcoRecord<AqiData>;
export const MLB_2022_04_07 = mlbOpeningDay as EcoRecord<MlbData>;
export const MLB_2024_04_28 = mlbLive as EcoRecord<MlbData>;
export const MLB_ESPN_2022_09_17 = mlbEspn as EcoRecord<MlbData>;
export const NFL_2022_WEEK1 = nflWeek1 as EcoRecord<NflData>;
export const SUN_MOON_OSLO = sunMoonOslo as EcoRecord<SunMoonData>;

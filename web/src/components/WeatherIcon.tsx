// Small SVG weather glyphs for the closed condition set (no emoji font needed on the tablet).
import type { Condition } from '../api/types';

type Part = 'sun' | 'moon' | 'cloud' | 'rain' | 'snow' | 'bolt' | 'fog' | 'dust';

const PARTS: Record<Condition, Part[]> = {
  clear: ['sun'], mostly_clear: ['sun', 'cloud'], partly_cloudy: ['sun', 'cloud'], cloudy: ['cloud'],
  fog: ['fog'], drizzle: ['cloud', 'rain'], freezing_drizzle: ['cloud', 'rain', 'snow'], rain: ['cloud', 'rain'],
  heavy_rain: ['cloud', 'rain'], freezing_rain: ['cloud', 'rain', 'snow'], snow: ['cloud', 'snow'],
  heavy_snow: ['cloud', 'snow'], snow_grains: ['cloud', 'snow'], rain_showers: ['sun', 'cloud', 'rain'],
  snow_showers: ['sun', 'cloud', 'snow'], thunderstorm: ['cloud', 'bolt'], thunderstorm_hail: ['cloud', 'bolt', 'snow'],
  dust: ['dust'], unknown: ['cloud'],
};

export function WeatherIcon({ condition, isDay = true, size = 32 }: { condition: string; isDay?: boolean | null; size?: number }) {
  const parts = PARTS[condition as Condition] ?? PARTS.unknown;
  const has = (p: Part) => parts.includes(p);
  const night = isDay === false;
  return (
    <svg className="wx-icon" width={size} height={size} viewBox="0 0 32 32" role="img" aria-label={condition.replace(/_/g, ' ')}>
      {has('sun') && !night && (
        <g fill="#ffc83d" stroke="#ffc83d" strokeWidth="1.6" strokeLinecap="round">
          <circle cx={has('cloud') ? 11 : 16} cy={has('cloud') ? 11 : 16} r="5.5" />
          {!has('cloud') && [0, 45, 90, 135, 180, 225, 270, 315].map((a) => (
            <line key={a} x1="16" y1="5" x2="16" y2="2.5" transform={`rotate(${a} 16 16)`} />
          ))}
        </g>
      )}
      {has('sun') && night && <path d="M13 5a8 8 0 1 0 9 11a6.5 6.5 0 0 1-9-11z" fill="#cfd8ff" />}
      {has('cloud') && <path d="M9 24h15a5 5 0 0 0 0-10a7 7 0 0 0-13.3 1.5A4.3 4.3 0 0 0 9 24z" fill="#aab6c8" />}
      {has('rain') && (
        <g stroke="#4fa3ff" strokeWidth="1.8" strokeLinecap="round">
          <line x1="12" y1="26" x2="10.5" y2="30" /><line x1="17" y1="26" x2="15.5" y2="30" /><line x1="22" y1="26" x2="20.5" y2="30" />
        </g>
      )}
      {has('snow') && (
        <g fill="#e8f1ff"><circle cx="12" cy="28" r="1.4" /><circle cx="17" cy="29" r="1.4" /><circle cx="22" cy="28" r="1.4" /></g>
      )}
      {has('bolt') && <path d="M17 22l-4 6h3l-2 4l6-7h-3l2-3z" fill="#ffd23d" />}
      {has('fog') && (
        <g stroke="#aab6c8" strokeWidth="2" strokeLinecap="round">
          <line x1="6" y1="12" x2="26" y2="12" /><line x1="4" y1="17" x2="28" y2="17" /><line x1="7" y1="22" x2="25" y2="22" />
        </g>
      )}
      {has('dust') && <g fill="#c9a46a"><circle cx="10" cy="12" r="2" /><circle cx="20" cy="15" r="2.5" /><circle cx="14" cy="22" r="2" /></g>}
    </svg>
  );
}

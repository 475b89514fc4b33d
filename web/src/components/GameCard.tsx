// One game as a card: status line, two team rows, and the sport's live details
// (MLB: count, outs and runners; NFL: down & distance and the ball).
import type { Game, Side } from '../api/types';
import { chipColor, mlbStatus, nflStatus, showsScore, teamTitle, type StatusView } from '../format/games';
import { useTimezone } from '../live/LiveContext';
import type { FollowedSide } from '../live/teams';

function TeamRow({ side, score, ball, followed }: { side: Side; score: boolean; ball?: boolean; followed: boolean }) {
  const won = side.winner === true;
  return (
    <div className={`team${won ? ' team-won' : ''}${followed ? ' team-followed' : ''}`} data-team={side.abbreviation}>
      <span className="team-chip" style={{ background: chipColor(side) }} aria-hidden="true" />
      <span className="team-abbr">{side.abbreviation}</span>
      <span className="team-name" title={teamTitle(side)}>{side.name ?? side.short_name ?? ''}</span>
      {ball && <span className="possession" aria-label="has the ball" title="possession">◆</span>}
      {side.record && <span className="team-record">{side.record}</span>}
      {score && <span className="team-score">{side.score}</span>}
    </div>
  );
}

function StatusLine({ view, extra }: { view: StatusView; extra?: string | null }) {
  return (
    <div className="game-status">
      <span className={`status status-${view.tone}`}>{view.label}</span>
      {extra && <span className="badge">{extra}</span>}
      {view.sub && <span className="status-sub">{view.sub}</span>}
    </div>
  );
}

/** Bases as a diamond: second on top, first on the right, third on the left. */
export function Runners({ runners }: { runners: Game['runners'] }) {
  const on = (b: 'first' | 'second' | 'third') => Boolean(runners?.[b]);
  const base = (b: 'first' | 'second' | 'third', x: number, y: number) => (
    <rect
      key={b} x={x} y={y} width="9" height="9" transform={`rotate(45 ${x + 4.5} ${y + 4.5})`}
      className={on(b) ? 'base base-on' : 'base'} data-base={b} data-on={on(b)}
    />
  );
  const label = (['first', 'second', 'third'] as const).filter(on).join(', ') || 'bases empty';
  return (
    <svg className="runners" width="40" height="32" viewBox="0 0 40 32" role="img" aria-label={`runners: ${label}`}>
      {base('second', 15.5, 3)}{base('first', 27, 14)}{base('third', 4, 14)}
    </svg>
  );
}

function Outs({ outs }: { outs: number }) {
  return (
    <span className="outs" aria-label={`${outs} out${outs === 1 ? '' : 's'}`}>
      {[0, 1, 2].map((i) => <span key={i} className={i < outs ? 'out out-on' : 'out'} />)}
    </span>
  );
}

export function MlbGameCard({ game, followed }: { game: Game; followed: FollowedSide }) {
  const view = mlbStatus(game, useTimezone());
  const score = showsScore(game) && game.status !== 'postponed';
  const inPlay = game.status === 'live' && game.inning_half !== 'middle' && game.inning_half !== 'end';
  return (
    <article className={`game game-${view.tone}`} data-game-id={game.id} data-status={game.status}>
      <StatusLine view={view} extra={game.doubleheader ? `G${game.doubleheader}` : null} />
      <TeamRow side={game.away} score={score} followed={followed(game.away)} />
      <TeamRow side={game.home} score={score} followed={followed(game.home)} />
      {inPlay && (
        <div className="situation">
          {game.balls !== null && game.balls !== undefined && game.strikes !== null && game.strikes !== undefined && (
            <span className="count" aria-label="count">{game.balls}-{game.strikes}</span>
          )}
          {game.outs !== null && game.outs !== undefined && <Outs outs={game.outs} />}
          {game.runners && <Runners runners={game.runners} />}
        </div>
      )}
      {(game.description || game.venue) && <p className="game-note">{game.description ?? game.venue}</p>}
    </article>
  );
}

export function NflGameCard({ game, followed }: { game: Game; followed: FollowedSide }) {
  const view = nflStatus(game, useTimezone());
  const score = showsScore(game);
  const live = game.status === 'live';
  const ball = (side: Side) => live && game.possession !== null && game.possession !== undefined && game.possession === side.id;
  return (
    <article className={`game game-${view.tone}${live && game.red_zone ? ' red-zone' : ''}`} data-game-id={game.id} data-status={game.status}>
      <StatusLine view={view} extra={live && game.red_zone ? 'RED ZONE' : null} />
      <TeamRow side={game.away} score={score} ball={ball(game.away)} followed={followed(game.away)} />
      <TeamRow side={game.home} score={score} ball={ball(game.home)} followed={followed(game.home)} />
      {live && game.last_play && <p className="game-note">{game.last_play}</p>}
      {!live && game.description && <p className="game-note">{game.description}</p>}
    </article>
  );
}

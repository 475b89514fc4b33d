// MLB: the scoreboard day's games as cards, followed teams first.
import { MlbGameCard } from '../components/GameCard';
import { KindStatus } from '../components/KindStatus';
import { orderGames } from '../format/games';
import { formatDate } from '../format/time';
import { useNow, useRecord } from '../live/LiveContext';
import { useFollowedSide } from '../live/settings';

export function MlbPage() {
  const record = useRecord('mlb');
  const followed = useFollowedSide('mlb');
  const now = useNow();
  const data = record?.data;
  return (
    <div className="page page-mlb">
      <header className="page-head">
        <h1>MLB{data?.date && <span className="page-sub"> · {formatDate(data.date)}</span>}</h1>
        <KindStatus record={record} now={now} />
      </header>
      {data && data.games.length === 0 && (
        <div className="empty">
          <p>No games today.</p>
          {data.next_game && (
            <>
              <p className="muted">Next game</p>
              <div className="games"><MlbGameCard game={data.next_game} followed={followed} /></div>
            </>
          )}
        </div>
      )}
      {data && data.games.length > 0 && (
        <div className="games" data-testid="mlb-games">
          {orderGames(data.games, followed).map((game) => <MlbGameCard key={game.id} game={game} followed={followed} />)}
        </div>
      )}
    </div>
  );
}

// NFL: the week by name (postseason rounds by their names), its games, and the teams on bye.
import { NflGameCard } from '../components/GameCard';
import { KindStatus } from '../components/KindStatus';
import { orderGames } from '../format/games';
import { useNow, useRecord } from '../live/LiveContext';
import { useFollowedSide } from '../live/settings';

export function NflPage() {
  const record = useRecord('nfl');
  const followed = useFollowedSide('nfl');
  const now = useNow();
  const data = record?.data;
  const week = data?.week?.label ?? (data?.week?.number ? `Week ${data.week.number}` : null);
  const byes = data?.byes ?? [];
  return (
    <div className="page page-nfl">
      <header className="page-head">
        <h1>
          NFL{week && <span className="page-sub" data-testid="nfl-week"> · {week}</span>}
        </h1>
        {data?.season?.label && data.season.type !== 'regular' && <p className="muted">{data.season.label}</p>}
        <KindStatus record={record} now={now} />
      </header>
      {data && data.games.length === 0 && <p className="empty">No NFL games this week.</p>}
      {data && data.games.length > 0 && (
        <div className="games" data-testid="nfl-games">
          {orderGames(data.games, followed).map((game) => <NflGameCard key={game.id} game={game} followed={followed} />)}
        </div>
      )}
      {byes.length > 0 && (
        <p className="byes" data-testid="nfl-byes">
          <span className="muted">Bye:</span> {byes.map((b) => b.abbreviation).join(', ')}
        </p>
      )}
    </div>
  );
}

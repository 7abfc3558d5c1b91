import type { DataSource } from 'typeorm';

/** True on a hot standby (streaming replica), where writes, LISTEN and migrations are refused. */
export async function isInRecovery(dataSource: DataSource): Promise<boolean> {
  const [row] = await dataSource.query('SELECT pg_is_in_recovery() AS standby');
  return row?.standby === true;
}

/**
 * How far a standby's replay is behind what it has received, in seconds (0 when caught up). When the primary is
 * idle the last replayed transaction grows old without the standby being behind, hence the LSN comparison first.
 */
export async function standbyReplayLagSeconds(dataSource: DataSource): Promise<number> {
  const [row] = await dataSource.query(
    `SELECT CASE WHEN pg_last_wal_receive_lsn() IS NULL OR pg_last_wal_receive_lsn() = pg_last_wal_replay_lsn() THEN 0
                 ELSE COALESCE(EXTRACT(EPOCH FROM now() - pg_last_xact_replay_timestamp()), 0) END AS lag`,
  );
  return Math.max(0, Number(row?.lag ?? 0));
}

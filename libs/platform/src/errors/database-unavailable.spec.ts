import { createServer, Server, Socket } from 'node:net';
import { Client, DatabaseError, Pool } from 'pg';
import { QueryFailedError } from 'typeorm';
import { DomainError } from '@app/domain';
import { QueryTimeoutError } from '../../../database/src/bounded-client';
import { isDatabaseUnavailable } from './database-unavailable';

/** A server's error as pg parses it off the wire (pg-protocol's DatabaseError), with its SQLSTATE. */
function serverError(code: string, message: string, severity = 'ERROR'): DatabaseError {
  const err = new DatabaseError(message, message.length, 'error');
  err.code = code;
  err.severity = severity;
  return err;
}

/** As TypeORM throws it from a query: the driver's error inside, the query and its parameters beside it. */
function failedQuery(driverError: Error): QueryFailedError {
  return new QueryFailedError('INSERT INTO organizations (code) VALUES ($1)', ['X'], driverError);
}

describe('isDatabaseUnavailable', () => {
  it.each([
    ['admin_shutdown (57P01)', serverError('57P01', 'terminating connection due to administrator command', 'FATAL')],
    ['crash_shutdown (57P02)', serverError('57P02', 'terminating connection because of crash of another server process', 'FATAL')],
    ['cannot_connect_now (57P03)', serverError('57P03', 'the database system is starting up', 'FATAL')],
    ['connection_failure (08006)', serverError('08006', 'connection failure', 'FATAL')],
    ['protocol_violation (08P01)', serverError('08P01', 'terminating connection because protocol synchronization was lost', 'FATAL')],
    ['too_many_connections (53300)', serverError('53300', 'sorry, too many clients already', 'FATAL')],
    ['statement_timeout (57014)', serverError('57014', 'canceling statement due to statement timeout')],
    [
      'idle_in_transaction_session_timeout (25P03)',
      serverError('25P03', 'terminating connection due to idle-in-transaction timeout', 'FATAL'),
    ],
  ])('%s, from a query (QueryFailedError) or alone', (_, err) => {
    expect(isDatabaseUnavailable(err)).toBe(true);
    expect(isDatabaseUnavailable(failedQuery(err))).toBe(true);
  });

  it.each([
    ['a connection lost mid-query', new Error('Connection terminated unexpectedly')],
    ['a client whose connection failed before', new Error('Client has encountered a connection error and is not queryable')],
    ['pg-pool: no free connection in time', new Error('timeout exceeded when trying to connect')],
    ['pg: query_timeout', new Error('Query read timeout')],
    ['the bounded client: no answer in time', new QueryTimeoutError(10_000)],
    ['a pool closed by shutdown', new Error('Cannot use a pool after calling end on the pool')],
    ['a reset socket', Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET', errno: -104, syscall: 'read' })],
    ['DNS down', Object.assign(new Error('getaddrinfo EAI_AGAIN db'), { code: 'EAI_AGAIN', syscall: 'getaddrinfo' })],
  ])('%s', (_, err) => {
    expect(isDatabaseUnavailable(err)).toBe(true);
    expect(isDatabaseUnavailable(failedQuery(err))).toBe(true);
  });

  it('a refused connection to localhost (AggregateError of IPv4 and IPv6), and one as pg-pool wraps it', () => {
    const v4 = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' });
    const v6 = Object.assign(new Error('connect ECONNREFUSED ::1:5432'), { code: 'ECONNREFUSED' });
    expect(isDatabaseUnavailable(new AggregateError([v4, v6]))).toBe(true);
    expect(isDatabaseUnavailable(new Error('Connection terminated due to connection timeout', { cause: v4 }))).toBe(true);
  });

  it.each([
    ['unique violation (23505)', failedQuery(serverError('23505', 'duplicate key value violates unique constraint "uq_x"'))],
    ['bad SQL (42601)', failedQuery(serverError('42601', 'syntax error at or near "SELEC"'))],
    ['an undefined column (42703)', failedQuery(serverError('42703', 'column "nope" does not exist'))],
    ['a serialization failure (40001)', failedQuery(serverError('40001', 'could not serialize access'))],
    [
      'a full disk (53100): not ours to call "unavailable"',
      failedQuery(serverError('53100', 'could not extend file: No space left on device')),
    ],
    ['a domain error', new DomainError('NOT_FOUND', 'No such organization')],
    ['a bug', new TypeError("Cannot read properties of undefined (reading 'id')")],
    ['a message that only mentions a connection', new Error('Invalid connection string')],
    ['nothing at all', undefined],
    ['a string', 'Connection terminated unexpectedly'],
  ])('not %s', (_, err) => {
    expect(isDatabaseUnavailable(err)).toBe(false);
  });

  describe('the errors pg really raises', () => {
    const servers: Server[] = [];
    const sockets: Socket[] = [];
    afterAll(async () => {
      for (const s of sockets) s.destroy();
      await Promise.all(servers.map((s) => new Promise((resolve) => s.close(resolve))));
    });
    const listen = async (onConnection: (socket: Socket) => void): Promise<number> => {
      const server = createServer(onConnection);
      servers.push(server);
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      return (server.address() as { port: number }).port;
    };

    it('a refused connection', async () => {
      const port = await listen(() => undefined);
      await new Promise((resolve) => servers.pop()!.close(resolve)); // the port is free again: nothing listens
      const err = await new Client({ host: '127.0.0.1', port }).connect().catch((e: unknown) => e);
      expect(isDatabaseUnavailable(err)).toBe(true);
    });

    it('a server that accepts and never answers (pg-pool connection timeout), and one that hangs up', async () => {
      const silent = await listen((socket) => sockets.push(socket));
      const pool = new Pool({ host: '127.0.0.1', port: silent, connectionTimeoutMillis: 200, max: 1 });
      const timedOut = await pool.query('SELECT 1').catch((e: unknown) => e);
      await pool.end();
      expect((timedOut as Error).message).toMatch(/timeout/);
      expect(isDatabaseUnavailable(timedOut)).toBe(true);

      const rude = await listen((socket) => socket.destroy());
      const hungUp = await new Client({ host: '127.0.0.1', port: rude }).connect().catch((e: unknown) => e);
      expect(isDatabaseUnavailable(hungUp)).toBe(true);
    });
  });
});

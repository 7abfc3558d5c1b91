import { plainToInstance, Transform } from 'class-transformer';
import { SECOND_FACTOR_MODES, SecondFactorMode } from '@app/domain';
import { IsBoolean, IsIn, IsInt, IsOptional, IsString, Matches, Max, Min, MinLength, validateSync } from 'class-validator';
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseEnv } from 'node:util';

// A word it does not know stays as it is, so that @IsBoolean refuses it instead of reading it as false.
const toBool = ({ value }: { value: unknown }) => {
  if (value === undefined || value === '' || typeof value === 'boolean') return value === '' ? undefined : value;
  const word = String(value).toLowerCase();
  if (['1', 'true', 'yes', 'on'].includes(word)) return true;
  if (['0', 'false', 'no', 'off'].includes(word)) return false;
  return value;
};
const toInt = ({ value }: { value: unknown }) => (value === undefined || value === '' ? undefined : Number(value));
const emptyAsUnset = ({ value }: { value: unknown }) => (value === '' ? undefined : value);

/**
 * The settings both services share, read and validated once at boot. Nothing else reads process.env.
 * Each app validates its own class (RegistryConfig, LookupConfig), so neither requires the other's settings.
 * `.env.example` documents each variable.
 */
export class AppConfig {
  @IsIn(['development', 'production', 'test'])
  NODE_ENV: 'development' | 'production' | 'test' = 'development';

  /** A PostgreSQL server; unset: the embedded PostgreSQL (PGlite) under DATA_DIR. */
  @IsOptional()
  @Transform(emptyAsUnset)
  @Matches(/^postgres(ql)?:\/\//, { message: 'DATABASE_URL must be a postgres:// or postgresql:// URL' })
  DATABASE_URL?: string;

  /** Where this service reads (a hot standby for a lookup); the registry reads and writes DATABASE_URL. */
  get readDatabaseUrl(): string | undefined {
    return this.DATABASE_URL;
  }

  @IsString()
  @MinLength(1)
  DATA_DIR = './data';

  /**
   * How long a service waits at start-up for the embedded database's owner to serve it (its first start runs
   * initdb); past it, a data directory held by a process that does not serve it stops the service with exit code 75.
   */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(3600)
  EMBEDDED_DB_WAIT_SECONDS = 120;

  @Transform(toBool)
  @IsBoolean()
  DB_MIGRATIONS_RUN = true;

  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(200)
  DB_POOL_SIZE = 10;

  /**
   * How long a request waits for a database connection (ms): a free one from the pool, or a new one to connect.
   * With DB_QUERY_TIMEOUT_MS it makes the bound on a request's wait for the database (README, Operations).
   */
  @Transform(toInt)
  @IsInt()
  @Min(100)
  @Max(600_000)
  DB_CONNECT_TIMEOUT_MS = 5_000;

  /**
   * How long one query waits for its answer (ms) before its connection is closed and the request answers 503
   * DATABASE_UNAVAILABLE. On a server, PostgreSQL cancels the statement first (statement_timeout, 80 % of this).
   */
  @Transform(toInt)
  @IsInt()
  @Min(100)
  @Max(600_000)
  DB_QUERY_TIMEOUT_MS = 10_000;

  /** The same for the few bulk transactions: a CSV import, the lookup's index load, a snapshot export, migrations. */
  @Transform(toInt)
  @IsInt()
  @Min(1_000)
  @Max(3_600_000)
  DB_BULK_QUERY_TIMEOUT_MS = 300_000;

  /** A server ends a session left idle inside a transaction this long (ms), freeing its locks; not on the embedded database. */
  @Transform(toInt)
  @IsInt()
  @Min(1_000)
  @Max(3_600_000)
  DB_IDLE_IN_TRANSACTION_TIMEOUT_MS = 30_000;

  /** TCP keepalive: the first probe after this long idle (ms), so that a dead peer is noticed on an idle connection. */
  @Transform(toInt)
  @IsInt()
  @Min(1_000)
  @Max(600_000)
  DB_KEEPALIVE_DELAY_MS = 10_000;

  @IsString()
  HOST = '0.0.0.0';

  /**
   * The address people reach this service at (e.g. https://brandname.example.gov.vn), printed in banners. Only an
   * https:// address turns on the headers that make browsers insist on https (CSP upgrade-insecure-requests and
   * HSTS): sent over plain HTTP they would make the console a blank page.
   */
  @IsOptional()
  @Transform(emptyAsUnset)
  @Matches(/^https?:\/\/[^\s/]+(\/\S*)?$/, { message: 'PUBLIC_URL must be an http:// or https:// address' })
  PUBLIC_URL?: string;

  /** Whether PUBLIC_URL says the service is served over https. */
  get servedOverHttps(): boolean {
    return this.PUBLIC_URL?.startsWith('https://') ?? false;
  }

  /** Swagger UI at /docs and the OpenAPI document at /docs-json; unset: served, except with NODE_ENV=production. */
  @IsOptional()
  @Transform(toBool)
  @IsBoolean({ message: 'DOCS_ENABLED must be true or false' })
  DOCS_ENABLED?: boolean;

  get docsEnabled(): boolean {
    return this.DOCS_ENABLED ?? this.NODE_ENV !== 'production';
  }

  /**
   * Where Prometheus scrapes /metrics: a listener of its own, never the public port (which answers 404), so that
   * process, pool and traffic figures are not public. Loopback by default; 0.0.0.0 inside a container network.
   */
  @IsString()
  @MinLength(1)
  METRICS_HOST = '127.0.0.1';

  /** The metrics listener's port: 9464 for the registry, 9465 for the lookup (LookupConfig); 0: any free port. */
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(65535)
  METRICS_PORT = 9464;

  /** When set, a scrape must send `Authorization: Bearer <METRICS_TOKEN>`. Never logged. */
  @IsOptional()
  @Transform(emptyAsUnset)
  @IsString()
  @MinLength(16, { message: 'METRICS_TOKEN must be at least 16 characters' })
  METRICS_TOKEN?: string;

  @IsIn(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
  LOG_LEVEL = 'info';

  /** json: one JSON object per line; pretty: for people; auto: pretty in a terminal outside production. */
  @IsIn(['auto', 'json', 'pretty'])
  LOG_FORMAT: 'auto' | 'json' | 'pretty' = 'auto';

  /**
   * Whether X-Forwarded-For names the client (the lookup's public-check limit, the registry's sign-in throttling
   * and audited addresses): `false` (the default: the socket's address), `true` (any proxy), a hop count, or
   * comma-separated proxy addresses / CIDRs. Behind a reverse proxy, name it here, or every client shares its address.
   */
  @Matches(/^(true|false|[1-9]\d?|[0-9a-fA-F.:/]+(\s*,\s*[0-9a-fA-F.:/]+)*)$/, {
    message: 'TRUST_PROXY must be true, false, a hop count or comma-separated proxy addresses',
  })
  TRUST_PROXY = 'false';
}

/** Where the registry (and its CLI on the same server) keeps the private keys it signs entries with. */
export class SigningConfig extends AppConfig {
  /**
   * How long a write that takes a brand off handsets (a suspension, a revocation, a release...) waits, on the
   * registry and its CLI, for every running lookup to hold it before answering (libs/domain lookup-propagation.ts).
   * Past it the write answers anyway, logged and counted (`registry_lookup_confirmation_timeouts_total`): it has
   * committed, and lookups apply it as soon as they can.
   */
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(60_000)
  LOOKUP_CONFIRM_TIMEOUT_MS = 3000;

  /**
   * A JSON file of private JWKs (`{"keys": [...]}`, mode 0600) managed by the operator; unset: DATA_DIR's
   * signing-keys.json, generated on first start. Never logged, never in the database.
   */
  @IsOptional()
  @Transform(emptyAsUnset)
  @IsString()
  SIGNING_KEY_FILE?: string;
}

/** The registry's settings: its port, access tokens, the bootstrap regulator, feed retention, CORS, signing keys. */
export class RegistryConfig extends SigningConfig {
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(65535)
  REGISTRY_PORT = 3000;

  /**
   * HS256 secret for registry access tokens; required in production. Unset elsewhere: one generated once into
   * DATA_DIR/jwt-secret (apps/registry/src/auth/jwt-secret.ts), so that tokens outlive a restart.
   */
  @IsOptional()
  @Transform(emptyAsUnset)
  @IsString()
  @MinLength(32, { message: 'JWT_SECRET must be at least 32 characters' })
  JWT_SECRET?: string;

  @Transform(toInt)
  @IsInt()
  @Min(60)
  @Max(86_400)
  JWT_TTL_SECONDS = 3600;

  /**
   * `required`: every regulator and auditor enrols a second factor (TOTP) at its next sign-in; `optional`: only
   * those who opt in (and accounts whose organization requires it). Unset: required with NODE_ENV=production.
   */
  @IsOptional()
  @Transform(emptyAsUnset)
  @IsIn(SECOND_FACTOR_MODES, { message: 'SECOND_FACTOR must be required or optional' })
  SECOND_FACTOR?: SecondFactorMode;

  get secondFactorMode(): SecondFactorMode {
    return this.SECOND_FACTOR ?? (this.NODE_ENV === 'production' ? 'required' : 'optional');
  }

  @IsOptional()
  @Transform(emptyAsUnset)
  @Matches(/^[a-z0-9._-]{3,64}$/i, { message: 'BOOTSTRAP_ADMIN_USERNAME must be 3-64 letters, digits, . _ -' })
  BOOTSTRAP_ADMIN_USERNAME?: string;

  @IsOptional()
  @Transform(emptyAsUnset)
  @IsString()
  @MinLength(12, { message: 'BOOTSTRAP_ADMIN_PASSWORD must be at least 12 characters' })
  BOOTSTRAP_ADMIN_PASSWORD?: string;

  /** How long the change feed keeps history; carriers further behind must load a snapshot (410). */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  CHANGE_FEED_RETENTION_HOURS = 168;

  /** Browser origins allowed to call the registry cross-origin, comma-separated; empty (the default): CORS closed. */
  @IsString()
  @Matches(/^\s*$|^\s*https?:\/\/[^\s,/]+\s*(,\s*https?:\/\/[^\s,/]+\s*)*$/, {
    message: 'CORS_ORIGINS must be a comma-separated list of origins such as https://console.example.gov.vn',
  })
  CORS_ORIGINS = '';

  // Document quotas (libs/domain document-quota.ts), so that no applicant can fill the disk; 0 turns one off.
  // An application needs a handful of documents (a decision, a contract or letter per carrier), each at most 10 MB.

  /** Documents per application (regulators' uploads count, but are never refused). */
  @Transform(toInt)
  @IsInt()
  @Min(0)
  DOCUMENTS_PER_APPLICATION = 20;

  /** Total megabytes of an application's documents. */
  @Transform(toInt)
  @IsInt()
  @Min(0)
  DOCUMENT_MB_PER_APPLICATION = 50;

  /** Total megabytes of all of an organization's documents (today one application each; a ceiling if that changes). */
  @Transform(toInt)
  @IsInt()
  @Min(0)
  DOCUMENT_MB_PER_ORGANIZATION = 100;

  /** Uploads per account in any hour (a person adds a few; a script at most this many × 10 MB an hour). */
  @Transform(toInt)
  @IsInt()
  @Min(0)
  DOCUMENT_UPLOADS_PER_HOUR = 30;

  /**
   * Embedded database only: megabytes that must stay free on DATA_DIR's file system after an upload (counted twice:
   * table and write-ahead log), or the upload is refused with 507; PGlite hangs on a write-ahead log it cannot write.
   */
  @Transform(toInt)
  @IsInt()
  @Min(0)
  EMBEDDED_DB_MIN_FREE_MB = 256;
}

/** The lookup's settings: its port and the carriers' rate limit. It needs no JWT secret: it signs no tokens. */
export class LookupConfig extends AppConfig {
  /**
   * Where the lookup loads its index and follows the feed: a hot standby of DATABASE_URL in another region, say.
   * Unset: DATABASE_URL. Its few writes (rollout reports, snapshot trailers to sign) always go to DATABASE_URL.
   */
  @IsOptional()
  @Transform(emptyAsUnset)
  @Matches(/^postgres(ql)?:\/\//, { message: 'LOOKUP_DATABASE_URL must be a postgres:// or postgresql:// URL' })
  LOOKUP_DATABASE_URL?: string;

  override get readDatabaseUrl(): string | undefined {
    return this.LOOKUP_DATABASE_URL ?? this.DATABASE_URL;
  }

  /** /health/ready says `degraded` once the index may be older than this (database down, or a standby behind). */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(3600)
  LOOKUP_DEGRADED_AFTER_SECONDS = 5;

  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(65535)
  LOOKUP_PORT = 3001;

  /** Its own default, so that both services run on one host with theirs (validated as AppConfig's). */
  override METRICS_PORT = 9465;

  /** Per carrier, per instance; 0 turns the limit off. */
  @Transform(toInt)
  @IsInt()
  @Min(0)
  LOOKUP_RATE_LIMIT_RPS = 10_000;

  /** Snapshots per carrier per minute, per instance (a snapshot streams every number); 0 turns the limit off. */
  @Transform(toInt)
  @IsInt()
  @Min(0)
  LOOKUP_SNAPSHOTS_PER_MIN = 6;

  /** A lookup request slower than this (ms) is logged even when it succeeded. */
  @Transform(toInt)
  @IsInt()
  @Min(0)
  LOOKUP_SLOW_MS = 50;

  /** Per-request lines of the lookup: `off` (errors and slow requests only), `all`, or `sample:<0..1>`. */
  @Matches(/^(off|all|sample:(0(\.\d+)?|1(\.0+)?|\.\d+))$/, { message: 'LOOKUP_ACCESS_LOG must be off, all or sample:<0..1>' })
  LOOKUP_ACCESS_LOG = 'off';

  /** Lookup worker processes on one port (node:cluster), each with its own index: a count, or `auto` (one per core). */
  @Matches(/^(auto|[1-9]\d{0,2})$/, { message: 'LOOKUP_WORKERS must be a positive integer or auto' })
  LOOKUP_WORKERS = '1';

  /**
   * How often (seconds) an instance reports its branded-answer counts and the carriers' sync positions to the
   * registry's database: one batched write, never on a request.
   */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(300)
  LOOKUP_ROLLOUT_REPORT_SECONDS = 10;

  /** Public checks (/v1/public/check, /kiem-tra) per client (IPv4 address, IPv6 /64) in any minute, per instance; 0: off. */
  @Transform(toInt)
  @IsInt()
  @Min(0)
  PUBLIC_CHECK_RATE_PER_MIN = 30;
}

/**
 * Validates the environment as `type`'s settings; throws one error, on one line, naming every wrong variable (never
 * echoing a value: some are secrets).
 */
export function validateConfig<T extends AppConfig>(env: Record<string, unknown>, type: new () => T): T {
  const config = plainToInstance(type, env, { exposeDefaultValues: true, excludeExtraneousValues: false });
  const problems = validateSync(config, { whitelist: false, forbidUnknownValues: false }).map(
    (e) => `${e.property}: ${Object.values(e.constraints ?? {}).join('; ')}`,
  );
  if (config instanceof LookupConfig && config.LOOKUP_DATABASE_URL && !config.DATABASE_URL) {
    problems.push('LOOKUP_DATABASE_URL: needs DATABASE_URL (the primary the lookup writes its reports to)');
  }
  if (config instanceof RegistryConfig && config.NODE_ENV === 'production' && !config.JWT_SECRET) {
    problems.push('JWT_SECRET: required when NODE_ENV=production (at least 32 random characters, e.g. openssl rand -hex 32)');
  }
  if (problems.length > 0) throw new Error(`Invalid configuration: ${problems.join('; ')}`);
  return config;
}

/**
 * The environment as the app's ConfigModule reads it, for checks made before Nest starts (the settings, a secret
 * file): the process's variables over those of `./.env`.
 */
export function readEnvironment(): Record<string, string | undefined> {
  const file = resolve(process.cwd(), '.env');
  const fromFile = existsSync(file) ? parseEnv(readFileSync(file, 'utf8')) : {};
  return { ...fromFile, ...process.env };
}

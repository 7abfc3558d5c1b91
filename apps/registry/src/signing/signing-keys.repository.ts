import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';

// Instances starting together agree on one current key.
const KEY_CHOICE_LOCK = 7142001;

/** The public halves of the registry's signing keys (signing_keys), which one is current, and when one retires. */
@Injectable()
export class SigningKeysRepository {
  async lockKeyChoice(em: EntityManager): Promise<void> {
    await em.query(`SELECT pg_advisory_xact_lock(${KEY_CHOICE_LOCK})`);
  }

  async currentKid(em: EntityManager): Promise<string | null> {
    const [current] = await em.query(`SELECT kid FROM signing_keys WHERE "current"`);
    return current ? current.kid : null;
  }

  /** Records a key's public half; `current`: it replaces the current key (hold the registry version lock). */
  async register(em: EntityManager, kid: string, publicJwk: object, current: boolean): Promise<void> {
    if (current) await em.query(`UPDATE signing_keys SET "current" = false WHERE "current"`);
    await em.query(
      `INSERT INTO signing_keys (kid, public_jwk, "current") VALUES ($1, $2, $3)
       ON CONFLICT (kid) DO UPDATE SET "current" = EXCLUDED."current", retired_at = NULL`,
      [kid, JSON.stringify(publicJwk), current],
    );
  }

  /** Every key not retired, oldest first: the JWKS. */
  published(em: EntityManager): Promise<Array<{ kid: string; public_jwk: Record<string, string> }>> {
    return em.query(`SELECT kid, public_jwk FROM signing_keys WHERE retired_at IS NULL ORDER BY created_at, kid`);
  }

  /** The keys not retired other than `kid`: what re-signing replaces. */
  async othersInUse(em: EntityManager, kid: string): Promise<string[]> {
    const rows: Array<{ kid: string }> = await em.query(`SELECT kid FROM signing_keys WHERE kid <> $1 AND retired_at IS NULL`, [kid]);
    return rows.map((r) => r.kid);
  }

  /** Whether an older key is still in use or anything is unsigned (by index, without a lock: nearly always false). */
  async anythingStale(em: EntityManager): Promise<boolean> {
    const [row] = await em.query(
      `SELECT EXISTS (SELECT 1 FROM signing_keys WHERE NOT "current" AND retired_at IS NULL)
           OR EXISTS (SELECT 1 FROM published_numbers WHERE kid IS NULL)
           OR EXISTS (SELECT 1 FROM registry_changes WHERE op = 'upsert' AND kid IS NULL) AS stale`,
    );
    return row.stale === true;
  }

  /** Retires every older key nothing published or retained in the feed refers to any more: it leaves the JWKS. */
  async retireUnused(em: EntityManager): Promise<void> {
    await em.query(
      `UPDATE signing_keys k SET retired_at = now()
        WHERE NOT k."current" AND k.retired_at IS NULL
          AND NOT EXISTS (SELECT 1 FROM published_numbers p WHERE p.kid = k.kid)
          AND NOT EXISTS (SELECT 1 FROM published_protected_names n WHERE n.kid = k.kid)
          AND NOT EXISTS (SELECT 1 FROM registry_changes c WHERE c.op = 'upsert' AND c.kid = k.kid)`,
    );
  }
}

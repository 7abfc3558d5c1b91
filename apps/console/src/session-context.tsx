import { createContext, useContext, useEffect, useState } from 'react';
import type { ReactNode } from 'react';
import { client, ok } from './api/client';
import type { Me } from './api/types';

export interface SessionContextValue {
  me: Me;
  /** user id → username (regulators only can list users; empty for others). */
  usernames: Map<string, string>;
  signOut: () => void;
  /** After the session's token was replaced here (a second factor confirmed): the console reads the new session. */
  renew: () => void;
}

const SessionContext = createContext<SessionContextValue | null>(null);

export function SessionProvider({ me, signOut, renew, children }: { me: Me; signOut: () => void; renew: () => void; children: ReactNode }) {
  const [usernames, setUsernames] = useState(() => new Map<string, string>([[me.id, me.username]]));
  useEffect(() => {
    if (me.role !== 'regulator') return;
    ok(client.GET('/v1/users')).then(
      (users) => setUsernames(new Map(users.map((u) => [u.id, u.username]))),
      () => {},
    );
  }, [me]);
  return <SessionContext.Provider value={{ me, usernames, signOut, renew }}>{children}</SessionContext.Provider>;
}

export function useSession(): SessionContextValue {
  const s = useContext(SessionContext);
  if (!s) throw new Error('useSession outside SessionProvider');
  return s;
}

/** A user id shown as its username when known, else a short id. */
export function useUserName(): (id: string | null) => string {
  const { usernames, me } = useSession();
  return (id) => {
    if (!id) return '—';
    const name = usernames.get(id) ?? `${id.slice(0, 8)}…`;
    return id === me.id ? `${name} (bạn)` : name;
  };
}

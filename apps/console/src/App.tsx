import { useEffect, useState } from 'react';
import { currentSession, endSession, restoreSession, setSignOutHandler } from './api/session-store';
import type { Session } from './api/session-store';
import type { Me } from './api/types';
import { findRoute, homeOf, mayLand, PUBLIC_ROUTES } from './routes';
import { navigate, SECOND_FACTOR_PATH, useRoute } from './router';
import { SessionProvider } from './session-context';
import { Shell } from './shell/Shell';
import { LoginPage } from './pages/LoginPage';
import { ChangePasswordPage } from './pages/ChangePasswordPage';
import { SecondFactorPage } from './pages/SecondFactorPage';

/**
 * Who is signed in decides what shows: a public page, the sign-in, a second factor to enrol, a forced password
 * change, or the console.
 */
export function App() {
  const [session, setSession] = useState<Session | null>(() => restoreSession());
  const [notice, setNotice] = useState<string | null>(null);
  const route = useRoute();

  useEffect(() => {
    setSignOutHandler((reason) => {
      setSession(null);
      setNotice(reason === 'expired' ? 'Phiên làm việc đã hết hạn. Vui lòng đăng nhập lại.' : 'Bạn đã đăng xuất.');
    });
  }, []);

  /** After signing in (or changing a one-time password): the session, then home unless `stay` allows the route. */
  const signedIn = (stay: (me: Me) => boolean) => () => {
    const s = currentSession();
    setNotice(null);
    setSession(s);
    if (s && !s.me.secondFactorEnrollmentRequired && !stay(s.me)) navigate(homeOf(s.me));
  };

  const open = findRoute(PUBLIC_ROUTES, route);
  // An account that must enrol a second factor has a token for that alone: its own address, and nothing else.
  const enrolling = session?.me.secondFactorEnrollmentRequired ?? false;
  const onPublicPage = open !== null;
  useEffect(() => {
    if (enrolling && !onPublicPage && route !== SECOND_FACTOR_PATH) navigate(SECOND_FACTOR_PATH);
  }, [enrolling, onPublicPage, route]);

  if (open) return open.def.page(signedIn(() => false));
  if (!session) return <LoginPage notice={notice} onSignedIn={signedIn((me) => mayLand(me, route))} />;
  // A second factor to enrol: nothing else until it is confirmed (the registry refuses every other route with
  // SECOND_FACTOR_ENROLLMENT_REQUIRED, before it would ask for a one-time password to be changed).
  if (enrolling) {
    return <SecondFactorPage forced onSignOut={() => endSession('signed-out')} onConfirmed={signedIn(() => false)} />;
  }
  // A one-time password: nothing else until it is changed (the registry refuses every other route meanwhile).
  if (session.me.passwordChangeRequired) {
    return <ChangePasswordPage forced onSignOut={() => endSession('signed-out')} onChanged={signedIn(() => false)} />;
  }
  return (
    <SessionProvider me={session.me} signOut={() => endSession('signed-out')} renew={() => setSession(currentSession())}>
      <Shell me={session.me} route={route} />
    </SessionProvider>
  );
}

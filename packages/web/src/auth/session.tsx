/** The signed-in session: read once at start (GET /auth/session), set by login, cleared by logout. */
import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useState } from "react";
import { api, call, setCsrfToken } from "../api/client.js";
import type { Session } from "../api/types.js";

interface SessionState {
  /** undefined while the first check runs, null when nobody is signed in. */
  session: Session | null | undefined;
  login(username: string, password: string): Promise<void>;
  logout(): Promise<void>;
}

const SessionContext = createContext<SessionState | null>(null);

export function SessionProvider({ children }: { children: ReactNode }) {
  const [session, setSession] = useState<Session | null | undefined>(undefined);

  const accept = useCallback((next: Session | null) => {
    setCsrfToken(next?.csrfToken ?? null);
    setSession(next);
  }, []);

  useEffect(() => {
    // Not signed in (401), or the server is unreachable: the login page it leads to shows the next error.
    call(api.GET("/api/v1/auth/session")).then(accept, () => accept(null));
  }, [accept]);

  const login = useCallback(
    async (username: string, password: string) => {
      accept(await call(api.POST("/api/v1/auth/login", { body: { username, password } })));
    },
    [accept],
  );

  const logout = useCallback(async () => {
    try {
      await call(api.POST("/api/v1/auth/logout"));
    } finally {
      accept(null);
    }
  }, [accept]);

  const value = useMemo(() => ({ session, login, logout }), [session, login, logout]);
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): SessionState {
  const value = useContext(SessionContext);
  if (value === null) throw new Error("useSession outside SessionProvider");
  return value;
}

/** The session inside the signed-in part of the app (the router guarantees there is one). */
export function useSignedIn(): Session {
  const { session } = useSession();
  if (session === null || session === undefined) throw new Error("useSignedIn without a session");
  return session;
}
